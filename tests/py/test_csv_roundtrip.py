"""CSV read back with Python's csv module and compared, row by row, with the JSON of the same plan."""
import csv
import datetime
import io
import json
import os
import re
import subprocess

import pytest

from conftest import BIN, SOURCE_DIR

START = "2027-01-04"
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

# Names a spreadsheet, a CSV reader or a web page could trip over; Day -7 numbering as well.
HOSTILE = {
    "format": "ttplan-protocol/1",
    "id": "hostile",
    "title": "Hostile <script>alert(1)</script>, \"quoted\"; =1+1",
    "version": "1",
    "phases": [
        {
            "id": "window",
            "name": '=HYPERLINK("http://x","y")',
            "kind": "pre-phase",
            "length": "14d",
            "first_day": -7,
            "activities": [
                {"name": "line one\nline two", "category": "chemotherapy", "days": "-7,-1"},
                {"name": "semi;colon, comma", "category": "assessment", "days": "0"},
                {"name": "<script>alert('x')</script>", "category": "intrathecal", "days": "1"},
                {"name": 'say "hi"', "category": "chemotherapy", "days": "2"},
                {"name": "+plus", "category": "chemotherapy", "days": "3"},
                {"name": "-minus", "category": "chemotherapy", "days": "3"},
                {"name": "@at", "category": "radiation", "days": "4"},
                {"name": "\ttab", "category": "chemotherapy", "days": "5"},
                {"name": "\rcarriage\r\nreturn", "category": "chemotherapy", "days": "6"},
                {"name": 'stay "in", ward', "category": "hospital-stay", "days": "-7..-3", "continuous": True},
            ],
        },
        {
            "id": "cycles",
            "name": "Second\nphase; with, <b>bold</b> & \"quotes\"",
            "kind": "consolidation",
            "length": "21d",
            "repeat": {"count": 2},
            "activities": [
                {"name": "-5 is not a number here", "category": "chemotherapy", "days": "1,8"},
                {"name": "=SUM(A1:A9)", "category": "immunotherapy", "days": "15"},
            ],
        },
    ],
    "dependencies": [{"from": "window", "to": "cycles"}],
    "tracks": [
        {
            "activity": "=cmd|' /C calc'!A0",
            "category": "targeted",
            "from": {"phase": "window", "day": 1},
            "to": {"phase": "cycles", "at": "end"},
        }
    ],
}


def raw(*args):
    """ttplan's standard output as bytes: text mode would translate the CRLFs under test."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def neutralised(text):
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def read_csv(data):
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    text = data.decode("utf-8")
    # Outside quoted fields every line ends in CRLF.
    unquoted = re.sub(r'"(?:[^"]|"")*"', "", text)
    assert unquoted.endswith("\r\n")
    assert unquoted.count("\n") == unquoted.count("\r\n")
    assert "\r" not in unquoted.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def cycle_text(cycle):
    return "" if cycle is None else str(cycle)


def plans(tmp_path):
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(HOSTILE, indent=2), encoding="utf-8")
    return [
        ["--start", START],
        ["--start", START, "--set", "ph_positive=true", "--set", "tki=dasatinib"],
        ["--start", START, "--set", "cns_prophylaxis=radiation"],
        [hostile, "--start", START],
        [SOURCE_DIR / "tests" / "data" / "every-feature.json", "--start", START, "--set", "arm=centre"],
        # Continued plans: the second has two protocols with phases `induction` and `maintenance`.
        ["--start", START, "--then", "blinatumomab@2028-05-02", "--then", "allo-hsct"],
        ["--start", START, "--then", f"{SOURCE_DIR / 'tests' / 'data' / 'second-line.json'}@2028-05-02",
         "--then", "allo-hsct"],
    ]


def plan_ids():
    return ["default", "ph-dasatinib", "radiation", "hostile", "every-feature", "relapse", "clashing-ids"]


def phase_names(doc):
    return {(p["protocol"], p["id"]): p["name"] for p in doc["phases"]}


@pytest.mark.parametrize("index", range(7), ids=plan_ids())
def test_event_rows_match_json(tmp_path, index):
    args = plans(tmp_path)[index]
    doc = json.loads(raw("plan", *args, "--format", "json"))
    rows = read_csv(raw("plan", *args, "--format", "csv"))
    assert rows[0] == ["date", "weekday", "phase", "phase_name", "cycle", "day", "activity", "category", "tentative",
                       "protocol"]
    names = phase_names(doc)
    assert len(rows) - 1 == len(doc["events"]) > 0
    for row, e in zip(rows[1:], doc["events"]):
        weekday = datetime.date.fromisoformat(e["date"]).strftime("%a")
        assert row == [
            e["date"],
            weekday,
            neutralised(e["phase"]),
            neutralised(names[e["protocol"], e["phase"]]),
            cycle_text(e["cycle"]),
            str(e["day"]),
            neutralised(e["activity"]),
            e["category"],
            "true" if e["tentative"] else "false",
            e["protocol"],
        ]
        assert int(row[5]) == e["day"]  # numeric, even when negative


@pytest.mark.parametrize("index", range(7), ids=plan_ids())
def test_phase_and_span_rows_match_json(tmp_path, index):
    args = plans(tmp_path)[index]
    doc = json.loads(raw("plan", *args, "--format", "json"))
    rows = read_csv(raw("plan", *args, "--format", "csv", "--csv-rows", "phases"))
    assert rows[0] == ["kind", "id_or_activity", "name", "cycle", "start", "end", "days", "category", "tentative",
                       "protocol"]
    names = phase_names(doc)
    expected = [
        ["phase", neutralised(p["id"]), neutralised(p["name"]), cycle_text(p["cycle"]), p["start"], p["end"],
         str(p["days"]), "", "true" if p["tentative"] else "false", p["protocol"]]
        for p in doc["phases"]
    ] + [
        ["span", neutralised(t["activity"]), neutralised(names[t["protocol"], t["phase"]]) if t["phase"] else "",
         cycle_text(t["cycle"]), t["start"], t["end"], str(t["days"]), t["category"],
         "true" if t["tentative"] else "false", t["protocol"]]
        for t in doc["spans"]
    ]
    assert rows[1:] == expected


def test_hostile_text_is_preserved_and_neutralised(tmp_path):
    rows = read_csv(raw("plan", plans(tmp_path)[3][0], "--start", START, "--format", "csv"))
    activities = {r[6] for r in rows[1:]}
    # Each hostile name comes back whole; formula-like ones behind an apostrophe.
    for name in ["line one\nline two", "semi;colon, comma", "<script>alert('x')</script>", 'say "hi"',
                 "'+plus", "'-minus", "'@at", "'\ttab", "'\rcarriage\r\nreturn", "'-5 is not a number here",
                 "'=SUM(A1:A9)"]:
        assert name in activities
    assert {r[3] for r in rows[1:]} >= {"'=HYPERLINK(\"http://x\",\"y\")"}
    # Day numbers before Day 0 stay plain numbers.
    assert {r[5] for r in rows[1:] if r[2] == "window"} >= {"-7", "-1", "0"}
    # No cell a spreadsheet would evaluate.
    for r in rows[1:]:
        for i in (2, 3, 6, 7):
            assert not r[i].startswith(FORMULA_LEADS), r


def test_identical_inputs_give_identical_bytes(tmp_path):
    for args in plans(tmp_path):
        for extra in ([], ["--csv-rows", "phases"]):
            assert raw("plan", *args, "--format", "csv", *extra) == raw("plan", *args, "--format", "csv", *extra)


def test_continued_plan_keeps_same_phase_ids_of_two_protocols_apart(tmp_path):
    rows = read_csv(raw("plan", *plans(tmp_path)[6], "--format", "csv"))
    header, body = rows[0], rows[1:]
    at = {name: header.index(name) for name in header}
    assert header[-1] == "protocol"
    by_protocol = {}
    for r in body:
        if r[at["phase"]] == "induction":
            by_protocol.setdefault(r[at["protocol"]], set()).add(r[at["activity"]])
    assert set(by_protocol) == {"all-overview", "second-line"}
    assert by_protocol["second-line"] == {"Second-line drug"}
    assert "Vincristine" in by_protocol["all-overview"] and "Second-line drug" not in by_protocol["all-overview"]
    # Maintenance cycle 1 of each protocol: its own events only, dated in its own stretch.
    own = [r for r in body if r[at["phase"]] == "maintenance" and r[at["cycle"]] == "1"]
    assert {r[at["activity"]] for r in own if r[at["protocol"]] == "second-line"} == {"Weekly tablet"}
    assert all(r[at["date"]] >= "2028-05-02" for r in own if r[at["protocol"]] == "second-line")
    assert all(r[at["date"]] < "2028-05-02" for r in own if r[at["protocol"]] == "all-overview")
    assert {r[at["protocol"]] for r in body} == {"all-overview", "second-line", "allo-hsct"}
