"""ttplan record new|add|show, and planning a record file: one patient's plan that follows the patient."""
import json
import re

import pytest

from conftest import run

START = "2027-01-04"
EPOCH = {"SOURCE_DATE_EPOCH": "1799053200"}  # 2027-01-04T09:00:00Z


def new_record(path, *args):
    return run("record", "new", "all-overview", "--start", START, *args, "-o", path, env=EPOCH)


def plan_of(path, *args):
    return json.loads(run("plan", path, "-f", "json", *args).stdout)


def phase(doc, phase_id, cycle=None):
    return next(p for p in doc["phases"] if p["id"] == phase_id and (cycle is None or p["cycle"] == cycle))


def test_new_pins_the_protocol_and_makes_revision_1(tmp_path):
    path = tmp_path / "patient.json"
    proc = new_record(path, "--set", "ph_positive=true")
    assert "revision 1" in proc.stderr
    doc = json.loads(path.read_text())
    assert doc["format"] == "ttplan-record/1"
    assert re.fullmatch(r"[0-9a-f]{32}", doc["calendar_id"])
    assert doc["start"] == START
    assert doc["parameters"] == {"ph_positive": "true"}
    assert doc["history"] == [{"revision": 1, "recorded_at": "2027-01-04T09:00:00Z", "facts": []}]
    assert doc["protocol"]["origin"] == "builtin:all-overview"
    assert re.fullmatch(r"fnv1a64:[0-9a-f]{16}", doc["protocol"]["digest"])
    assert doc["protocol"]["document"]["id"] == "all-overview"
    # Two records never share a calendar id.
    other = tmp_path / "other.json"
    new_record(other)
    assert json.loads(other.read_text())["calendar_id"] != doc["calendar_id"]


def test_new_refuses_to_replace_a_file_unless_forced(tmp_path):
    path = tmp_path / "patient.json"
    path.write_text("keep me\n")
    proc = run("record", "new", "all-overview", "--start", START, "-o", path, check=False)
    assert proc.returncode == 2
    assert "exists" in proc.stderr and "--force" in proc.stderr
    assert path.read_text() == "keep me\n"
    new_record(path, "--force")
    assert json.loads(path.read_text())["format"] == "ttplan-record/1"


def test_a_record_plans_as_its_protocol_does(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path, "--set", "ph_positive=true")
    from_record = plan_of(path)
    direct = json.loads(run("plan", "--start", START, "--set", "ph_positive=true", "-f", "json").stdout)
    assert from_record["phases"] == direct["phases"]
    assert from_record["events"] == direct["events"]
    summary = run("summary", path).stdout
    assert summary == run("summary", "--start", START, "--set", "ph_positive=true").stdout


def test_add_records_one_revision_per_call_and_the_plan_follows(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    before = plan_of(path)
    assert phase(before, "consolidation")["start"] == "2027-02-08"

    proc = run("record", "add", path, "--actual", "consolidation=2027-02-15", env={"SOURCE_DATE_EPOCH": "1799139600"})
    assert "revision 2" in proc.stderr
    run("record", "add", path, "--decide", "induction_response=mrd_negative@2027-02-01", "--by", "marrow MRD",
        "--hold", "induction:22:Vincristine", "--given", "induction:8:Vincristine=2027-01-12", env=EPOCH)

    doc = json.loads(path.read_text())
    assert [r["revision"] for r in doc["history"]] == [1, 2, 3]
    assert doc["history"][1] == {"revision": 2, "recorded_at": "2027-01-05T09:00:00Z",
                                 "facts": [{"kind": "actual_start", "phase": "consolidation", "start": "2027-02-15"}]}
    kinds = [f["kind"] for f in doc["history"][2]["facts"]]
    assert kinds == ["event_moved", "event_held", "decision_taken"]
    assert doc["history"][2]["facts"][2] == {"kind": "decision_taken", "parameter": "induction_response",
                                             "value": "mrd_negative", "date": "2027-02-01", "decided_by": "marrow MRD"}

    after = plan_of(path)
    assert phase(after, "induction")["start"] == START  # upstream stays
    assert phase(after, "consolidation")["start"] == "2027-02-15"
    assert after["parameters"]["induction_response"] == "mrd_negative"
    assert not [d for d in after["decisions"] if d.get("value") is None]
    vincristine = [e["date"] for e in after["events"] if e["phase"] == "induction" and e["activity"] == "Vincristine"]
    assert "2027-01-12" in vincristine and "2027-01-11" not in vincristine and "2027-01-25" not in vincristine


def test_every_fact_option(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path, "--set", "ph_positive=true")
    run("record", "add", path, "--add", "induction=2027-01-20:Lumbar puncture:intrathecal:extra",
        "--pause", "induction=2027-01-14+7", "--stop", "maintenance#2=2027-12-20",
        "--stop-track", "Imatinib (daily)=2027-06-01", "--recovered", "consolidation=2027-02-20",
        "--delay", "maintenance#3=7", env=EPOCH)
    facts = json.loads(path.read_text())["history"][1]["facts"]
    assert [f["kind"] for f in facts] == ["actual_start", "event_added", "phase_paused", "phase_stopped",
                                          "track_changed", "gate_resolved"]
    assert facts[1] == {"kind": "event_added", "phase": "induction", "date": "2027-01-20",
                        "activity": "Lumbar puncture", "category": "intrathecal", "note": "extra"}
    doc = plan_of(path)
    assert phase(doc, "induction")["end"] == "2027-02-08"  # 29 days, 7 of them paused
    assert phase(doc, "consolidation")["start"] == "2027-02-20"
    assert any(e["activity"] == "Lumbar puncture" and e["date"] == "2027-01-20" for e in doc["events"])
    imatinib = next(s for s in doc["spans"] if s["activity"] == "Imatinib (daily)")
    assert imatinib["end"] == "2027-06-01"
    assert phase(doc, "maintenance", 2)["end"] == "2027-12-20"
    assert phase(doc, "maintenance", 3)["start"] == "2027-12-28"  # the day after, 7 days late


@pytest.mark.parametrize("args, quoted", [
    (["--actual", "relapse=2027-02-01"], "relapse"),
    (["--actual", "consolidation=2027-01-01"], "2027-01-04"),
    (["--hold", "induction:23:Vincristine"], "induction:23:Vincristine"),
    (["--decide", "ph_positive=true@2027-02-01"], "not decided during treatment"),
    (["--decide", "induction_response=mrd_positive@2027-02-01"], "consolidation"),
    (["--decide", "induction_response=great@2027-02-01"], "great"),
    (["--given", "induction:8=2027-01-12"], "--given"),
    (["--pause", "induction=2027-01-14"], "--pause"),
])
def test_a_refused_add_leaves_the_file_byte_identical(tmp_path, args, quoted):
    path = tmp_path / "patient.json"
    new_record(path)
    run("record", "add", path, "--actual", "consolidation=2027-02-15", env=EPOCH)
    before = path.read_bytes()
    proc = run("record", "add", path, "--hold", "induction:15:Vincristine", *args, check=False)
    assert proc.returncode == 1, proc.stderr
    assert quoted in proc.stderr
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name not in ("patient.json",)]


def test_add_without_facts_is_a_usage_error(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    before = path.read_bytes()
    proc = run("record", "add", path, check=False)
    assert proc.returncode == 2 and "at least one fact" in proc.stderr
    assert path.read_bytes() == before


def test_show_lists_the_facts_by_revision(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path, "--set", "ph_positive=true")
    run("record", "add", path, "--actual", "consolidation=2027-02-15", env=EPOCH)
    run("record", "add", path, "--decide", "induction_response=mrd_negative@2027-02-01", "--by", "marrow MRD",
        env=EPOCH)
    out = run("record", "show", path).stdout
    assert "Start: 2027-01-04" in out and "ph_positive=true" in out and "builtin:all-overview" in out
    assert "Revision 1, 2027-01-04T09:00:00Z: record made" in out
    assert "Revision 2, 2027-01-04T09:00:00Z\n  - consolidation started on 2027-02-15" in out
    assert "  - induction_response decided: mrd_negative on 2027-02-01 (marrow MRD)" in out


def test_ics_of_a_record_uses_its_calendar_id_and_last_revision(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    run("record", "add", path, "--actual", "consolidation=2027-02-15", env={"SOURCE_DATE_EPOCH": "1799139600"})
    doc = json.loads(path.read_text())
    ics = run("plan", path, "-f", "ics").stdout
    lines = ics.splitlines()
    assert "SEQUENCE:2" in lines
    assert "DTSTAMP:20270105T090000Z" in lines  # when the record last changed
    # UIDs come from the record's calendar id: the same as planning with --calendar-id.
    direct = run("plan", "--start", START, "--actual", "consolidation=2027-02-15", "-f", "ics",
                 "--calendar-id", doc["calendar_id"], "--sequence", "2", "--timestamp", "1799139600").stdout
    assert ics == direct
    again = run("plan", path, "-f", "ics").stdout
    assert again == ics


@pytest.mark.parametrize("option", [["--set", "ph_positive=true"], ["--actual", "consolidation=2027-02-15"],
                                    ["--start", START], ["--delay", "consolidation=3"], ["--then", "blinatumomab"],
                                    ["--calendar-id", "x"], ["--sequence", "4"]])
def test_options_the_record_holds_are_usage_errors_with_it(tmp_path, option):
    path = tmp_path / "patient.json"
    new_record(path)
    proc = run("plan", path, "-f", "ics", *option, check=False)
    assert proc.returncode == 2, proc.stderr
    assert option[0] in proc.stderr and "treatment record" in proc.stderr


def test_a_broken_record_file_is_located(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    text = path.read_text().replace('"start": "2027-01-04"', '"start": "2027-13-04"')
    path.write_text(text)
    proc = run("plan", path, check=False)
    assert proc.returncode == 1
    line = 1 + text[:text.index("2027-13-04")].count("\n")
    assert f"{path}:{line}: /start:" in proc.stderr


def test_the_readme_walk_through_runs(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path, "--set", "ph_positive=true")
    run("record", "add", path, "--hold", "induction:22:Vincristine")
    run("record", "add", path, "--decide", "induction_response=mrd_positive@2027-02-01", "--by", "marrow MRD")
    run("record", "add", path, "--actual", "consolidation_augmented=2027-02-15", "--delay", "maintenance#3=7")
    assert "Revision 4" in run("record", "show", path).stdout
    assert "BEGIN:VCALENDAR" in run("plan", path, "-f", "ics").stdout


def test_the_example_in_docs_is_a_record(tmp_path, source_dir):
    text = (source_dir / "docs" / "records.md").read_text()
    example = re.search(r"```json\n(\{\n  \"format\": \"ttplan-record/1\".*?\n\})\n```", text, re.S).group(1)
    path = tmp_path / "example.json"
    path.write_text(example + "\n")
    out = run("record", "show", path).stdout
    assert "response decided: poor on 2027-02-01 (marrow MRD)" in out
    assert "consolidation started on 2027-02-15" in out
    # The example is canonical: one more revision rewrites it with the same bytes before it.
    run("record", "add", path, "--hold", "consolidation:1:Cyclophosphamide", env=EPOCH)
    assert path.read_text().startswith(example.split('\n    {\n      "revision": 3')[0])


SMALL = {
    "format": "ttplan-protocol/2", "id": "small", "title": "Small", "version": "1.0",
    "phases": [
        {"id": "induction", "name": "Induction", "length": "29d",
         "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
        {"id": "consolidation", "name": "Consolidation", "length": "4w",
         "activities": [{"name": "Cyclophosphamide", "category": "chemotherapy", "days": "1"}]}],
    "dependencies": [{"from": "induction", "to": "consolidation"}],
}


def test_repin_moves_a_record_to_a_new_edition(tmp_path):
    (tmp_path / "small.json").write_text(json.dumps(SMALL))
    path = tmp_path / "patient.json"
    run("record", "new", "small.json", "--start", START, "-o", path, cwd=tmp_path, env=EPOCH)
    run("record", "add", path, "--hold", "induction:22:Vincristine", env=EPOCH)
    assert phase(plan_of(path), "consolidation")["start"] == "2027-02-02"

    # Without a protocol, a record made from a file cannot tell where its new edition is.
    before = path.read_bytes()
    proc = run("record", "repin", path, check=False)
    assert proc.returncode == 2 and "small.json" in proc.stderr
    # The same edition again: nothing to re-pin.
    proc = run("record", "repin", path, tmp_path / "small.json", check=False)
    assert proc.returncode == 1 and "already pinned" in proc.stderr
    assert path.read_bytes() == before

    newer = dict(SMALL, version="2.0")
    newer["phases"] = [dict(SMALL["phases"][0], length="5w"), SMALL["phases"][1]]
    (tmp_path / "small-2.json").write_text(json.dumps(newer))
    proc = run("record", "repin", path, tmp_path / "small-2.json", env=EPOCH)
    assert "revision 3" in proc.stderr and "re-pinned from version 1.0" in proc.stderr
    doc = json.loads(path.read_text())
    assert doc["protocol"]["version"] == "2.0"
    assert doc["history"][2]["facts"][0]["kind"] == "protocol_repinned"
    assert doc["history"][2]["facts"][0]["from_version"] == "1.0"
    after = plan_of(path)
    assert phase(after, "consolidation")["start"] == "2027-02-08"
    assert "2027-01-25" not in [e["date"] for e in after["events"] if e["activity"] == "Vincristine"]


def cancelled_uids(ics):
    """UIDs of the events a calendar marks cancelled."""
    out = set()
    for block in ics.split("BEGIN:VEVENT")[1:]:
        fields = dict(line.split(":", 1) for line in block.splitlines() if ":" in line and not line.startswith(" "))
        if fields.get("STATUS") == "CANCELLED":
            out.add(fields["UID"])
    return out


def test_a_record_calendar_cancels_what_any_earlier_revision_had(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    # Revision 2 stops maintenance early: its later cycles leave the plan.
    run("record", "add", path, "--stop", "maintenance=2028-06-01", env=EPOCH)
    second = run("plan", path, "-f", "ics").stdout
    gone = cancelled_uids(second)
    assert gone, "stopping maintenance early removes its later cycles"
    assert "SEQUENCE:2" in second.splitlines()
    # Revision 3 changes something else: a client that imported revision 1 and skipped 2 still
    # learns that those cycles are gone.
    run("record", "add", path, "--hold", "induction:8:Vincristine", env=EPOCH)
    third = run("plan", path, "-f", "ics").stdout
    assert gone <= cancelled_uids(third)
    # Nothing the last revision plans is cancelled: every UID is in the file once.
    uids = [line[4:] for line in third.splitlines() if line.startswith("UID:")]
    assert len(uids) == len(set(uids))


def test_changes_since_a_revision(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    run("record", "add", path, "--stop", "maintenance=2028-06-01", env=EPOCH)
    run("record", "add", path, "--delay", "consolidation=7", env=EPOCH)
    since_1 = json.loads(run("changes", path, "--since", "1", "-f", "json").stdout)
    assert since_1["format"] == "ttplan-changes/1"
    kinds = {c["kind"] for c in since_1["changes"]}
    assert {"removed", "moved"} <= kinds
    assert all(c["uid"].endswith("@ttplan") for c in since_1["changes"])
    # By default, since the revision before the last: what the delay moved.
    last = json.loads(run("changes", path, "-f", "json").stdout)
    assert "moved" in {c["kind"] for c in last["changes"]}
    assert last != since_1
    assert run("changes", path, "--since", "3").stdout == "No changes.\n"
    text = run("changes", path).stdout
    assert re.match(r"(moved|removed|added|changed) +\S", text)
    # Byte-stable.
    assert run("changes", path, "--since", "1", "-f", "json").stdout == run(
        "changes", path, "--since", "1", "-f", "json").stdout
    proc = run("changes", path, "--since", "4", check=False)
    assert proc.returncode == 2
    assert "--since" in proc.stderr and "revisions 1 to 3" in proc.stderr


def test_changes_after_a_decision(tmp_path):
    path = tmp_path / "patient.json"
    new_record(path)
    run("record", "add", path, "--decide", "induction_response=mrd_positive@2027-02-01", env=EPOCH)
    listed = json.loads(run("changes", path, "-f", "json").stdout)["changes"]
    removed = {(c["before"]["item"], c["before"]["phase"]) for c in listed if c["kind"] == "removed"}
    added = {(c["after"]["item"], c["after"]["phase"]) for c in listed if c["kind"] == "added"}
    # The MRD-positive branch replaces the four-week consolidation by the augmented one.
    assert ("phase", "consolidation") in removed
    assert ("phase", "consolidation_augmented") in added
    assert not any(c["before"] and c["before"]["phase"] == "induction" for c in listed if c["kind"] == "removed")
