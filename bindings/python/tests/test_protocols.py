"""Catalog, loading and parsing protocols."""
import json
import os
from pathlib import Path

import pytest

import ttplan

SOURCE_DIR = Path(os.environ.get("TTPLAN_SOURCE_DIR", Path(__file__).resolve().parents[3]))


def test_catalog_lists_every_builtin_and_the_default():
    entries = ttplan.protocols()
    ids = [e.id for e in entries]
    assert ttplan.default_protocol_id() in ids
    assert len(ids) == len(set(ids))
    assert all(e.title and e.summary for e in entries)
    for e in entries:
        assert ttplan.load_builtin(e.id).id == e.id


def test_load_protocol_by_id_and_by_path_agree():
    by_id = ttplan.load_protocol("all-overview")
    by_path = ttplan.load_protocol(str(SOURCE_DIR / "protocols" / "all-overview.json"))
    assert by_id == by_path
    assert by_id.title and by_id.version
    assert "induction" in by_id.phase_ids


def test_parameters_are_described():
    p = ttplan.load_builtin("all-overview")
    params = {x.name: x for x in p.parameters}
    assert params["ph_positive"].type == "bool" and params["ph_positive"].default == "false"
    assert params["tki"].type == "choice" and "dasatinib" in params["tki"].choices


def test_parse_protocol_round_trips_canonical_text():
    p = ttplan.load_builtin("all-overview")
    text = p.to_json()
    assert json.loads(text)["format"] == "ttplan-protocol/2"
    assert ttplan.parse_protocol(text) == p


def test_validate_protocol_file_lists_problems(tmp_path):
    doc = json.loads(ttplan.load_builtin("all-overview").to_json())
    doc["phases"][0]["length"] = "0d"
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(doc, indent=2))
    problems = ttplan.validate_protocol_file(str(f))
    assert problems and any(p.location.pointer.startswith("/phases/0") for p in problems)
    assert ttplan.validate_protocol_file(str(SOURCE_DIR / "protocols" / "all-overview.json")) == []


def test_help_is_useful():
    assert "id_or_path" in ttplan.load_protocol.__doc__
    assert "calendar_id" in ttplan.Schedule.render.__doc__
    assert "ph_positive" in ttplan.plan.__doc__
    assert ttplan.Event.planned_date.__doc__
