"""Every format on plans that continue with other protocols, from the CLI: valid output (XML for
HTML, GitHub Markdown tables, 80-column calendars), each protocol's phases kept apart where two
protocols share phase ids, and byte-identical reruns."""
import csv
import io
import json
import re

import pytest

from conftest import SOURCE_DIR, run
from test_html_render import extract_svg, extract_svgs, xmllint
from test_markdown_render import render

START = "2027-01-04"
SWITCH = "2028-05-02"
SECOND_LINE = SOURCE_DIR / "tests" / "data" / "second-line.json"
CHAINS = {
    "relapse": ["--start", START, "--then", f"blinatumomab@{SWITCH}", "--then", "allo-hsct"],
    # second-line.json has phases `induction` and `maintenance`, as the default protocol does.
    "clashing-ids": ["--start", START, "--then", f"{SECOND_LINE}@{SWITCH}", "--then", "allo-hsct"],
}
FORMATS = {
    "text": ["--format", "text"],
    "json": ["--format", "json"],
    "md": ["--format", "md"],
    "calendar": ["--format", "calendar"],
    "csv-events": ["--format", "csv"],
    "csv-phases": ["--format", "csv", "--csv-rows", "phases"],
    "html": ["--format", "html"],
    "ics": ["--format", "ics", "--timestamp", "0"],
}


def output(chain, fmt):
    return run("plan", *CHAINS[chain], *FORMATS[fmt]).stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("chain", CHAINS)
def test_byte_identical_reruns(chain, fmt, tmp_path):
    args = ["plan", *CHAINS[chain], *FORMATS[fmt]]
    run(*args, "-o", tmp_path / "a")
    run(*args, "-o", tmp_path / "b")
    first = (tmp_path / "a").read_bytes()
    assert first and first == (tmp_path / "b").read_bytes()


@pytest.mark.parametrize("chain", CHAINS)
def test_html_and_its_svg_are_well_formed(chain, tmp_path):
    page = tmp_path / "plan.html"
    run("plan", *CHAINS[chain], "--format", "html", "-o", page)
    xmllint(page)
    wide_lanes = None
    for layout, drawing in extract_svgs(page.read_text(encoding="utf-8")).items():
        svg = tmp_path / f"timeline-{layout}.svg"
        svg.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + drawing, encoding="utf-8")
        xmllint(svg)
        lanes = re.findall(r'data-lane="(phase:[^"]*)"', drawing)
        assert len(lanes) == len(set(lanes))
        assert wide_lanes is None or lanes == wide_lanes  # both layouts draw the same lanes
        wide_lanes = lanes


def test_html_lanes_hold_each_protocols_own_bars():
    html = extract_svg(output("clashing-ids", "html"))
    doc = json.loads(output("clashing-ids", "json"))
    for protocol in ("all-overview", "second-line"):
        bars = re.findall(rf'data-phase="maintenance" data-protocol="{protocol}"', html)
        assert len(bars) == len([p for p in doc["phases"] if p["id"] == "maintenance" and p["protocol"] == protocol])
    assert 'data-lane="phase:maintenance"' in html and 'data-lane="phase:second-line/maintenance"' in html


@pytest.mark.parametrize("chain", CHAINS)
def test_markdown_tables_keep_their_shape(chain):
    doc = json.loads(output(chain, "json"))
    html = render(output(chain, "md"))
    phases, spans, *dated = html.tables
    for table in html.tables:
        assert len({len(row) for row in table}) == 1, table
    assert phases[0] == ["Phase", "Protocol", "Cycle", "From", "To", "Days", "Notes"]
    assert [(row[0], row[1]) for row in phases[1:]] == [(p["name"], p["protocol"]) for p in doc["phases"]]
    # A table for each occurrence with single-day activities (blinatumomab cycles may have none).
    assert len(dated) == len({(e["protocol"], e["phase"], e["cycle"]) for e in doc["events"]})
    # One row per date of each occurrence, counted per protocol.
    assert sum(len(t) - 1 for t in dated) == len({(e["protocol"], e["date"], e["phase"], e["cycle"])
                                                   for e in doc["events"]})


def test_markdown_names_a_clashing_phase_with_its_protocol():
    md = output("clashing-ids", "md")
    assert "\n### Induction\n" in md and "\n### Induction \\[second-line\\]\n" in md
    assert "stopped early on switching to second-line" in md


@pytest.mark.parametrize("chain", CHAINS)
def test_calendar_is_narrow_and_says_where_each_protocol_starts(chain):
    out = output(chain, "calendar")
    for line in out.splitlines():
        assert len(line) <= 80, line
    flat = " ".join(out.split())
    assert "From 2 May:" in flat
    assert "(stopped early, tentative)" in flat
    assert "cut short" not in flat


def test_text_cut_wording_and_segment_headings():
    text = output("relapse", "text")
    assert re.search(r"\nMaintenance, cycle \d+: .*, stopped early on switching to blinatumomab", text)
    assert "cut at the end of treatment" not in text
    assert text.count("\n== From ") == 2


def test_csv_rows_name_their_protocol():
    doc = json.loads(output("clashing-ids", "json"))
    rows = list(csv.reader(io.StringIO(output("clashing-ids", "csv-events"), newline="")))
    assert rows[0][-1] == "protocol"
    assert [r[-1] for r in rows[1:]] == [e["protocol"] for e in doc["events"]]
