"""Windows that list their days ("Day 8 or Day 15", "1 or 2 weeks later") match both published
schemas, and the protocol schema keeps the list and the range apart."""
import copy
import json

import jsonschema
import pytest

from conftest import plan_json, validate

PROTOCOL = {
    "format": "ttplan-protocol/2", "id": "allowed", "title": "Allowed days",
    "phases": [
        {"id": "induction", "name": "Induction", "length": "29d",
         "activities": [
             {"name": "Vincristine", "category": "chemotherapy", "days": "8", "window": {"alternatives": [7]}},
             {"name": "Pegaspargase", "category": "chemotherapy", "days": "15", "window": {"alternatives": [-7, 7]}}]},
        {"id": "consolidation", "name": "Consolidation", "length": "4w",
         "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1"}]},
    ],
    "dependencies": [{"from": "induction", "to": "consolidation", "window": ["1w", "2w"]}],
}


def test_the_protocol_and_its_plan_match_the_schemas(tmp_path):
    validate(PROTOCOL, "protocol")
    path = tmp_path / "allowed.json"
    path.write_text(json.dumps(PROTOCOL))
    doc = plan_json(path, "--start", "2027-01-04")
    validate(doc, "schedule")
    vcr = next(e for e in doc["events"] if e["activity"] == "Vincristine")
    assert vcr["window"] == {"earliest": "2027-01-11", "latest": "2027-01-18", "dates": ["2027-01-11", "2027-01-18"]}
    assert doc["phases"][1]["start_window"]["dates"] == ["2027-02-02", "2027-02-09", "2027-02-16"]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["phases"][0]["activities"][0]["window"].update(after=2),
        lambda d: d["phases"][0]["activities"][0]["window"].update(alternatives=[0]),
        lambda d: d["phases"][0]["activities"][0]["window"].update(alternatives=[7, 7]),
        lambda d: d["phases"][0]["activities"][0]["window"].update(alternatives=[]),
        lambda d: d["dependencies"][0].update(window=[]),
        lambda d: d["dependencies"][0].update(window=["1w", 2]),
    ],
    ids=["list-and-range", "zero", "repeated", "empty", "no-lengths", "not-a-length"],
)
def test_the_protocol_schema_rejects(change):
    doc = copy.deepcopy(PROTOCOL)
    change(doc)
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "protocol")
