"""The ttplan command-line tool: every command, its output contract and its bad-input paths."""
import datetime
import json
import os
import re
import stat
import subprocess
import threading

import pytest

from conftest import BIN, SOURCE_DIR, plan_json, run

START = "2027-01-04"


def test_protocols_lists_default_with_title():
    out = run("protocols").stdout
    assert re.search(r"^all-overview\s+\S.*\(default\)$", out, re.M), out


def test_plan_text_default_is_readable_agenda():
    out = run("plan", "--start", START).stdout
    assert "Induction" in out and "Maintenance" in out
    assert "Mon 4 Jan 2027" in out
    assert "planning and education" in out


def test_plan_json_contract():
    doc = plan_json("--start", START)
    for key in ("protocol", "parameters", "start", "end", "phases", "events", "spans"):
        assert key in doc
    assert set(doc["protocol"]) >= {"id", "title", "version"}
    assert doc["protocol"]["id"] == "all-overview"
    assert doc["start"] == START
    assert doc["parameters"] == {"cns_prophylaxis": "intrathecal", "induction_response": "mrd_negative",
                                 "ph_positive": False, "tki": "imatinib"}
    for p in doc["phases"]:
        assert set(p) >= {"id", "name", "cycle", "start", "end", "tentative"}
        assert p["start"] <= p["end"]
    for e in doc["events"]:
        assert set(e) >= {"date", "phase", "cycle", "day", "activity", "category"}
    for t in doc["spans"]:
        assert set(t) >= {"activity", "category", "start", "end"}
    # Arrays in date order.
    assert [p["start"] for p in doc["phases"]] == sorted(p["start"] for p in doc["phases"])
    assert [e["date"] for e in doc["events"]] == sorted(e["date"] for e in doc["events"])
    assert [t["start"] for t in doc["spans"]] == sorted(t["start"] for t in doc["spans"])
    # The end is the last planned day.
    last = max([p["end"] for p in doc["phases"]] + [e["date"] for e in doc["events"]] + [t["end"] for t in doc["spans"]])
    assert doc["end"] == last


def test_default_protocol_shape():
    doc = plan_json("--start", START)
    ids = [p["id"] for p in doc["phases"]]
    assert ids[0] == "induction"
    for required in ("induction", "consolidation", "maintenance"):
        assert required in ids
    induction = next(p for p in doc["phases"] if p["id"] == "induction")
    # Induction is 4 weeks: Days 1-29.
    assert (induction["start"], induction["end"]) == ("2027-01-04", "2027-02-01")
    assert any(e["phase"] == "induction" and e["day"] == 29 and e["category"] == "assessment" for e in doc["events"])
    # Consolidation waits for induction Day 36 (a gated start) and is tentative.
    consolidation = next(p for p in doc["phases"] if p["id"] == "consolidation")
    assert consolidation["start"] == "2027-02-08"
    assert consolidation["tentative"] is True
    # Maintenance is cycles, and the whole plan lasts about two years or more.
    maintenance = [p for p in doc["phases"] if p["id"] == "maintenance"]
    assert len(maintenance) > 1 and all(p["cycle"] for p in maintenance)
    days = (datetime.date.fromisoformat(doc["end"]) - datetime.date.fromisoformat(doc["start"])).days + 1
    assert 2 * 365 <= days <= 3 * 366
    # No doses anywhere.
    assert not re.search(r"\bmg\b|/m2|\bdose\b", json.dumps(doc), re.I)


def test_ph_positive_adds_the_chosen_tki_through_maintenance():
    base = plan_json("--start", START)
    assert not [t for t in base["spans"] if t["category"] == "targeted"]
    ph = plan_json("--start", START, "--set", "ph_positive=true", "--set", "tki=dasatinib")
    tki = [t for t in ph["spans"] if t["category"] == "targeted"]
    assert len(tki) == 1 and "asatinib" in tki[0]["activity"]
    induction = next(p for p in ph["phases"] if p["id"] == "induction")
    last_maintenance = [p for p in ph["phases"] if p["id"] == "maintenance"][-1]
    day15 = datetime.date.fromisoformat(induction["start"]) + datetime.timedelta(days=14)
    assert tki[0]["start"] == day15.isoformat()
    assert tki[0]["end"] == last_maintenance["end"]
    imatinib = plan_json("--start", START, "--set", "ph_positive=yes")
    assert "matinib" in next(t for t in imatinib["spans"] if t["category"] == "targeted")["activity"]


def test_cns_radiation_branch_replaces_later_intrathecal_therapy():
    it = plan_json("--start", START)
    rt = plan_json("--start", START, "--set", "cns_prophylaxis=radiation")
    assert not any(e["category"] == "radiation" for e in it["events"] + it["spans"])
    assert any(e["category"] == "radiation" for e in rt["events"] + rt["spans"])
    count = lambda doc: sum(1 for e in doc["events"] if e["category"] == "intrathecal")
    assert count(rt) < count(it)


def test_plan_is_byte_identical_for_identical_inputs():
    a = run("plan", "--start", START, "--format", "json").stdout
    b = run("plan", "--start", START, "--format", "json").stdout
    assert a == b


def test_plan_without_start_starts_today_in_the_local_time_zone():
    # UTC+14 and UTC-12 are 26 hours apart, so their dates differ at every instant: the start
    # follows TZ, not UTC. Each is the zone's date before or after the run (midnight may pass).
    from zoneinfo import ZoneInfo

    starts = {}
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        before = datetime.datetime.now(ZoneInfo(zone)).date().isoformat()
        start = json.loads(run("plan", "--format", "json", env={"TZ": zone}).stdout)["start"]
        after = datetime.datetime.now(ZoneInfo(zone)).date().isoformat()
        assert start in (before, after), (zone, start, before, after)
        starts[zone] = start
    assert starts["Etc/GMT-14"] > starts["Etc/GMT+12"]


def test_plan_from_protocol_file_with_output_file(tmp_path):
    proto = tmp_path / "mine.json"
    proto.write_text(run("show", "all-overview", "--format", "json").stdout)
    out = tmp_path / "plan.json"
    run("plan", proto, "--start", START, "--set", "cns_prophylaxis=radiation", "-o", out)
    doc = json.loads(out.read_text())
    assert doc["parameters"]["cns_prophylaxis"] == "radiation"
    assert doc == plan_json("--start", START, "--set", "cns_prophylaxis=radiation")
    # Nothing but the output file is left behind (the temporary file was renamed).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json", "plan.json"]


def test_delay_moves_downstream_only():
    base = plan_json("--start", START)
    late = plan_json("--start", START, "--delay", "consolidation=7")
    get = lambda doc, pid: [p for p in doc["phases"] if p["id"] == pid]
    assert get(late, "induction") == get(base, "induction")
    b, l = get(base, "consolidation")[0], get(late, "consolidation")[0]
    assert datetime.date.fromisoformat(l["start"]) - datetime.date.fromisoformat(b["start"]) == datetime.timedelta(days=7)
    assert late["end"] > base["end"]


def test_show_lists_parameters_phases_and_dependencies():
    out = run("show").stdout
    for text in ("ph_positive", "tki", "imatinib", "dasatinib", "cns_prophylaxis", "intrathecal", "radiation",
                 "induction", "consolidation", "maintenance", "Day 36"):
        assert text in out, text


def test_show_json_round_trips_through_validate(tmp_path):
    f = tmp_path / "p.json"
    f.write_text(run("show", "--format", "json").stdout)
    assert run("validate", f).stdout.strip() == f"{f}: ok"


def test_summary_states_lengths_in_words():
    out = run("summary", "--start", START).stdout
    assert re.search(r"In words: \d+ years?", out), out
    assert "Maintenance" in out and "%" in out


@pytest.mark.parametrize("args,golden", [
    (("show", "all-overview"), "all-overview.show.txt"),
    (("show", SOURCE_DIR / "tests" / "data" / "every-feature.json"), "every-feature.show.txt"),
    (("summary", "--start", START), "all-overview.summary.txt"),
    (("summary", "--start", START, "--then", "blinatumomab@2028-05-02", "--then", "allo-hsct"),
     "relapse-chain.summary.txt"),
])
def test_show_and_summary_print_the_library_texts(args, golden):
    # The same golden files pin ttplan::describe and ttplan::summary_text (tests/test_describe.cpp).
    expected = (SOURCE_DIR / "tests" / "golden" / golden).read_text(encoding="utf-8")
    assert run(*args).stdout == expected


# Bad input: one clear message naming the culprit, non-zero exit, no crash, no output file.

def assert_clean_failure(proc, *needles):
    assert proc.returncode not in (0,) and proc.returncode < 128, proc.returncode
    assert "Traceback" not in proc.stderr and "terminate called" not in proc.stderr
    for n in needles:
        assert n in proc.stderr, (n, proc.stderr)


def test_impossible_start_date(tmp_path):
    out = tmp_path / "o.json"
    proc = run("plan", "--start", "2027-02-30", "-o", out, check=False)
    assert_clean_failure(proc, "2027-02-30", "--start")
    assert not out.exists()


@pytest.mark.parametrize("arg,needles", [
    ("nonsense=1", ["nonsense", "ph_positive", "tki", "cns_prophylaxis"]),
    ("tki=nilotinib", ["nilotinib", "imatinib", "dasatinib"]),
    ("ph_positive=maybe", ["maybe", "true", "false"]),
    ("noequals", ["noequals", "name=value"]),
])
def test_bad_set(tmp_path, arg, needles):
    out = tmp_path / "o.json"
    proc = run("plan", "--start", START, "--set", arg, "-o", out, check=False)
    assert_clean_failure(proc, *needles)
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (["--closed", "someday"], '--closed: unknown weekday "someday"; allowed: mon, tue, wed, thu, fri, sat, sun'),
    (["--closed", "monkey"], '--closed: unknown weekday "monkey"'),
    (["--shift", "all=later"], '--shift: unknown shift rule "later"; allowed: next, previous, keep'),
    (["--shift", "chemo=next"], '--shift: unknown category "chemo"; allowed: all, chemotherapy, '),
    (["--shift", "noequals"], '--shift: "noequals" is not of the form category=next|previous|keep'),
])
def test_bad_clinic_calendar(tmp_path, args, message):
    out = tmp_path / "o.json"
    proc = run("plan", "--start", START, *args, "-o", out, check=False)
    assert_clean_failure(proc, message)
    assert not out.exists()


def test_closed_weekdays_by_name_in_any_case():
    expected = plan_json("--start", START, "--closed", "sat", "--closed", "sun", "--shift", "all=next")
    assert plan_json("--start", START, "--closed", "Saturday", "--closed", "SUN", "--shift", "all=next") == expected
    for e in expected["events"]:
        assert datetime.date.fromisoformat(e["date"]).weekday() < 5, e


def test_missing_protocol_file(tmp_path):
    proc = run("plan", tmp_path / "nope.json", "--start", START, check=False)
    assert_clean_failure(proc, "nope.json")


def test_malformed_protocol_file_gives_line(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{\n  "format": "ttplan-protocol/1",\n  "id": "x",\n  oops\n}\n')
    proc = run("plan", f, "--start", START, check=False)
    assert_clean_failure(proc, "bad.json:4")


def cyclic_protocol(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    ids = [p["id"] for p in doc["phases"]]
    doc["dependencies"].append({"from": ids[-1], "to": ids[0]})
    f = tmp_path / "cycle.json"
    f.write_text(json.dumps(doc, indent=2))
    return f, ids


def test_dependency_cycle_is_named(tmp_path):
    f, ids = cyclic_protocol(tmp_path)
    out = tmp_path / "o.json"
    proc = run("plan", f, "--start", START, "-o", out, check=False)
    assert_clean_failure(proc, "cycle", ids[0], ids[-1], "cycle.json")
    assert not out.exists()
    v = run("validate", f, check=False)
    assert v.returncode == 1 and "cycle" in v.stderr


def test_validate_reports_every_problem_with_pointer(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    doc["phases"][0]["length"] = "0d"
    doc["phases"][1]["colour"] = "red"
    doc["dependencies"][0]["to"] = "nowhere"
    f = tmp_path / "many.json"
    f.write_text(json.dumps(doc, indent=2))
    ok = tmp_path / "ok.json"
    ok.write_text(run("show", "--format", "json").stdout)
    proc = run("validate", ok, f, check=False)
    assert proc.returncode == 1
    assert f"{ok}: ok" in proc.stdout
    assert "/phases/0/length" in proc.stderr
    assert "/phases/1/colour" in proc.stderr
    assert "nowhere" in proc.stderr
    assert proc.stderr.count(str(f)) >= 3


def test_errors_never_carry_terminal_controls(tmp_path):
    # A protocol file is untrusted: names quoted in errors must not drive the terminal. ESC and
    # BEL are shown as their control pictures, the C1 controls CSI (U+009B) and OSC (U+009D)
    # as U+FFFD (docs/text-safety.md).
    doc = json.loads(run("show", "--format", "json").stdout)
    doc["dependencies"][0]["to"] = "gone\x1b[2J\x9b31m\x9d0;title\x07end"
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    for args in (("validate", f), ("plan", f, "--start", START)):
        proc = subprocess.run([BIN, *map(str, args)], capture_output=True, env=dict(os.environ))
        assert proc.returncode == 1
        err = proc.stderr.decode("utf-8")  # valid UTF-8
        assert "gone\u241b[2J\ufffd31m\ufffd0;title\u2407end" in err, err
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", err), err


def test_existing_output_survives_a_failed_plan(tmp_path):
    out = tmp_path / "plan.json"
    out.write_text("previous plan\n")
    proc = run("plan", "--start", "2027-13-01", "-o", out, check=False)
    assert proc.returncode != 0
    assert out.read_text() == "previous plan\n"


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("previous plan\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    run("plan", "--start", START, "-o", link)
    assert link.is_symlink()
    assert json.loads(target.read_text())["start"] == START
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_output_to_a_fifo_writes_into_it(tmp_path):
    # Renaming a file over a FIFO (or over /dev/stdout, /dev/null) would replace the special
    # file with a regular one; it is written in place instead.
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)
    received = []

    def read_fifo():
        with open(fifo) as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read_fifo)
    reader.start()
    proc = run("plan", "--start", START, "--format", "json", "-o", fifo, check=False)
    try:  # if ttplan never opened the FIFO, release the reader (fails when it has none)
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(received[0])["start"] == START
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.fifo"]


def test_thousands_of_daily_cycles_render_every_cycle(tmp_path):
    # Two phases of 1-day cycles for 20 years: 14,610 occurrences, each with an event and a
    # span, down to the last cycle. How long it takes is measured in bench/
    # (render_daily_cycles), not here.
    def daily(pid):
        return {"id": pid, "name": pid.title(), "length": "1d",
                "repeat": {"until": {"length": "20y", "from": {"phase": pid}}},
                "activities": [{"name": "Oral", "category": "chemotherapy", "days": "1"},
                               {"name": "Infusion", "category": "immunotherapy", "days": "1",
                                "continuous": True}]}
    proto = tmp_path / "daily.json"
    proto.write_text(json.dumps({"format": "ttplan-protocol/1", "id": "daily", "title": "Daily",
                                 "phases": [daily("first"), daily("second")],
                                 "dependencies": [{"from": "first", "to": "second"}]}))
    for fmt, needle in (("text", "Second, cycle 7305:"), ("md", "### Second, cycle 7305"),
                        ("html", "Second, cycle 7305 begins and ends")):
        proc = subprocess.run([BIN, "plan", str(proto), "--start", START, "--format", fmt],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert needle in proc.stdout


def test_unknown_format_lists_formats():
    proc = run("plan", "--start", START, "--format", "docx", check=False)
    assert_clean_failure(proc, "docx", "json", "text", "png", "page")


def test_unknown_builtin_or_path():
    proc = run("show", "no-such-protocol", check=False)
    assert_clean_failure(proc, "no-such-protocol")


def test_start_past_9999_is_an_error():
    proc = run("plan", "--start", "9999-06-01", check=False)
    assert_clean_failure(proc, "9999")


def test_output_extension_picks_format_unless_format_given(tmp_path):
    run("plan", "--start", START, "-o", tmp_path / "plan.ics")
    assert (tmp_path / "plan.ics").read_text().startswith("BEGIN:VCALENDAR")
    run("plan", "--start", START, "-o", tmp_path / "plan.csv")
    assert (tmp_path / "plan.csv").read_text().startswith("date,")
    run("plan", "--start", START, "--format", "text", "-o", tmp_path / "agenda.json")
    assert not (tmp_path / "agenda.json").read_text().startswith("{")


@pytest.mark.parametrize("name,starts", [
    ("plan.json", "{"), ("PLAN.JSON", "{"), ("plan.ics", "BEGIN:VCALENDAR"), ("plan.csv", "date,"),
    ("plan.markdown", "# "), ("plan.md", "# "), ("plan.htm", "<!DOCTYPE html>"), ("plan.txt", "All therapy"),
])
def test_output_suffix_picks_the_format(tmp_path, name, starts):
    run("plan", "--start", START, "-o", tmp_path / name)
    text = (tmp_path / name).read_text()
    expected = run("plan", "--start", START, "--format", {
        ".json": "json", ".ics": "ics", ".csv": "csv", ".markdown": "md", ".md": "md", ".htm": "html",
        ".txt": "text"}[os.path.splitext(name)[1].lower()]).stdout
    assert text == expected
    assert text.lower().startswith(starts.lower()), text[:40]


def test_output_suffix_no_format_has_is_a_usage_error(tmp_path):
    out = tmp_path / "plan.docx"
    proc = run("plan", "--start", START, "-o", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert_clean_failure(proc, "--output", "plan.docx", '".docx"', "--format")
    for suffix in (".txt", ".json", ".ics", ".csv", ".md", ".markdown", ".html", ".htm", ".svg", ".png", ".pdf"):
        assert suffix in proc.stderr, suffix
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert not proc.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # An existing file of that name is left as it was.
    out.write_text("previous\n")
    assert run("plan", "--start", START, "-o", out, check=False).returncode == 2
    assert out.read_text() == "previous\n"


def test_output_suffix_is_checked_before_planning(tmp_path):
    # The usage error comes first, even when the plan itself would fail too.
    proc = run("plan", "--start", "2027-02-30", "-o", tmp_path / "plan.docx", check=False)
    assert proc.returncode == 2 and ".docx" in proc.stderr and "2027-02-30" not in proc.stderr


def test_output_without_suffix_is_text(tmp_path):
    out = tmp_path / "plan"
    run("plan", "--start", START, "-o", out)
    assert out.read_text() == run("plan", "--start", START).stdout
    assert run("plan", "--start", START, "-o", "-").stdout == run("plan", "--start", START).stdout


def test_format_wins_over_any_suffix(tmp_path):
    out = tmp_path / "plan.pdf"
    run("plan", "--start", START, "--format", "json", "-o", out)
    assert json.loads(out.read_text())["start"] == START
    run("plan", "--start", START, "--format", "calendar", "-o", tmp_path / "fridge.txt")
    assert (tmp_path / "fridge.txt").read_text() == run("plan", "--start", START, "--format", "calendar").stdout


def test_compare_output_suffix_must_be_one_it_writes(tmp_path):
    args = ("compare", "--variant", "ph_positive=false", "--variant", "ph_positive=true", "--start", START)
    out = tmp_path / "cmp.json"
    proc = run(*args, "-o", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert_clean_failure(proc, "cmp.json", ".md", ".html", "--format")
    assert ".ics" not in proc.stderr and not out.exists()
    run(*args, "-o", tmp_path / "cmp.markdown")
    assert (tmp_path / "cmp.markdown").read_text() == run(*args, "--format", "md").stdout
