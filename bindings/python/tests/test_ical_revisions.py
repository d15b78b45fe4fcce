"""A re-planned calendar as clients take it: revision 1 of a plan, then revision 2 after delayed
intensification started 12 weeks late, which drops the last maintenance cycle (maintenance runs
to a limit counted from before the delay). Written with previous=revision 1, revision 2 carries
the dropped items as STATUS:CANCELLED events under their old UIDs: Python's icalendar reads
them, and recurring-ical-events leaves nothing but cancelled events of them in the range. The
change list names the same items. (Real clients importing a record's revisions are tested with
the CLI, in tests/py/test_record_calendars.py.)"""
import datetime as dt
import json
import re

import icalendar
import pytest
import recurring_ical_events

import ttplan

START = dt.date(2027, 1, 4)
ID = "clinic-42"


def plan(days):
    return ttplan.plan(start=START, delays={"delayed_intensification": days})


@pytest.fixture(scope="module")
def revisions():
    """(revision 1 schedule, revision 2 schedule, revision 1 ics, revision 2 ics)."""
    first, second = plan(0), plan(84)
    one = first.render("ics", calendar_id=ID, sequence=0)
    two = second.render("ics", calendar_id=ID, sequence=1, previous=first)
    return first, second, one, two


def vevents(text):
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def removed_uids(first, second):
    return {c["uid"] for c in json.loads(first.changes(second, calendar_id=ID, format="json"))["changes"]
            if c["kind"] == "removed"}


def test_icalendar_reads_cancelled_events(revisions):
    first, second, one, two = revisions
    old = {str(e["UID"]): e for e in vevents(one)}
    cancelled = {str(e["UID"]): e for e in vevents(two) if str(e["STATUS"]) == "CANCELLED"}
    assert cancelled and set(cancelled) == removed_uids(first, second)
    for uid, e in cancelled.items():
        assert e.decoded("SEQUENCE") == 1
        assert e.decoded("DTSTART") == old[uid].decoded("DTSTART")
        assert str(e["SUMMARY"]) == str(old[uid]["SUMMARY"])
    # Everything else is the plain revision 2.
    live = [e for e in vevents(two) if str(e["STATUS"]) != "CANCELLED"]
    assert [str(e["UID"]) for e in live] == [str(e["UID"]) for e in vevents(second.render("ics", calendar_id=ID))]


def test_recurring_ical_events_leaves_no_live_removed_event(revisions):
    first, second, one, two = revisions
    removed = removed_uids(first, second)
    begin, end = START, plan(0).end + dt.timedelta(days=1)
    in_range = recurring_ical_events.of(icalendar.Calendar.from_ical(two)).between(begin, end)
    assert {str(e["UID"]) for e in in_range if str(e["STATUS"]) == "CANCELLED"} == removed
    assert not any(str(e["UID"]) in removed and str(e["STATUS"]) != "CANCELLED" for e in in_range)

    # Both revisions stored together, as a store that keeps every import: for the removed items
    # the higher SEQUENCE wins, so only their cancelled versions remain.
    merged = icalendar.Calendar.from_ical(one)
    for e in vevents(two):
        merged.add_component(e)
    in_range = recurring_ical_events.of(merged).between(begin, end)
    for e in in_range:
        if str(e["UID"]) in removed:
            assert str(e["STATUS"]) == "CANCELLED" and e.decoded("SEQUENCE") == 1


def test_derived_calendar_id(revisions):
    first, second, _, _ = revisions
    assert re.fullmatch(r"[0-9a-f]{16}", first.calendar_id())
    assert first.calendar_id() == second.calendar_id()  # a delay is not part of the plan's identity
    assert first.calendar_id(ID) == ID
    assert first.render("ics") == first.render("ics", calendar_id=first.calendar_id())
    with pytest.raises(ttplan.InvalidValueError, match="calendar_id"):
        first.calendar_id("has spaces")
