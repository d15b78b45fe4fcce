// The timeline as a picture file: one SVG document around the timeline the HTML page shows
// inline, and that document drawn into PNG and PDF.
#include <ttplan/error.hpp>
#include <ttplan/picture.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"
#include "markup_escape.hpp"
#include "picture_text.hpp"
#include "svg_render.hpp"
#include "svg_timeline.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace ttplan {

namespace {

using detail::escape_xml;
using detail::tr;
using detail::trf;

// The picture's title, also the PDF's: "Treatment timeline: ALL overview".
std::string timeline_title(std::string_view title) {
    return trf("Treatment timeline: {title}", fmt::arg("title", detail::one_line(title)));
}

std::string num(double v) {
    return detail::svg_number(v);
}

constexpr double doc_width = 1200;
constexpr double margin = 8;
constexpr double title_size = 20;
constexpr double line_size = 12;
constexpr double line_step = 17;

// PNG pixels per CSS pixel: print quality (192 dots per inch) at a width screens still show whole.
constexpr double png_scale = 2;
// Taller than this many pixels, a PNG is drawn smaller: cairo's images stop at 32767.
constexpr double png_max_height = 16384;

constexpr std::string_view style_sheet = R"(
.doc-title { font-size: 20px; font-weight: bold; }
.doc-line { font-size: 12px; }
.doc-safety { font-size: 12px; font-weight: bold; fill: #5c3d00; }
.doc-safety-box { fill: #fff8e6; stroke: #8a5a00; stroke-width: 1.5; }
)";

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

paper_size parse_paper(std::string_view text) {
    for (const paper_size p : {paper_size::a4, paper_size::letter}) {
        if (equal_ignoring_case(text, to_string(p))) return p;
    }
    throw value_error(fmt::format("unknown paper \"{}\"; allowed: a4, letter", detail::one_line(text)),
                      location{"paper", {}, 0, 0});
}

paper_orientation parse_orientation(std::string_view text) {
    for (const paper_orientation o : {paper_orientation::landscape, paper_orientation::portrait}) {
        if (equal_ignoring_case(text, to_string(o))) return o;
    }
    throw value_error(
        fmt::format("unknown orientation \"{}\"; allowed: landscape, portrait", detail::one_line(text)),
        location{"orientation", {}, 0, 0});
}

std::string_view to_string(paper_size p) {
    return p == paper_size::letter ? "letter" : "a4";
}

std::string_view to_string(paper_orientation o) {
    return o == paper_orientation::portrait ? "portrait" : "landscape";
}

std::string to_svg(const schedule& s) {
    const detail::agenda plan(s);
    const detail::timeline_picture timeline =
        detail::draw_timeline({detail::timeline_group{{}, &plan}}, "timeline");
    const std::string& title = s.protocol().title.empty() ? s.protocol().id : s.protocol().title;
    const double text_width = doc_width - 2 * margin;

    std::vector<std::string> lines = detail::wrap_text(detail::dates_line(s), text_width, line_size);
    for (auto& l : detail::wrap_text(detail::parameters_line(s), text_width, line_size))
        lines.push_back(std::move(l));
    const std::vector<std::string> safety =
        detail::wrap_text(detail::safety_line(), text_width - 16, line_size);

    double y = margin + title_size;
    std::string body =
        fmt::format(R"~(<text class="doc-title" x="{}" y="{}">{}</text>)~", num(margin), num(y),
                    escape_xml(detail::fit_text(detail::one_line(title), text_width, title_size)));
    body += '\n';
    y += 6;
    for (const auto& line : lines) {
        y += line_step;
        body += fmt::format(R"~(<text class="doc-line" x="{}" y="{}">{}</text>)~", num(margin), num(y),
                            escape_xml(line));
        body += '\n';
    }
    y += 10;
    const double box_height = line_step * static_cast<double>(safety.size()) + 10;
    body += fmt::format(R"~(<rect class="doc-safety-box" x="{}" y="{}" width="{}" height="{}" rx="3"/>)~",
                        num(margin), num(y), num(text_width), num(box_height));
    body += '\n';
    for (std::size_t i = 0; i < safety.size(); ++i) {
        body +=
            fmt::format(R"~(<text class="doc-safety" x="{}" y="{}">{}</text>)~", num(margin + 8),
                        num(y + 5 + line_size + line_step * static_cast<double>(i)), escape_xml(safety[i]));
        body += '\n';
    }
    y += box_height + 8;
    body += fmt::format("<g transform=\"translate(0 {})\">\n{}</g>\n", num(y), timeline.markup);
    const double height = y + timeline.height + margin;

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        R"~(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="{2}" font-size="12" fill="#1a1a1a">)~",
        num(doc_width), num(height), detail::picture_fonts);
    out += fmt::format("\n<title>{}</title>\n", escape_xml(timeline_title(title)));
    // TRANSLATORS: the picture's description, "ALL overview (protocol all-overview, version 1), Mon 4
    // Jan 2027 to ...".
    std::string desc =
        trf("{title} (protocol {id}, version {version}), {dates}.",
            fmt::arg("title", detail::one_line(title)), fmt::arg("id", detail::one_line(s.protocol().id)),
            fmt::arg("version", detail::one_line(s.protocol().version)),
            fmt::arg("dates", detail::dates_line(s)));
    if (const std::string p = detail::parameters_line(s); !p.empty()) desc += " " + p + ".";
    desc += fmt::format(" {} {}", detail::safety_line(),
                        trf("Made by ttplan {version}.", fmt::arg("version", version_string)));
    out += fmt::format("<desc>{}</desc>\n<style>{}</style>\n", escape_xml(desc), style_sheet);
    out += fmt::format(R"~(<rect width="{}" height="{}" fill="#fff"/>)~", num(doc_width), num(height));
    out += '\n';
    out += body;
    out += "</svg>\n";
    return out;
}

std::string to_png(const schedule& s) {
    const std::string svg = to_svg(s);
    return detail::svg_to_png(svg, png_scale, png_max_height);
}

std::string to_pdf(const schedule& in, const render_options& options) {
    const detail::language_scope language(options.language);
    const detail::in_language translated(in, options.language);
    const schedule& s = translated.get();
    const std::string& title = s.protocol().title.empty() ? s.protocol().id : s.protocol().title;
    return detail::svg_to_pdf(to_svg(s), detail::picture_time(s, options.timestamp), timeline_title(title));
}

}  // namespace ttplan
