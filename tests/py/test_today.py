"""ttplan plan --today DATE: "What's next" in text, Markdown and HTML, a today line on the
timeline and today marked in the month grids; the local date by default, none with "none",
and nothing in the formats for machines."""
import datetime
import re
import xml.dom.minidom

import pytest

from conftest import run

START = "2027-01-04"


def plan(*args):
    return run("plan", "--start", START, *args).stdout


def long_date(d):
    return f"{d:%a} {d.day} {d:%b} {d.year}"


def test_text_says_where_the_plan_stands_and_what_comes_next():
    out = plan("--today", "2027-01-11")
    assert "\nWhat's next (today: Mon 11 Jan 2027)\n  Today is Day 8 of Induction." in out
    assert "  Next treatment days:\n    Mon 11 Jan 2027 (today), Induction Day 8: Vincristine" in out
    before = plan("--today", "2026-12-30")
    assert "  Treatment starts in 5 days, on Mon 4 Jan 2027.\n" in before
    after = plan("--today", "2031-01-01")
    assert re.search(r"\n  The plan ended on \w{3} \d+ \w{3} \d{4}\.\n", after)
    assert "Next treatment days" not in after


def test_markdown_and_html_have_the_same_section():
    md = plan("--today", "2027-01-05", "-f", "md")
    assert "\n## What's next (today: Tue 5 Jan 2027)\n\nToday is Day 2 of Induction." in md
    assert "- In hospital now, until Sun 10 Jan 2027 (Induction)\n" in md
    html = plan("--today", "2027-01-05", "-f", "html")
    assert '<section id="next" class="next"' in html
    assert "<li>In hospital now, until Sun 10 Jan 2027 (Induction)</li>" in html
    assert '<g class="today" data-date="2027-01-05">' in html
    assert html.count('aria-current="date"') == 1
    xml.dom.minidom.parseString(html.encode())  # still polyglot: well-formed XML


def test_same_today_same_bytes_and_machine_formats_unchanged(tmp_path):
    for fmt in ("text", "md", "html"):
        a = plan("--today", "2027-03-01", "-f", fmt)
        assert a == plan("--today", "2027-03-01", "-f", fmt)
        assert a != plan("--today", "2027-03-02", "-f", fmt)
    for fmt in ("json", "csv", "calendar"):
        assert plan("--today", "2027-03-01", "-f", fmt) == plan("-f", fmt) == plan("--today", "none", "-f", fmt)
    ics = ("-f", "ics", "--timestamp", "0")
    assert plan("--today", "2027-03-01", *ics) == plan(*ics)


def test_default_is_the_local_date_and_none_turns_it_off():
    from zoneinfo import ZoneInfo

    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        before = datetime.datetime.now(ZoneInfo(zone)).date()
        out = run("plan", "--start", START, env={"TZ": zone}).stdout
        after = datetime.datetime.now(ZoneInfo(zone)).date()
        shown = re.search(r"What's next \(today: ([^)]*)\)", out).group(1)
        assert shown in (long_date(before), long_date(after)), (zone, shown)
    off = plan("--today", "none", "-f", "html")
    assert "What's next" not in off and 'class="today"' not in off and "aria-current" not in off


@pytest.mark.parametrize("value", ["2027-02-30", "tomorrow", "", "2027-1-5", "10000-01-01"])
def test_bad_today_is_a_usage_error_naming_the_option(tmp_path, value):
    out = tmp_path / "plan.html"
    proc = run("plan", "--start", START, "--today", value, "-o", out, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "--today" in proc.stderr
    assert not out.exists()
