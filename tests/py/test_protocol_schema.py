"""Every built-in protocol file validates against schema/protocol.schema.json."""
import json
import os
import pathlib

import pytest

from conftest import schema_validator

ROOT = pathlib.Path(os.environ.get("TTPLAN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
PROTOCOLS = sorted((ROOT / "protocols").glob("*.json"))


def validator():
    return schema_validator("protocol")


def test_there_are_protocols():
    assert any(p.stem == "all-overview" for p in PROTOCOLS)


@pytest.mark.parametrize("path", PROTOCOLS, ids=lambda p: p.name)
def test_protocol_matches_schema(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(doc)]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d["phases"][0].update(lenght="29d"),
        lambda d: d["phases"][0]["activities"][0].update(category="chemo"),
        lambda d: d["phases"][0].update(repeat={"variants": ["A"]}),
        lambda d: d.update(format="ttplan-protocol/3"),
        lambda d: d["phases"][1]["activities"][3].update(times=10),
        lambda d: d["dependencies"][0].pop("day"),
    ],
    ids=["unknown-top-key", "unknown-phase-key", "unknown-category", "unbounded-repeat",
         "newer-format", "version-1-times-key", "start-to-start-without-day"],
)
def test_schema_rejects(change):
    doc = json.loads((ROOT / "protocols" / "all-overview.json").read_text(encoding="utf-8"))
    change(doc)
    assert list(validator().iter_errors(doc)) != []
