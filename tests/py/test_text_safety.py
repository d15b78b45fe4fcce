"""Text that cannot drive a terminal (docs/text-safety.md): a protocol whose names carry ESC
sequences, CR, BEL, NUL, DEL, C1 controls and bidirectional overrides, through every command and
format. Terminal outputs hold no control character but the line feed and no bidirectional
control; the markup and data formats hold no bidirectional override; errors about such a file
are printable and whole."""
import json
import re
import subprocess

import pytest

from conftest import BIN, run

START = "2027-01-04"  # a Monday

# ESC [2J clears the screen, ESC ] 0; ... BEL retitles the terminal, CR returns to the start of
# the line (so what follows overwrites the date), CSI (U+009B) is ESC [ in one character, RLO
# (U+202E) shows what follows right to left, LRI (U+2066) opens an isolate it never closes.
HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07\rFri 5 Mar 2027\x00nul\x7fdel\x9b31m\u202egnp.exe\u2066x"
# The same as every terminal format shows it: ESC, BEL, NUL and DEL as their control pictures,
# CR as a space, CSI, RLO and LRI as U+FFFD.
SHOWN = "Evil\u241b[2J\u241b]0;pwned\u2407 Fri 5 Mar 2027\u2400nul\u2421del\ufffd31m\ufffdgnp.exe\ufffdx"

# Bytes a terminal obeys: C0 but the line feed, DEL and C1; and the bidirectional controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def hostile_protocol(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    doc.pop("translations")  # they translate the texts changed here: check() refuses them
    doc["title"] = "Title " + HOSTILE
    doc["summary"] = "Summary " + HOSTILE
    doc["description"] = "First paragraph " + HOSTILE + "\nSecond line"
    doc["notes"] = "Notes " + HOSTILE
    doc["sources"][0]["title"] = "Source " + HOSTILE
    for p in doc["parameters"]:
        p["description"] = "Parameter " + HOSTILE
        if "decided" in p:
            p["decided"]["by"] = "Decided by " + HOSTILE
    induction = doc["phases"][0]
    induction["name"] = "Induction " + HOSTILE
    induction["description"] = "Phase " + HOSTILE
    for a in induction["activities"]:
        if a["name"] == "Vincristine":
            a["name"] = HOSTILE
        a["note"] = "Note " + HOSTILE
    doc["dependencies"][0]["gate"] = "Gate " + HOSTILE
    doc["tracks"][0]["activity"] = "Track " + HOSTILE
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    return f


def output(*args):
    """Standard output of ttplan as text, which must be valid UTF-8."""
    proc = subprocess.run([BIN, *map(str, args)], capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout.decode("utf-8")


def assert_printable(text):
    found = UNSAFE.search(text)
    assert found is None, f"{found.group()!r} at {found.start()}: {text[max(0, found.start() - 60):found.end() + 20]!r}"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_protocol(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "{f}", "--start", START, "--set", "ph_positive=true"),
        ("plan", "{f}", "--start", START, "--set", "ph_positive=true", "--format", "calendar"),
        ("show", "{f}"),
        ("summary", "{f}", "--start", START, "--set", "ph_positive=true"),
        ("compare", "{f}", "--start", START, "--variant", "ph_positive=false", "--variant", "ph_positive=true"),
    ],
    ids=["text", "calendar", "show", "summary", "compare"],
)
def test_terminal_outputs_hold_no_control_and_no_bidi_control(hostile, args):
    text = output(*(a.format(f=hostile) for a in args))
    assert_printable(text)


def test_text_shows_the_name_with_its_controls_visible(hostile):
    text = output("plan", hostile, "--start", START, "--set", "ph_positive=true")
    assert SHOWN in text
    assert "Induction " + SHOWN in text
    assert "Track " + SHOWN in text


def test_a_carriage_return_cannot_overwrite_the_date(hostile):
    # The name holds "\rFri 5 Mar 2027": on a terminal the real date would be overwritten.
    text = output("plan", hostile, "--start", START)
    lines = [line for line in text.split("\n") if "Evil" in line and "Day 1 " in line]
    assert lines, text
    for line in lines:
        assert "\r" not in line
        assert line.startswith("    Mon 4 Jan 2027   Day 1 "), line


def test_show_keeps_paragraphs_and_makes_the_rest_printable(hostile):
    text = output("show", hostile)
    assert_printable(text)
    assert "First paragraph " + SHOWN + "\nSecond line\n" in text
    assert "Decided by " + SHOWN in text
    assert "Gate " + SHOWN in text


def test_record_show_is_printable(hostile, tmp_path):
    record = tmp_path / "patient.json"
    run("record", "new", hostile, "--start", START, "-o", record)
    # Command-line arguments cannot hold NUL; everything else can.
    added = HOSTILE.replace("\x00", "")
    run("record", "add", record, "--add", "induction=2027-01-20:" + added)
    text = output("record", "show", record)
    assert_printable(text)
    assert SHOWN.replace("\u2400", "") in text
    plan = output("plan", record)
    assert_printable(plan)


@pytest.mark.parametrize("fmt", ["html", "ics", "csv", "md"])
def test_markup_and_data_formats_hold_no_bidi_override(hostile, fmt):
    text = output("plan", hostile, "--start", START, "--set", "ph_positive=true", "--format", fmt)
    assert not BIDI.search(text)
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text and "\x9b" not in text
    assert "gnp.exe" in text  # the name is there, its override is not


def test_json_carries_names_exactly(hostile):
    # JSON is the data contract: names are kept as they are, escaped by JSON itself.
    doc = json.loads(output("plan", hostile, "--start", START, "--format", "json"))
    assert any(e["activity"] == HOSTILE for e in doc["events"])


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_graph_labels_are_inert(tmp_path, fmt):
    doc = json.loads(run("show", "--format", "json").stdout)
    doc.pop("translations")  # they translate the texts changed here: check() refuses them
    doc["title"] = "%%{init: {'theme': 'dark', 'securityLevel': 'loose'}}%%"
    doc["phases"][0]["name"] = "Induction %%{init: {'theme': 'forest'}}%% \u202e" + HOSTILE
    f = tmp_path / "graph.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    text = output("graph", f, "--format", fmt)
    assert_printable(text)
    # Mermaid reads "%%{" as the start of a directive wherever it stands.
    if fmt == "mermaid":
        assert "%%{" not in text
        assert "#37;#37;{init" in text


def test_errors_about_a_crafted_file_are_printable_and_whole(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    # A NUL inside the id does not cut the message short, and ESC cannot retitle the terminal.
    doc["dependencies"][0]["to"] = "gone\x1b]0;title\x07\x00after nul\u202eend"
    f = tmp_path / "crafted.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    for args in (("validate", f), ("plan", f, "--start", START)):
        proc = subprocess.run([BIN, *map(str, args)], capture_output=True)
        assert proc.returncode == 1
        err = proc.stderr.decode("utf-8")
        assert_printable(err)
        assert "gone\u241b]0;title\u2407\u2400after nul\ufffdend" in err, err


def test_a_file_name_with_controls_is_printed_printable(tmp_path):
    good = tmp_path / "ok\x1b[2J\u202e.json"
    good.write_text(run("show", "--format", "json").stdout)
    proc = subprocess.run([BIN, "validate", str(good)], capture_output=True)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert_printable(out)
    assert "ok\u241b[2J\ufffd.json: ok" in out


def test_option_values_quoted_by_the_command_line_parser_are_printable():
    proc = subprocess.run([BIN, "graph", "--format", "\x1b]0;pwned\x07dot"], capture_output=True)
    assert proc.returncode != 0
    err = proc.stderr.decode("utf-8")
    assert_printable(err)
    assert "\u241b]0;pwned\u2407dot" in err, err
