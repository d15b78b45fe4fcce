"""Every JSON schedule the CLI writes validates against the published schedule schema."""
import json

import jsonschema
import pytest

from conftest import SOURCE_DIR, plan_json, run

SCHEMA = json.loads((SOURCE_DIR / "schema" / "schedule.schema.json").read_text())


@pytest.mark.parametrize("protocol", [line.split()[0] for line in run("protocols").stdout.splitlines()
                                      if line and not line.startswith(" ")])
def test_builtin_plans_match_schema(protocol):
    jsonschema.validate(plan_json(protocol, "--start", "2027-01-04"), SCHEMA)


@pytest.mark.parametrize("sets", [["ph_positive=true", "tki=dasatinib"], ["cns_prophylaxis=radiation"]])
def test_branches_match_schema(sets):
    args = [a for s in sets for a in ("--set", s)]
    jsonschema.validate(plan_json("--start", "2027-01-04", *args), SCHEMA)


def test_schema_rejects_a_broken_document():
    doc = plan_json("--start", "2027-01-04")
    doc["events"][0]["date"] = "4 Jan 2027"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
