"""A catalogue of bad input: protocol files, treatment records and every command-line option.

Each row is one bad input and what ttplan must do with it: the exit status (1 for data the
library refuses, 2 for a command line that cannot be carried out), every text the message must
hold (what is wrong and where: file and line, JSON pointer, option or variable), and nothing
written: no output file appears, standard output stays empty and every input file keeps its bytes.

Arguments and expected texts may name input files as @NAME (a file of FILES below, written
into the test's input directory; @proto is the default protocol, @record a treatment record)
and the output file as {out}. A text starting with "re:" is a regular expression.
"""
import json
import os
import re
import subprocess
from dataclasses import dataclass, field

import pytest

from conftest import BIN, run

START = "2027-01-04"
EPOCH = {"SOURCE_DATE_EPOCH": "1799053200"}  # 2027-01-04T09:00:00Z
NO_300_DIGITS = r"re:^(?!.*\d{30})"  # a range is said in numbers a reader can read


@dataclass
class Case:
    id: str
    args: list
    status: int
    says: list
    out: str = ""           # suffix of an -o file the command is given, which must not appear
    stdin: str = None       # text on standard input
    env: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Input files. Each is text, or a function of the default protocol's document giving text.

def protocol_with(change):
    def make(doc):
        change(doc)
        return json.dumps(doc, indent=2)
    return make


def set_at(path, value):
    """A change that sets doc[path...] = value."""
    def change(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def record_with(change):
    """The record (made by `record new`) with its JSON changed."""
    return ("record", change)


FILES = {
    "not_json": '{\n  "format": "ttplan-protocol/2",\n  "id": "x",\n  oops\n}\n',
    "empty": "",
    "truncated": '{\n  "format": "ttplan-protocol/2",\n  "id": "x",\n',
    "nul_byte": '{\n  "format": "ttplan-protocol/2",\x00\n}\n',
    "trailing_text": None,  # filled below: a valid protocol followed by more text
    "array": "[1, 2]\n",
    "no_format": protocol_with(lambda d: d.pop("format")),
    "newer_format": protocol_with(set_at(["format"], "ttplan-protocol/99")),
    "other_format": protocol_with(set_at(["format"], "ttplan-schedule/1")),
    "id_not_string": protocol_with(set_at(["id"], 5)),
    "unknown_key": protocol_with(set_at(["phases", 1, "colour"], "red")),
    "zero_length": protocol_with(set_at(["phases", 0, "length"], "0d")),
    "bad_length": protocol_with(set_at(["phases", 0, "length"], "4 fortnights")),
    "dangling_dependency": protocol_with(set_at(["dependencies", 0, "to"], "nowhere")),
    "duplicate_phase": protocol_with(set_at(["phases", 1, "id"], "induction")),
    "bad_days": protocol_with(set_at(["phases", 0, "activities", 0, "days"], "1-x")),
    "bad_category": protocol_with(set_at(["phases", 0, "activities", 0, "category"], "magic")),
    "unknown_when": protocol_with(set_at(["phases", 0, "activities", 0, "when"], {"colour": "red"})),
    "bad_default": protocol_with(set_at(["parameters", 0, "default"], "maybe")),
    "unbounded_repeat": protocol_with(set_at(["phases", 6, "repeat"], {})),
    "cycle": protocol_with(lambda d: d["dependencies"].append({"from": "maintenance", "to": "induction"})),
    "record_tampered": record_with(lambda r: r["protocol"]["document"].__setitem__("title", "Edited")),
    "record_newer": record_with(lambda r: r.__setitem__("format", "ttplan-record/99")),
    "record_bad_start": record_with(lambda r: r.__setitem__("start", "2027-13-04")),
    "record_unknown_key": record_with(lambda r: r.__setitem__("patient", "Jane")),
}


def write_inputs(directory):
    """Writes @proto, @record and every file of FILES into `directory`; returns {name: path}."""
    paths = {"proto": directory / "proto.json", "record": directory / "record.json"}
    good = run("show", "--format", "json").stdout
    paths["proto"].write_text(good, encoding="utf-8")
    run("record", "new", "all-overview", "--start", START, "-o", paths["record"], env=EPOCH)
    for name, make in FILES.items():
        path = directory / f"{name}.json"
        if name == "trailing_text":
            text = good + "{}\n"
        elif isinstance(make, tuple):
            doc = json.loads(paths["record"].read_text(encoding="utf-8"))
            make[1](doc)
            text = json.dumps(doc, indent=2)
        elif callable(make):
            text = make(json.loads(good))
        else:
            text = make
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


# ---------------------------------------------------------------------------------------------
# The catalogue.

P = ["plan", "--start", START]  # a plan of the default protocol

CASES = [
    # Protocol files: what is wrong, in which file, on which line, at which JSON pointer.
    Case("file: not JSON", ["plan", "@not_json", "--start", START], 1, ["@not_json:4:"], out=".json"),
    Case("file: empty", ["plan", "@empty", "--start", START], 1, ["@empty:1:"], out=".json"),
    Case("file: truncated", ["plan", "@truncated", "--start", START], 1, ["@truncated:4:"], out=".json"),
    Case("file: NUL byte", ["plan", "@nul_byte", "--start", START], 1, ["@nul_byte:2:", "NUL"], out=".json"),
    Case("file: text after the document", ["plan", "@trailing_text", "--start", START], 1, ["@trailing_text:"],
         out=".json"),
    Case("file: not an object", ["plan", "@array", "--start", START], 1, ["@array", "JSON object"], out=".json"),
    Case("file: no format", ["plan", "@no_format", "--start", START], 1, ["@no_format", 'missing "format"'],
         out=".json"),
    Case("file: newer format", ["plan", "@newer_format", "--start", START], 1,
         ["re:@newer_format:\\d+: /format", "newer ttplan"], out=".json"),
    Case("file: another format", ["plan", "@other_format", "--start", START], 1,
         ["re:@other_format:\\d+: /format", "not a ttplan protocol file"], out=".json"),
    Case("file: id not a string", ["plan", "@id_not_string", "--start", START], 1, ["re:@id_not_string:\\d+: /id"],
         out=".json"),
    Case("file: unknown key", ["plan", "@unknown_key", "--start", START], 1,
         ["re:@unknown_key:\\d+: /phases/1/colour"], out=".json"),
    Case("file: zero length", ["plan", "@zero_length", "--start", START], 1,
         ["re:@zero_length:\\d+: /phases/0/length"], out=".json"),
    Case("file: bad length", ["plan", "@bad_length", "--start", START], 1,
         ["re:@bad_length:\\d+: /phases/0/length", "4 fortnights"], out=".json"),
    Case("file: dangling dependency", ["plan", "@dangling_dependency", "--start", START], 1,
         ["re:@dangling_dependency:\\d+: /dependencies/0/to", "nowhere"], out=".json"),
    Case("file: duplicate phase", ["plan", "@duplicate_phase", "--start", START], 1,
         ["re:@duplicate_phase:\\d+: /phases/1/id", "induction"], out=".json"),
    Case("file: bad day pattern", ["plan", "@bad_days", "--start", START], 1,
         ["re:@bad_days:\\d+: /phases/0/activities/0/days", "1-x"], out=".json"),
    Case("file: unknown category", ["plan", "@bad_category", "--start", START], 1,
         ["re:@bad_category:\\d+: /phases/0/activities/0/category", "magic"], out=".json"),
    Case("file: condition on an undeclared parameter", ["plan", "@unknown_when", "--start", START], 1,
         ["re:@unknown_when:\\d+: /phases/0/activities/0/when", "colour"], out=".json"),
    Case("file: default not allowed", ["plan", "@bad_default", "--start", START], 1,
         ["re:@bad_default:\\d+: /parameters/0/default"], out=".json"),
    Case("file: repeat without a bound", ["plan", "@unbounded_repeat", "--start", START], 1,
         ["re:@unbounded_repeat:\\d+: /phases/6/repeat"], out=".json"),
    Case("file: dependency cycle", ["plan", "@cycle", "--start", START], 1, ["@cycle", "cycle", "maintenance"],
         out=".json"),
    Case("file: missing", ["plan", "nope.json", "--start", START], 1, ["nope.json", "neither a built-in protocol", "nor an existing file"], out=".json"),
    Case("file: a directory", ["plan", ".", "--start", START], 1, ["it is a directory"], out=".json"),
    Case("file: endless", ["plan", "/dev/zero", "--start", START], 1, ["/dev/zero", "larger than 16 MiB"],
         out=".json"),
    Case("file: unknown built-in", ["show", "no-such-protocol"], 1, ["no-such-protocol"]),
    Case("file: empty name", ["plan", "", "--start", START], 2, ["protocol: is empty"], out=".json"),
    Case("validate: not JSON", ["validate", "@not_json"], 1, ["@not_json:4:"]),
    Case("validate: every problem", ["validate", "@unknown_key"], 1, ["re:@unknown_key:\\d+: /phases/1/colour"]),
    Case("validate: no file", ["validate"], 2, ["files is required"]),
    Case("graph: bad file", ["graph", "@dangling_dependency"], 1, ["/dependencies/0/to"], out=".dot"),
    Case("--then: bad file", P + ["--then", "@unknown_key"], 1, ["re:@unknown_key:\\d+: /phases/1/colour"],
         out=".json"),

    # Standard input ("-").
    Case("stdin: not JSON", ["plan", "-", "--start", START], 1, ["<stdin>:2:"], stdin="{\n  oops\n}\n",
         out=".json"),
    Case("stdin: empty", ["show", "-"], 1, ["<stdin>:1:"], stdin=""),
    Case("stdin: validate", ["validate", "-"], 1, ["<stdin>:2:"], stdin="{\n  oops\n}\n"),
    Case("stdin: twice to validate", ["validate", "-", "-"], 2, ['"-" (standard input) is given more than once'],
         stdin="{}"),
    Case("stdin: protocol and --then", ["plan", "-", "--then", "-", "--start", START], 2,
         ["standard input can be read once"], stdin="{}", out=".json"),
    Case("stdin: record add", ["record", "add", "-", "--hold", "induction:15:Vincristine"], 2,
         ["record: is - (standard input)"], stdin="{}"),
    Case("stdin: record repin", ["record", "repin", "-"], 2, ["record: is - (standard input)"], stdin="{}"),
    Case("stdin: record new -o -", ["record", "new", "all-overview", "--start", START, "-o", "-"], 2,
         ["--output", "name it"]),

    # Treatment records.
    Case("record: copy edited", ["plan", "@record_tampered"], 1, ["@record_tampered", "/protocol"], out=".json"),
    Case("record: newer format", ["record", "show", "@record_newer"], 1, ["@record_newer", "/format"]),
    Case("record: impossible start", ["plan", "@record_bad_start"], 1, ["re:@record_bad_start:\\d+: /start:"],
         out=".json"),
    Case("record: unknown key", ["changes", "@record_unknown_key"], 1, ["re:@record_unknown_key:\\d+: /patient"]),
    Case("record: not JSON", ["record", "show", "@not_json"], 1, ["@not_json:4:"]),
    Case("record: a protocol is not one", ["record", "show", "@proto"], 1, ["@proto", "/format"]),
    Case("record: --start with a record", ["plan", "@record", "--start", START], 2,
         ["--start", "is a treatment record"], out=".json"),
    Case("record: --set with a record", ["plan", "@record", "--set", "ph_positive=true"], 2,
         ["--set", "is a treatment record"], out=".json"),
    Case("record: --calendar-id with a record", ["plan", "@record", "--calendar-id", "x"], 2,
         ["--calendar-id", "gives the calendar id"], out=".json"),
    Case("record: --no-cancelled without one", P + ["--no-cancelled"], 2, ["--no-cancelled"], out=".json"),
    Case("record add: no fact", ["record", "add", "@record"], 2, ["give at least one fact"]),
    Case("record add: --by alone", ["record", "add", "@record", "--hold", "induction:15:Vincristine", "--by", "x"],
         2, ["--by", "--decide"]),
    Case("record add: unknown phase", ["record", "add", "@record", "--hold", "nowhere:1:Vincristine"], 1,
         ["nowhere"]),
    Case("record add: actual before the start", ["record", "add", "@record", "--actual", "consolidation=2020-01-01"],
         1, ["consolidation", "2020-01-01", "before the plan starts on 2027-01-04"]),
    Case("record add: not decided during treatment", ["record", "add", "@record", "--decide", "tki=dasatinib@2027-02-01"],
         1, ["/history/1/facts/0", "tki", "not decided during treatment", "induction_response"]),
    Case("record add: malformed fact", ["record", "add", "@record", "--pause", "induction=2027-01-14"], 1,
         ["--pause", "induction=2027-01-14"]),
    Case("record new: file exists", ["record", "new", "all-overview", "--start", START, "-o", "@proto"], 2,
         ["--output", "exists", "--force"]),
    Case("record new: empty start", ["record", "new", "all-overview", "--start", "", "-o", "{out}"], 2,
         ["--start: is empty"]),
    Case("record new: no start", ["record", "new", "all-overview", "-o", "{out}"], 2, ["--start is required"]),
    Case("changes: --since 0", ["changes", "@record", "--since", "0"], 2,
         ["--since", "revisions 1 to 1", "no revision 0"]),
    Case("changes: --since 2", ["changes", "@record", "--since", "2"], 2, ["--since", "revisions 1 to 1"]),
    Case("changes: --since abc", ["changes", "@record", "--since", "abc"], 2, ["--since", "abc"]),
    Case("changes: -f xml", ["changes", "@record", "-f", "xml"], 2, ["--format", "xml"]),

    # --start
    Case("--start: impossible date", ["plan", "--start", "2027-02-30"], 1, ["--start", "2027-02-30"], out=".json"),
    Case("--start: not a date", ["plan", "--start", "tomorrow"], 1, ["--start", "tomorrow"], out=".json"),
    Case("--start: empty", ["plan", "--start", ""], 2, ["--start: is empty", "leave --start out"], out=".json"),
    Case("--start: no value", ["plan", "-o", "{out}.json", "--start"], 2, ["--start", "required"]),
    Case("--start: past 9999", ["plan", "--start", "9999-06-01"], 1, ["9999-12-31"], out=".json"),
    # --set
    Case("--set: unknown parameter", P + ["--set", "nonsense=1"], 1, ["--set", "nonsense", "ph_positive", "tki"],
         out=".json"),
    Case("--set: value not allowed", P + ["--set", "tki=nilotinib"], 1, ["--set", "nilotinib", "imatinib"],
         out=".json"),
    Case("--set: not a bool", P + ["--set", "ph_positive=maybe"], 1, ["--set", "maybe", "true", "false"],
         out=".json"),
    Case("--set: no =", P + ["--set", "noequals"], 1, ["--set", "noequals", "name=value"], out=".json"),
    Case("--set: no name", P + ["--set", "=x"], 1, ["--set", "name=value"], out=".json"),
    Case("--set: unknown protocol prefix", P + ["--set", "nosuch.x=1"], 1, ["--set", "nosuch", "all-overview"],
         out=".json"),
    # --actual and --delay
    Case("--actual: before the plan start", P + ["--actual", "consolidation=2020-01-01"], 1,
         ["--actual", "consolidation", "2020-01-01", "before the plan starts on 2027-01-04"], out=".json"),
    Case("--actual: the day before the start", P + ["--actual", "induction=2027-01-03"], 1,
         ["--actual", "2027-01-03", "before the plan starts on 2027-01-04"], out=".json"),
    Case("--delay: before the plan start", P + ["--delay", "induction=-3650"], 1,
         ["--delay", "induction", "-3650", "before the plan starts on 2027-01-04"], out=".json"),
    Case("--delay: out of range", P + ["--delay", "induction=99999"], 1, ["--delay", "from -3650 to 3650"],
         out=".json"),
    Case("--delay: not a number", P + ["--delay", "induction=soon"], 1, ["--delay", "soon"], out=".json"),
    Case("--actual: unknown phase", P + ["--actual", "nosuch=2027-02-01"], 1, ["--actual", "nosuch"], out=".json"),
    Case("--actual: no such cycle", P + ["--actual", "maintenance#99=2027-02-01"], 1,
         ["--actual", "maintenance", "cycle 99"], out=".json"),
    Case("--actual: impossible date", P + ["--actual", "consolidation=2027-02-30"], 1, ["--actual", "2027-02-30"],
         out=".json"),
    Case("--actual: two for one phase", P + ["--actual", "consolidation=2027-02-10", "--delay", "consolidation=2"],
         1, ["--delay", "consolidation"], out=".json"),
    # Clinic calendar
    Case("--closed: prefix and junk", P + ["--closed", "monXYZ"], 1, ["--closed", 'unknown weekday "monXYZ"'],
         out=".json"),
    Case("--closed: unknown", P + ["--closed", "someday"], 1, ["--closed", "mon, tue, wed, thu, fri, sat, sun"],
         out=".json"),
    Case("--closed: too short", P + ["--closed", "mo"], 1, ["--closed", '"mo"'], out=".json"),
    Case("--closed: empty", P + ["--closed", ""], 1, ["--closed", 'unknown weekday ""'], out=".json"),
    Case("--holiday: impossible date", P + ["--holiday", "2027-13-01"], 1, ["--holiday", "2027-13-01"],
         out=".json"),
    Case("--shift: unknown rule", P + ["--shift", "all=later"], 1, ["--shift", "later", "next, previous, keep"],
         out=".json"),
    Case("--shift: unknown category", P + ["--shift", "chemo=next"], 1, ["--shift", "chemo", "chemotherapy"],
         out=".json"),
    Case("--shift: no =", P + ["--shift", "noequals"], 1, ["--shift", "category=next|previous|keep"], out=".json"),
    # --then
    Case("--then: unknown protocol", P + ["--then", "no-such-protocol"], 1, ["--then", "no-such-protocol"],
         out=".json"),
    Case("--then: switch before the start", P + ["--then", "blinatumomab@2020-01-01"], 1,
         ["--then", "2020-01-01", "before the plan starts"], out=".json"),
    Case("--then: after: without a phase", P + ["--then", "blinatumomab@after:"], 1,
         ["--then", 'name the phase after "after:"'], out=".json"),
    Case("--then: impossible date", P + ["--then", "blinatumomab@2027-02-30"], 1, ["--then", "2027-02-30"],
         out=".json"),
    # Output
    Case("--format: unknown", P + ["--format", "docx"], 1, ["docx", "json", "text"], out=".json"),
    Case("--format: empty", P + ["--format", ""], 2, ["--format: is empty"], out=".json"),
    Case("-o: suffix no format has", P + ["-o", "{out}.docx"], 2, ["--output", ".docx", "--format"]),
    Case("--paper: unknown", P + ["-f", "page", "--paper", "a5"], 2, ["--paper", "a5", "letter"], out=".pdf"),
    Case("--orientation: unknown", P + ["-f", "page", "--orientation", "up"], 2, ["--orientation", "portrait"],
         out=".pdf"),
    Case("--paper: not the page", P + ["-f", "pdf", "--paper", "a4"], 2, ["--paper", "page"], out=".pdf"),
    Case("-o: empty", P + ["-o", ""], 2, ["--output: is empty"]),
    Case("-o: into a missing directory", P + ["-o", "{out}/missing/plan.json"], 1, ["missing"]),
    Case("--csv-rows: unknown", P + ["--csv-rows", "days"], 2, ["--csv-rows", "days"], out=".csv"),
    # iCalendar options
    Case("--sequence: negative", P + ["-f", "ics", "--sequence", "-1"], 2,
         ["--sequence", "-1", "0 to 2147483647", NO_300_DIGITS], out=".ics"),
    Case("--sequence: too large", P + ["-f", "ics", "--sequence", "2147483648"], 2,
         ["--sequence", "0 to 2147483647"], out=".ics"),
    Case("--sequence: not a number", P + ["-f", "ics", "--sequence", "abc"], 2,
         ["--sequence", "abc", NO_300_DIGITS], out=".ics"),
    Case("--timestamp: negative", P + ["-f", "ics", "--timestamp=-1"], 2,
         ["--timestamp", '"-1"', "from 0 to 253402300799"], out=".ics"),
    Case("--timestamp: past 9999", P + ["-f", "ics", "--timestamp", "253402300800"], 2,
         ["--timestamp", "from 0 to 253402300799"], out=".ics"),
    Case("--timestamp: not a number", P + ["-f", "ics", "--timestamp", "noon"], 2, ["--timestamp", '"noon"'],
         out=".ics"),
    Case("--time-zone: unknown", P + ["-f", "ics", "--time-zone", "Mars/Olympus"], 2,
         ["--time-zone", "Mars/Olympus"], out=".ics"),
    Case("--time-zone: empty", P + ["-f", "ics", "--time-zone", ""], 2, ["--time-zone: is empty"], out=".ics"),
    Case("--calendar-id: bad characters", P + ["-f", "ics", "--calendar-id", "a b"], 1,
         ["--calendar-id: character 2 is not allowed", "A-Z, a-z, 0-9"],
         out=".ics"),
    Case("--calendar-id: empty", P + ["-f", "ics", "--calendar-id", ""], 2, ["--calendar-id: is empty"],
         out=".ics"),
    Case("--calendar-name: empty", P + ["-f", "ics", "--calendar-name", ""], 2, ["--calendar-name: is empty"],
         out=".ics"),
    Case("--remind: zero", P + ["-f", "ics", "--remind", "0d"], 2, ["--remind", '"0d"', "zero"], out=".ics"),
    Case("--remind: negative", P + ["-f", "ics", "--remind=-1d"], 2, ["--remind", '"-1d"', "without a sign"],
         out=".ics"),
    Case("--remind: unknown unit", P + ["-f", "ics", "--remind", "1x"], 2, ["--remind", '"1x"', "unknown unit"],
         out=".ics"),
    Case("--remind: past 4 weeks", P + ["-f", "ics", "--remind", "29d"], 2, ["--remind", '"29d"', "4 weeks"],
         out=".ics"),
    Case("--remind: empty", P + ["-f", "ics", "--remind", ""], 2, ["--remind", "empty"], out=".ics"),
    Case("--remind: with csv", P + ["-f", "csv", "--remind", "1d"], 2, ["--remind", "--format ics", "not csv"],
         out=".csv"),
    Case("--remind: -o names another format", P + ["--remind", "1d"], 2, ["--remind", "not json"], out=".json"),
    Case("--remind: more than 10", P + ["-f", "ics"] + [a for n in range(1, 12) for a in ("--remind", f"{n}h")], 2,
         ["--remind", "11 different reminders", "at most 10"], out=".ics"),
    Case("SOURCE_DATE_EPOCH: negative", P + ["-f", "ics"], 1, ["SOURCE_DATE_EPOCH", '"-1"', "from 0 to"],
         env={"SOURCE_DATE_EPOCH": "-1"}, out=".ics"),
    # Commands and the command line itself
    Case("command: unknown", ["nosuch"], 2, ['unknown command "nosuch"', "plan", "validate", "record"]),
    Case("command: unknown record command", ["record", "nosuch"], 2,
         ['unknown command "nosuch"', "commands of record: new, add, show, repin"]),
    Case("command: none", [], 2, ["A subcommand is required"]),
    Case("command: record without one", ["record"], 2, ["A subcommand is required"]),
    Case("option: unknown", P + ["--bogus"], 2, ["--bogus"], out=".json"),
    Case("option: extra argument", ["show", "all-overview", "extra"], 2, ["extra"]),
    Case("compare: no variant", ["compare", "--start", START], 2, ["--variant, --branch or --branches"],
         out=".md"),
    Case("compare: bad variant", ["compare", "--start", START, "--variant", "nonsense=1"], 1,
         ["--variant", "nonsense"], out=".md"),
    Case("compare: unknown branch", ["compare", "--start", START, "--branch", "nosuch"], 1,
         ["--branch", "nosuch"], out=".md"),
    Case("compare: variant and branches", ["compare", "--start", START, "--variant", "tki=imatinib", "--branches"],
         2, ["--branches", "--variant"], out=".md"),
    Case("compare: -o suffix", ["compare", "--start", START, "--variant", "tki=imatinib", "-o", "{out}.json"], 2,
         ["--output", ".md", ".html"]),
    Case("graph: unknown format", ["graph", "-f", "svg"], 2, ["--format", "svg"], out=".dot"),
    Case("graph: unknown parameter", ["graph", "--set", "nonsense=1"], 1, ["--set", "nonsense"], out=".dot"),
    Case("show: unknown format", ["show", "-f", "yaml"], 2, ["--format", "yaml"]),
    Case("summary: bad start", ["summary", "--start", "2027-02-30"], 1, ["--start", "2027-02-30"]),
    Case("summary: actual before the start", ["summary", "--start", START, "--actual", "consolidation=2020-01-01"],
         1, ["--actual", "before the plan starts on 2027-01-04"]),
]


def resolve(text, paths, out):
    text = text.replace("{out}", str(out))
    # Longest names first, so @record_tampered is not read as @record.
    for name in sorted(paths, key=len, reverse=True):
        text = text.replace(f"@{name}", str(paths[name]))
    return text


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("inputs")
    paths = write_inputs(directory)
    return directory, paths


def test_the_catalogue_is_large_and_names_each_case_once():
    assert len(CASES) >= 80
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, inputs, tmp_path):
    in_dir, paths = inputs
    before = {p: p.read_bytes() for p in in_dir.iterdir()}
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "out"
    args = [resolve(a, paths, out) for a in case.args]
    if case.out:
        args += ["-o", f"{out}{case.out}"]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(case.env)
    proc = subprocess.run([BIN, *args], input=case.stdin if case.stdin is not None else "", capture_output=True,
                          text=True, env=env, cwd=in_dir)
    assert proc.returncode == case.status, proc.stderr
    # validate lists problems as FILE:LINE: POINTER: MESSAGE, as compilers do; the rest say who speaks.
    if args[:1] != ["validate"]:
        assert proc.stderr.startswith("ttplan: error: "), proc.stderr
    assert "terminate called" not in proc.stderr and "internal error" not in proc.stderr
    for expected in case.says:
        expected = resolve(expected, paths, out)
        if expected.startswith("re:"):
            assert re.search(expected[3:], proc.stderr, re.S), (expected, proc.stderr)
        else:
            assert expected in proc.stderr, (expected, proc.stderr)
    # Nothing written: no output file, no standard output, no input changed.
    assert proc.stdout == ""
    assert sorted(p.name for p in out_dir.iterdir()) == []
    assert {p: p.read_bytes() for p in in_dir.iterdir()} == before


# Standard output that cannot be written is a failure too, for every command that prints.
FULL_CASES = [
    ["plan", "--start", START],
    ["plan", "--start", START, "-o", "-"],
    ["summary", "--start", START],
    ["show"],
    ["show", "-f", "json"],
    ["graph"],
    ["compare", "--start", START, "--variant", "tki=imatinib", "--variant", "tki=dasatinib"],
    ["protocols"],
    ["record", "show", "@record"],
    ["changes", "@record", "--since", "1"],
    ["validate", "@proto"],
    ["--help"],
    ["plan", "--help"],
    ["--version"],
]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", FULL_CASES, ids=[" ".join(a) for a in FULL_CASES])
def test_a_full_standard_output_is_an_error(args, inputs):
    in_dir, paths = inputs
    with open("/dev/full", "w") as full:
        proc = subprocess.run([BIN, *[resolve(a, paths, "") for a in args]], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=in_dir)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("ttplan: error: standard output: cannot write: No space left on device"), \
        proc.stderr
