"""Pictures of a plan: the SVG timeline file, PNG and PDF drawn from it, and the one-page
summary for paper, read back with Python's XML parser, Pillow and poppler's pdfinfo."""
import io
import json
import os
import pty
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from conftest import BIN, run

SVG = "{http://www.w3.org/2000/svg}"
START = "2027-01-04"
DISCLAIMER = "For planning and education only."


def render(*args, env=None):
    """The bytes `ttplan plan <args>` writes to standard output (a pipe, not a terminal)."""
    full_env = dict(os.environ)
    full_env.pop("SOURCE_DATE_EPOCH", None)
    full_env.update(env or {})
    proc = subprocess.run([BIN, "plan", *map(str, args)], capture_output=True, env=full_env)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def pdf_info(path):
    """pdfinfo's fields as a dict (poppler-utils)."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(re.match(r"([^:]+):\s*(.*)", line).groups() for line in out.splitlines() if ":" in line)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_points(info):
    w, h = re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"]).groups()
    return float(w), float(h)


def longest_builtin():
    """The built-in protocol whose plan has the most phase occurrences, then the most days."""
    ids = [line.split()[0] for line in run("protocols").stdout.splitlines() if line and not line.startswith(" ")]
    def size(pid):
        doc = json.loads(run("plan", pid, "--start", START, "-f", "json").stdout)
        return len(doc["phases"]), len(doc["events"])
    return max(ids, key=size)


def test_svg_is_a_standalone_document_with_the_phases():
    data = render("cog-sr-b-all", "--start", START, "-f", "svg")
    text = data.decode("utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg"
    width, height = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert width == 1200 and height > 300
    assert "DejaVu Sans" in root.get("font-family")
    assert root.find(SVG + "title").text.startswith("Treatment timeline: ")
    desc = root.find(SVG + "desc").text
    assert DISCLAIMER in desc and "Mon 4 Jan 2027" in desc
    assert root.find(SVG + "style") is not None
    texts = " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))
    assert "Mon 4 Jan 2027" in texts
    assert DISCLAIMER in texts
    # The same timeline the HTML page draws inline: every phase of the plan has its bar.
    plan = json.loads(run("plan", "cog-sr-b-all", "--start", START, "-f", "json").stdout)
    drawn = {r.get("data-phase") for r in root.iter(SVG + "rect") if r.get("data-phase")}
    assert drawn == {p["id"] for p in plan["phases"]}
    assert root.find(f".//{SVG}g[@class='legend']") is not None
    # Self-contained: no reference leaves the document.
    assert not re.search(r'href="(?!#)', text)
    assert "url(#" in text and not re.search(r"url\((?!#)", text)


def test_svg_timeline_is_the_html_pages_drawing():
    svg = render("cog-sr-b-all", "--start", START, "-f", "svg").decode()
    html = run("plan", "cog-sr-b-all", "--start", START, "--today", "none", "-f", "html").stdout
    inline = re.search(r'<svg [^>]*id="timeline-svg".*?</svg>', html, re.S).group(0)
    drawn = re.search(r'<svg [^>]*id="timeline".*?</svg>', svg, re.S).group(0)
    # The page's bars are also links to its month grids; the bars, ticks and lanes are drawn at
    # the same places, with the same texts.
    shape = re.compile(r'<rect class="([a-z -]+)"[^>]*? x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" '
                       r'height="([0-9.]+)"')
    text = re.compile(r"<text[^>]*>([^<]*)</text>")
    assert len(shape.findall(inline)) > 50
    assert shape.findall(drawn) == shape.findall(inline)
    assert text.findall(drawn) == text.findall(inline)


def test_png_is_the_svg_at_twice_its_size():
    svg = ET.fromstring(render("cog-sr-b-all", "--start", START, "-f", "svg"))
    data = render("cog-sr-b-all", "--start", START, "-f", "png")
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.load()
    assert image.size == (2400, int(-(-2 * float(svg.get("height")) // 1)))
    assert image.mode == "RGB"  # opaque: cairo leaves out the alpha channel
    # A white page with a drawing on it, not an empty picture.
    assert image.getpixel((2, 2)) == (255, 255, 255)
    assert len(image.convert("L").getcolors(1 << 20)) > 16


def test_pdf_is_one_vector_page_dated_by_the_plan(tmp_path):
    out = tmp_path / "plan.pdf"
    run("plan", "cog-sr-b-all", "--start", START, "-o", out)
    svg = ET.fromstring(render("cog-sr-b-all", "--start", START, "-f", "svg"))
    info = pdf_info(out)
    assert info["Pages"] == "1"
    w, h = page_points(info)
    assert w == pytest.approx(900, abs=0.5)
    assert h == pytest.approx(float(svg.get("height")) * 0.75, abs=0.5)
    # The start date, not the clock: cairo would write the time of the run.
    assert "2027" in info["CreationDate"] and "Jan  4" in info["CreationDate"]
    assert info["Title"].startswith("Treatment timeline: ")
    text = pdf_text(out)
    assert DISCLAIMER in text and "Mon 4 Jan 2027" in text


def test_pdf_creation_date_follows_the_timestamp():
    a = render("cog-sr-b-all", "--start", START, "-f", "pdf", "--timestamp", "1800000000")
    b = render("cog-sr-b-all", "--start", START, "-f", "pdf", env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert a == b
    assert a != render("cog-sr-b-all", "--start", START, "-f", "pdf")
    assert b"20270115080000" in a  # 1800000000 = 2027-01-15T08:00:00Z


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "page"])
def test_same_input_same_bytes(fmt):
    first = render("cog-sr-b-all", "--start", START, "-f", fmt)
    second = render("cog-sr-b-all", "--start", START, "-f", fmt)
    assert first == second and len(first) > 1000


@pytest.mark.parametrize("name,magic", [("x.png", b"\x89PNG"), ("x.PDF", b"%PDF-"), ("x.svg", b"<?xml")])
def test_output_suffix_picks_the_format(tmp_path, name, magic):
    out = tmp_path / name
    run("plan", "cog-sr-b-all", "--start", START, "-o", out)
    assert out.read_bytes().startswith(magic)


def run_on_terminal(*args):
    """Runs ttplan with standard output on a pseudo-terminal, read as it writes (a full terminal
    buffer would block it); returns (status, stdout, stderr). Skips where no pseudo-terminal can
    be opened (a bare chroot without /dev/pts): there is no terminal to test against."""
    try:
        leader, follower = pty.openpty()
    except OSError as e:
        pytest.skip(f"no pseudo-terminal can be opened here: {e}")
    proc = subprocess.Popen([BIN, *args], stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    os.close(follower)
    written = b""
    try:
        while chunk := os.read(leader, 65536):
            written += chunk
    except OSError:  # EIO: the terminal's last writer is gone
        pass
    finally:
        os.close(leader)
    err = proc.stderr.read().decode()
    return proc.wait(timeout=60), written, err


@pytest.mark.parametrize("fmt", ["png", "pdf", "page"])
def test_binary_to_a_terminal_is_refused(fmt):
    status, written, err = run_on_terminal("plan", "cog-sr-b-all", "--start", START, "-f", fmt)
    assert status == 2
    assert written == b""
    assert "-o" in err and "terminal" in err and fmt in err


def test_text_to_a_terminal_still_works():
    status, written, _ = run_on_terminal("plan", "cog-sr-b-all", "--start", START, "-f", "svg")
    assert status == 0 and b"<svg" in written


PAPERS = {("a4", "landscape"): (841.89, 595.28), ("a4", "portrait"): (595.28, 841.89),
          ("letter", "landscape"): (792, 612), ("letter", "portrait"): (612, 792)}


@pytest.mark.parametrize("paper,orientation", sorted(PAPERS))
@pytest.mark.parametrize("protocol", ["cog-sr-b-all", "longest"])
def test_page_is_exactly_one_sheet(tmp_path, paper, orientation, protocol):
    if protocol == "longest":
        protocol = longest_builtin()
    out = tmp_path / "page.pdf"
    run("plan", protocol, "--start", START, "-f", "page", "--paper", paper, "--orientation", orientation,
        "-o", out)
    info = pdf_info(out)
    assert info["Pages"] == "1"
    w, h = page_points(info)
    assert (w, h) == pytest.approx(PAPERS[(paper, orientation)], abs=0.5)
    text = pdf_text(out)
    assert "Phases" in text and "Key dates" in text
    # The safety line is on the sheet (pdftotext may break it across lines).
    assert "For planning and education only" in " ".join(text.split())
    title = json.loads(run("plan", protocol, "--start", START, "-f", "json").stdout)["protocol"]["title"]
    assert title.split()[0] in text


def test_page_lists_the_phases_and_key_dates(tmp_path):
    out = tmp_path / "page.pdf"
    run("plan", "cog-sr-b-all", "--start", START, "-f", "page", "-o", out)
    text = " ".join(pdf_text(out).split())
    plan = json.loads(run("plan", "cog-sr-b-all", "--start", START, "-f", "json").stdout)
    names = {p["name"] for p in plan["phases"]}
    for name in names:
        assert name in text
    assert "4 Jan 2027" in text
    for d in plan.get("decisions", []):
        assert "Decision" in text


def test_page_defaults_to_a4_landscape(tmp_path):
    out = tmp_path / "page.pdf"
    run("plan", "cog-sr-b-all", "--start", START, "-f", "page", "-o", out)
    assert page_points(pdf_info(out)) == pytest.approx((841.89, 595.28), abs=0.5)


@pytest.mark.parametrize("args,option", [
    (["-f", "page", "--paper", "a5"], "--paper"),
    (["-f", "page", "--orientation", "sideways"], "--orientation"),
    (["-f", "svg", "--paper", "a4"], "--paper"),
    (["-o", "x.pdf", "--orientation", "portrait"], "--orientation"),
])
def test_bad_paper_is_a_usage_error(tmp_path, args, option):
    proc = run("plan", "cog-sr-b-all", "--start", START, *args, check=False, cwd=tmp_path)
    assert proc.returncode == 2
    assert option in proc.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_page_of_a_continued_plan_names_every_protocol(tmp_path):
    out = tmp_path / "page.pdf"
    run("plan", "--start", START, "--then", "blinatumomab@2027-05-01", "--then", "allo-hsct", "-f", "page",
        "--orientation", "portrait", "-o", out)
    assert pdf_info(out)["Pages"] == "1"
    text = " ".join(pdf_text(out).split())
    assert "then Blinatumomab" in text and "allo-hsct" in text
    assert "Hospital stay" in text and "Decision" in text
