"""Times within a day: Event and Span expose per_day, every_hours, times, duration and after,
read-only, and render() takes a time zone for iCalendar."""
import datetime
import json

import pytest

import ttplan

PROTOCOL = {
    "format": "ttplan-protocol/2", "id": "timed", "title": "Timed",
    "phases": [{"id": "block", "name": "Block", "length": "7d", "activities": [
        {"name": "MTX", "category": "chemotherapy", "days": "1", "every_hours": 12,
         "times": ["10:00", "22:00"], "duration": "24h"},
        {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 42}},
        {"name": "Plain", "category": "assessment", "days": "2"},
        {"name": "Infusion", "category": "immunotherapy", "days": "1-7", "continuous": True, "duration": "7d"},
    ]}],
}


@pytest.fixture
def plan():
    return ttplan.plan(ttplan.parse_protocol(json.dumps(PROTOCOL)), datetime.date(2027, 3, 27))


def test_event_and_span_fields(plan):
    mtx, plain, rescue = sorted(plan.events, key=lambda e: (e.date, e.activity))
    assert mtx.activity == "MTX" and mtx.per_day == 2 and mtx.every_hours == 12
    assert mtx.times == [datetime.time(10, 0), datetime.time(22, 0)]
    assert mtx.duration == datetime.timedelta(hours=24)
    assert mtx.after is None
    # 10:00 on 2027-03-27 + 42 hours: 04:00 on 2027-03-29.
    assert rescue.activity == "Rescue" and rescue.date == datetime.date(2027, 3, 29) and rescue.day == 3
    assert rescue.times == [datetime.time(4, 0)] and rescue.after == ("MTX", 42)
    assert rescue.per_day is None and rescue.duration is None
    assert plain.per_day is None and plain.times == [] and plain.every_hours is None
    (span,) = plan.spans
    assert span.duration == datetime.timedelta(days=7) and span.times == []
    with pytest.raises(AttributeError):
        mtx.per_day = 3


def test_render_in_a_time_zone(plan):
    ics = plan.render("ics", time_zone="Europe/Berlin")
    assert "BEGIN:VTIMEZONE" in ics and "DTSTART;TZID=Europe/Berlin:20270327T100000" in ics
    assert "DTSTART:20270327T100000" in plan.render("ics")  # floating without a zone
    with pytest.raises(ttplan.Error, match="Europe/Atlantis"):
        plan.render("ics", time_zone="Europe/Atlantis")
