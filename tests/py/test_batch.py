"""ttplan batch: a cohort file planned patient by patient, as `ttplan plan` plans each one."""
import csv
import io
import json

import pytest

from conftest import run

COHORT = """id,start,protocol,ph_positive,cns_prophylaxis
p1,2027-01-04,,true,
"p 2, second",2027-02-01,,,radiation
p3,2027-03-01,hyper-cvad,,
p4,2027-03-08,,false,intrathecal
p5,2027-04-05,,,
"""

# The same patients as JSON Lines; values may be strings, booleans or numbers.
COHORT_JSONL = "\n".join(json.dumps(o) for o in [
    {"id": "p1", "start": "2027-01-04", "parameters": {"ph_positive": True}},
    {"id": "p 2, second", "start": "2027-02-01", "parameters": {"cns_prophylaxis": "radiation"}},
    {"id": "p3", "start": "2027-03-01", "protocol": "hyper-cvad"},
    {"id": "p4", "start": "2027-03-08", "parameters": {"ph_positive": "false", "cns_prophylaxis": "intrathecal"}},
    {"id": "p5", "start": "2027-04-05"},
]) + "\n"

# What `ttplan plan` is given for each of them.
ONE_BY_ONE = {
    "p1": ["--start", "2027-01-04", "--set", "ph_positive=true"],
    "p_2__second": ["--start", "2027-02-01", "--set", "cns_prophylaxis=radiation"],
    "p3": ["hyper-cvad", "--start", "2027-03-01"],
    "p4": ["--start", "2027-03-08", "--set", "ph_positive=false", "--set", "cns_prophylaxis=intrathecal"],
    "p5": ["--start", "2027-04-05"],
}


def batch(tmp_path, text, *args, name="cohort.csv", check=True):
    cohort = tmp_path / name
    cohort.write_text(text, encoding="utf-8")
    return run("batch", cohort, *args, check=check, cwd=tmp_path)


@pytest.mark.parametrize("name,text", [("cohort.csv", COHORT), ("cohort.jsonl", COHORT_JSONL)])
def test_each_file_is_what_plan_writes_for_the_patient(tmp_path, name, text):
    batch(tmp_path, text, "--out", "out", "-f", "ics,json,csv", "--timestamp", "1700000000", name=name)
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}{suffix}" for stem in ONE_BY_ONE for suffix in (".ics", ".json", ".csv"))
    for stem, args in ONE_BY_ONE.items():
        for fmt, suffix in (("ics", ".ics"), ("json", ".json"), ("csv", ".csv")):
            expected = run("plan", *args, "-f", fmt, "--timestamp", "1700000000").stdout
            assert (out / f"{stem}{suffix}").read_text(encoding="utf-8") == expected, (stem, fmt)


def test_the_table_is_every_patient_s_events_with_the_patient_first(tmp_path):
    batch(tmp_path, COHORT, "--table", "events.csv")
    raw = (tmp_path / "events.csv").read_bytes()
    assert raw.startswith(b"patient,date,weekday,phase,phase_name,cycle,day,activity,category,tentative,protocol\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    ids = {"p1": "p1", "p_2__second": "p 2, second", "p3": "p3", "p4": "p4", "p5": "p5"}
    expected = []
    for stem, args in ONE_BY_ONE.items():
        own = list(csv.reader(io.StringIO(run("plan", *args, "-f", "csv").stdout, newline="")))
        expected += [[ids[stem]] + r for r in own[1:]]
    assert rows[1:] == expected


def test_a_name_with_a_line_break_stays_one_table_row(tmp_path):
    protocol = json.dumps({
        "format": "ttplan-protocol/2", "id": "broken", "title": "Broken",
        "phases": [{"id": "a", "name": "A", "length": "1w",
                    "activities": [{"name": "Two\r\nlines", "category": "chemotherapy", "days": "1,3"}]}]})
    (tmp_path / "broken.json").write_text(protocol, encoding="utf-8")
    batch(tmp_path, "id,start,protocol\np1,2027-01-04,broken.json\np2,2027-01-11,broken.json\n",
          "--table", "t.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_bytes().decode("utf-8"), newline="")))
    assert [(r[0], r[1], r[7]) for r in rows[1:]] == [
        ("p1", "2027-01-04", "Two\r\nlines"), ("p1", "2027-01-06", "Two\r\nlines"),
        ("p2", "2027-01-11", "Two\r\nlines"), ("p2", "2027-01-13", "Two\r\nlines")]


def test_ids_and_errors_cannot_drive_a_terminal(tmp_path):
    text = 'id,start\n"=evil\x1b[2J\u202e",2027-01-04\n"bad\x1b]0;title\x07",2027-13-01\n'
    proc = batch(tmp_path, text, "--table", "t.csv", check=False)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert 'patient "bad\u241b]0;title\u2407"' in proc.stderr
    table_text = (tmp_path / "t.csv").read_bytes().decode("utf-8")
    assert "\x1b" not in table_text and "\u202e" not in table_text
    rows = list(csv.reader(io.StringIO(table_text, newline="")))
    assert {r[0] for r in rows[1:]} == {"'=evil\u241b[2J\ufffd"}


def test_the_table_as_json_lines(tmp_path):
    batch(tmp_path, COHORT, "--table", "events.jsonl")
    lines = [json.loads(l) for l in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    p3 = json.loads(run("plan", "hyper-cvad", "--start", "2027-03-01", "-f", "json").stdout)["events"]
    mine = [l for l in lines if l["patient"] == "p3"]
    assert [{k: v for k, v in l.items() if k != "patient"} for l in mine] == p3
    assert [l["patient"] for l in lines][0] == "p1" and lines[-1]["patient"] == "p5"


def test_a_bad_row_is_reported_and_the_others_go_on(tmp_path):
    text = ("id,start,ph_positive\n"
            "good1,2027-01-04,\n"
            "bad-date,2027-13-01,\n"
            "bad-value,2027-01-04,maybe\n"
            "too,many,fields,here\n"
            ",2027-01-04,\n"
            "good2,2027-02-01,true\n")
    proc = batch(tmp_path, text, "--out", "out", "--table", "t.csv", check=False)
    assert proc.returncode == 1
    err = proc.stderr
    assert 'cohort.csv:3: patient "bad-date": column "start": invalid date "2027-13-01"' in err
    assert 'cohort.csv:4: patient "bad-value": ' in err and '"ph_positive"' in err
    assert "cohort.csv:5: the row has 4 fields, the header row 3" in err
    assert 'cohort.csv:6: column "id": every patient needs an id' in err
    assert "2 of 6 patients planned; 4 rows failed" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good1.ics", "good2.ics"]
    patients = {r[0] for r in csv.reader(io.StringIO((tmp_path / "t.csv").read_text(), newline=""))}
    assert patients == {"patient", "good1", "good2"}


def test_a_bad_json_line_is_one_bad_row(tmp_path):
    text = '{"id": "a", "start": "2027-01-04"}\nnot json\n{"id": "b", "start": "2027-01-04", "age": 3}\n' \
           '{"id": "c", "start": "2027-01-04"}\n'
    proc = batch(tmp_path, text, "--out", "out", name="c.jsonl", check=False)
    assert proc.returncode == 1
    assert "c.jsonl:2: not JSON" in proc.stderr
    assert 'c.jsonl:3: unknown key "age"' in proc.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.ics", "c.ics"]


def test_shards_partition_the_cohort(tmp_path):
    rows = "".join(f"p{i},2027-01-{4 + i % 20:02d},{'true' if i % 3 == 0 else ''}\n" for i in range(23))
    text = "id,start,ph_positive\n" + rows
    batch(tmp_path, text, "--table", "all.csv")
    whole = (tmp_path / "all.csv").read_text().splitlines()
    parts = []
    for k in (1, 2, 3):
        batch(tmp_path, text, "--table", f"s{k}.csv", "--shard", f"{k}/3")
        parts.append((tmp_path / f"s{k}.csv").read_text().splitlines())
    patients = [{l.split(",")[0] for l in p[1:]} for p in parts]
    assert patients[0] == {f"p{i}" for i in range(0, 23, 3)}
    assert not (patients[0] & patients[1]) and not (patients[1] & patients[2]) and not (patients[0] & patients[2])
    assert sorted(parts[0][1:] + parts[1][1:] + parts[2][1:]) == sorted(whole[1:])


def test_threads_change_nothing(tmp_path):
    rows = "".join(f"p{i},2027-0{1 + i % 9}-04\n" for i in range(40))
    text = "id,start\n" + rows
    batch(tmp_path, text, "--table", "one.csv", "--out", "one", "-j", "1", "-f", "ics,json")
    batch(tmp_path, text, "--table", "four.csv", "--out", "four", "-j", "4", "-f", "ics,json")
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "four.csv").read_bytes()
    for f in (tmp_path / "one").iterdir():
        assert (tmp_path / "four" / f.name).read_bytes() == f.read_bytes()


def test_two_ids_that_read_as_one_file_name(tmp_path):
    # In cohort order whatever the threads: the later row is the one refused.
    proc = batch(tmp_path, "id,start\na/b,2027-01-04\na_b,2027-01-04\n", "--out", "out", "-j", "2", check=False)
    assert proc.returncode == 1
    assert 'cohort.csv:3: id "a_b" gives the file name "a_b" that line 2 already gives' in proc.stderr
    # The first keeps its file; a path in an id never leaves the directory.
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a_b.ics"]


def test_pages_as_plan_writes_them_for_a_day_and_a_language(tmp_path):
    batch(tmp_path, COHORT, "--out", "out", "-f", "html,md", "--today", "2027-02-01", "--lang", "es")
    for stem in ("p1", "p3"):
        for fmt in ("html", "md"):
            expected = run("plan", *ONE_BY_ONE[stem], "-f", fmt, "--today", "2027-02-01", "--lang", "es").stdout
            assert (tmp_path / "out" / f"{stem}.{fmt}").read_text(encoding="utf-8") == expected, (stem, fmt)


@pytest.mark.parametrize("args,where", [
    (["--out", "o", "--today", "someday"], "--today"),
    ([], "nothing to write"),
    (["--out", "o", "--shard", "0/2"], "--shard"),
    (["--out", "o", "--shard", "3/2"], "--shard"),
    (["--out", "o", "-f", "ics,nope"], 'unknown format "nope"'),
    (["--table", "t.csv", "-f", "json"], "per-patient formats need --out"),
])
def test_usage_errors(tmp_path, args, where):
    proc = batch(tmp_path, COHORT, *args, check=False)
    assert proc.returncode == 2, proc.stderr
    assert where in proc.stderr
    assert not (tmp_path / "o").exists() and not (tmp_path / "t.csv").exists()


def test_a_broken_file_leaves_no_table(tmp_path):
    proc = batch(tmp_path, 'id,start\np1,2027-01-04\n"p2,2027-01-04\n', "--table", "t.csv", check=False)
    assert proc.returncode == 1
    assert "cohort.csv:3: a quoted field is not closed before the end of the file" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["cohort.csv"]
