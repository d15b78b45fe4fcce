"""Every record file the CLI writes validates against the published record schema, and what
`ttplan changes` writes about it against the change-list schema; dates as calendar dates."""
import json

import jsonschema
import pytest

from conftest import format_errors, run, validate

EPOCH = {"SOURCE_DATE_EPOCH": "1799053200"}


@pytest.fixture
def record_path(tmp_path):
    path = tmp_path / "patient.json"
    run("record", "new", "all-overview", "--start", "2027-01-04", "--set", "ph_positive=true", "-o", path, env=EPOCH)
    run("record", "add", path, "--actual", "consolidation=2027-02-15", "--delay", "maintenance#3=7",
        "--given", "induction:8:Vincristine=2027-01-12", "--hold", "induction:22:Vincristine",
        "--add", "induction=2027-01-20:Lumbar puncture:intrathecal:extra", "--pause", "induction=2027-01-14+7",
        "--stop", "maintenance#2=2027-12-20", "--stop-track", "Imatinib (daily)=2027-06-01",
        "--recovered", "consolidation=2027-02-20", env=EPOCH)
    run("record", "add", path, "--decide", "induction_response=mrd_negative@2027-02-01", "--by", "marrow MRD",
        env=EPOCH)
    return path


@pytest.fixture
def record(record_path):
    return json.loads(record_path.read_text())


def test_a_record_with_every_kind_of_fact_matches_the_schema(record):
    validate(record, "record")
    validate(record["protocol"]["document"], "protocol")
    kinds = {f["kind"] for r in record["history"] for f in r["facts"]}
    assert len(kinds) == 9


def test_schema_rejects_a_broken_record(record):
    record["history"][1]["facts"][0]["kind"] = "started"
    with pytest.raises(jsonschema.ValidationError):
        validate(record, "record")


def test_schema_rejects_a_fact_dated_on_no_calendar_day(record):
    fact = next(f for r in record["history"] for f in r["facts"] if f["kind"] == "event_moved")
    fact["date"] = "2027-02-30"
    with pytest.raises(jsonschema.ValidationError):
        validate(record, "record")
    assert format_errors(record, "record") == ["2027-02-30"]


def test_changes_match_the_schema(record_path):
    changes = json.loads(run("changes", record_path, "--since", "1", "-f", "json").stdout)
    assert changes["changes"]
    validate(changes, "changes")
    item = changes["changes"][0]
    (item["after"] or item["before"])["first"] = "2027-13-45"
    with pytest.raises(jsonschema.ValidationError):
        validate(changes, "changes")
    assert format_errors(changes, "changes") == ["2027-13-45"]
