"""Protocol.describe() and Schedule.summary_text(): the texts of `ttplan show` and `ttplan summary`."""
import pytest

import ttplan
from conftest import START

BUILTIN_IDS = [entry.id for entry in ttplan.protocols()]


@pytest.mark.parametrize("protocol_id", BUILTIN_IDS)
def test_describe_equals_cli_show(cli, protocol_id):
    assert ttplan.load_builtin(protocol_id).describe() == cli("show", protocol_id)


def test_describe_names_what_the_protocol_declares():
    p = ttplan.load_builtin("all-overview")
    text = p.describe()
    assert text.startswith(f"{p.title}\n{p.id} (version {p.version})\n")
    for param in p.parameters:
        # The name --set takes, then the label readers see.
        assert param.label, param.name
        assert f"\n  {param.name}, {param.label} (" in text, param.name
    for phase_id in p.phase_ids:
        assert f"\n  {phase_id} (" in text, phase_id
    assert text.endswith(f"\n{ttplan.DISCLAIMER}\n")


@pytest.mark.parametrize("kwargs,args", [
    ({}, []),
    ({"ph_positive": True, "tki": "dasatinib"}, ["--set", "ph_positive=true", "--set", "tki=dasatinib"]),
    ({"closed": ["sat", "sun"], "shift": {"all": "next"}},
     ["--closed", "sat", "--closed", "sun", "--shift", "all=next"]),
])
def test_summary_text_equals_cli_summary(cli, kwargs, args):
    ours = ttplan.plan(start=START, **kwargs).summary_text()
    assert ours == cli("summary", "--start", START.isoformat(), *args)


def test_summary_text_of_a_continued_plan_equals_cli(cli):
    s = ttplan.plan(start=START).continue_with("blinatumomab", on="2028-05-02").continue_with("allo-hsct")
    expected = cli("summary", "--start", START.isoformat(), "--then", "blinatumomab@2028-05-02",
                   "--then", "allo-hsct")
    assert s.summary_text() == expected


def test_summary_text_lists_every_phase_with_its_days():
    s = ttplan.plan(start=START)
    text = s.summary_text()
    for total in s.totals_by_phase():
        assert f"\n  {total.name} " in text and f" {total.days} " in text, total.name
    assert f"Whole treatment: {s.start.isoformat()} to {s.end.isoformat()}, {s.total_days} days" in text


def test_parameters_carry_their_words_for_readers():
    by_name = {p.name: p for p in ttplan.load_builtin("all-overview").parameters}
    ph = by_name["ph_positive"]
    assert ph.label == "Philadelphia chromosome (BCR-ABL1)"
    assert ph.value_labels == {"false": "negative", "true": "positive"}
    # show lists the labelled values in declaration order.
    assert "values in words: false = negative, true = positive" in ttplan.load_builtin("all-overview").describe()
    # A parameter without words reads as itself: empty label, no value labels.
    bare = ttplan.parse_protocol(
        '{"format": "ttplan-protocol/2", "id": "p", "title": "P",'
        ' "parameters": [{"name": "flag", "type": "bool", "default": false}],'
        ' "phases": [{"id": "a", "name": "A", "length": "1w",'
        ' "activities": [{"name": "X", "category": "chemotherapy", "days": "1"}]}]}'
    )
    assert bare.parameters[0].label == ""
    assert bare.parameters[0].value_labels == {}
