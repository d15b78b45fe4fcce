"""iCalendar interoperability: every calendar `ttplan plan --format ics` writes is read back by
Python's icalendar, by libical (with its RFC 5545/5546 restriction checks) and imported into two
real calendar clients, calcurse and khal; the dates and titles that come back must be the
schedule's own, as `--format json` reports it for the same plan."""
import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import icalendar
import pytest

from clients import DAY, calcurse_import, d, expected_items, khal, khal_config, khal_events, matches, one_line
from conftest import SOURCE_DIR

BIN = os.environ.get("TTPLAN_BIN", "ttplan")
ICAL_PARSE = os.environ.get("TTPLAN_ICAL_PARSE")

HOSTILE = 'Line one\nLine two; a,b \\ back <script>alert(1)</script> "quoted" =HYPERLINK("x") 10:00'
LONG_UTF8 = "Consolidaci\u00f3n " + "\u00e9" * 40 + " \U0001F48A" * 12 + " r\u00e9sum\u00e9"

# A protocol whose every name is hostile: repeated cycles with variants, negative day numbers,
# a gated (tentative) start, a continuous activity and a protocol-wide track.
HOSTILE_PROTOCOL = {
    "format": "ttplan-protocol/1",
    "id": "hostile",
    "title": "Hostile; title, with \\ and \"quotes\" <b>bold</b>\nsecond line",
    "version": "1",
    "phases": [
        {"id": "first", "name": HOSTILE, "kind": "induction", "length": "14d",
         "activities": [
             {"name": HOSTILE, "category": "chemotherapy", "days": "1,8"},
             {"name": "=HYPERLINK(\"http://x\")", "category": "assessment", "days": "8"},
             {"name": LONG_UTF8, "category": "hospital-stay", "days": "1-5", "continuous": True},
         ]},
        {"id": "second", "name": LONG_UTF8, "kind": "consolidation", "length": "10d", "first_day": -3,
         "repeat": {"count": 3, "variants": ["A;1", "B,2"]},
         "activities": [
             {"name": "Day zero: \"infusion\"", "category": "cell-therapy", "days": "0"},
             {"name": "Pre\\medication", "category": "chemotherapy", "days": "-3..-1", "continuous": True},
         ]},
    ],
    "dependencies": [
        {"from": "first", "to": "second", "gate": "or when counts recover; whichever is later"},
    ],
    "tracks": [
        {"activity": "Track, with; punctuation", "category": "targeted",
         "from": {"phase": "first", "day": 3}, "to": {"phase": "second", "at": "end"}},
    ],
}

SCENARIOS = {
    "default": ["--start", "2027-01-04"],
    "ph-imatinib": ["--start", "2027-01-04", "--set", "ph_positive=true"],
    "ph-dasatinib": ["--start", "2028-02-28", "--set", "ph_positive=true", "--set", "tki=dasatinib"],
    "radiation": ["--start", "2027-01-31", "--set", "cns_prophylaxis=radiation"],
    "clinic-closed": ["--start", "2027-01-04", "--closed", "sat", "--closed", "sun", "--shift", "all=next",
                      "--shift", "assessment=previous", "--holiday", "2027-01-11"],
    # Continued plans; second-line.json has phases `induction` and `maintenance` like the default.
    "relapse": ["--start", "2027-01-04", "--then", "blinatumomab@2028-05-02", "--then", "allo-hsct"],
    "clashing-ids": ["--start", "2027-01-04", "--then", f"{SOURCE_DIR / 'tests/data/second-line.json'}@2028-05-02",
                     "--then", "allo-hsct"],
}

# khal imports one file per event; these cover both branches, Day 0 numbering and hostile text.
KHAL_SCENARIOS = {"default", "ph-dasatinib", "radiation", "hostile"}


def ttplan(*args):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([BIN, *args], capture_output=True, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("protocol") / "hostile.json"
    path.write_text(json.dumps(HOSTILE_PROTOCOL, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=[*SCENARIOS, "hostile"])
def plan(request, hostile_file, tmp_path_factory):
    """(ics bytes, path of the .ics file, JSON schedule, scenario name) for one scenario."""
    args = [str(hostile_file), "--start", "2027-05-03"] if request.param == "hostile" else SCENARIOS[request.param]
    ics = ttplan("plan", *args, "--format", "ics", "--calendar-id", "interop-1")
    doc = json.loads(ttplan("plan", *args, "--format", "json"))
    path = tmp_path_factory.mktemp(request.param) / "plan.ics"
    path.write_bytes(ics)
    return ics, path, doc, request.param


# --- the raw text: traps that make clients misread a file -------------------------------------

def test_line_discipline(plan):
    ics, _, _, _ = plan
    assert ics.endswith(b"\r\n")
    assert b"\n" not in ics.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in ics.replace(b"\r\n", b""), "bare CR"
    for line in ics.split(b"\r\n")[:-1]:
        assert line, "blank line"
        assert len(line) <= 75, f"folded line over 75 octets: {line!r}"
        line.decode("utf-8")  # a fold never splits a character


def test_traps(plan):
    ics, _, _, _ = plan
    text = ics.decode("utf-8")
    unfolded = text.replace("\r\n ", "")
    assert "METHOD:PUBLISH\r\n" in unfolded and "METHOD:REQUEST" not in unfolded
    assert "TZID" not in unfolded
    assert not re.search(r"^DT(START|END)[^:\r]*:\d{8}T", unfolded, re.M), "date-time on an all-day item"
    assert all(v == ";VALUE=DATE" for v in re.findall(r"^DT(?:START|END)([^:\r]*):", unfolded, re.M))
    assert "\\:" not in unfolded and '\\"' not in unfolded, "escaped colon or quote"
    assert not re.search(r"\\\\[;,n]", unfolded.replace("\\\\\\", "")), "double escaping"


# --- two independent parsers -------------------------------------------------------------------

def parsed_with_icalendar(ics):
    cal = icalendar.Calendar.from_ical(ics)
    events = []
    for ev in cal.walk("VEVENT"):
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date, "all-day items carry DATE values"
        events.append({"uid": str(ev["UID"]), "start": start, "end": end, "summary": str(ev["SUMMARY"]),
                       "description": str(ev["DESCRIPTION"]), "status": str(ev["STATUS"]),
                       "sequence": int(ev["SEQUENCE"])})
    return cal, events


def test_icalendar_reads_the_schedule(plan):
    ics, _, doc, _ = plan
    cal, events = parsed_with_icalendar(ics)
    assert str(cal["NAME"]) == one_line(doc["protocol"]["title"])
    assert str(cal["X-WR-CALNAME"]) == one_line(doc["protocol"]["title"])
    assert str(cal["PRODID"]).startswith("-//ttplan//ttplan ")
    items, count = expected_items(doc)
    assert len(events) == count
    assert len({e["uid"] for e in events}) == count
    for start, end, title, text, tentative in items:
        found = [e for e in events if matches([(start, end, title, text, tentative)], e["start"], e["end"],
                                             e["summary"], e["description"])]
        assert found, f"no event {start}..{end} titled with {title!r} describing {text!r}"
        assert {e["status"] for e in found} == {"TENTATIVE" if tentative else "CONFIRMED"}
    for e in events:
        assert e["description"].endswith(doc["disclaimer"])
        assert e["end"] > e["start"]


def parsed_with_libical(path):
    assert ICAL_PARSE, "TTPLAN_ICAL_PARSE is not set: libical-dev is needed to build ttplan_ical_parse"
    proc = subprocess.run([ICAL_PARSE, str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_libical_accepts_and_agrees(plan):
    ics, path, doc, _ = plan
    lib = parsed_with_libical(path)
    assert lib["parse_errors"] == []
    assert lib["errors"] == [] and lib["restrictions_ok"], lib["errors"]
    assert lib["method"] == "PUBLISH"
    assert lib["name"] == one_line(doc["protocol"]["title"])
    for e in lib["events"]:
        assert e["start_is_date"] and e["end_is_date"] and not e["tzid"]
        assert e["categories"]
    _, events = parsed_with_icalendar(ics)
    ours = sorted((e["uid"], e["start"].isoformat(), e["end"].isoformat(), e["summary"], e["description"],
                   e["status"], e["sequence"]) for e in events)
    theirs = sorted((e["uid"], e["start"], e["end"], e["summary"], e["description"], e["status"], e["sequence"])
                    for e in lib["events"])
    assert ours == theirs


# --- real clients --------------------------------------------------------------------------------

def test_calcurse_import(plan, tmp_path):
    ics, path, doc, _ = plan
    report, apts = calcurse_import(tmp_path, path)
    items, count = expected_items(doc)
    assert f"{count} events" in report and "0 skipped" in report, report
    assert len(apts) == count
    for start, end, title, note in apts:
        assert note.rstrip("\n").endswith(doc["disclaimer"])
        assert matches(items, start, end, title, note), (start, title)


def test_khal_import(plan, tmp_path):
    _, path, doc, name = plan
    if name not in KHAL_SCENARIOS:
        pytest.skip("khal is slow to import; calcurse and both parsers cover this scenario")
    config = khal_config(tmp_path)
    khal(config, "import", "--batch", "-a", "plan", str(path))
    events = khal_events(config, d(doc["start"]), d(doc["end"]))
    items, count = expected_items(doc)
    assert len(events) == count
    for start, end, title, description in events.values():
        assert matches(items, start, end, title, description), (start, end, title)


def test_khal_reimport_updates_instead_of_duplicating(tmp_path):
    config = khal_config(tmp_path)
    first = tmp_path / "first.ics"
    first.write_bytes(ttplan("plan", "--start", "2027-01-04", "--format", "ics", "--calendar-id", "pt-7"))
    khal(config, "import", "--batch", "-a", "plan", str(first))
    args = ["--start", "2027-03-15", "--delay", "consolidation=9"]
    replanned = tmp_path / "replanned.ics"
    replanned.write_bytes(ttplan("plan", *args, "--format", "ics", "--calendar-id", "pt-7", "--sequence", "1"))
    khal(config, "import", "--batch", "-a", "plan", str(replanned))
    doc = json.loads(ttplan("plan", *args, "--format", "json"))
    events = khal_events(config, d("2027-01-01"), d(doc["end"]))
    items, count = expected_items(doc)
    assert len(events) == count
    for start, end, title, description in events.values():
        assert matches(items, start, end, title, description), (start, end, title)
    assert len(list((tmp_path / "cal").glob("*.ics"))) == count


# --- the CLI's options ---------------------------------------------------------------------------

def uids_and_starts(*args):
    _, events = parsed_with_icalendar(ttplan("plan", *args, "--format", "ics"))
    return {e["uid"]: e["start"] for e in events}


def test_uids_survive_a_new_start_date_and_a_delay():
    base = uids_and_starts("--start", "2027-01-04", "--calendar-id", "pt-7")
    moved = uids_and_starts("--start", "2027-03-15", "--calendar-id", "pt-7")
    delayed = uids_and_starts("--start", "2027-01-04", "--delay", "consolidation=9", "--calendar-id", "pt-7")
    assert base.keys() == moved.keys() == delayed.keys()
    assert all(moved[u] != s for u, s in base.items())
    assert any(delayed[u] != s for u, s in base.items())


def test_default_calendar_id_follows_the_plan():
    # Without --calendar-id two patients' plans keep apart; a delay keeps the UIDs.
    base = uids_and_starts("--start", "2027-01-04")
    assert not base.keys() & uids_and_starts("--start", "2027-03-15").keys()
    assert not base.keys() & uids_and_starts("--start", "2027-01-04", "--set", "ph_positive=true").keys()
    assert base.keys() == uids_and_starts("--start", "2027-01-04", "--delay", "consolidation=9").keys()
    assert not base.keys() & uids_and_starts("--start", "2027-01-04", "--calendar-id", "ttplan").keys()


def test_sequence_timestamp_and_source_date_epoch():
    ics = ttplan("plan", "--start", "2027-01-04", "--format", "ics", "--sequence", "3", "--timestamp", "1800000000")
    _, events = parsed_with_icalendar(ics)
    assert {e["sequence"] for e in events} == {3}
    cal = icalendar.Calendar.from_ical(ics)
    stamps = {ev.decoded("DTSTAMP") for ev in cal.walk("VEVENT")}
    assert stamps == {dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)}

    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    out = subprocess.run([BIN, "plan", "--start", "2027-01-04", "--format", "ics"], capture_output=True, env=env)
    assert out.returncode == 0
    assert b"DTSTAMP:20231114T221320Z\r\n" in out.stdout
    env["SOURCE_DATE_EPOCH"] = "yesterday"
    bad = subprocess.run([BIN, "plan", "--start", "2027-01-04", "--format", "ics"], capture_output=True, env=env)
    assert bad.returncode != 0 and b"SOURCE_DATE_EPOCH" in bad.stderr and not bad.stdout


@pytest.mark.parametrize("bad", ["", "yesterday", "12abc", "-5", " 5", "5 ", "+5", "1e9",
                                 "99999999999999999999", "253402300800"])
def test_malformed_source_date_epoch_is_an_error_naming_it(tmp_path, bad):
    # The command line, not the library, reads the variable; the rules are those of
    # reproducible-builds.org: decimal digits only, up to the year 9999.
    out = tmp_path / "plan.ics"
    env = dict(os.environ, SOURCE_DATE_EPOCH=bad)
    proc = subprocess.run([BIN, "plan", "--start", "2027-01-04", "-o", str(out)], capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("ttplan: error: SOURCE_DATE_EPOCH: "), proc.stderr
    assert "whole number of seconds" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_source_date_epoch_bounds_and_precedence():
    def ics(env_value, *args):
        env = dict(os.environ, SOURCE_DATE_EPOCH=env_value)
        proc = subprocess.run([BIN, "plan", "--start", "2027-01-04", *args], capture_output=True, env=env)
        assert proc.returncode == 0, proc.stderr.decode()
        return proc.stdout.decode()  # no newline translation: iCalendar lines end in CRLF
    assert "DTSTAMP:99991231T235959Z\r\n" in ics("253402300799", "--format", "ics")
    assert "DTSTAMP:19700101T000000Z\r\n" in ics("0", "--format", "ics")
    # --timestamp wins; a malformed variable does not matter then, nor for formats without a stamp.
    assert "DTSTAMP:20270115T080000Z\r\n" in ics("yesterday", "--format", "ics", "--timestamp", "1800000000")
    assert ics("yesterday", "--format", "json") == ttplan("plan", "--start", "2027-01-04", "--format", "json").decode()


def test_identical_inputs_identical_bytes():
    args = ["plan", "--start", "2027-01-04", "--set", "ph_positive=true", "--format", "ics"]
    assert ttplan(*args) == ttplan(*args)


def test_calendar_id_with_personal_data_is_refused(tmp_path):
    out = tmp_path / "plan.ics"
    proc = subprocess.run([BIN, "plan", "--start", "2027-01-04", "--format", "ics", "--calendar-id",
                           "Jane Doe 1970-01-01", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode != 0
    assert "calendar" in proc.stderr and "Jane" not in proc.stderr
    assert not out.exists()


# --- timed events: clock times in a named zone, across both daylight-saving changes ----------

TIMED_PROTOCOL = {
    "format": "ttplan-protocol/2", "id": "timed", "title": "Timed",
    "phases": [{"id": "block", "name": "Block", "length": "7d", "activities": [
        {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-3", "times": ["08:00", "20:00"]},
        {"name": "High-dose methotrexate", "category": "chemotherapy", "days": "2", "times": ["10:00"],
         "duration": "24h"},
        {"name": "Leucovorin rescue", "category": "chemotherapy",
         "after": {"activity": "High-dose methotrexate", "hours": 42}},
    ]}],
}


@pytest.fixture(scope="module")
def timed_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("timed") / "timed.json"
    path.write_text(json.dumps(TIMED_PROTOCOL))
    return path


def berlin_utc(local):
    """Europe/Berlin local wall-clock time to UTC, by the 2027 rules (CET +1, CEST +2 from
    2027-03-28 02:00 to 2027-10-31 03:00)."""
    summer = dt.datetime(2027, 3, 28, 2) <= local < dt.datetime(2027, 10, 31, 3)
    return local - dt.timedelta(hours=2 if summer else 1)


@pytest.mark.parametrize("start", ["2027-03-27", "2027-10-30"])
def test_timed_events_across_daylight_saving(timed_file, tmp_path, start):
    ics = ttplan("plan", str(timed_file), "--start", start, "--format", "ics", "--time-zone", "Europe/Berlin")
    cal = icalendar.Calendar.from_ical(ics)
    (tz,) = cal.walk("VTIMEZONE")
    offsets = set()
    for c in tz.subcomponents:
        text = c["TZOFFSETTO"].to_ical()
        offsets.add(text.decode("ascii") if isinstance(text, bytes) else text)
    assert {"+0100", "+0200"} <= offsets
    timed = [e for e in cal.walk("VEVENT") if isinstance(e.decoded("DTSTART"), dt.datetime)]
    assert len(timed) == 8  # 6 doses of dexamethasone, the infusion, the rescue
    first = dt.date.fromisoformat(start)
    expected = sorted(
        [dt.datetime.combine(first + dt.timedelta(days=k), dt.time(h)) for k in range(3) for h in (8, 20)]
        + [dt.datetime.combine(first + DAY, dt.time(10)), dt.datetime.combine(first + 3 * DAY, dt.time(4))])
    got = sorted(e.decoded("DTSTART").replace(tzinfo=None) for e in timed)
    assert got == expected
    utc = sorted(e.decoded("DTSTART").astimezone(dt.timezone.utc).replace(tzinfo=None) for e in timed)
    assert utc == sorted(berlin_utc(t) for t in expected)
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))
    if ICAL_PARSE:
        path = tmp_path / "timed.ics"
        path.write_bytes(ics)
        proc = subprocess.run([ICAL_PARSE, str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        parsed = json.loads(proc.stdout)
        assert parsed["parse_errors"] == [] and parsed["restrictions_ok"], parsed["errors"]
        lib = sorted(dt.datetime.fromtimestamp(e["start_utc"], dt.timezone.utc).replace(tzinfo=None)
                     for e in parsed["events"] if e["start_utc"] is not None)
        assert lib == utc


def test_floating_times_and_unknown_zone(timed_file):
    ics = ttplan("plan", str(timed_file), "--start", "2027-03-27", "--format", "ics")
    assert b"BEGIN:VTIMEZONE" not in ics and b"DTSTART:20270327T080000\r\n" in ics
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.run([BIN, "plan", str(timed_file), "--start", "2027-03-27", "--format", "ics",
                           "--time-zone", "Europe/Atlantis"], capture_output=True, env=env)
    assert proc.returncode == 2
    assert b"Europe/Atlantis" in proc.stderr


def test_calendars_without_times_are_unchanged_by_a_zone():
    plain = ttplan("plan", "--start", "2027-01-04", "--format", "ics")
    assert ttplan("plan", "--start", "2027-01-04", "--format", "ics", "--time-zone", "Europe/Berlin") == plain
