"""ttplan plan/summary --then: a plan that continues with other protocols."""
import datetime
import re

import pytest

from conftest import plan_json, run, validate

START = "2027-01-04"
RELAPSE = "2028-05-02"


def day(text):
    return datetime.date.fromisoformat(text)


def items(doc):
    return doc["phases"] + doc["events"] + doc["spans"]


def last_day(doc, protocol):
    ends = [i.get("end", i.get("date")) for i in items(doc) if i["protocol"] == protocol]
    return max(ends)


@pytest.fixture(scope="module")
def chain():
    return plan_json("--start", START, "--then", f"blinatumomab@{RELAPSE}", "--then", "allo-hsct")


def test_relapse_cuts_the_maintenance_cycle_running_then(chain):
    base = plan_json("--start", START)
    running = [p for p in base["phases"] if p["id"] == "maintenance" and p["start"] <= RELAPSE <= p["end"]]
    assert len(running) == 1
    cut = [p for p in chain["phases"] if p["id"] == "maintenance" and p["cycle"] == running[0]["cycle"]]
    assert len(cut) == 1
    assert cut[0]["ending"] == "switch"
    assert cut[0]["segment"] == 0
    assert cut[0]["start"] == running[0]["start"]
    assert cut[0]["end"] == (day(RELAPSE) - datetime.timedelta(days=1)).isoformat()
    # No later maintenance cycle, and nothing of the first protocol on or after the relapse.
    assert all(p["cycle"] <= running[0]["cycle"] for p in chain["phases"] if p["id"] == "maintenance")
    first = [i for i in items(chain) if i["protocol"] == "all-overview"]
    assert first and all(i.get("end", i.get("date")) < RELAPSE for i in first)


def test_next_protocol_starts_on_the_date_and_the_third_after_the_second(chain):
    blina = [p for p in chain["phases"] if p["protocol"] == "blinatumomab"]
    assert blina and blina[0]["start"] == RELAPSE
    hsct = [p for p in chain["phases"] if p["protocol"] == "allo-hsct"]
    after_blina = day(last_day(chain, "blinatumomab")) + datetime.timedelta(days=1)
    assert hsct and hsct[0]["start"] == after_blina.isoformat()
    assert chain["end"] == last_day(chain, "allo-hsct")
    assert chain["start"] == START


def test_json_lists_segments_and_matches_the_schema(chain):
    validate(chain, "schedule")
    segs = chain["segments"]
    assert [s["protocol"]["id"] for s in segs] == ["all-overview", "blinatumomab", "allo-hsct"]
    assert [s["start"] for s in segs][:2] == [START, RELAPSE]
    assert segs[0]["reason"] == "" and RELAPSE in segs[1]["reason"] and segs[2]["reason"]
    assert segs[1]["parameters"] == {"setting": "relapsed-refractory"}
    assert chain["protocol"]["id"] == "all-overview"
    single = plan_json("--start", START)
    assert [s["protocol"]["id"] for s in single["segments"]] == ["all-overview"]
    assert all(i["protocol"] == "all-overview" for i in items(single))


def test_byte_identical_reruns(tmp_path):
    args = ["plan", "--start", START, "--then", f"blinatumomab@{RELAPSE}", "--then", "allo-hsct", "--format", "json"]
    assert run(*args).stdout == run(*args).stdout
    run(*args[:-2], "-o", tmp_path / "a.json")
    run(*args[:-2], "-o", tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_after_phase_drops_everything_after_it():
    doc = plan_json("--start", START, "--then", "cranial-radiation@after:consolidation")
    consolidation = [p for p in doc["phases"] if p["id"] == "consolidation"]
    next_day = day(consolidation[-1]["end"]) + datetime.timedelta(days=1)
    assert doc["segments"][1]["start"] == next_day.isoformat()
    assert not [p for p in doc["phases"] if p["protocol"] == "all-overview" and p["start"] >= next_day.isoformat()]
    radiation = [p for p in doc["phases"] if p["protocol"] == "cranial-radiation"]
    assert radiation[0]["start"] == next_day.isoformat()


def test_qualified_set_goes_to_its_protocol():
    doc = plan_json("--start", START, "--set", "ph_positive=true", "--set", "blinatumomab.setting=mrd-positive",
                    "--then", f"blinatumomab@{RELAPSE}")
    assert doc["parameters"]["ph_positive"] is True
    assert doc["segments"][1]["parameters"] == {"setting": "mrd-positive"}
    assert {p["id"] for p in doc["phases"] if p["protocol"] == "blinatumomab"} == {"induction_consolidation"}
    # The first protocol may be named too.
    same = plan_json("--start", START, "--set", "all-overview.ph_positive=true", "--set",
                     "blinatumomab.setting=mrd-positive", "--then", f"blinatumomab@{RELAPSE}")
    assert same == doc


def test_summary_lists_the_continuations():
    out = run("summary", "--start", START, "--then", f"blinatumomab@{RELAPSE}").stdout
    assert f"Then from {RELAPSE}: " in out and "(blinatumomab)" in out
    assert "[blinatumomab]" in out
    assert "In words:" in out


def test_other_formats_accept_a_continued_plan(tmp_path):
    for ext in ("csv", "md", "html", "ics"):
        out = tmp_path / f"plan.{ext}"
        run("plan", "--start", START, "--then", f"blinatumomab@{RELAPSE}", "-o", out)
        assert out.stat().st_size > 0


def assert_clean_failure(proc, *needles):
    assert proc.returncode != 0 and proc.returncode < 128, proc.returncode
    assert "Traceback" not in proc.stderr and "terminate called" not in proc.stderr
    for n in needles:
        assert n in proc.stderr, (n, proc.stderr)


@pytest.mark.parametrize("args,needles", [
    (["--then", "blinatumomab@after:relapse"], ["--then", "relapse", "maintenance"]),
    (["--then", "blinatumomab@2026-12-31"], ["--then", "2026-12-31", START]),
    (["--then", "blinatumomab@2028-02-30"], ["--then", "2028-02-30"]),
    (["--then", "no-such-protocol"], ["--then", "no-such-protocol"]),
    (["--then", "blinatumomab@after:"], ["--then", "after:"]),
    (["--then", "blinatumomab", "--set", "blina.setting=x"], ["--set", "blina", "blinatumomab"]),
    (["--then", "blinatumomab", "--set", "blinatumomab.setting=weekly"], ["weekly", "mrd-positive", "--then \"blinatumomab\""]),
])
def test_bad_continuations(tmp_path, args, needles):
    out = tmp_path / "o.json"
    proc = run("plan", "--start", START, *args, "-o", out, check=False)
    assert_clean_failure(proc, *needles)
    assert not out.exists()


def test_invalid_protocol_after_then_lists_its_problems_unwrapped(tmp_path):
    # A protocol file that breaks the format's rules keeps its own problem list, each with its
    # file, instead of becoming one --then value error.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ttplan-protocol/1"}\n')
    proc = run("plan", "--start", START, "--then", bad, check=False)
    assert_clean_failure(proc, '"id"', '"phases"')
    lines = proc.stderr.splitlines()
    assert len(lines) >= 2 and all(line.startswith(f"ttplan: error: {bad}") for line in lines), lines


def uids(*args):
    # One calendar id for every plan compared: the derived one differs between them.
    ics = run("plan", *args, "--format", "ics", "--calendar-id", "pt-7").stdout
    return re.findall(r"^UID:(\S+)\r?$", ics, re.M)


def test_ical_uids_carry_each_item_protocol():
    # Both protocols have a phase "induction": their items must still get distinct UIDs, and the
    # same UIDs as when each protocol is planned alone, so a re-import updates instead of duplicating.
    chain = uids("--start", START, "--then", "cog-sr-b-all@after:induction")
    assert len(chain) == len(set(chain))
    first = set(uids("--start", START))
    switch = plan_json("--start", START, "--then", "cog-sr-b-all@after:induction")["segments"][1]["start"]
    alone = set(uids("cog-sr-b-all", "--start", switch))
    assert set(chain) <= first | alone
    assert set(chain) & first and set(chain) & alone
