"""Markdown rendered by cmark-gfm (GitHub's renderer), and the month calendar, on hostile names:
tables keep their shape, names come through as text, nothing becomes a tag or a link."""
import json
import shutil
import subprocess
from html.parser import HTMLParser

from conftest import run
from test_csv_roundtrip import HOSTILE, START

CMARK = shutil.which("cmark-gfm")


class Tables(HTMLParser):
    """Collects every table as rows of cell texts, and every tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.tags, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def render(markdown):
    assert CMARK, "cmark-gfm is missing: run scripts/deps.sh test"
    # --unsafe passes raw HTML through, so any tag a name managed to form would show up.
    proc = subprocess.run([CMARK, "--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough"],
                          input=markdown.encode(), capture_output=True, check=True)
    parser = Tables()
    parser.feed(proc.stdout.decode())
    return parser


def hostile_file(tmp_path):
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(HOSTILE), encoding="utf-8")
    return f


def one_line(text):
    return "".join(" " if ord(c) < 0x20 else c for c in text)


def test_hostile_markdown_renders_as_text(tmp_path):
    f = hostile_file(tmp_path)
    doc = json.loads(run("plan", f, "--start", START, "--format", "json").stdout)
    html = render(run("plan", f, "--start", START, "--format", "md").stdout)
    allowed = {"h1", "h2", "h3", "p", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    assert set(html.tags) <= allowed, set(html.tags) - allowed
    phases, spans, *dated = html.tables
    assert len(dated) == len(doc["phases"])
    for table in html.tables:
        assert len({len(row) for row in table}) == 1, table
    assert [row[0] for row in phases[1:]] == [one_line(p["name"]) for p in doc["phases"]]
    assert [row[0] for row in spans[1:]] == [one_line(t["activity"]) for t in doc["spans"]]
    activities = " ".join(row[3] for table in dated for row in table[1:])
    for e in doc["events"]:
        assert one_line(e["activity"]) in activities


def test_default_markdown_tables_match_the_plan():
    doc = json.loads(run("plan", "--start", START, "--format", "json").stdout)
    html = render(run("plan", "--start", START, "--format", "md").stdout)
    phases, spans, *dated = html.tables
    assert phases[0] == ["Phase", "Cycle", "From", "To", "Days", "Notes"]
    assert [int(row[4]) for row in phases[1:]] == [p["days"] for p in doc["phases"]]
    assert len(spans) - 1 == len(doc["spans"])
    assert sum(len(t) - 1 for t in dated) == len({(e["date"], e["phase"], e["cycle"]) for e in doc["events"]})


def test_hostile_calendar_is_plain_and_narrow(tmp_path):
    f = hostile_file(tmp_path)
    out = run("plan", f, "--start", START, "--format", "calendar").stdout
    for line in out.splitlines():
        assert len(line) <= 80, line
        assert all(ord(c) >= 0x20 and c != "\x7f" for c in line), repr(line)
    assert '=HYPERLINK("http://x","y") 4-17 Jan;' in out
    assert "Second phase; with, <b>bold</b> & \"quotes\" cycle 1" in " ".join(out.split())
