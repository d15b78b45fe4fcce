"""ttplan load: what a cohort asks of a clinic per day, counted by hand on a small protocol."""
import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import run

# One week: in hospital on Days 1-2 (a continuous stay), intrathecal therapy on Days 1 and 3,
# vincristine on Day 3, an oral dose on Day 4, a radiation fraction on Days 4 and 5, an
# assessment on Day 6 and a milestone on Day 7.
PROTOCOL = {
    "format": "ttplan-protocol/2", "id": "small", "title": "Small",
    "phases": [{"id": "a", "name": "A", "length": "1w", "activities": [
        {"name": "Stay", "category": "hospital-stay", "days": "1-2", "continuous": True},
        {"name": "IT", "category": "intrathecal", "days": "1,3"},
        {"name": "Vincristine", "category": "chemotherapy", "days": "3"},
        {"name": "Tablet", "category": "chemotherapy", "days": "4"},
        {"name": "RT", "category": "radiation", "days": "4-5"},
        {"name": "Marrow", "category": "assessment", "days": "6"},
        {"name": "End", "category": "milestone", "days": "7"},
    ]}],
}

# p1 from Mon 4 Jan, p2 from Wed 6 Jan: their weeks overlap on 6-10 Jan.
COHORT = "id,start,protocol\np1,2027-01-04,small.json\np2,2027-01-06,small.json\n"

# By hand. p1: beds 4-5, IT 4 (in hospital) and 6, chair and visit 6 (vincristine, IT) and 7
# (the tablet is a dated chemotherapy activity), RT 7 and 8, visits 7, 8, 9; the milestone on
# 10 is no visit. p2 is the same two days later: beds 6-7, IT 6 and 8, chairs 8 and 9, RT 9 and
# 10, visits 8, 9, 10, 11.
EXPECTED = {
    # date: (clinic_visits, intrathecal, infusion_chairs, hospital_beds, radiation)
    "2027-01-04": (0, 1, 0, 1, 0),
    "2027-01-05": (0, 0, 0, 1, 0),
    "2027-01-06": (1, 2, 1, 1, 0),
    "2027-01-07": (1, 0, 1, 1, 1),
    "2027-01-08": (2, 1, 1, 0, 1),
    "2027-01-09": (2, 0, 1, 0, 1),
    "2027-01-10": (1, 0, 0, 0, 1),
    "2027-01-11": (1, 0, 0, 0, 0),
    "2027-01-12": (0, 0, 0, 0, 0),
}
KINDS = ["clinic_visits", "intrathecal", "infusion_chairs", "hospital_beds", "radiation"]


@pytest.fixture
def cohort(tmp_path):
    (tmp_path / "small.json").write_text(json.dumps(PROTOCOL), encoding="utf-8")
    path = tmp_path / "cohort.csv"
    path.write_text(COHORT, encoding="utf-8")
    return path


def table(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_counts_match_a_cohort_counted_by_hand(cohort):
    rows = table(run("load", cohort, cwd=cohort.parent).stdout)
    assert [r["date"] for r in rows] == list(EXPECTED)
    for r in rows:
        assert tuple(int(r[k]) for k in KINDS) == EXPECTED[r["date"]], r["date"]
        assert r["over_capacity"] == ""
    assert rows[0]["weekday"] == "Mon"


def test_capacity_by_weekday_flags_the_days_over_it(cohort, tmp_path):
    cap = tmp_path / "cap.json"
    cap.write_text(json.dumps({"intrathecal": {"mon": 2, "wed": 1, "fri": 1}, "clinic_visits": 1}))
    rows = table(run("load", cohort, "--capacity", cap, cwd=tmp_path).stdout)
    by_date = {r["date"]: r for r in rows}
    assert list(rows[0]) == ["date", "weekday", "clinic_visits", "clinic_visits_capacity", "intrathecal",
                             "intrathecal_capacity", "infusion_chairs", "hospital_beds", "radiation",
                             "over_capacity"]
    # Wed 6 Jan: 2 intrathecal against 1; Fri 8 Jan: 1 against 1, but 2 visits against 1.
    assert by_date["2027-01-06"]["over_capacity"] == "intrathecal"
    assert by_date["2027-01-06"]["intrathecal_capacity"] == "1"
    assert by_date["2027-01-08"]["over_capacity"] == "clinic_visits"
    assert by_date["2027-01-09"]["over_capacity"] == "clinic_visits"
    # A weekday the capacity leaves out has none: Thu 7 Jan, no intrathecal slot, none asked.
    assert by_date["2027-01-07"]["intrathecal_capacity"] == "0"
    assert by_date["2027-01-04"]["over_capacity"] == ""
    flagged = {d for d, r in by_date.items() if r["over_capacity"]}
    assert flagged == {"2027-01-06", "2027-01-08", "2027-01-09"}


def test_the_heat_map_page(cohort, tmp_path):
    cap = tmp_path / "cap.json"
    cap.write_text(json.dumps({"intrathecal": {"mon": 2, "wed": 1, "fri": 1}}))
    out = tmp_path / "load.html"
    run("load", cohort, "--capacity", cap, "-o", out, cwd=tmp_path)
    page = out.read_text(encoding="utf-8")
    ET.fromstring(page.split("\n", 1)[1])  # well-formed after the doctype
    assert "For planning and education only." in page
    assert page.count("<table class=\"heat\">") == 5
    # The one day over capacity says so in words, not only by its outline.
    assert page.count('class="over"') == 1
    assert "over capacity (1)" in page
    assert "Capacity: Mon 2, Tue 0, Wed 1, Thu 0, Fri 1, Sat 0, Sun 0." in page


def test_shards_add_up_to_the_whole(cohort, tmp_path):
    whole = table(run("load", cohort, cwd=tmp_path).stdout)
    parts = [table(run("load", cohort, "--shard", f"{k}/2", "-j", "1", cwd=tmp_path).stdout) for k in (1, 2)]
    summed = {}
    for part in parts:
        for r in part:
            counts = summed.setdefault(r["date"], [0] * len(KINDS))
            for i, k in enumerate(KINDS):
                counts[i] += int(r[k])
    assert {r["date"]: [int(r[k]) for k in KINDS] for r in whole} == summed


def test_a_bad_row_writes_no_load(cohort, tmp_path):
    cohort.write_text(COHORT + "p3,2027-02-30,small.json\n", encoding="utf-8")
    out = tmp_path / "load.csv"
    proc = run("load", cohort, "-o", out, check=False, cwd=tmp_path)
    assert proc.returncode == 1
    assert 'cohort.csv:4: patient "p3": column "start"' in proc.stderr
    assert "1 of 3 rows failed; no load is written" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("capacity,where", [
    ({"beds": 3}, '/beds: unknown kind "beds"'),
    ({"hospital_beds": -1}, "/hospital_beds: give a whole number"),
    ({"intrathecal": {"monday": 1}}, '/intrathecal/monday: unknown weekday "monday"'),
    ({"intrathecal": {"mon": "2"}}, "/intrathecal/mon: give a whole number"),
])
def test_a_bad_capacity_file_is_located(cohort, tmp_path, capacity, where):
    cap = tmp_path / "cap.json"
    cap.write_text(json.dumps(capacity))
    proc = run("load", cohort, "--capacity", cap, check=False, cwd=tmp_path)
    assert proc.returncode == 1
    assert f"ttplan: error: {cap}: {where}" in proc.stderr, proc.stderr
    assert proc.stdout == ""
