"""Dates wherever the API takes one: datetime.date, datetime.datetime and pandas.Timestamp at
midnight (an aware one on its own wall clock), numpy.datetime64 and "YYYY-MM-DD"; a time of
day, NaT or a unit coarser than a day is an InvalidValueError naming the argument."""
import datetime

import numpy as np
import pandas as pd
import pytest

import ttplan
from conftest import START

BERLIN = datetime.timezone(datetime.timedelta(hours=1))
NEW_YORK = datetime.timezone(datetime.timedelta(hours=-5))

SAME_DAY = [
    START,
    "2027-01-04",
    datetime.datetime(2027, 1, 4),
    datetime.datetime(2027, 1, 4, tzinfo=NEW_YORK),
    pd.Timestamp("2027-01-04"),
    pd.Timestamp("2027-01-04", tz="Europe/Berlin"),  # 2027-01-03 23:00 in UTC: still the 4th
    pd.Timestamp("2027-01-04", tz="America/Los_Angeles"),  # 08:00 UTC: still the 4th
    np.datetime64("2027-01-04"),
    np.datetime64("2027-01-04T00:00"),
    np.datetime64("2027-01-04T00:00:00.000000000"),
]


@pytest.mark.parametrize("start", SAME_DAY, ids=repr)
def test_every_kind_of_date_plans_the_same(start):
    plan = ttplan.plan(start=start)
    assert plan.start == START and plan == ttplan.plan(start=START)


@pytest.mark.parametrize("on", SAME_DAY, ids=repr)
def test_schedule_queries_take_every_kind(on):
    plan = ttplan.plan(start=START)
    assert plan.events_on(on) == plan.events_on(START) != []
    assert plan.active_on(on) == plan.active_on(START) != []
    assert plan.spans_on(on) == plan.spans_on(START)


def test_actuals_holidays_and_continuations_take_every_kind():
    base = ttplan.plan(start=START, actuals={"consolidation": datetime.date(2027, 2, 8)},
                       holidays=[datetime.date(2027, 1, 11)], closed=["sun"], shift={"all": "next"})
    other = ttplan.plan(start=pd.Timestamp(START), actuals={"consolidation": np.datetime64("2027-02-08")},
                        holidays=[pd.Timestamp("2027-01-11", tz="Europe/Berlin")], closed=["sun"],
                        shift={"all": "next"})
    assert base == other
    assert ttplan.plan_branches(start=np.datetime64("2027-01-04")) == ttplan.plan_branches(start=START)
    on = datetime.date(2028, 5, 2)
    assert base.continue_with("blinatumomab", on=pd.Timestamp(on)) == base.continue_with("blinatumomab", on=on)
    assert base.continue_with("blinatumomab", on=np.datetime64(on)) == base.continue_with("blinatumomab", on=on)


@pytest.mark.parametrize("value, says", [
    (datetime.datetime(2027, 1, 4, 9, 0), "datetime 2027-01-04 09:00:00 has a time of day"),
    (datetime.datetime(2027, 1, 4, 0, 0, 0, 1), "has a time of day"),
    (datetime.datetime(2027, 1, 4, 12, tzinfo=BERLIN), "has a time of day"),
    (pd.Timestamp("2027-01-04 00:00:00.000000001"), "Timestamp 2027-01-04 00:00:00.000000001 has a time of day"),
    (pd.Timestamp("2027-01-04 23:59"), "has a time of day"),
    (np.datetime64("2027-01-04T10:30"), r"numpy.datetime64\('2027-01-04T10:30'\) has a time of day"),
    (np.datetime64("2027-01"), "in units of 'M', not a day"),
    (np.datetime64("2027"), "in units of 'Y', not a day"),
    (np.datetime64("NaT"), "NaT"),
    (pd.NaT, "NaT"),
    (np.datetime64("10000-01-01"), "outside the years 1 to 9999"),
    ("2027-02-30", "2027-02-30"),
])
def test_what_is_not_a_whole_day_is_an_invalid_value(value, says):
    with pytest.raises(ttplan.InvalidValueError, match=says) as e:
        ttplan.plan(start=value)
    assert str(e.value.message).startswith("start: ")
    assert e.value.code == "value"
    with pytest.raises(ttplan.InvalidValueError, match="holidays: "):
        ttplan.plan(start=START, holidays=[value])
    with pytest.raises(ttplan.InvalidValueError, match=says):
        ttplan.plan(start=START).events_on(value)


@pytest.mark.parametrize("value", [1.5, 20270104, b"2027-01-04", datetime.time(0, 0), pd.Timedelta(days=1)], ids=repr)
def test_other_types_are_type_errors_naming_the_argument(value):
    with pytest.raises(TypeError, match=f"start: expected a date .* not {type(value).__name__}"):
        ttplan.plan(start=value)
    with pytest.raises(TypeError, match="on: expected a date"):
        ttplan.plan(start=START).continue_with("blinatumomab", on=value)
    with pytest.raises(TypeError):
        ttplan.plan(start=START).events_on(value)


def test_dates_come_back_as_datetime_date():
    plan = ttplan.plan(start=pd.Timestamp(START))
    assert type(plan.start) is datetime.date and type(plan.events[0].date) is datetime.date
