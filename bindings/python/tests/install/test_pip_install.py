"""`pip install --no-build-isolation .` into a fresh virtual environment (with the system site
packages, where Debian's setuptools, pandas and jsonschema are), offline; the package imports
outside the source tree, plans, and has its stubs and schemas; pip uninstalls every file."""
import json
import sys

from source_copy import COPY, run, schemas, version

CHECK = r"""
import json, pathlib, sys
import jsonschema, ttplan
plan = ttplan.plan(start="2027-01-04")
package = pathlib.Path(ttplan.__file__).parent
schema = json.loads(ttplan.schema_path("schedule").read_text())
jsonschema.validate(json.loads(plan.to_json()), schema)
print(json.dumps({
    "package": str(package), "prefix": sys.prefix, "version": ttplan.__version__,
    "protocol": plan.protocol.id, "start": plan.start.isoformat(), "phases": len(plan.phases),
    "events": len(plan.to_dataframe()),
    "stub": (package / "__init__.pyi").is_file(), "typed": (package / "py.typed").is_file(),
    "schemas": sorted(p.name for p in ttplan.SCHEMA_DIR.glob("*.json")),
    "schema_dir": str(ttplan.SCHEMA_DIR),
}))
"""


def test_pip_installs_into_a_fresh_venv(tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", "--no-cache-dir", COPY)

    # -I: no PYTHONPATH, no current directory on sys.path; run from an empty directory.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found = json.loads(run(python, "-I", "-c", CHECK, cwd=elsewhere))
    assert found["prefix"] == str(venv) and found["package"].startswith(str(venv / "lib"))
    assert found["version"] == version()
    assert found["protocol"] == "all-overview" and found["start"] == "2027-01-04"
    assert found["phases"] > 5 and found["events"] > 100
    assert found["stub"] and found["typed"]
    assert found["schemas"] == schemas() and found["schema_dir"] == found["package"] + "/schema"

    listed = run(python, "-m", "pip", "show", "--files", "ttplan")
    assert "ttplan/__init__.pyi" in listed and "ttplan/schema/record.schema.json" in listed
    run(python, "-m", "pip", "uninstall", "--yes", "ttplan")
    assert not any((venv / "lib").glob("python3*/site-packages/ttplan"))
