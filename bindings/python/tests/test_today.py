"""The reader's day from Python: render(..., today=...) takes the date types start dates take,
gives text, Markdown and HTML a "What's next" section (and HTML its today marks), changes no
other format, and refuses what is not a date with an InvalidValueError located at today."""
import datetime as dt

import pytest

import ttplan

START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def plan():
    return ttplan.plan(start=START)


def test_date_datetime_and_text_give_the_same_page(plan):
    page = plan.render("html", today=dt.date(2027, 1, 11))
    assert plan.render("html", today="2027-01-11") == page
    assert plan.render("html", today=dt.datetime(2027, 1, 11)) == page
    assert '<g class="today" data-date="2027-01-11">' in page
    assert "Today is Day 8 of Induction." in page
    assert page.count('aria-current="date"') == 1


def test_none_is_the_default_and_shows_nothing(plan):
    assert plan.render("text", today=None) == plan.render("text")
    assert "What's next" not in plan.render("md")


def test_text_and_markdown_before_the_start(plan):
    assert "  Treatment starts in 4 days, on Mon 4 Jan 2027.\n" in plan.render("text", today="2026-12-31")
    assert "## What's next (today: Thu 31 Dec 2026)\n\nTreatment starts in 4 days" in plan.render("md", today="2026-12-31")


def test_machine_formats_ignore_it(plan):
    for fmt in ("json", "csv", "calendar"):
        assert plan.render(fmt, today="2027-02-01") == plan.render(fmt)


def test_a_record_renders_with_today():
    record = ttplan.new_record("all-overview", START, recorded_at=0)
    assert "What's next (today: Mon 4 Jan 2027)" in record.render("text", today=START)
    assert "What's next" not in record.render("text")


@pytest.mark.parametrize("today,says", [
    ("2027-02-30", "February 2027 has 28 days"),
    (dt.datetime(2027, 1, 11, 9, 30), "time"),
    (20270111, "expected a date"),
])
def test_bad_today_is_located(plan, today, says):
    with pytest.raises(ttplan.InvalidValueError, match=says) as e:
        plan.render("html", today=today)
    assert e.value.location.file == "today"
