#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/picture.hpp>

#include "format_samples.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

using namespace ttplan;

namespace {

const std::string hostile = "<b>&\"'</b>";

double attribute(const std::string& svg, const std::string& name) {
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex(" " + name + "=\"([0-9.]+)\"")));
    return std::stod(m[1]);
}

std::string attribute_text(const std::string& svg, const std::string& name) {
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex(" " + name + "=\"([^\"]*)\"")));
    return m[1];
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

}  // namespace

TEST_CASE("pictures: the SVG file is a document around the HTML page's timeline", "[svg]") {
    const schedule s = samples::default_plan();
    const std::string svg = render(s, "svg");
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"",
                    0) == 0);
    CHECK(attribute(svg, "width") == 1200);
    CHECK(attribute_text(svg, "viewBox") == "0 0 1200 " + attribute_text(svg, "height"));
    CHECK(svg.find("<title>Treatment timeline: ") != std::string::npos);
    CHECK(svg.find("<desc>") != std::string::npos);
    CHECK(svg.find("<style>") != std::string::npos);
    CHECK(svg.find("For planning and education only.") != std::string::npos);
    CHECK(svg.find("Mon 4 Jan 2027") != std::string::npos);
    CHECK(svg.find("class=\"legend\"") != std::string::npos);
    // The same drawing as the HTML page's wide timeline: the same bars, ticks and lanes at the
    // same places, and the same texts. (The page's bars are also links to its month grids.)
    const auto picture = [](const std::string& text, const std::string& id) {
        const auto from = text.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"");
        REQUIRE(from != std::string::npos);
        return text.substr(from, text.find("</svg>", from) + 6 - from);
    };
    const auto shapes = [](const std::string& text) {
        static const std::regex shape(
            R"~(<rect class="([a-z -]+)"[^>]*? x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)")~");
        static const std::regex label(R"~(<text[^>]*>([^<]*)</text>)~");
        std::vector<std::string> out;
        for (const auto& re : {shape, label}) {
            for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
                 ++it) {
                std::string parts;
                for (std::size_t k = 1; k < it->size(); ++k) parts += (*it)[k].str() + "|";
                out.push_back(parts);
            }
        }
        return out;
    };
    const auto on_page = shapes(picture(to_html(s), "timeline-svg"));
    CHECK(on_page.size() > 100);
    CHECK(shapes(picture(svg, "timeline")) == on_page);
    CHECK(render(s, "svg") == svg);
}

TEST_CASE("pictures: protocol text is escaped in the SVG and the page", "[svg]") {
    const schedule s = samples::hand_built(hostile);
    for (const std::string& svg : {render(s, "svg"), page_svg(s)}) {
        CHECK(svg.find(hostile) == std::string::npos);
        CHECK(svg.find("&lt;b&gt;&amp;") != std::string::npos);
    }
}

TEST_CASE("pictures: PNG at twice the SVG's size", "[png]") {
    const schedule s = samples::default_plan();
    const std::string svg = render(s, "svg");
    const std::string png = render(s, "png");
    REQUIRE(png.size() > 24);
    CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    CHECK(png.compare(12, 4, "IHDR") == 0);
    CHECK(big_endian(png, 16) == 2400);
    CHECK(big_endian(png, 20) == static_cast<std::uint32_t>(std::ceil(2 * attribute(svg, "height"))));
    CHECK(render(s, "png") == png);
}

TEST_CASE("pictures: PDF dated by the timestamp, else the start date", "[pdf]") {
    const schedule s = samples::default_plan();
    const std::string pdf = render(s, "pdf");
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf.find("/CreationDate (20270104000000") != std::string::npos);
    render_options o;
    o.timestamp = 1800000000;  // 2027-01-15T08:00:00Z
    const std::string dated = render(s, "pdf", o);
    CHECK(dated.find("/CreationDate (20270115080000") != std::string::npos);
    CHECK(render(s, "pdf") == pdf);
    CHECK(to_pdf(s, o) == dated);
}

TEST_CASE("pictures: the page is one sheet of the paper asked for", "[page]") {
    const schedule s = samples::default_plan();
    struct expected {
        paper_size paper;
        paper_orientation orientation;
        std::string width;
        std::string height;
        std::string view;
    };
    for (const auto& e :
         {expected{paper_size::a4, paper_orientation::landscape, "297mm", "210mm", "841.89 595.28"},
          expected{paper_size::a4, paper_orientation::portrait, "210mm", "297mm", "595.28 841.89"},
          expected{paper_size::letter, paper_orientation::landscape, "11in", "8.5in", "792 612"},
          expected{paper_size::letter, paper_orientation::portrait, "8.5in", "11in", "612 792"}}) {
        const std::string svg = page_svg(s, e.paper, e.orientation);
        CHECK(attribute_text(svg, "width") == e.width);
        CHECK(attribute_text(svg, "height") == e.height);
        CHECK(attribute_text(svg, "viewBox") == "0 0 " + e.view);
        CHECK(svg.find("Phases") != std::string::npos);
        CHECK(svg.find("Key dates") != std::string::npos);
        CHECK(svg.find("For planning and education only.") != std::string::npos);
        render_options o;
        o.paper = e.paper;
        o.orientation = e.orientation;
        const std::string pdf = render(s, "page", o);
        CHECK(pdf.find("/Type /Pages") != std::string::npos);
        CHECK(pdf.find("/Count 1\n") != std::string::npos);
    }
    CHECK(render(s, "page") == to_page(s));
}

TEST_CASE("pictures: paper and orientation words", "[page]") {
    CHECK(parse_paper("a4") == paper_size::a4);
    CHECK(parse_paper("Letter") == paper_size::letter);
    CHECK(parse_orientation("PORTRAIT") == paper_orientation::portrait);
    CHECK(to_string(parse_orientation("landscape")) == "landscape");
    try {
        parse_paper("a5");
        FAIL("a5 was accepted");
    } catch (const value_error& e) {
        CHECK(e.where().file == "paper");
        CHECK(std::string(e.what()).find("a4, letter") != std::string::npos);
    }
    CHECK_THROWS_AS(parse_orientation("sideways"), value_error);
}

TEST_CASE("pictures: only the page takes paper options", "[page]") {
    const schedule s = samples::default_plan();
    render_options o;
    o.paper = paper_size::letter;
    try {
        render(s, "pdf", o);
        FAIL("pdf took a paper size");
    } catch (const value_error& e) {
        CHECK(e.where().file == "paper");
    }
    render_options turned;
    turned.orientation = paper_orientation::portrait;
    CHECK_THROWS_AS(render(s, "svg", turned), value_error);
}

TEST_CASE("pictures: formats by suffix, binary ones marked", "[formats]") {
    REQUIRE(format_for_path("plan.png") != nullptr);
    CHECK(format_for_path("plan.png")->name == "png");
    CHECK(format_for_path("PLAN.PDF")->name == "pdf");
    CHECK(format_for_path("plan.svg")->name == "svg");
    for (const auto& f : formats()) {
        const bool binary = f.name == "png" || f.name == "pdf" || f.name == "page";
        CHECK(f.binary == binary);
    }
}

TEST_CASE("pictures: a plan too long for the sheet is condensed, never spilled over", "[page]") {
    const schedule s = samples::weekly_blocks();
    for (const auto orientation : {paper_orientation::landscape, paper_orientation::portrait}) {
        const std::string svg = page_svg(s, paper_size::a4, orientation);
        // Rows left out are counted, in both tables.
        CHECK(std::regex_search(svg, std::regex("… and [0-9]+ more: see the full plan")));
        // The tables come after the (scaled) timeline, which has a lane for every block.
        const auto tables = svg.find("</svg>\n</g>\n");
        REQUIRE(tables != std::string::npos);
        CHECK(svg.find("Block 0<", tables) != std::string::npos);
        CHECK(svg.find("Block 149<", tables) == std::string::npos);
        // They end above the footer.
        std::smatch m;
        std::string rest = svg.substr(tables);
        double lowest = 0;
        while (std::regex_search(rest, m, std::regex(R"~(<text[^>]* y="([0-9.]+)")~"))) {
            lowest = std::max(lowest, std::stod(m[1]));
            rest = m.suffix();
        }
        const double height = orientation == paper_orientation::landscape ? 595.28 : 841.89;
        CHECK(lowest < height - 10);
        render_options o;
        o.orientation = orientation;
        const std::string pdf = render(s, "page", o);
        CHECK(pdf.find("/Count 1\n") != std::string::npos);
    }
}
