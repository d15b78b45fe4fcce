"""Rendering from Python matches the CLI byte for byte, and files are written atomically."""
import json

import pytest

import ttplan
from conftest import START

CASES = [
    ({}, []),
    ({"ph_positive": True, "tki": "dasatinib"}, ["--set", "ph_positive=true", "--set", "tki=dasatinib"]),
    ({"cns_prophylaxis": "radiation", "delays": {"maintenance#2": 9}, "actuals": {"consolidation": "2027-02-15"}},
     ["--set", "cns_prophylaxis=radiation", "--delay", "maintenance#2=9", "--actual", "consolidation=2027-02-15"]),
]


def first_difference(a, b):
    """The first differing line, so a failure reads quickly (pytest's full diff of two
    100 kB documents takes minutes)."""
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return f"line {i}:\n  ours: {x!r}\n  cli:  {y!r}"
    return f"lengths {len(a)} and {len(b)}"


@pytest.mark.parametrize("kwargs,args", CASES)
def test_to_json_equals_cli_json(cli, kwargs, args):
    ours = json.loads(ttplan.plan(start=START, **kwargs).to_json())
    theirs = json.loads(cli("plan", "--start", START.isoformat(), *args, "--format", "json"))
    assert ours == theirs
    assert ours["start"] == "2027-01-04"


def test_render_every_format_like_the_cli(cli, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    s = ttplan.plan(start=START, ph_positive=True)
    names = ttplan.format_names()
    assert {"text", "json", "ics"} <= set(names)
    # The same reader's day on both sides (the command line's default is the local date).
    for name in names:
        ours = s.render(name, today="2027-02-01")
        theirs = cli("plan", "--start", START.isoformat(), "--set", "ph_positive=true", "--today", "2027-02-01",
                     "--format", name)
        same = ours == theirs
        assert same, f"{name}: {first_difference(ours, theirs)}"
    assert s.render() == s.render("text") and ttplan.DISCLAIMER in s.render()
    assert s.render("json") == s.to_json()


def test_ics_options():
    s = ttplan.plan(start=START)
    ics = s.render("ics", calendar_id="clinic-42", calendar_name="Plan for A", sequence=3, timestamp=1798761600)
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert "SEQUENCE:3" in ics and "DTSTAMP:20270101T000000Z" in ics and "Plan for A" in ics
    assert ics == s.render("ics", calendar_id="clinic-42", calendar_name="Plan for A", sequence=3,
                           timestamp=1798761600)
    uids = {line for line in ics.splitlines() if line.startswith("UID:")}
    other = {line for line in s.render("ics", calendar_id="clinic-43").splitlines() if line.startswith("UID:")}
    assert uids and not uids & other
    with pytest.raises(ttplan.InvalidValueError, match="calendar_id"):
        s.render("ics", calendar_id="has spaces")


def test_csv_rows_option():
    s = ttplan.plan(start=START)
    if "csv" not in ttplan.format_names():
        pytest.skip("no csv format")
    assert s.render("csv", csv_rows="phases") != s.render("csv")
    with pytest.raises(ttplan.InvalidValueError, match="events, phases"):
        s.render("csv", csv_rows="weeks")


def test_write_is_atomic(tmp_path):
    s = ttplan.plan(start=START)
    out = tmp_path / "plan.ics"
    s.write(str(out), "ics", calendar_id="c1")
    assert out.read_bytes().decode() == s.render("ics", calendar_id="c1")
    out.write_text("old")
    with pytest.raises(ttplan.Error, match="docx"):
        s.write(str(out), "docx")
    assert out.read_text() == "old"
    with pytest.raises(ttplan.IoError, match="no-such-dir"):
        s.write(str(tmp_path / "no-such-dir" / "plan.txt"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics"]


def test_readme_example_runs():
    import datetime

    plan = ttplan.plan("all-overview", datetime.date(2027, 1, 4), ph_positive=True)
    for phase in plan.phases[:3]:
        assert f"{phase.name}: {phase.first} to {phase.last}"
    assert "Induction" in plan.render("text")


def test_format_table_names_suffixes_and_lookup():
    table = ttplan.formats()
    assert [f.name for f in table] == ttplan.format_names()
    assert all(f.summary for f in table)
    assert next(f for f in table if f.name == "html").suffixes == [".html", ".htm"]
    for f in table:
        for suffix in f.suffixes:
            assert ttplan.format_for_path("plan" + suffix.upper()).name == f.name
    assert ttplan.format_for_path("out/plan.markdown").name == "md"
    assert ttplan.format_for_path("plan.docx") is None
    assert ttplan.format_for_path("plan") is None


def test_ics_stamp_ignores_the_environment(monkeypatch):
    # SOURCE_DATE_EPOCH is read by the command line only; from Python, pass timestamp=.
    s = ttplan.plan(start=START)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert "DTSTAMP:20270104T000000Z" in s.render("ics")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert "DTSTAMP:20270104T000000Z" in s.render("ics")
    assert "DTSTAMP:20231114T221320Z" in s.render("ics", timestamp=1700000000)
