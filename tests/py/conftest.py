"""Shared fixtures for tests that drive the ttplan command-line tool."""
import functools
import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

BIN = os.environ.get("TTPLAN_BIN", "ttplan")
SOURCE_DIR = Path(os.environ.get("TTPLAN_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def run(*args, check=True, env=None, cwd=None):
    """Runs ttplan with args; returns the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    full_env.pop("SOURCE_DATE_EPOCH", None)
    if env:
        full_env.update(env)
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, env=full_env, cwd=cwd)
    if check and proc.returncode != 0:
        raise AssertionError(f"ttplan {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def plan_json(*args):
    """The JSON schedule document for `ttplan plan <args> --format json`."""
    return json.loads(run("plan", *args, "--format", "json").stdout)


def _formats(schema):
    """Every "format" keyword a schema uses (a property named "format" is a schema, not a string)."""
    if isinstance(schema, dict):
        own = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        return own.union(*(_formats(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_formats(v) for v in schema))
    return set()


@functools.lru_cache(maxsize=None)
def schema_validator(name):
    """A validator for schema/<name>.schema.json that asserts its formats too: a "date" must be
    a real calendar date (jsonschema checks it with datetime.date.fromisoformat), where the
    pattern alone lets 2027-13-45 through. JSON Schema 2020-12 only annotates formats unless a
    format checker is given, and jsonschema skips a format it has no checker for, so a format
    the schema uses and the checker lacks fails here instead of going unchecked."""
    schema = json.loads((SOURCE_DIR / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    unchecked = _formats(schema) - set(cls.FORMAT_CHECKER.checkers)
    assert not unchecked, f"{name}.schema.json uses formats jsonschema cannot check here: {sorted(unchecked)}"
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate(doc, name):
    """Raises jsonschema.ValidationError unless doc matches schema/<name>.schema.json, formats included."""
    schema_validator(name).validate(doc)


def format_errors(doc, name):
    """The values that schema/<name>.schema.json refuses by their format, each once, sorted; found
    also inside the branches of a oneOf, which reports its branches' errors as its context."""
    def leaves(errors):
        for e in errors:
            yield e
            yield from leaves(e.context)
    return sorted({e.instance for e in leaves(schema_validator(name).iter_errors(doc)) if e.validator == "format"})


@pytest.fixture
def ttplan():
    return run


@pytest.fixture
def source_dir():
    return SOURCE_DIR
