"""Uncertain lengths: phases, events, spans, decisions and the schedule carry the earliest and
latest dates an uncertain length may move them to, as the JSON schedule does."""
import datetime
import json

import ttplan

D = datetime.date

PROTOCOL = {
    "format": "ttplan-protocol/2", "id": "uncertain", "title": "Uncertain",
    "parameters": [{"name": "response", "type": "choice", "choices": ["good", "poor"], "default": "good",
                    "decided": {"at": {"phase": "courses", "day": 1}, "by": "Marrow"}}],
    "phases": [
        {"id": "recovery", "name": "Count recovery",
         "length": {"expected": "2w", "shortest": "1w", "longest": "6w", "reason": "until counts recover"},
         "activities": [{"name": "Blood count", "category": "assessment", "days": "1,8"}]},
        {"id": "courses", "name": "Courses", "length": "21d", "repeat": {"count": 2},
         "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1"},
                        {"name": "Stay", "category": "hospital-stay", "days": "1-3", "continuous": True}]},
    ],
    "dependencies": [{"from": "recovery", "to": "courses"}],
}


def plan():
    return ttplan.plan(ttplan.parse_protocol(json.dumps(PROTOCOL)), D(2027, 1, 4))


def test_phases_carry_their_possible_dates():
    s = plan()
    recovery, course1, course2 = s.phases
    assert recovery.uncertain_length == ("1w", "6w", "until counts recover")
    assert recovery.possible_start is None
    assert recovery.possible_end == (D(2027, 1, 10), D(2027, 2, 14))
    assert not recovery.tentative
    assert course1.uncertain_length is None
    assert course1.possible_start == (D(2027, 1, 11), D(2027, 2, 15))
    assert course1.tentative
    assert course2.possible_end == (D(2027, 2, 21), D(2027, 3, 28))
    assert s.possible_end == (D(2027, 2, 21), D(2027, 3, 28))


def test_events_spans_and_decisions_move_with_them():
    s = plan()
    day1, day8 = [e for e in s.events if e.activity == "Blood count"]
    assert day1.possible_date is None and not day1.tentative
    assert day8.possible_date is None and day8.tentative  # a one-week recovery has no Day 8
    cyt = [e for e in s.events if e.activity == "Cytarabine"]
    assert cyt[0].possible_date == (D(2027, 1, 11), D(2027, 2, 15))
    stay = s.spans[0]
    assert stay.possible_start == (D(2027, 1, 11), D(2027, 2, 15))
    assert stay.possible_end == (D(2027, 1, 13), D(2027, 2, 17))
    (decision,) = s.decisions
    assert decision.possible_date == (D(2027, 1, 11), D(2027, 2, 15)) and decision.tentative


def test_same_as_the_json_schedule():
    s = plan()
    doc = json.loads(s.to_json())
    assert doc["earliest_end"] == s.possible_end[0].isoformat()
    assert doc["latest_end"] == s.possible_end[1].isoformat()
    for phase, item in zip(s.phases, doc["phases"]):
        if phase.possible_start is None:
            assert "earliest_start" not in item
        else:
            assert item["earliest_start"] == phase.possible_start[0].isoformat()
            assert item["latest_start"] == phase.possible_start[1].isoformat()
    assert doc["decisions"][0]["earliest_date"] == "2027-01-11"


def test_fixed_lengths_move_nothing():
    fixed = json.loads(json.dumps(PROTOCOL))
    fixed["phases"][0]["length"] = "2w"
    s = ttplan.plan(ttplan.parse_protocol(json.dumps(fixed)), D(2027, 1, 4))
    assert s.possible_end is None
    assert all(p.possible_start is None and p.possible_end is None for p in s.phases)
    assert all(e.possible_date is None for e in s.events)
