"""Reminders: `ttplan plan --remind LENGTH` puts one VALARM per length on every treatment day of
the iCalendar file, and on nothing else. Read back with Python's icalendar and libical, and
imported into khal, which keeps them; a --remind that cannot be carried out writes nothing."""
import datetime as dt
import json
import os
import re
import subprocess

import icalendar
import pytest

from clients import khal, khal_config
from conftest import BIN, SOURCE_DIR, run

START = "2027-01-04"
ICAL_PARSE = os.environ.get("TTPLAN_ICAL_PARSE")
DAY_TITLE = re.compile(r" Day -?\d+: ")


def raw(*args):
    """ttplan's standard output as written, CRLF line ends kept."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def ics(*args):
    return raw("plan", "--start", START, "--format", "ics", "--calendar-id", "remind-1", "--timestamp", "0", *args)


def treatment_day_keys(doc):
    """(phase title part, date) of each treatment day of the JSON schedule: one event each."""
    return {(e["protocol"], e["phase"], e["cycle"], e["day"], e["date"]) for e in doc["events"]}


def is_treatment_day(ev):
    """A treatment day: an all-day event titled "<phase> Day N: <activities>"."""
    return (DAY_TITLE.search(str(ev["SUMMARY"])) is not None and type(ev.decoded("DTSTART")) is dt.date
            and str(ev.get("STATUS")) != "CANCELLED")


def alarms(ev):
    return [(str(a["ACTION"]), a.decoded("TRIGGER"), str(a["DESCRIPTION"])) for a in ev.walk("VALARM")]


@pytest.mark.parametrize("args", [[], ["--set", "ph_positive=true"], ["--then", "blinatumomab@2028-05-02"]],
                         ids=["default", "ph-positive", "continued"])
def test_every_treatment_day_and_nothing_else_has_the_alarms(args):
    text = ics(*args, "--remind", "2h", "--remind", "1d", "--remind", "30m", "--remind", "1w")
    doc = json.loads(run("plan", "--start", START, "--format", "json", *args).stdout)
    cal = icalendar.Calendar.from_ical(text)
    days = 0
    for ev in cal.walk("VEVENT"):
        summary = str(ev["SUMMARY"])
        if not is_treatment_day(ev):
            assert alarms(ev) == [], summary
            continue
        days += 1
        got = alarms(ev)
        assert [t for _, t, _ in got] == [-dt.timedelta(weeks=1), -dt.timedelta(days=1), -dt.timedelta(hours=2),
                                          -dt.timedelta(minutes=30)], summary
        assert all(action == "DISPLAY" for action, _, _ in got)
        assert [d.split(": ", 1)[0] for _, _, d in got] == ["In 1 week", "In 1 day", "In 2 hours", "In 30 minutes"]
        assert all(d.split(": ", 1)[1] == summary for _, _, d in got)
    assert days == len(treatment_day_keys(doc)) > 0


def test_triggers_are_rfc_5545_durations_and_lines_stay_folded():
    text = ics("--remind", "90m", "--remind", "36h", "--remind", "4w", "--remind", "1440m", "--remind", "1d")
    unfolded = text.replace("\r\n ", "")
    triggers = re.findall(r"^TRIGGER:(.*?)\r$", unfolded, re.M)
    assert triggers and set(triggers) == {"-P4W", "-PT36H", "-P1D", "-PT1H30M"}
    # One alarm per different length: 1440m and 1d are one.
    first = unfolded.split("BEGIN:VALARM", 1)[1].split("END:VEVENT", 1)[0]
    assert re.findall(r"^TRIGGER:(.*?)\r$", first, re.M) == ["-P4W", "-PT36H", "-P1D", "-PT1H30M"]
    lines = text.encode().split(b"\r\n")
    assert len(lines) > 100 and lines[-1] == b""
    for line in lines[:-1]:
        assert 0 < len(line) <= 75


def test_same_inputs_same_bytes_and_order_does_not_matter():
    a = ics("--remind", "1d", "--remind", "2h")
    assert ics("--remind", "1d", "--remind", "2h") == a
    assert ics("--remind", "2h", "--remind", "1d") == a
    plain = ics()
    assert "VALARM" not in plain
    assert re.sub(r"BEGIN:VALARM\r\n.*?END:VALARM\r\n", "", a, flags=re.S) == plain


def test_timed_doses_and_cancelled_events_get_none(tmp_path):
    # A protocol with clock times: its doses are timed events of their own.
    protocol = {
        "format": "ttplan-protocol/2", "id": "timed", "title": "Timed", "version": "1",
        "phases": [{"id": "one", "name": "One", "kind": "induction", "length": "7d",
                    "activities": [{"name": "Dexamethasone", "category": "chemotherapy", "days": "1-2",
                                    "times": ["08:00", "20:00"]}]}],
    }
    path = tmp_path / "timed.json"
    path.write_text(json.dumps(protocol))
    cal = icalendar.Calendar.from_ical(raw("plan", path, "--start", START, "-f", "ics", "--remind", "1h"))
    timed = [ev for ev in cal.walk("VEVENT") if type(ev.decoded("DTSTART")) is dt.datetime]
    days = [ev for ev in cal.walk("VEVENT") if is_treatment_day(ev)]
    assert len(timed) == 4 and all(alarms(ev) == [] for ev in timed)
    assert len(days) == 2 and all([t for _, t, _ in alarms(ev)] == [-dt.timedelta(hours=1)] for ev in days)

    # A record whose second revision delays delayed intensification: maintenance runs until a
    # limit, so it loses its last cycle, whose events come back cancelled, without alarms.
    record = tmp_path / "patient.json"
    run("record", "new", "all-overview", "--start", START, "-o", record, env={"SOURCE_DATE_EPOCH": "0"})
    run("record", "add", record, "--delay", "delayed_intensification=84", env={"SOURCE_DATE_EPOCH": "0"})
    cal = icalendar.Calendar.from_ical(raw("plan", record, "-f", "ics", "--remind", "1d"))
    statuses = {str(ev["STATUS"]) for ev in cal.walk("VEVENT")}
    assert "CANCELLED" in statuses, statuses
    for ev in cal.walk("VEVENT"):
        if str(ev["STATUS"]) == "CANCELLED":
            assert alarms(ev) == [], str(ev["SUMMARY"])
        elif is_treatment_day(ev):
            assert [t for _, t, _ in alarms(ev)] == [-dt.timedelta(days=1)]


@pytest.mark.skipif(not ICAL_PARSE, reason="TTPLAN_ICAL_PARSE (libical) is set by ctest")
def test_libical_reads_the_alarms_and_accepts_the_calendar(tmp_path):
    path = tmp_path / "plan.ics"
    run("plan", "--start", START, "-o", path, "--remind", "1d", "--remind", "15m")
    proc = subprocess.run([ICAL_PARSE, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    lib = json.loads(proc.stdout)
    assert lib["parse_errors"] == [] and lib["errors"] == [] and lib["restrictions_ok"], lib["errors"]
    reminded = [e for e in lib["events"] if e["alarms"]]
    assert reminded
    for e in reminded:
        assert [a["trigger_seconds"] for a in e["alarms"]] == [-86400, -900]
        assert all(a["action"] == "DISPLAY" and a["description"].endswith(e["summary"]) for a in e["alarms"])


def test_khal_import_keeps_the_alarms(tmp_path):
    path = tmp_path / "plan.ics"
    run("plan", "--start", START, "-o", path, "--remind", "1d", "--remind", "2h")
    config = khal_config(tmp_path)
    khal(config, "import", "--batch", "-a", "plan", str(path))
    stored = [icalendar.Calendar.from_ical(f.read_bytes()) for f in sorted((tmp_path / "cal").glob("*.ics"))]
    days = [ev for cal in stored for ev in cal.walk("VEVENT") if is_treatment_day(ev)]
    assert days
    for ev in days:
        assert [t for _, t, _ in alarms(ev)] == [-dt.timedelta(days=1), -dt.timedelta(hours=2)], str(ev["SUMMARY"])
    others = [ev for cal in stored for ev in cal.walk("VEVENT") if not is_treatment_day(ev)]
    assert others and all(alarms(ev) == [] for ev in others)


def test_help_and_a_record_take_remind(tmp_path):
    help_text = run("plan", "--help").stdout
    assert "--remind" in help_text and "4 weeks" in help_text
    record = tmp_path / "patient.json"
    run("record", "new", "all-overview", "--start", START, "-o", record, env={"SOURCE_DATE_EPOCH": "0"})
    text = raw("plan", record, "-f", "ics", "--remind", "3d")
    assert "TRIGGER:-P3D\r\n" in text


@pytest.mark.parametrize("args,says", [
    (["-f", "ics", "--remind", "0d"], ["--remind", '"0d"', "zero"]),
    (["-f", "ics", "--remind=-1d"], ["--remind", '"-1d"', "without a sign"]),
    (["-f", "ics", "--remind", "1x"], ["--remind", '"1x"', "unknown unit"]),
    (["-f", "ics", "--remind", "5w"], ["--remind", '"5w"', "more than 4 weeks"]),
    (["-f", "ics", "--remind", "1mo"], ["--remind", '"1mo"', "months"]),
    (["-f", "csv", "--remind", "1d"], ["--remind", "ics", "not csv"]),
    (["--remind", "1d"], ["--remind", "ics", "not text"]),
])
def test_bad_reminders_write_nothing(tmp_path, args, says):
    out = tmp_path / "plan.txt"
    proc = run("plan", "--start", START, *args, "-o", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("ttplan: error: ")
    for text in says:
        assert text in proc.stderr, (text, proc.stderr)
    assert proc.stdout == "" and not out.exists()


def test_an_ics_file_name_asks_for_ics_and_another_suffix_is_refused(tmp_path):
    good = tmp_path / "plan.ics"
    run("plan", "--start", START, "--remind", "1d", "-o", good)
    assert "BEGIN:VALARM" in good.read_text()
    bad = tmp_path / "plan.csv"
    proc = run("plan", "--start", START, "--remind", "1d", "-o", bad, check=False)
    assert proc.returncode == 2 and "--remind" in proc.stderr and "not csv" in proc.stderr
    assert not bad.exists()


def test_docs_say_which_events_ring_and_that_some_services_drop_alarms():
    doc = (SOURCE_DIR / "docs" / "formats-ical.md").read_text()
    assert "--remind" in doc and "VALARM" in doc
    assert "drop" in doc
