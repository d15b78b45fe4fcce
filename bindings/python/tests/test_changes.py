"""The change list between two schedules from Python: text and the ttplan-changes/1 document,
which validates against schema/changes.schema.json."""
import datetime as dt
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

import ttplan

SOURCE_DIR = Path(os.environ.get("TTPLAN_SOURCE_DIR", Path(__file__).resolve().parents[3]))
START = dt.date(2027, 1, 4)
ID = "clinic-42"


def plan(days):
    """Delayed intensification `days` late: 84 drops the last maintenance cycle, which runs to a
    limit counted from before it."""
    return ttplan.plan(start=START, delays={"delayed_intensification": days})


def test_change_list_matches_the_schema():
    schema = json.loads((SOURCE_DIR / "schema" / "changes.schema.json").read_text())
    first, second = plan(0), plan(84)
    for before, after in ((first, second), (second, first), (first, first),
                          (first, ttplan.plan(start=START + dt.timedelta(days=7)))):
        jsonschema.validate(json.loads(before.changes(after, format="json")), schema)
    doc = json.loads(first.changes(second, calendar_id=ID, format="json"))
    assert {c["kind"] for c in doc["changes"]} == {"moved", "removed"}
    jsonschema.validate(doc, schema)
    doc["changes"][0]["kind"] = "shifted"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_change_text():
    first, second = plan(0), plan(84)
    text = first.changes(second, calendar_id=ID)
    assert text.count("\n") == len(json.loads(first.changes(second, calendar_id=ID, format="json"))["changes"])
    assert re.search(r"^removed  Maintenance, cycle 7: Mon 8 Jan 2029 to Wed 7 Mar 2029$", text, re.M)
    assert first.changes(first) == "No changes.\n"
    with pytest.raises(ttplan.InvalidValueError, match="calendar_id"):
        first.changes(second, calendar_id="has spaces")
    with pytest.raises(ttplan.InvalidValueError, match="json"):
        first.changes(second, format="csv")


def test_changes_follow_the_uids_of_the_calendars():
    first, second = plan(0), plan(84)
    uids = lambda s: set(re.findall(r"^UID:(\S+)\r$", s.render("ics", calendar_id=ID), re.M))
    doc = json.loads(first.changes(second, calendar_id=ID, format="json"))
    assert {c["uid"] for c in doc["changes"] if c["kind"] == "removed"} == uids(first) - uids(second)
    assert not [c for c in doc["changes"] if c["kind"] == "added"]
