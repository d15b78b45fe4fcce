"""Treatment records from Python: made, added to with facts as text, saved, planned, written
as the CLI writes them, and every refusal leaving the record as it was."""
import datetime
import json
import os
import pathlib
import subprocess

import pytest

import ttplan

JAN_4 = 1799053200  # 2027-01-04T09:00:00Z
DAY = 86400


def made(**kw):
    return ttplan.new_record("all-overview", "2027-01-04", recorded_at=JAN_4, **kw)


def dates(schedule, phase, activity):
    return [e.date for e in schedule.events if e.phase == phase and e.activity == activity]


def test_a_new_record_is_revision_one_with_a_random_calendar_id():
    r = made(ph_positive=True)
    assert r.revision == 1 and [h.number for h in r.history] == [1]
    assert r.history[0].recorded_at == JAN_4 and r.history[0].facts == []
    assert len(r.calendar_id) == 32 and set(r.calendar_id) <= set("0123456789abcdef")
    assert made().calendar_id != r.calendar_id
    assert r.origin == "builtin:all-overview" and r.protocol == ttplan.load_builtin("all-overview")
    assert r.parameters == {"ph_positive": "true"} and r.start == datetime.date(2027, 1, 4)
    assert r.builtin_changed() is None
    assert r.plan() == ttplan.plan("all-overview", "2027-01-04", ph_positive=True)


def test_origin_says_where_the_protocol_came_from(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(ttplan.load_builtin("all-overview").to_json())
    assert ttplan.new_record(str(path), "2027-01-04", recorded_at=JAN_4).origin == str(path)
    assert ttplan.new_record(ttplan.load_builtin("all-overview"), "2027-01-04").origin == "builtin:all-overview"
    given = ttplan.new_record(None, "2027-01-04", calendar_id="0123456789abcdef0123456789abcdef")
    assert given.calendar_id == "0123456789abcdef0123456789abcdef"
    with pytest.raises(ttplan.InvalidValueError):
        ttplan.new_record(None, "2027-01-04", calendar_id="patient-42")


def test_each_add_is_one_revision_and_the_plan_follows_it():
    r = made()
    before = r.plan()
    assert r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY) == 2
    assert datetime.date(2027, 1, 25) not in dates(r.plan(), "induction", "Vincristine")
    n = r.add(
        {"decide": "induction_response=mrd_positive@2027-02-01"}, by="bone-marrow MRD", recorded_at=JAN_4 + 28 * DAY
    )
    assert n == 3
    assert "consolidation_augmented" in {p.phase for p in r.plan().phases}
    assert r.add([("delay", "interim_maintenance_1=7"), ("stop_track", "none=2027-03-01")][:1],
                 recorded_at=JAN_4 + 90 * DAY) == 4
    assert [h.kinds for h in r.history] == [[], ["event_held"], ["decision_taken"], ["actual_start"]]
    assert "bone-marrow MRD" in r.history[2].facts[0]
    # The plan as it stood after each revision stays reachable.
    assert r.plan(1) == before
    assert r.plan(4) == r.plan()


def test_kinds_may_be_spelled_with_underscores_and_many_texts_at_once():
    r = ttplan.new_record("all-overview", "2027-01-04", recorded_at=JAN_4, ph_positive=True)
    r.add(hold=["induction:15:Vincristine", "induction:22:Vincristine"], stop_track="Imatinib (daily)=2027-03-01",
          recorded_at=JAN_4 + DAY)
    assert r.history[-1].kinds == ["event_held", "event_held", "track_changed"]
    spans = [s for s in r.plan().spans if s.activity == "Imatinib (daily)"]
    assert spans and max(s.last for s in spans) == datetime.date(2027, 3, 1)


def test_a_refused_fact_leaves_the_record_as_it_was():
    r = made()
    r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY)
    text = r.to_json()
    with pytest.raises(ttplan.InvalidValueError) as bad:
        r.add({"hold": "induction:15:Vincristine", "pause": "induction=2027-01-20"}, recorded_at=JAN_4 + 2 * DAY)
    assert bad.value.location.file == "facts[1]"
    assert "phase[#cycle]=YYYY-MM-DD+days: the '+' and the number of days are missing" in bad.value.message
    with pytest.raises(ttplan.PlanningError) as unknown:
        r.add(hold=["induction:15:Vincristine", "induction:23:Vincristine"], recorded_at=JAN_4 + 2 * DAY)
    assert unknown.value.location.pointer == "/history/2/facts/1"
    assert "induction:23:Vincristine" in unknown.value.message
    with pytest.raises(ttplan.ParameterError, match="ph_positive"):
        r.add(decide="ph_positive=true@2027-02-01", recorded_at=JAN_4 + 2 * DAY)
    with pytest.raises(ttplan.InvalidValueError, match="not a kind of fact"):
        r.add(postpone="induction=3", recorded_at=JAN_4 + 2 * DAY)
    with pytest.raises(TypeError, match="at least one fact"):
        r.add(recorded_at=JAN_4 + 2 * DAY)
    with pytest.raises(TypeError, match="time zone"):
        r.add(hold="induction:15:Vincristine", recorded_at=datetime.datetime(2027, 1, 6, 9))
    assert r.to_json() == text and r.revision == 2


def test_recorded_at_takes_an_aware_datetime():
    r = made()
    when = datetime.datetime(2027, 1, 5, 10, 30, tzinfo=datetime.timezone.utc)
    r.add(hold="induction:22:Vincristine", recorded_at=when)
    assert r.history[-1].recorded_at == int(when.timestamp())


def test_saved_and_loaded_it_is_the_same_record(tmp_path):
    r = made()
    r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY)
    path = tmp_path / "patient.json"
    r.save(str(path))
    assert ttplan.load_record(str(path)) == r
    assert ttplan.parse_record(path.read_text(), "patient.json") == r
    assert json.loads(path.read_text())["format"] == "ttplan-record/1"
    broken = path.read_text().replace('"ttplan-record/1"', '"ttplan-record/9"')
    with pytest.raises(ttplan.ValidationError) as e:
        ttplan.parse_record(broken, "broken.json")
    assert e.value.location.file == "broken.json" and e.value.location.pointer == "/format"
    with pytest.raises(ttplan.IoError):
        ttplan.load_record(str(tmp_path / "missing.json"))


def test_the_calendar_cancels_what_earlier_revisions_had(tmp_path):
    r = made()
    r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY)
    ics = r.render("ics")
    assert ics.count("SEQUENCE:2\r\n") == ics.count("BEGIN:VEVENT")
    assert ics.count("STATUS:CANCELLED") == 1
    assert ics == r.plan().render("ics", calendar_id=r.calendar_id, sequence=2, timestamp=JAN_4 + DAY,
                                  previous=r.plan(1))
    r.write(str(tmp_path / "patient.ics"))
    assert (tmp_path / "patient.ics").read_bytes().decode() == ics
    with pytest.raises(ttplan.InvalidValueError, match="no format has its suffix"):
        r.write(str(tmp_path / "patient.docx"))
    assert not (tmp_path / "patient.docx").exists()
    r.write(str(tmp_path / "patient.txt"), "csv")
    assert (tmp_path / "patient.txt").read_text().startswith("date,weekday,phase")


def test_changes_since_a_revision():
    r = made()
    r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY)
    r.add(delay="interim_maintenance_1=7", recorded_at=JAN_4 + 2 * DAY)
    moved = r.changes()  # since revision 2
    assert moved and all(line.startswith("moved") for line in moved.splitlines())
    listed = json.loads(r.changes(1, format="json"))
    assert {c["kind"] for c in listed["changes"]} == {"moved", "removed"}
    with pytest.raises(ttplan.InvalidValueError, match="revisions are 1 to 3"):
        r.changes(7)


def test_plan_takes_facts_as_text_too():
    held = ttplan.plan("all-overview", "2027-01-04", facts={"hold": "induction:22:Vincristine",
                                                            "given": ["induction:15:Vincristine=2027-01-19"]})
    assert dates(held, "induction", "Vincristine") == [datetime.date(2027, 1, d) for d in (4, 11, 19)]
    with pytest.raises(ttplan.InvalidValueError, match="set the parameter instead") as e:
        ttplan.plan("all-overview", "2027-01-04", facts=[("decide", "induction_response=mrd_positive@2027-02-01")])
    assert e.value.location.file == "facts[0]"
    with pytest.raises(ttplan.PlanningError, match="induction:23:Vincristine"):
        ttplan.plan("all-overview", "2027-01-04", facts={"hold": "induction:23:Vincristine"})
    branches = ttplan.plan_branches("all-overview", "2027-01-04", facts={"hold": "induction:22:Vincristine"})
    assert all(datetime.date(2027, 1, 25) not in dates(s, "induction", "Vincristine") for _, s in branches)
    assert set(ttplan.FACT_KINDS) >= {"actual", "delay", "hold", "given", "decide", "start-track"}


def test_repin_refuses_the_edition_already_pinned():
    r = made()
    with pytest.raises(ttplan.InvalidValueError):
        r.repin(recorded_at=JAN_4 + DAY)
    assert r.revision == 1


def test_the_same_record_as_the_cli_writes_and_reads(tmp_path):
    binary = os.environ.get("TTPLAN_BIN")
    if not binary:
        pytest.skip("TTPLAN_BIN is not set")
    r = made()
    r.add(hold="induction:22:Vincristine", recorded_at=JAN_4 + DAY)
    path = tmp_path / "patient.json"
    r.save(str(path))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}

    def run(*args):
        proc = subprocess.run([binary, *args], capture_output=True, env=env)
        assert proc.returncode == 0, proc.stderr.decode()
        return proc.stdout.decode()

    assert run("plan", str(path), "-f", "ics") == r.render("ics")
    assert run("record", "show", str(path)) == r.describe()
    assert run("changes", str(path), "-f", "json") == r.changes(format="json")
    env["SOURCE_DATE_EPOCH"] = str(JAN_4 + 2 * DAY)
    run("record", "add", str(path), "--hold", "induction:15:Vincristine")
    r.add(hold="induction:15:Vincristine", recorded_at=JAN_4 + 2 * DAY)
    assert ttplan.load_record(str(path)) == r
