"""The JSON schemas ship inside the package: ttplan.SCHEMA_DIR and ttplan.schema_path()."""
import json
import os
import pathlib

import jsonschema
import pytest

import ttplan
from conftest import START

KINDS = ["changes", "protocol", "record", "schedule"]


def test_every_schema_of_the_source_tree_is_in_the_package():
    source = pathlib.Path(os.environ["TTPLAN_SOURCE_DIR"]) / "schema"
    assert sorted(p.name for p in ttplan.SCHEMA_DIR.glob("*.json")) == sorted(p.name for p in source.glob("*.json"))
    for kind in KINDS:
        path = ttplan.schema_path(kind)
        assert path.parent == ttplan.SCHEMA_DIR and path.name == f"{kind}.schema.json"
        assert path.read_bytes() == (source / path.name).read_bytes()


def test_a_plan_validates_against_the_schedule_schema():
    schema = json.loads(ttplan.schema_path("schedule").read_text())
    document = json.loads(ttplan.plan(start=START, ph_positive=True).to_json())
    jsonschema.validate(document, schema)
    del document["events"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


@pytest.mark.parametrize("name", ["schedules", "schedule.schema.json", "../schema/schedule", ""])
def test_an_unknown_name_lists_the_known_ones(name):
    with pytest.raises(ValueError, match=f'no schema "{name}".*known: changes, protocol, record, schedule'):
        ttplan.schema_path(name)
