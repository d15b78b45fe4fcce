"""Reminders from Python: render(..., remind=...) takes the text `ttplan plan --remind` takes or
datetime.timedelta values, writes one VALARM per length on every treatment day, and refuses
what it cannot write with an InvalidValueError located at remind[i]."""
import datetime as dt
import re

import icalendar
import pytest

import ttplan

START = dt.date(2027, 1, 4)
DAY_TITLE = re.compile(r" Day -?\d+: ")


@pytest.fixture(scope="module")
def plan():
    return ttplan.plan(start=START)


def triggers_by_event(text):
    """[(summary, [trigger timedelta, ...])] of every VEVENT, in order."""
    cal = icalendar.Calendar.from_ical(text)
    return [(str(ev["SUMMARY"]), [a.decoded("TRIGGER") for a in ev.walk("VALARM")]) for ev in cal.walk("VEVENT")]


def test_text_and_timedelta_give_the_same_calendar(plan):
    text = plan.render("ics", calendar_id="py-1", timestamp=0, remind=["1d", "2h"])
    assert plan.render("ics", calendar_id="py-1", timestamp=0,
                       remind=[dt.timedelta(hours=2), dt.timedelta(days=1)]) == text
    assert plan.render("ics", calendar_id="py-1", timestamp=0, remind=("2h", dt.timedelta(hours=24), "1d")) == text
    days = 0
    for summary, triggers in triggers_by_event(text):
        if DAY_TITLE.search(summary):
            days += 1
            assert triggers == [-dt.timedelta(days=1), -dt.timedelta(hours=2)], summary
        else:
            assert triggers == [], summary
    assert days == len({(e.phase, e.cycle, e.day, e.date) for e in plan.events})


def test_a_single_length_and_none(plan):
    one = plan.render("ics", calendar_id="py-1", timestamp=0, remind="30m")
    assert plan.render("ics", calendar_id="py-1", timestamp=0, remind=dt.timedelta(minutes=30)) == one
    assert "TRIGGER:-PT30M\r\n" in one
    plain = plan.render("ics", calendar_id="py-1", timestamp=0)
    assert "VALARM" not in plain
    assert plan.render("ics", calendar_id="py-1", timestamp=0, remind=None) == plain
    assert plan.render("ics", calendar_id="py-1", timestamp=0, remind=[]) == plain


def test_matches_the_command_line(plan, cli):
    ours = plan.render("ics", calendar_id="py-1", timestamp=0, remind=["1w", "90m"])
    theirs = cli("plan", "--start", START.isoformat(), "-f", "ics", "--calendar-id", "py-1", "--timestamp", "0",
                 "--remind", "1w", "--remind", "90m")
    assert ours == theirs


@pytest.mark.parametrize("remind,where,says", [
    (["1d", "0d"], "remind[1]", "zero"),
    (["-1d"], "remind[0]", "without a sign"),
    (["1x"], "remind[0]", "unknown unit"),
    (["5w"], "remind[0]", "more than 4 weeks"),
    ([dt.timedelta(0)], "remind[0]", "from 1 minute to 4 weeks"),
    ([dt.timedelta(days=-1)], "remind[0]", "from 1 minute to 4 weeks"),
    ([dt.timedelta(weeks=5)], "remind[0]", "from 1 minute to 4 weeks"),
    ([dt.timedelta(seconds=90)], "remind[0]", "whole number of minutes"),
    ([60], "remind[0]", "datetime.timedelta, not int"),
    ("1x", "remind", "unknown unit"),
    (60, "remind", "not int"),
    ([f"{n}h" for n in range(1, 12)], "remind", "at most 10"),
])
def test_bad_reminders_are_located(plan, remind, where, says):
    with pytest.raises(ttplan.InvalidValueError, match=says) as e:
        plan.render("ics", remind=remind)
    assert e.value.location.file == where


def test_only_ics_takes_reminders(plan, tmp_path):
    for name in ttplan.format_names():
        if name == "ics":
            continue
        with pytest.raises(ttplan.InvalidValueError, match="only the ics format") as e:
            plan.render(name, remind=["1d"])
        assert e.value.location.file == "remind"
    target = tmp_path / "plan.csv"
    with pytest.raises(ttplan.InvalidValueError):
        plan.write(str(target), "csv", remind=["1d"])
    assert not target.exists()
    good = tmp_path / "plan.ics"
    plan.write(str(good), "ics", remind=["1d"])
    assert "TRIGGER:-P1D" in good.read_text()


def test_a_record_takes_reminders_and_its_cancelled_events_have_none():
    record = ttplan.new_record("all-overview", START, recorded_at=0)
    record.add(delay="delayed_intensification=84", recorded_at=0)
    text = record.render("ics", remind=["1d"])
    cal = icalendar.Calendar.from_ical(text)
    cancelled = [ev for ev in cal.walk("VEVENT") if str(ev["STATUS"]) == "CANCELLED"]
    assert cancelled and all(not ev.walk("VALARM") for ev in cancelled)
    assert "TRIGGER:-P1D\r\n" in text
    with pytest.raises(ttplan.InvalidValueError) as e:
        record.render("ics", remind=["0m"])
    assert e.value.location.file == "remind[0]"
