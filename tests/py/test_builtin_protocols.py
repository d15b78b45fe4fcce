"""The built-in protocol catalog through the command line: listed, valid, sourced and plannable."""
import json
import re

import pytest

from conftest import SOURCE_DIR, plan_json, run

START = "2027-01-04"
REFERENCE = [
    "allo-hsct", "blinatumomab", "car-t", "ccg-1991-sr", "cog-hr-b-all", "cog-sr-b-all",
    "cranial-radiation", "hyper-cvad", "inotuzumab", "ph-positive-tki",
]


def protocol_file(pid):
    return json.loads((SOURCE_DIR / "protocols" / f"{pid}.json").read_text(encoding="utf-8"))


def test_protocols_lists_every_file_with_its_title():
    out = run("protocols").stdout
    ids = sorted(p.stem for p in (SOURCE_DIR / "protocols").glob("*.json"))
    assert set(REFERENCE) <= set(ids)
    for pid in ids:
        title = protocol_file(pid)["title"]
        assert re.search(rf"^{re.escape(pid)}\s+.*{re.escape(title)}", out, re.M), (pid, out)


@pytest.mark.parametrize("pid", REFERENCE)
def test_reference_protocol_validates_and_shows_its_sources(pid):
    path = SOURCE_DIR / "protocols" / f"{pid}.json"
    assert run("validate", path).returncode == 0
    shown = run("show", pid).stdout
    assert "Sources" in shown
    for source in protocol_file(pid)["sources"]:
        assert f"[{source['key']}]" in shown


@pytest.mark.parametrize("pid", REFERENCE)
def test_reference_protocol_plans_with_defaults(pid):
    doc = plan_json(pid, "--start", START)
    assert doc["protocol"]["id"] == pid
    assert doc["start"] == START
    assert doc["phases"], pid
    summary = run("summary", pid, "--start", START).stdout
    assert "Whole treatment: 2027-01-04 to " in summary
