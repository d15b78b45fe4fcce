"""Windows that list their days, from Python: "vincristine Day 8 or Day 15" and "consolidation 1 or 2
weeks after induction"."""
import datetime
import json

import pytest

import ttplan

START = datetime.date(2027, 1, 4)  # a Monday

PROTOCOL = json.dumps({
    "format": "ttplan-protocol/2", "id": "allowed", "title": "Allowed days",
    "phases": [
        {"id": "induction", "name": "Induction", "length": "29d",
         "activities": [
             {"name": "Vincristine", "category": "chemotherapy", "days": "8", "window": {"alternatives": [7]}},
             {"name": "Pegaspargase", "category": "chemotherapy", "days": "4", "window": {"after": 2}}]},
        {"id": "consolidation", "name": "Consolidation", "length": "4w",
         "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1"}]},
    ],
    "dependencies": [{"from": "induction", "to": "consolidation", "window": ["1w", "2w"]}],
})


def day(text):
    return datetime.date.fromisoformat(text)


def test_listed_dates():
    s = ttplan.plan(ttplan.parse_protocol(PROTOCOL), START)
    vcr = next(e for e in s.events if e.activity == "Vincristine")
    assert vcr.date == day("2027-01-11")
    assert vcr.window == (day("2027-01-11"), day("2027-01-18"))
    assert vcr.window_dates == [day("2027-01-11"), day("2027-01-18")]
    peg = next(e for e in s.events if e.activity == "Pegaspargase")
    assert peg.window == (day("2027-01-07"), day("2027-01-09")) and peg.window_dates == []  # a range
    induction, consolidation = s.phases
    assert induction.start_window is None and induction.start_dates == []
    assert consolidation.start_window == (day("2027-02-02"), day("2027-02-16"))
    assert consolidation.start_dates == [day("2027-02-02"), day("2027-02-09"), day("2027-02-16")]


def test_the_calendar_moves_to_an_allowed_date():
    s = ttplan.plan(ttplan.parse_protocol(PROTOCOL), START, holidays=["2027-01-11"], shift={"all": "next"})
    vcr = next(e for e in s.events if e.activity == "Vincristine")
    assert (vcr.date, vcr.planned_date) == (day("2027-01-18"), day("2027-01-11"))


def test_bad_alternatives_are_located():
    text = PROTOCOL.replace('"alternatives": [7]', '"alternatives": [7, 7]')
    with pytest.raises(ttplan.ValidationError) as caught:
        ttplan.parse_protocol(text, "allowed.json")
    [problem] = caught.value.problems
    assert problem.location.pointer == "/phases/0/activities/0/window/alternatives/1"
    assert problem.location.line == 1 and "listed twice" in problem.message
