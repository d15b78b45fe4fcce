"""Decisions taken during treatment and windows, from Python: the default protocol's end-of-induction MRD
decision and its pegaspargase window."""
import datetime
import json

import pytest

import ttplan

START = datetime.date(2027, 1, 4)


def test_a_pending_decision_and_what_waits_on_it():
    s = ttplan.plan(start=START)
    assert len(s.decisions) == 1
    d = s.decisions[0]
    assert isinstance(d, ttplan.Decision)
    assert (d.parameter, d.date, d.phase, d.day, d.cycle) == (
        "induction_response", datetime.date(2027, 2, 1), "induction", 29, None)
    assert d.pending and d.value is None and d.assumed == "mrd_negative"
    assert d.options == ["mrd_negative", "mrd_positive"]
    assert "MRD" in d.decided_by
    for e in s.events:
        assert e.pending == (["induction_response"] if e.date > d.date else [])
    assert s.phases[0].pending == [] and s.phases[1].pending == ["induction_response"]
    assert all(t.pending == ["induction_response"] for t in s.spans if t.last > d.date)


def test_a_given_value_is_followed():
    s = ttplan.plan(start=START, induction_response="mrd_positive")
    d = s.decisions[0]
    assert not d.pending and d.value == "mrd_positive"
    assert [p.phase for p in s.phases][:2] == ["induction", "consolidation_augmented"]
    assert all(p.pending == [] for p in s.phases)
    doc = json.loads(s.render("json"))
    assert doc["decisions"][0]["value"] == "mrd_positive" and doc["decisions"][0]["pending"] is False


def test_the_protocol_says_what_decides_a_parameter():
    p = ttplan.load_builtin("all-overview")
    by_name = {q.name: q for q in p.parameters}
    assert by_name["induction_response"].decided_in == "induction"
    assert "Day 29" in by_name["induction_response"].decided_by
    assert by_name["ph_positive"].decided_by is None and by_name["ph_positive"].decided_in is None


def test_treatment_and_clinic_days():
    s = ttplan.plan(start=START)
    event_days = {e.date for e in s.events}
    assert s.clinic_days == len(event_days)
    covered = set(event_days)
    for t in s.spans:
        if t.category != "restriction":
            covered.update(t.first + datetime.timedelta(days=k) for k in range(t.days))
    assert s.treatment_days == len(covered) > s.clinic_days


def test_windows():
    s = ttplan.plan(start=START)
    peg = next(e for e in s.events if e.activity == "Pegaspargase" and e.phase == "induction")
    assert peg.window == (datetime.date(2027, 1, 7), datetime.date(2027, 1, 9))
    assert all(e.window is None for e in s.events if e.activity == "Vincristine")
    assert all(p.start_window is None for p in s.phases)


def test_plan_branches():
    branches = ttplan.plan_branches(start=START, ph_positive=True)
    assert [label for label, _ in branches] == ["induction_response=mrd_negative", "induction_response=mrd_positive"]
    neg, pos = (s for _, s in branches)
    assert neg.end == ttplan.plan(start=START, ph_positive=True, induction_response="mrd_negative").end
    assert (pos.end - neg.end).days == 28
    assert all(not d.pending for d in pos.decisions) and pos.parameters["ph_positive"] is True
    with pytest.raises(ttplan.ParameterError, match="not decided during treatment"):
        ttplan.plan_branches(start=START, decisions=["ph_positive"])
    with pytest.raises(ttplan.ParameterError, match="no decision left open"):
        ttplan.plan_branches(start=START, induction_response="mrd_positive")
