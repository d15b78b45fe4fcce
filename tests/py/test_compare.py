"""ttplan compare: variants of one protocol side by side, as text, Markdown and HTML."""
import re
import subprocess

import pytest

from conftest import plan_json, run

START = "2027-01-04"
VARIANTS = ["--variant", "ph_positive=false", "--variant", "ph_positive=true",
            "--variant", "cns_prophylaxis=radiation,ph_positive=false"]
LABELS = ["ph_positive=false", "ph_positive=true", "cns_prophylaxis=radiation,ph_positive=false"]


def compare(*args):
    return run("compare", *VARIANTS, "--start", START, *args).stdout


def text_row(out, label):
    line = next(l for l in out.splitlines() if l.strip().startswith(label))
    return [int(n) for n in re.findall(r"\b\d+\b", line[len(label) + 2:])]


def md_row(out, label):
    line = next(l for l in out.splitlines() if l.startswith(f"| {label} |"))
    return [int(c.strip()) for c in line.strip("|").split("|")[1:]]


def test_text_table():
    out = compare()
    header = next(l for l in out.splitlines() if l.strip().startswith(LABELS[0]))
    assert [l for l in LABELS if l in header] == LABELS
    targeted = text_row(out, "Targeted-therapy days")
    it = text_row(out, "Intrathecal procedures")
    radiation = text_row(out, "Radiation days")
    assert targeted[1] > targeted[0]
    assert it[2] < it[0]
    assert radiation[2] > 0 and radiation[0] == 0
    assert "In words" in out and "planning and education" in out


def test_text_counts_match_the_plans():
    out = compare()
    docs = [plan_json("--start", START, "--set", "ph_positive=false"),
            plan_json("--start", START, "--set", "ph_positive=true"),
            plan_json("--start", START, "--set", "cns_prophylaxis=radiation")]
    assert text_row(out, "Intrathecal procedures") == [
        sum(1 for e in d["events"] if e["category"] == "intrathecal") for d in docs]
    assert text_row(out, "Calendar days") == [d["total_days"] for d in docs]
    assert text_row(out, "Clinic days") == [len({e["date"] for e in d["events"]}) for d in docs]
    assert all(t > c for t, c in zip(text_row(out, "Treatment days"), text_row(out, "Clinic days")))


def test_markdown_table():
    out = compare("--format", "md")
    assert out.startswith("# Comparison of treatment timelines")
    assert md_row(out, "Induction") == [29, 29, 29]
    targeted = md_row(out, "Targeted-therapy days")
    assert targeted[1] > targeted[0]
    it = md_row(out, "Intrathecal procedures")
    assert it[2] < it[0]
    assert md_row(out, "Radiation days")[2] > 0


def test_html_page_is_well_formed(tmp_path):
    out = tmp_path / "compare.html"
    run("compare", *VARIANTS, "--start", START, "-o", out)
    proc = subprocess.run(["xmllint", "--noout", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    # One drawing of the shared time axis, in its wide and its phone layout.
    assert html.count("<svg") == 2 and 'id="timeline-svg-narrow"' in html
    assert 'id="comparison"' in html and html.index('id="timeline"') < html.index('id="comparison"')
    for label in LABELS:
        assert label in html


def test_labels_defaults_and_determinism():
    out = run("compare", "--variant", "Ph+ dasatinib: ph_positive=true, tki=dasatinib", "--variant", "",
              "--start", START).stdout
    header = next(l for l in out.splitlines() if "Ph+ dasatinib" in l)
    assert "defaults" in header
    assert "tki=dasatinib" in out  # the plan legend lists the full values
    assert compare("--format", "md") == compare("--format", "md")


def assert_clean_failure(proc, *needles):
    assert proc.returncode != 0 and proc.returncode < 128, proc.returncode
    assert "Traceback" not in proc.stderr and "terminate called" not in proc.stderr
    for n in needles:
        assert n in proc.stderr, (n, proc.stderr)


@pytest.mark.parametrize("variant,needles", [
    ("nonsense=1", ["--variant", "nonsense", "ph_positive"]),
    ("tki=nilotinib", ["--variant", "nilotinib", "dasatinib"]),
    ("noequals", ["--variant", "noequals"]),
])
def test_bad_variants(tmp_path, variant, needles):
    out = tmp_path / "c.md"
    proc = run("compare", "--variant", "ph_positive=true", "--variant", variant, "--start", START, "-o", out,
               check=False)
    assert_clean_failure(proc, *needles)
    assert not out.exists()


def test_variant_is_required():
    assert_clean_failure(run("compare", "--start", START, check=False), "--variant")


def test_branches_of_the_open_decision():
    out = run("compare", "--start", START, "--branches").stdout
    labels = ["induction_response=mrd_negative", "induction_response=mrd_positive"]
    header = next(l for l in out.splitlines() if l.strip().startswith(labels[0]))
    assert labels[1] in header
    docs = [plan_json("--start", START, "--set", label) for label in labels]
    assert text_row(out, "Calendar days") == [d["total_days"] for d in docs]
    # The MRD-positive branch has the eight-week consolidation: four weeks later to the end.
    assert docs[1]["total_days"] == docs[0]["total_days"] + 28
    # Named, with another value fixed for both, the same columns.
    named = run("compare", "--start", START, "--branch", "induction_response", "--set", "ph_positive=true").stdout
    assert text_row(named, "Targeted-therapy days")[0] > 0


@pytest.mark.parametrize("args, where, message", [
    (["--branch", "ph_positive"], "--branch", '"ph_positive" is not decided during treatment'),
    (["--branch", "induction_response", "--set", "induction_response=mrd_positive"], "--branch",
     '"induction_response" already has the value "mrd_positive"'),
    (["--branches", "--set", "induction_response=mrd_negative"], "--branches", "no decision left open"),
])
def test_bad_branches(args, where, message):
    proc = run("compare", "--start", START, *args, check=False)
    assert proc.returncode != 0 and proc.stdout == ""
    assert where in proc.stderr and message in proc.stderr


def test_compare_needs_variants_or_branches():
    proc = run("compare", "--start", START, check=False)
    assert proc.returncode != 0
    assert "--variant, --branch or --branches" in proc.stderr
    proc = run("compare", "--start", START, "--branches", "--variant", "ph_positive=true", check=False)
    assert proc.returncode != 0 and "excludes" in proc.stderr


# Different protocols, one column each, on one time axis.

def test_protocols_side_by_side():
    out = run("compare", "all-overview", "hyper-cvad", "--start", START).stdout
    header = next(l for l in out.splitlines() if l.strip().startswith("all-overview"))
    assert header.split() == ["all-overview", "hyper-cvad"]
    docs = [plan_json(name, "--start", START) for name in ("all-overview", "hyper-cvad")]
    protocols = next(l for l in out.splitlines() if l.startswith("Protocols: "))
    assert protocols == "Protocols: " + "; ".join(
        f"{d['protocol']['title']} ({d['protocol']['id']})" for d in docs)
    assert text_row(out, "Calendar days") == [d["total_days"] for d in docs]
    # Each phase row is named with its protocol and is "-" in the other column.
    induction = next(l for l in out.splitlines() if l.strip().startswith("Induction (all-overview)"))
    assert induction.split()[-1] == "-"


def test_set_values_apply_to_the_protocols_that_declare_them():
    out = run("compare", "all-overview", "hyper-cvad", "--start", START, "--set", "ph_positive=true").stdout
    with_ph = plan_json("all-overview", "--start", START, "--set", "ph_positive=true")
    hyper = plan_json("hyper-cvad", "--start", START)  # declares no ph_positive: planned as is
    assert text_row(out, "Calendar days") == [with_ph["total_days"], hyper["total_days"]]
    assert text_row(out, "Targeted-therapy days")[0] > 0


def test_same_protocol_twice_gets_distinct_labels():
    out = run("compare", "all-overview", "all-overview", "--start", START).stdout
    header = next(l for l in out.splitlines() if l.strip().startswith("all-overview"))
    assert "all-overview (2)" in header
    assert "Protocol: " in out  # one protocol: named once above the table


def test_protocols_as_markdown_and_html(tmp_path):
    md = run("compare", "all-overview", "hyper-cvad", "--start", START, "--format", "md").stdout
    assert md.startswith("# Comparison of treatment timelines\n\nProtocols: **")
    assert "| | all-overview | hyper-cvad |" in md
    page = tmp_path / "protocols.html"
    run("compare", "all-overview", "hyper-cvad", "blinatumomab", "--start", START, "-o", page)
    proc = subprocess.run(["xmllint", "--noout", str(page)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 2  # one shared time axis, wide and for phones
    for name in ("all-overview", "hyper-cvad", "blinatumomab"):
        assert name in html


@pytest.mark.parametrize("args, status, needles", [
    (["--set", "nonsense=1"], 1, ["--set", 'unknown parameter "nonsense"', "no protocol compared declares it",
                                  "hyper-cvad: cns_risk"]),
    (["--set", "cns_risk=nonsense"], 1, ["--set", "hyper-cvad", "nonsense"]),
    (["--variant", "ph_positive=true"], 2, ["--variant", "compares the values of one protocol"]),
    (["--branches"], 2, ["--branches", "compares the values of one protocol"]),
    (["missing-protocol.json"], 1, ["missing-protocol.json"]),
])
def test_bad_protocol_comparisons(tmp_path, args, status, needles):
    out = tmp_path / "c.md"
    proc = run("compare", "all-overview", "hyper-cvad", *args, "--start", START, "-o", out, check=False)
    assert proc.returncode == status, proc.stderr
    assert_clean_failure(proc, *needles)
    assert not out.exists()


def test_standard_input_is_read_once_among_protocols():
    proc = run("compare", "-", "-", "--start", START, check=False)
    assert proc.returncode == 2
    assert "standard input" in proc.stderr and proc.stdout == ""
