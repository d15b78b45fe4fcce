"""Hospital stays and continuous therapy in the month grids, as the command line writes them: the
`calendar` text and the HTML page mark every day of the default protocol's induction stay and
dexamethasone, and no day outside them, each with one key to its marks."""
import xml.etree.ElementTree as ET

import pytest

from conftest import run

START = "2027-01-04"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def calendar():
    return run("plan", "--start", START, "--format", "calendar").stdout


@pytest.fixture(scope="module")
def page():
    return ET.fromstring(run("plan", "--start", START, "--format", "html").stdout)


def marks_under(calendar, title, day):
    """The marks on the line under a day of a month grid ("Ha"), or "" for none."""
    lines = calendar.split("\n")
    for i, line in enumerate(lines):
        if title not in line or not lines[i + 1].startswith("Mo   Tu"):
            continue
        offset = 0 if line.index(title) < 34 else 38
        for j in range(i + 2, i + 14):
            for k in range(7):
                col = offset + 5 * k
                if lines[j].ljust(80)[col:col + 2].strip() == str(day):
                    return lines[j + 1].ljust(80)[col:col + 4].strip()
    raise AssertionError(f"no day {day} in {title}")


def test_calendar_marks_every_day_of_the_stay_and_the_therapy(calendar):
    for day in range(4, 11):
        assert marks_under(calendar, "January 2027", day) == "Ha"
    for day in range(11, 32):
        assert marks_under(calendar, "January 2027", day) == "a"
    for day in range(1, 8):
        assert marks_under(calendar, "February 2027", day) == ""
    assert all(len(line) <= 80 for line in calendar.splitlines())


def test_calendar_has_one_key_naming_each_mark(calendar):
    lines = calendar.splitlines()
    assert sum(line.startswith("Under a day number") for line in lines) == 1
    for line in ("  H  in hospital (Hospital stay)", "  a  Dexamethasone (Chemotherapy)",
                 "  b  Mercaptopurine (daily oral) (Chemotherapy)"):
        assert lines.count(line) == 1


def cell_text(page, month, day):
    """What a screen reader reads in a day's cell: all its text, in order."""
    section = page.find(f".//{XHTML}section[@id='{month}']")
    for td in section.iter(f"{XHTML}td"):
        number = td.find(f"{XHTML}span[@class='d']")
        if number is not None and number.text == str(day):
            return " ".join(" ".join(td.itertext()).split())
    raise AssertionError(f"no day {day} in {month}")


def test_page_cells_read_what_runs_that_day(page):
    assert cell_text(page, "m-2027-01", 4).startswith("4 Induction begins H In hospital starts "
                                                      "a Continuous: Dexamethasone (twice daily) starts")
    for day in (5, 6, 8, 9):
        assert cell_text(page, "m-2027-01", day) == (
            f"{day} H In hospital a Continuous: Dexamethasone (twice daily)")
    assert cell_text(page, "m-2027-01", 11).startswith("11 a Continuous: Dexamethasone (twice daily) ")
    assert cell_text(page, "m-2027-02", 3) == "3"


def test_page_has_one_key_above_the_grids(page):
    keys = page.findall(f".//{XHTML}ul[@class='key']")
    assert len(keys) == 1
    # Words between the sample and its explanation: a screen reader reads them apart.
    items = [" ".join("".join(li.itertext()).split()) for li in keys[0]]
    assert "H In hospital Every day of a hospital stay (Hospital stay)" in items
    assert "a Dexamethasone Every day of continuous therapy (Chemotherapy)" in items
