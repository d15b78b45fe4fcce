"""Shared by the packaging tests: where the source copy is, and commands run without the
build tree's PYTHONPATH, so only what pip or build produced can be imported."""
import os
import pathlib
import re
import subprocess

SOURCE = pathlib.Path(os.environ["TTPLAN_SOURCE_DIR"])
COPY = pathlib.Path(os.environ["TTPLAN_PACKAGE_SOURCE"])


def version() -> str:
    text = (SOURCE / "include" / "ttplan" / "version.hpp").read_text()
    return re.search(r'#define TTPLAN_VERSION_STRING "([^"]+)"', text).group(1)


def schemas() -> list[str]:
    return sorted(p.name for p in (SOURCE / "schema").glob("*.schema.json"))


def run(*args, cwd=None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    return proc.stdout
