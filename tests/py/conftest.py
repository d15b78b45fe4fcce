"""Shared fixtures for tests that drive the ttplan command-line tool."""
import json
import os
import subprocess
from pathlib import Path

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


@pytest.fixture
def ttplan():
    return run


@pytest.fixture
def source_dir():
    return SOURCE_DIR
