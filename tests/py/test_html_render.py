"""The HTML page from the CLI: well-formed XML, self-contained, safe with hostile names, and
drawn by a real browser (headless Chromium) into a picture that is not blank."""
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import run

START = "2027-01-04"
CHROMIUM = shutil.which("chromium") or (Path("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else None)
HOSTILE = "<script>alert(1)</script> \"q\" 'a' & b; c,\n=HYPERLINK(\"http://evil.example\")"


def render_html(tmp_path, name, *args):
    out = tmp_path / f"{name}.html"
    run("plan", *args, "--start", START, "--format", "html", "-o", out)
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    return {
        "default": render_html(tmp, "default"),
        "ph": render_html(tmp, "ph", "--set", "ph_positive=true"),
    }


def xmllint(path):
    proc = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def extract_svgs(html):
    """The plan page's timeline in its two layouts: {"wide": svg, "narrow": svg}."""
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    layouts = {re.search(r'class="timeline (\w+)"', svg).group(1): svg for svg in svgs}
    assert len(svgs) == 2 and set(layouts) == {"wide", "narrow"}, "expected a wide and a narrow inline SVG"
    return layouts


def extract_svg(html):
    return extract_svgs(html)["wide"]


@pytest.mark.parametrize("page", ["default", "ph"])
def test_whole_document_and_its_svg_parse_as_xml(pages, page, tmp_path):
    path = pages[page]
    xmllint(path)
    svg = extract_svg(path.read_text(encoding="utf-8"))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    for layout, svg in extract_svgs(path.read_text(encoding="utf-8")).items():
        standalone = tmp_path / f"timeline-{layout}.svg"
        standalone.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8")
        xmllint(standalone)


@pytest.mark.parametrize("page", ["default", "ph"])
def test_self_contained(pages, page):
    html = pages[page].read_text(encoding="utf-8")
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" not in html.lower()
    assert "@import" not in html
    assert not re.search(r"""url\(\s*['"]?(?!#)""", html), "only same-document url(#id) references"
    assert "<link" not in html.lower()


def test_size_and_determinism(pages, tmp_path):
    first = pages["default"].read_bytes()
    again = render_html(tmp_path, "again").read_bytes()
    assert first == again
    for path in pages.values():
        size = path.stat().st_size
        print(f"{path.name}: {size} bytes")
        assert size < 1_500_000


def test_ph_branch_adds_the_tki_lane(pages):
    default = pages["default"].read_text(encoding="utf-8")
    ph = pages["ph"].read_text(encoding="utf-8")
    assert 'data-lane="span:Imatinib (daily)"' in ph
    assert "Imatinib" not in default
    for page in (default, ph):
        for lane in ("induction", "consolidation", "maintenance"):
            assert f'data-lane="phase:{lane}"' in page
        assert "For planning and education only" in page
        assert re.search(r"<strong>\d+ years?, ", page)


def hostile_protocol(tmp_path):
    doc = json.loads(run("show", "--format", "json").stdout)
    doc.pop("translations")  # they translate the texts renamed here: check() refuses them
    doc["title"] = HOSTILE
    doc["phases"][0]["name"] = "Induction " + HOSTILE
    doc["phases"][0]["activities"][0]["name"] = "Drug " + HOSTILE
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_hostile_names_are_escaped(tmp_path):
    out = tmp_path / "hostile.html"
    run("plan", hostile_protocol(tmp_path), "--start", START, "--format", "html", "-o", out)
    xmllint(out)
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; b; c,&#10;=HYPERLINK(" in html
    standalone = tmp_path / "hostile.svg"
    standalone.write_text(extract_svg(html), encoding="utf-8")
    xmllint(standalone)


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB/RGBA non-interlaced PNG."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    bpp = 3 if color == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 0xFF
        elif f == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif f == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 0xFF
        elif f == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def screenshot(html, png, tmp_path):
    profile = tmp_path / "chromium-profile"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1400,2000",
           Path(html).resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert png.exists(), f"chromium wrote no screenshot (exit {proc.returncode}):\n{proc.stderr[-2000:]}"


def near(pixel, colour, tolerance=40):
    return sum(abs(a - b) for a, b in zip(pixel, colour)) <= tolerance


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/deps.sh test installs it)")
def test_browser_draws_the_timeline(pages, tmp_path):
    counts = {}
    for page in ("default", "ph"):
        png = tmp_path / f"{page}.png"
        screenshot(pages[page], png, tmp_path)
        width, height, rows = png_pixels(png)
        assert (width, height) == (1400, 2000)
        # Sample every 4th pixel both ways: enough for shares and colour counts.
        sample = [px for row in rows[::4] for px in row[::4]]
        non_white = sum(1 for px in sample if sum(px) < 3 * 245) / len(sample)
        colours = {tuple(c // 32 for c in px) for px in sample}
        print(f"{page}: {non_white:.1%} non-white, {len(colours)} colour buckets")
        assert non_white > 0.04, "the page looks blank"
        assert len(colours) >= 8, "the page has almost no colour"
        # The targeted-therapy green (#00704f) is drawn only when the TKI lane exists.
        counts[page] = sum(1 for px in sample if near(px, (0x00, 0x70, 0x4F)))
    assert counts["ph"] > 200 and counts["ph"] > 10 * counts["default"], counts
