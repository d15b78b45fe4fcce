"""Languages from Python: render(..., language=...) writes the human formats' fixed texts and the
protocol's translated texts in Spanish or French, leaves json and csv as they are, and refuses an
unknown language with an InvalidValueError located at language."""
import datetime as dt

import pytest

import ttplan

START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def plan():
    return ttplan.plan(start=START)


def test_languages_are_listed_english_first():
    codes = [code for code, _ in ttplan.languages()]
    assert codes[0] == "en"
    assert {"es", "fr"} <= set(codes)
    assert dict(ttplan.languages())["es"] == "Español"


def test_spanish_and_french_text(plan):
    es = plan.render("text", language="es")
    assert "lun 4 ene 2027" in es
    assert "Inducción" in es  # the default protocol translates its phase names
    assert "Vincristina" in es
    fr = plan.render("md", language="fr")
    assert "lun. 4 janv. 2027" in fr
    assert "Vincristine" in fr and "Chimiothérapie" in fr


def test_english_is_the_default(plan):
    assert plan.render("html", language="en") == plan.render("html")
    assert plan.render("html", language="") == plan.render("html")


def test_the_page_says_its_language(plan):
    assert ' lang="es" xml:lang="es"' in plan.render("html", language="es")


def test_machine_formats_are_the_same(plan):
    for fmt in ("json", "csv"):
        assert plan.render(fmt, language="fr") == plan.render(fmt)


def test_write_takes_a_language(plan, tmp_path):
    path = tmp_path / "plan.txt"
    plan.write(str(path), "text", language="es")
    assert path.read_text(encoding="utf-8") == plan.render("text", language="es")


@pytest.mark.parametrize("bad", ["de", "ES", "spanish"])
def test_an_unknown_language_is_located(plan, bad):
    with pytest.raises(ttplan.InvalidValueError, match="en, es, fr") as e:
        plan.render("text", language=bad)
    assert e.value.location.file == "language"


def test_a_record_renders_in_a_language(tmp_path):
    record = ttplan.new_record("all-overview", START, recorded_at=0)
    assert "Inducción" in record.render("text", language="es")
    assert record.render("text", language="") == record.render("text")
    path = tmp_path / "plan.md"
    record.write(str(path), language="fr")
    assert "lun. 4 janv. 2027" in path.read_text(encoding="utf-8")
