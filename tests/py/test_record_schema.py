"""Every record file the CLI writes validates against the published record schema."""
import json

import jsonschema
import pytest

from conftest import SOURCE_DIR, run

SCHEMA = json.loads((SOURCE_DIR / "schema" / "record.schema.json").read_text())
PROTOCOL_SCHEMA = json.loads((SOURCE_DIR / "schema" / "protocol.schema.json").read_text())
EPOCH = {"SOURCE_DATE_EPOCH": "1799053200"}


@pytest.fixture
def record(tmp_path):
    path = tmp_path / "patient.json"
    run("record", "new", "all-overview", "--start", "2027-01-04", "--set", "ph_positive=true", "-o", path, env=EPOCH)
    run("record", "add", path, "--actual", "consolidation=2027-02-15", "--delay", "maintenance#3=7",
        "--given", "induction:8:Vincristine=2027-01-12", "--hold", "induction:22:Vincristine",
        "--add", "induction=2027-01-20:Lumbar puncture:intrathecal:extra", "--pause", "induction=2027-01-14+7",
        "--stop", "maintenance#2=2027-12-20", "--stop-track", "Imatinib (daily)=2027-06-01",
        "--recovered", "consolidation=2027-02-20", env=EPOCH)
    run("record", "add", path, "--decide", "induction_response=mrd_negative@2027-02-01", "--by", "marrow MRD",
        env=EPOCH)
    return json.loads(path.read_text())


def test_a_record_with_every_kind_of_fact_matches_the_schema(record):
    jsonschema.validate(record, SCHEMA)
    jsonschema.validate(record["protocol"]["document"], PROTOCOL_SCHEMA)
    kinds = {f["kind"] for r in record["history"] for f in r["facts"]}
    assert len(kinds) == 9


def test_schema_rejects_a_broken_record(record):
    record["history"][1]["facts"][0]["kind"] = "started"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, SCHEMA)
