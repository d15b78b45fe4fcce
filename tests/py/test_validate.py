"""`ttplan validate` plans every parameter combination and reports what only some of them meet."""
import json

from conftest import SOURCE_DIR, run


def arm_protocol():
    return {
        "format": "ttplan-protocol/1",
        "id": "arms",
        "title": "Arms",
        "parameters": [{"name": "arm", "type": "choice", "choices": ["short", "long"], "default": "long"}],
        "phases": [
            {"id": "induction", "name": "Induction", "length": "29d",
             "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
            {"id": "maintenance", "name": "Maintenance", "length": "12w",
             "repeat": {"until": {"length": "2y", "when": {"arm": "long"}}},
             "activities": [{"name": "Mercaptopurine", "category": "chemotherapy", "days": "1-84"}]},
        ],
        "dependencies": [{"from": "induction", "to": "maintenance"}],
    }


def line_of(text, needle):
    return text[: text.index(needle)].count("\n") + 1


def test_validate_reports_a_problem_of_one_choice_with_line_pointer_and_values(tmp_path):
    f = tmp_path / "arms.json"
    text = json.dumps(arm_protocol(), indent=2)
    f.write_text(text)
    # The default plans; the short arm does not.
    run("plan", f, "--start", "2027-01-04")
    failed = run("plan", f, "--start", "2027-01-04", "--set", "arm=short", check=False)
    assert failed.returncode == 1 and "/phases/1/repeat" in failed.stderr

    proc = run("validate", f, check=False)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (
        f'{f}:{line_of(text, chr(34) + "repeat")}: /phases/1/repeat: phase "maintenance" repeats without a bound: '
        'it has no count and no "until" rule applies with these parameter values (with arm=short)\n')


def test_validate_prints_every_plan_time_problem(tmp_path):
    doc = arm_protocol()
    doc["parameters"].append({"name": "late", "type": "bool", "default": False})
    doc["dependencies"].append({"from": "maintenance", "to": "consolidation", "when": {"late": True}})
    doc["phases"].append({"id": "consolidation", "name": "Consolidation", "length": "1w",
                          "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1-4"}]})
    doc["tracks"] = [{"activity": "Imatinib", "category": "targeted", "from": {"phase": "consolidation"},
                      "to": {"phase": "induction", "at": "end"}}]
    f = tmp_path / "two.json"
    f.write_text(json.dumps(doc, indent=2))
    proc = run("validate", f, check=False)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, proc.stderr
    assert "/phases/1/repeat:" in lines[0] and "(with arm=short)" in lines[0]
    assert "/tracks/0:" in lines[1] and "before it starts" in lines[1] and "arm=long, late=true" in lines[1]


def test_every_builtin_and_test_protocol_validates_ok():
    files = sorted((SOURCE_DIR / "protocols").glob("*.json")) + sorted((SOURCE_DIR / "tests" / "data").rglob("*.json"))
    assert len(files) > 11
    proc = run("validate", *files)
    assert proc.stdout.splitlines() == [f"{f}: ok" for f in files]
