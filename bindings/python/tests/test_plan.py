"""Planning from Python: parameters, known dates, the clinic calendar, schedule queries."""
import datetime

import pytest

import ttplan
from conftest import START


@pytest.fixture(scope="module")
def ph_plan():
    return ttplan.plan(start=START, ph_positive=True, tki="dasatinib")


def test_default_plan_has_dated_phases_events_and_spans(ph_plan):
    s = ph_plan
    assert s.protocol.id == ttplan.default_protocol_id()
    assert s.start == START and isinstance(s.end, datetime.date) and s.end > s.start
    assert s.total_days == (s.end - s.start).days + 1
    assert s.parameters["ph_positive"] is True and s.parameters["tki"] == "dasatinib"
    assert s.phases[0].phase == "induction" and s.phases[0].first == START
    assert all(isinstance(p.first, datetime.date) and p.first <= p.last for p in s.phases)
    assert all(p.days == (p.last - p.first).days + 1 for p in s.phases)
    assert [e.date for e in s.events] == sorted(e.date for e in s.events)
    assert all(s.start <= e.date <= s.end for e in s.events)
    maintenance = [p for p in s.phases if p.phase == "maintenance"]
    assert len(maintenance) > 1 and [p.cycle for p in maintenance] == list(range(1, len(maintenance) + 1))
    tki = [t for t in s.spans if t.phase == "" and "asatinib" in t.activity]
    assert len(tki) == 1 and tki[0].category == "targeted"
    assert tki[0].last == maintenance[-1].last


def test_keyword_parameters_take_python_values():
    a = ttplan.plan(start=START, ph_positive=True, tki="dasatinib")
    b = ttplan.plan("all-overview", "2027-01-04", parameters={"ph_positive": "yes", "tki": "dasatinib"})
    assert a == b
    assert ttplan.plan(start=START) != a


def test_protocol_object_and_path(tmp_path):
    p = ttplan.load_builtin("all-overview")
    f = tmp_path / "copy.json"
    f.write_text(p.to_json())
    assert ttplan.plan(p, START) == ttplan.plan(f, START) == ttplan.plan(str(f), START)


def test_queries_by_date(ph_plan):
    s = ph_plan
    day = s.events[0].date
    assert s.events_on(day) == [e for e in s.events if e.date == day]
    mid = s.phases[1].first
    assert s.phases[1] in s.active_on(mid)
    assert s.active_on(s.end + datetime.timedelta(days=1)) == []
    assert all(t.first <= mid <= t.last for t in s.spans_on(mid))
    totals = s.totals_by_phase()
    assert totals[0].phase == "induction" and sum(t.occurrences for t in totals) == len(s.phases)
    assert s.clinic_days == len({e.date for e in s.events})
    assert s.treatment_days >= s.clinic_days


def test_delays_and_actuals_move_later_phases_only():
    base = ttplan.plan(start=START)
    first = {p.phase: p.first for p in base.phases if p.cycle in (None, 1)}
    late = ttplan.plan(start=START, delays={"consolidation": 7})
    moved = {p.phase: p.first for p in late.phases if p.cycle in (None, 1)}
    assert moved["induction"] == first["induction"]
    assert moved["consolidation"] == first["consolidation"] + datetime.timedelta(days=7)
    assert moved["maintenance"] == first["maintenance"] + datetime.timedelta(days=7)
    pinned = ttplan.plan(start=START, actuals={"consolidation": datetime.date(2027, 2, 22)})
    assert [p.first for p in pinned.phases if p.phase == "consolidation"] == [datetime.date(2027, 2, 22)]
    m3 = ttplan.plan(start=START, delays={("maintenance", 3): 5})
    m3b = ttplan.plan(start=START, delays={"maintenance#3": 5})
    assert m3 == m3b
    cycles = {p.cycle: p.first for p in m3.phases if p.phase == "maintenance"}
    base_cycles = {p.cycle: p.first for p in base.phases if p.phase == "maintenance"}
    assert cycles[2] == base_cycles[2] and cycles[3] == base_cycles[3] + datetime.timedelta(days=5)


def test_clinic_calendar_moves_events_off_closed_days():
    s = ttplan.plan(start=START, closed=["sat", "sun"], holidays=["2027-01-04"], shift={"all": "next"})
    assert all(e.date.weekday() < 5 for e in s.events)
    moved = [e for e in s.events if e.planned_date is not None]
    assert moved and all(e.planned_date < e.date for e in moved)
    assert any(e.planned_date == START and e.date == datetime.date(2027, 1, 5) for e in moved)
    assert ttplan.plan(start=START, closed=[0, 6], holidays=[START], shift={"all": "next"}) == s


def test_weekday_words_come_from_the_library_and_close_their_day():
    assert len(ttplan.WEEKDAYS) == 7 and ttplan.WEEKDAYS[0] == "sun"
    base = ttplan.plan(start=START)
    for number, word in enumerate(ttplan.WEEKDAYS):
        closed = ttplan.plan(start=START, closed=[word], shift={"all": "next"})
        assert closed == ttplan.plan(start=START, closed=[number], shift={"all": "next"}), word
        assert closed == ttplan.plan(start=START, closed=[word.upper()], shift={"all": "next"}), word
        # Python's weekday(): Monday = 0; the words count from Sunday.
        assert all((e.date.weekday() + 1) % 7 != number for e in closed.events), word
    assert ttplan.plan(start=START, closed=["Saturday", "sunday"], shift={"all": "next"}) == \
        ttplan.plan(start=START, closed=["sat", "sun"], shift={"all": "next"}) != base


def test_every_shift_rule_word_is_accepted():
    assert set(ttplan.SHIFT_RULES) == {"next", "previous", "keep"}
    plans = {rule: ttplan.plan(start=START, closed=["sat", "sun"], shift={"all": rule}) for rule in ttplan.SHIFT_RULES}
    assert plans["keep"] == ttplan.plan(start=START, closed=["sat", "sun"])
    assert plans["next"] != plans["keep"] and plans["previous"] != plans["keep"] != plans["next"]


def test_bad_argument_types_are_type_errors():
    with pytest.raises(TypeError):
        ttplan.plan(start=1.5)
    with pytest.raises(TypeError):
        ttplan.plan(start=START, ph_positive=1.5)
    with pytest.raises(TypeError):
        ttplan.plan(42, START)
    with pytest.raises(TypeError):
        ttplan.plan(start=START, delays={"consolidation": "7"})
