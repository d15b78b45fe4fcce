"""ttplan graph: DOT that Graphviz renders, Mermaid text, branches, errors and -o."""
import json
import shutil
import subprocess

import pytest

from conftest import run

DOT = shutil.which("dot")
HOSTILE = "<script>alert(1)</script> \"q\" \\ 'a' # | ` ;\nline \u00e9"


def render_svg(dot_text, tmp_path):
    src = tmp_path / "graph.dot"
    src.write_text(dot_text, encoding="utf-8")
    svg = tmp_path / "graph.svg"
    proc = subprocess.run([DOT, "-Tsvg", str(src), "-o", str(svg)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    lint = subprocess.run(["xmllint", "--noout", str(svg)], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stderr
    return svg.read_text(encoding="utf-8")


@pytest.mark.skipif(DOT is None, reason="graphviz (dot) is not installed (scripts/deps.sh test installs it)")
@pytest.mark.parametrize("sets", [[], ["--set", "cns_prophylaxis=radiation"], ["--set", "ph_positive=true"]])
def test_dot_renders(sets, tmp_path):
    svg = render_svg(run("graph", *sets).stdout, tmp_path)
    assert "Induction" in svg and "Maintenance" in svg


@pytest.mark.skipif(DOT is None, reason="graphviz (dot) is not installed (scripts/deps.sh test installs it)")
def test_hostile_names_render(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    doc.pop("translations")  # they translate the texts renamed here: check() refuses them
    doc["title"] = HOSTILE
    doc["phases"][0]["name"] = HOSTILE
    doc["dependencies"][0]["gate"] = HOSTILE
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    svg = render_svg(run("graph", path).stdout, tmp_path)
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    mermaid = run("graph", path, "--format", "mermaid").stdout
    assert "<script" not in mermaid and "#lt;script#gt;" in mermaid


def test_branches_change_the_picture():
    base = run("graph").stdout
    radiation = run("graph", "--set", "cns_prophylaxis=radiation").stdout
    assert base != radiation
    assert "+ Cranial and spinal radiation" in radiation
    assert "Cranial and spinal radiation: only if cns_prophylaxis=radiation (not in this plan)" in base


def test_mermaid_and_output_file(tmp_path):
    out = tmp_path / "g.mmd"
    run("graph", "all-overview", "--format", "mermaid", "--set", "ph_positive=true", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("flowchart TD\n")
    assert " --> " in text or "-->|" in text


@pytest.mark.parametrize("args, needle", [
    (["--set", "nonsense=1"], "nonsense"),
    (["--set", "cns_prophylaxis=laser"], "laser"),
    (["--format", "png"], "png"),
    (["no-such-protocol"], "no-such-protocol"),
])
def test_bad_input_is_a_clear_error(args, needle, tmp_path):
    out = tmp_path / "never.dot"
    proc = run("graph", *args, "-o", out, check=False)
    assert proc.returncode != 0
    assert needle in proc.stderr
    assert not out.exists()
