"""Shared helpers: the start date the tests plan from, and the CLI to compare against."""
import datetime
import os
import subprocess

import pytest

START = datetime.date(2027, 1, 4)


@pytest.fixture
def cli():
    """Runs the ttplan CLI ($TTPLAN_BIN) and returns its stdout; skips without it."""
    binary = os.environ.get("TTPLAN_BIN")
    if not binary:
        pytest.skip("TTPLAN_BIN is not set")

    def run(*args):
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        # Bytes, decoded without newline translation: iCalendar lines end in CRLF.
        proc = subprocess.run([binary, *map(str, args)], capture_output=True, env=env)
        assert proc.returncode == 0, proc.stderr.decode()
        try:
            return proc.stdout.decode()
        except UnicodeDecodeError:  # png, pdf and page: bytes, as render() gives them
            return proc.stdout

    return run
