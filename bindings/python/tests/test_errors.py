"""Errors arrive as ttplan.Error subclasses carrying where the problem is."""
import datetime
import json

import pytest

import ttplan
from conftest import START


def test_hierarchy():
    for cls in (ttplan.IoError, ttplan.ParseError, ttplan.ValidationError, ttplan.ParameterError,
                ttplan.PlanningError, ttplan.InvalidValueError):
        assert issubclass(cls, ttplan.Error) and cls.__doc__
    assert issubclass(ttplan.Error, Exception)
    assert issubclass(ttplan.ParameterError, ValueError) and issubclass(ttplan.InvalidValueError, ValueError)
    assert issubclass(ttplan.IoError, OSError)
    assert ttplan.Error.__module__ == "ttplan"


def test_unknown_parameter_lists_declared_ones():
    with pytest.raises(ttplan.ParameterError) as e:
        ttplan.plan(start=START, colour="red")
    assert "colour" in str(e.value) and "ph_positive" in str(e.value)
    assert e.value.message and isinstance(e.value.location, ttplan.Location)


def test_unknown_value_lists_allowed_ones():
    with pytest.raises(ttplan.ParameterError, match="dasatinib") as e:
        ttplan.plan(start=START, tki="aspirin")
    # Located in the parameter map the caller passed, not at a command-line option.
    assert (e.value.location.file, e.value.location.pointer) == ("parameters", "/tki")


def test_bad_dates():
    with pytest.raises(ttplan.InvalidValueError, match="2027-02-30"):
        ttplan.plan(start="2027-02-30")
    with pytest.raises(ttplan.InvalidValueError, match="2027-13-01"):
        ttplan.plan(start=START, actuals={"consolidation": "2027-13-01"})
    with pytest.raises(ttplan.InvalidValueError, match="cycle"):
        ttplan.plan(start=START, delays={"maintenance#x": 1})
    with pytest.raises(ttplan.InvalidValueError, match="weekday"):
        ttplan.plan(start=START, closed=["someday"])
    with pytest.raises(ttplan.InvalidValueError, match="allowed: next, previous, keep"):
        ttplan.plan(start=START, closed=["sat"], shift={"all": "later"})
    with pytest.raises(ttplan.InvalidValueError, match="chemotherapy"):
        ttplan.plan(start=START, shift={"chemo": "next"})


@pytest.mark.parametrize("kwargs,message", [
    ({"closed": ["monkey"]}, 'unknown weekday "monkey"; allowed: mon, tue, wed, thu, fri, sat, sun'),
    ({"closed": ["mo"]}, 'unknown weekday "mo"; allowed: mon, tue, wed, thu, fri, sat, sun'),
    ({"shift": {"chemo": "later"}}, 'unknown shift rule "later"; allowed: next, previous, keep'),
    ({"shift": {"chemo": "next"}}, 'unknown category "chemo"; allowed: all, chemotherapy, targeted, '),
])
def test_clinic_calendar_words_fail_as_on_the_command_line(kwargs, message):
    with pytest.raises(ttplan.InvalidValueError) as e:
        ttplan.plan(start=START, **kwargs)
    assert e.value.message.startswith(message)


def test_unknown_phase_is_a_planning_error():
    with pytest.raises(ttplan.PlanningError, match="no_such_phase"):
        ttplan.plan(start=START, delays={"no_such_phase": 3})


def test_planning_past_9999_fails_cleanly():
    with pytest.raises(ttplan.PlanningError):
        ttplan.plan(start=datetime.date(9999, 6, 1))


def test_missing_file_and_unknown_builtin():
    with pytest.raises(ttplan.IoError, match="no-such-file.json") as e:
        ttplan.load_protocol("no-such-file.json")
    assert e.value.location.file == "no-such-file.json"
    with pytest.raises(ttplan.Error, match="all-overview"):
        ttplan.load_builtin("no-such-protocol")


def test_malformed_json_has_line_and_column(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "format": "ttplan-protocol/1",\n  oops\n}\n')
    with pytest.raises(ttplan.ParseError) as e:
        ttplan.load_protocol(str(f))
    loc = e.value.location
    assert loc.file.endswith("bad.json") and loc.line == 3 and loc.column > 0
    assert str(e.value).startswith(str(loc))
    with pytest.raises(ttplan.ParseError) as e:
        ttplan.parse_protocol("[1, 2", origin="inline")
    assert e.value.location.file == "inline"


def test_dependency_cycle_names_the_phases_and_every_problem_is_listed():
    doc = json.loads(ttplan.load_builtin("all-overview").to_json())
    ids = [p["id"] for p in doc["phases"]]
    doc["dependencies"].append({"from": ids[-1], "to": ids[0]})
    doc["phases"][1]["length"] = "0d"
    with pytest.raises(ttplan.ValidationError) as e:
        ttplan.parse_protocol(json.dumps(doc, indent=2), origin="cycle.json")
    assert "cycle" in str(e.value) and ids[0] in str(e.value)
    problems = e.value.problems
    assert len(problems) >= 2
    assert all(isinstance(p, ttplan.Problem) and p.location.file == "cycle.json" for p in problems)
    assert any(p.location.pointer.startswith("/phases/1") for p in problems)
    assert any(p.location.pointer.startswith("/dependencies") for p in problems)


def test_unknown_format():
    with pytest.raises(ttplan.Error, match="allowed") as e:
        ttplan.plan(start=START).render("docx")
    assert type(e.value) is ttplan.Error


def _no_such_phase():
    ttplan.plan(start=START, delays={"no_such_phase": 3})


# One failure per family: the class it raises and the code it carries.
FAMILIES = [
    ("generic", ttplan.Error, lambda: ttplan.load_builtin("no-such-protocol")),
    ("io", ttplan.IoError, lambda: ttplan.load_protocol("no-such-dir/p.json")),
    ("parse", ttplan.ParseError, lambda: ttplan.parse_protocol("[1, 2")),
    ("validation", ttplan.ValidationError, lambda: ttplan.parse_protocol('{"format": "ttplan-protocol/1"}')),
    ("parameter", ttplan.ParameterError, lambda: ttplan.plan(start=START, colour="red")),
    ("planning", ttplan.PlanningError, _no_such_phase),
    ("value", ttplan.InvalidValueError, lambda: ttplan.plan(start="2027-02-30")),
]


@pytest.mark.parametrize("code,cls,fail", FAMILIES, ids=[f[0] for f in FAMILIES])
def test_each_family_raises_its_class_with_its_code(code, cls, fail):
    with pytest.raises(ttplan.Error) as e:
        fail()
    assert type(e.value) is cls
    assert e.value.code == code
    assert e.value.message and isinstance(e.value.location, ttplan.Location)


def test_families_have_distinct_codes_and_classes():
    assert len({code for code, _, _ in FAMILIES}) == len({cls for _, cls, _ in FAMILIES}) == len(FAMILIES)
    # An unknown format is generic too: a plain ttplan.Error.
    with pytest.raises(ttplan.Error) as e:
        ttplan.plan(start=START).render("docx")
    assert e.value.code == "generic"
