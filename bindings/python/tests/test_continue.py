"""Continuing a plan with another protocol: where it switches, what is cut, segments, errors."""
import datetime
import json

import pytest

import ttplan
from conftest import START

RELAPSE = datetime.date(2028, 5, 2)


@pytest.fixture(scope="module")
def first():
    return ttplan.plan(start=START, ph_positive=True)


@pytest.fixture(scope="module")
def relapse(first):
    salvage = first.continue_with("blinatumomab", on=RELAPSE, reason="relapse", setting="mrd-positive")
    return salvage.continue_with("allo-hsct")


def test_segments_name_each_protocol_its_start_reason_and_parameters(first, relapse):
    ids = [g.protocol.id for g in relapse.segments]
    assert ids == ["all-overview", "blinatumomab", "allo-hsct"]
    main, salvage, transplant = relapse.segments
    assert main.start == START and main.reason == "" and main.parameters["ph_positive"] is True
    assert salvage.start == RELAPSE and salvage.reason == "relapse"
    assert salvage.parameters == {"setting": "mrd-positive"}
    assert transplant.parameters["conditioning"] == "chemotherapy"
    assert transplant.reason  # ttplan's own description of the switch
    assert salvage.protocol.title == ttplan.load_builtin("blinatumomab").title
    # The main protocol stays the schedule's protocol; the plan it continued is unchanged.
    assert relapse.protocol.id == "all-overview" and relapse.start == START
    assert [g.protocol.id for g in first.segments] == ["all-overview"]
    assert first.end > RELAPSE


def test_the_plan_so_far_is_cut_the_day_before_the_switch(relapse):
    day_before = RELAPSE - datetime.timedelta(days=1)
    ours = [e for e in relapse.events if relapse.protocol_of(e) == "all-overview"]
    assert ours and max(e.date for e in ours) < RELAPSE and all(e.segment == 0 for e in ours)
    cut_phases = [p for p in relapse.phases if p.ending != "none" and relapse.protocol_of(p) == "all-overview"]
    assert [p.last for p in cut_phases] == [day_before]
    assert cut_phases[0].phase == "maintenance" and cut_phases[0].ending == "switch"
    cut_spans = [t for t in relapse.spans if t.ending != "none"]
    assert cut_spans and all(t.last == day_before and t.segment == 0 for t in cut_spans)
    assert all(t.ending == "switch" for t in cut_spans)
    assert any(t.category == "targeted" for t in cut_spans)  # the daily TKI stops at the switch
    assert all(p.ending == "none" for p in relapse.phases if p.segment != 0)


def test_later_protocols_carry_their_id_and_follow_in_order(relapse):
    salvage = [p for p in relapse.phases if relapse.protocol_of(p) == "blinatumomab"]
    transplant = [p for p in relapse.phases if relapse.protocol_of(p) == "allo-hsct"]
    assert {p.segment for p in salvage} == {1} and {p.segment for p in transplant} == {2}
    assert salvage[0].first == RELAPSE and {p.phase for p in salvage} == {"induction_consolidation"}
    assert transplant[0].first == max(p.last for p in salvage) + datetime.timedelta(days=1)
    # Blinatumomab is a continuous infusion: a span, not day events.
    assert {relapse.protocol_of(e) for e in relapse.events} == {"all-overview", "allo-hsct"}
    assert "blinatumomab" in {relapse.protocol_of(t) for t in relapse.spans}
    assert all(e.date >= RELAPSE for e in relapse.events if e.segment != 0)
    assert all(t.first >= RELAPSE for t in relapse.spans if t.segment != 0)
    assert {relapse.protocol_of(t) for t in relapse.totals_by_phase()} == {"all-overview", "blinatumomab", "allo-hsct"}
    assert relapse.end == max(p.last for p in transplant)


def test_after_a_phase_and_after_the_end(first):
    after = first.continue_with("allo-hsct", after="consolidation")
    consolidation_end = max(p.last for p in first.phases if p.phase == "consolidation")
    assert after.segments[1].start == consolidation_end + datetime.timedelta(days=1)
    assert not [p for p in after.phases if p.phase == "maintenance"]
    at_end = first.continue_with(ttplan.load_builtin("allo-hsct"))
    assert at_end.segments[1].start == first.end + datetime.timedelta(days=1)
    assert [p for p in at_end.phases if p.segment == 0] == list(first.phases)
    # The last maintenance cycle was cut by the two-year limit, not by the switch.
    last = [p for p in at_end.phases if at_end.protocol_of(p) == "all-overview"][-1]
    assert last.ending == "limit"


def test_known_dates_of_the_next_protocol(first):
    planned = first.continue_with("allo-hsct", on=RELAPSE)
    late = first.continue_with("allo-hsct", on=RELAPSE, delays={"transplant": 5})
    moved = {p.phase: p.first for p in late.phases if late.protocol_of(p) == "allo-hsct"}
    before = {p.phase: p.first for p in planned.phases if planned.protocol_of(p) == "allo-hsct"}
    assert moved["transplant"] == before["transplant"] + datetime.timedelta(days=5)
    assert moved["conditioning"] == before["conditioning"]


def test_json_and_every_format_equal_the_cli(relapse, cli, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    args = ["plan", "--start", START.isoformat(), "--set", "ph_positive=true",
            "--then", f"blinatumomab@{RELAPSE.isoformat()}", "--set", "blinatumomab.setting=mrd-positive",
            "--then", "allo-hsct"]
    plan = ttplan.plan(start=START, ph_positive=True).continue_with(
        "blinatumomab", on=RELAPSE, setting="mrd-positive").continue_with("allo-hsct")
    theirs = json.loads(cli(*args, "--format", "json"))
    assert json.loads(plan.to_json()) == theirs
    assert [g["protocol"]["id"] for g in theirs["segments"]] == ["all-overview", "blinatumomab", "allo-hsct"]
    for name in ttplan.format_names():
        assert plan.render(name, today=RELAPSE) == cli(*args, "--today", RELAPSE.isoformat(), "--format", name), name
    # A reason of the caller's own is what the JSON records.
    assert json.loads(relapse.to_json())["segments"][1]["reason"] == "relapse"


def test_errors_name_the_culprit(first):
    with pytest.raises(ttplan.PlanningError, match="before"):
        first.continue_with("allo-hsct", on=START - datetime.timedelta(days=1))
    with pytest.raises(ttplan.PlanningError, match="consolidation") as raised:
        first.continue_with("allo-hsct", after="no_such_phase")
    assert "no_such_phase" in str(raised.value)
    with pytest.raises(ttplan.ParameterError, match="relapsed-refractory"):
        first.continue_with("blinatumomab", setting="sometimes")
    with pytest.raises(ttplan.InvalidValueError, match="2028-02-30"):
        first.continue_with("allo-hsct", on="2028-02-30")
    with pytest.raises(TypeError, match="not both"):
        first.continue_with("allo-hsct", on=RELAPSE, after="induction")
    with pytest.raises(ttplan.Error):
        first.continue_with("no-such-protocol")


def test_help_describes_continue_with():
    doc = ttplan.Schedule.continue_with.__doc__
    assert "on=" in doc and "after=" in doc and "cut" in doc
    assert ttplan.Segment.__doc__ and "ttplan.Segment" in ttplan.Schedule.segments.__doc__
