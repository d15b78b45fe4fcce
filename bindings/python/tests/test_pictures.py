"""Pictures from Python: render("svg") is text, render("png"/"pdf"/"page") bytes, Format.binary
says which, and paper/orientation lay out the printed page or are refused with InvalidValueError."""
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

import ttplan

START = dt.date(2027, 1, 4)


@pytest.fixture(scope="module")
def plan():
    return ttplan.plan(start=START)


def test_binary_formats_are_marked():
    binary = {f.name for f in ttplan.formats() if f.binary}
    assert binary == {"png", "pdf", "page"}
    assert ttplan.format_for_path("plan.PNG").name == "png"


def test_svg_is_text_and_png_is_bytes(plan):
    svg = plan.render("svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg.encode())
    png = plan.render("png")
    assert isinstance(png, bytes)
    image = Image.open(io.BytesIO(png))
    assert image.size[0] == 2400
    assert image.size[1] == -(-2 * float(root.get("height")) // 1)


def test_page_on_letter_paper(plan, tmp_path):
    pdf = plan.render("page", paper="letter", orientation="portrait")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    assert b"/MediaBox [ 0 0 612 792 ]" in pdf
    assert pdf == plan.render("page", paper="LETTER", orientation="portrait")
    path = tmp_path / "page.pdf"
    plan.write(str(path), "page", paper="letter", orientation="portrait")
    assert path.read_bytes() == pdf


@pytest.mark.parametrize("kwargs,where", [
    ({"paper": "a5"}, "paper"),
    ({"orientation": "sideways"}, "orientation"),
])
def test_bad_paper_is_refused(plan, kwargs, where):
    with pytest.raises(ttplan.InvalidValueError) as e:
        plan.render("page", **kwargs)
    assert e.value.location.file == where


def test_only_the_page_takes_paper(plan):
    with pytest.raises(ttplan.InvalidValueError, match="only the page format") as e:
        plan.render("pdf", paper="a4")
    assert e.value.location.file == "paper"
