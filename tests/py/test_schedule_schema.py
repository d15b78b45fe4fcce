"""Every JSON schedule the CLI writes validates against the published schedule schema, dates
checked as calendar dates."""
import copy

import jsonschema
import pytest

from conftest import format_errors, plan_json, run, validate


@pytest.mark.parametrize("protocol", [line.split()[0] for line in run("protocols").stdout.splitlines()
                                      if line and not line.startswith(" ")])
def test_builtin_plans_match_schema(protocol):
    validate(plan_json(protocol, "--start", "2027-01-04"), "schedule")


@pytest.mark.parametrize("sets", [["ph_positive=true", "tki=dasatinib"], ["cns_prophylaxis=radiation"]])
def test_branches_match_schema(sets):
    args = [a for s in sets for a in ("--set", s)]
    validate(plan_json("--start", "2027-01-04", *args), "schedule")


@pytest.fixture(scope="module")
def default_plan():
    return plan_json("--start", "2027-01-04")


def test_schema_rejects_a_broken_document(default_plan):
    doc = copy.deepcopy(default_plan)
    doc["events"][0]["date"] = "4 Jan 2027"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "schedule")


PLACES = {
    "start": lambda doc, date: doc.update(start=date),
    "phase-end": lambda doc, date: doc["phases"][0].update(end=date),
    "event-date": lambda doc, date: doc["events"][0].update(date=date),
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("date", ["2027-13-45", "2027-02-29", "2027-04-31", "2027-00-10"])
def test_schema_rejects_a_date_that_is_no_calendar_date(default_plan, date, place):
    # Each has the shape YYYY-MM-DD that the pattern asks for: only the format check refuses it.
    doc = copy.deepcopy(default_plan)
    PLACES[place](doc, date)
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "schedule")
    assert format_errors(doc, "schedule") == [date]


def test_schema_takes_a_leap_day():
    doc = plan_json("--start", "2028-02-29")
    assert doc["start"] == "2028-02-29"
    validate(doc, "schedule")
