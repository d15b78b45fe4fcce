// The one-page summary for paper: an SVG the size of the sheet, drawn into a one-page PDF by
// the same librsvg path as every picture. One page by construction; a long plan is condensed
// (the timeline scaled down, smaller type, then "and N more" rows) rather than spilled over.
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
#include <cmath>
#include <map>

namespace ttplan {

namespace {

using detail::escape_xml;
using detail::tr;
using detail::trc;
using detail::trf;
using detail::trnf;

std::string num(double v) {
    return detail::svg_number(v);
}

// Everything below is in points (1/72 inch), the viewBox's unit.
struct sheet {
    std::string_view width_attr;
    std::string_view height_attr;
    double width;
    double height;
};

sheet sheet_of(paper_size paper, paper_orientation orientation) {
    sheet s = paper == paper_size::letter ? sheet{"8.5in", "11in", 612, 792}
                                          : sheet{"210mm", "297mm", 595.28, 841.89};
    if (orientation == paper_orientation::landscape) {
        std::swap(s.width_attr, s.height_attr);
        std::swap(s.width, s.height);
    }
    return s;
}

constexpr double margin = 28;  // about 10 mm: inside what printers leave blank
constexpr double title_size = 15;
constexpr double line_size = 8.5;
constexpr double largest_type = 8.5;
constexpr double smallest_type = 5.5;  // still readable when printed
constexpr double comfortable_type = 7.5;
constexpr double row_step = 1.45;  // row height in ems
constexpr double footer_size = 6.5;

// A table row: its cells, and whether it stands for rows left out.
struct row {
    std::vector<std::string> cells;
    bool more = false;
};

struct table {
    std::string heading;
    std::vector<std::string> columns;
    std::vector<double> shares;  // of the table's width, per column
    std::vector<bool> wraps;     // per column: long text goes on to further lines (else shortened)
    std::vector<row> rows;
    std::string note;  // below the table, or ""
};

// One row per phase, as the timeline has one lane per phase: its first and last day over all
// its cycles.
table phase_table(const detail::agenda& plan) {
    // TRANSLATORS: the page's table of phases: its heading, then its column headings.
    table t{tr("Phases"),
            {trc("page column", "Phase"), trc("page column", "From"), trc("page column", "To"),
             trc("page column", "Length")},
            {0.32, 0.21, 0.21, 0.26},
            {true, false, false, true},
            {},
            {}};
    std::vector<std::vector<const detail::occurrence_entry*>> lanes;
    std::map<std::pair<std::size_t, std::string_view>, std::size_t> lane_at;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        const auto [at, fresh] = lane_at.try_emplace({p.segment, p.phase}, lanes.size());
        if (fresh) lanes.emplace_back();
        lanes[at->second].push_back(&entry);
    }
    bool any_tentative = false;
    for (const auto& entries : lanes) {
        const phase_occurrence& first = *entries.front()->occurrence;
        const phase_occurrence& last = *entries.back()->occurrence;
        any_tentative |= first.tentative || last.tentative;
        std::string name = entries.front()->phase_label;
        if (entries.size() > 1)
            name += " " + trnf("({n} cycle)", "({n} cycles)", static_cast<long long>(entries.size()),
                               fmt::arg("n", entries.size()));
        t.rows.push_back({{name, detail::short_date(first.first) + (first.tentative ? " *" : ""),
                           detail::short_date(last.last) + (last.tentative ? " *" : ""),
                           describe_length(first.first, last.last)},
                          false});
    }
    if (any_tentative) t.note = tr("* tentative: waits for recovery or an uncertain length, may move later");
    return t;
}

// "4 Jan 2027" with no-break spaces, so that a wrapped cell breaks between dates, not in one.
std::string table_date(day_point d) {
    std::string out;
    for (const char c : detail::short_date(d)) out += c == ' ' ? std::string("\u00a0") : std::string(1, c);
    return out;
}

std::string date_range(day_point first, day_point last) {
    return first == last ? table_date(first)
                         : trf("{first} to {last}", fmt::arg("first", table_date(first)),
                               fmt::arg("last", table_date(last)));
}

// Hospital stays, decisions and milestones, in date order.
table key_dates(const detail::agenda& plan) {
    const schedule& s = plan.plan();
    // TRANSLATORS: the page's table of hospital stays, decisions and milestones: its heading,
    // then its column headings.
    table t{tr("Key dates"),
            {trc("page column", "When"), trc("page column", "What")},
            {0.34, 0.66},
            {true, true},
            {},
            {}};
    std::vector<std::pair<day_point, row>> dated;
    for (const span& sp : s.spans()) {
        if (sp.category != category::hospital_stay) continue;
        std::string what = detail::labelled_activity(sp.activity, sp.category);
        if (!sp.phase.empty()) {
            const auto* entry = plan.entry_of(sp);
            what += " (" + (entry ? entry->title() : plan.phase_label(sp.segment, sp.phase)) + ")";
        }
        if (sp.tentative) what += fmt::format(", {}", tr("tentative"));
        dated.push_back({sp.first, {{date_range(sp.first, sp.last), what}, false}});
    }
    for (const event& e : s.events()) {
        if (e.category != category::hospital_stay && e.category != category::milestone) continue;
        std::string what = detail::labelled_activity(e.activity, e.category);
        if (e.tentative) what += fmt::format(", {}", tr("tentative"));
        dated.push_back({e.date, {{table_date(e.date), what}, false}});
    }
    for (const decision& d : s.decisions()) {
        std::string what = trf("Decision ({place}): {decision}",
                               fmt::arg("place", detail::decision_place(d, s.phase_name(d.segment, d.phase))),
                               fmt::arg("decision", detail::decision_words(s, d)));
        dated.push_back({d.date, {{table_date(d.date), what}, false}});
    }
    std::stable_sort(dated.begin(), dated.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [when, r] : dated) t.rows.push_back(std::move(r));
    if (t.rows.empty())
        t.rows.push_back({{"", tr("No hospital stays, decisions or milestones in this plan.")}, false});
    return t;
}

// A table as drawn at one type size: each cell's lines.
struct laid_row {
    std::vector<std::vector<std::string>> cells;
    std::size_t lines = 1;
};

struct laid_table {
    const table* source = nullptr;
    double width = 0;
    double size = 0;
    std::vector<laid_row> rows;

    std::size_t lines() const {
        std::size_t n = 0;
        for (const auto& r : rows) n += r.lines;
        return n;
    }
    // Lines beyond the rows: the heading, the column names and the note.
    double extra() const { return 2.4 + (source->note.empty() ? 0 : 1); }
    double height() const { return (static_cast<double>(lines()) + extra()) * size * row_step; }
};

constexpr std::size_t max_cell_lines = 5;

laid_row lay_row(const table& t, const row& r, double width, double size) {
    laid_row out;
    if (r.more) {
        out.cells.push_back({detail::fit_text(r.cells.front(), width - 6, size)});
        return out;
    }
    for (std::size_t i = 0; i < r.cells.size() && i < t.shares.size(); ++i) {
        const double w = width * t.shares[i] - 6;
        const std::string text = detail::one_line(r.cells[i]);
        std::vector<std::string> lines;
        if (t.wraps[i]) {
            lines = detail::wrap_text(text, w, size);
            if (lines.size() > max_cell_lines) {
                lines.resize(max_cell_lines);
                lines.back() = detail::fit_text(lines.back() + " …", w, size);
            }
        } else {
            lines.push_back(detail::fit_text(text, w, size));
        }
        if (lines.empty()) lines.emplace_back();
        out.lines = std::max(out.lines, lines.size());
        out.cells.push_back(std::move(lines));
    }
    return out;
}

laid_table lay_out(const table& t, double width, double size) {
    laid_table out{&t, width, size, {}};
    for (const row& r : t.rows) out.rows.push_back(lay_row(t, r, width, size));
    return out;
}

// Keeps the rows that fit in `height`, the last of them saying how many more there are.
void cut_to(laid_table& t, double height) {
    if (t.height() <= height) return;
    const auto room =
        static_cast<std::size_t>(std::max(0.0, std::floor(height / (t.size * row_step) - t.extra())));
    std::size_t used = 1;  // the "more" row
    std::size_t keep = 0;
    while (keep < t.rows.size() && used + t.rows[keep].lines <= room) used += t.rows[keep++].lines;
    const std::size_t left_out = t.rows.size() - keep;
    t.rows.resize(keep);
    const row more{{trnf("… and {n} more: see the full plan (HTML, text or calendar)",
                         "… and {n} more: see the full plan (HTML, text or calendar)",
                         static_cast<long long>(left_out), fmt::arg("n", left_out))},
                   true};
    t.rows.push_back(lay_row(*t.source, more, t.width, t.size));
}

std::string draw_table(const laid_table& t, double x, double y) {
    const table& source = *t.source;
    const double size = t.size;
    const double width = t.width;
    const double step = size * row_step;
    std::string out = fmt::format(R"~(<text class="h" x="{}" y="{}" font-size="{}">{}</text>)~", num(x),
                                  num(y + size * 1.2), num(size * 1.15), escape_xml(source.heading));
    out += '\n';
    y += step * 1.4;
    double cx = x;
    for (std::size_t i = 0; i < source.columns.size(); ++i) {
        out += fmt::format(
            R"~(<text class="th" x="{}" y="{}" font-size="{}">{}</text>)~", num(cx + 2), num(y + size),
            num(size), escape_xml(detail::fit_text(source.columns[i], width * source.shares[i] - 4, size)));
        cx += width * source.shares[i];
    }
    out += '\n';
    y += step;
    out += fmt::format(R"~(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333" stroke-width="0.6"/>)~",
                       num(x), num(y - size * 0.2), num(x + width), num(y - size * 0.2));
    out += '\n';
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const laid_row& r = t.rows[i];
        const double h = step * static_cast<double>(r.lines);
        if (i % 2 == 1) {
            out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="{}" fill="#eef1f5"/>)~", num(x),
                               num(y - size * 0.2), num(width), num(h));
            out += '\n';
        }
        cx = x;
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            for (std::size_t l = 0; l < r.cells[c].size(); ++l) {
                out += fmt::format(R"~(<text x="{}" y="{}" font-size="{}">{}</text>)~", num(cx + 2),
                                   num(y + size + step * static_cast<double>(l)), num(size),
                                   escape_xml(r.cells[c][l]));
            }
            if (c < source.shares.size()) cx += width * source.shares[c];
        }
        out += '\n';
        y += h;
    }
    if (!source.note.empty()) {
        out += fmt::format(R"~(<text x="{}" y="{}" font-size="{}" font-style="italic">{}</text>)~", num(x),
                           num(y + size), num(size * 0.9),
                           escape_xml(detail::fit_text(source.note, width, size * 0.9)));
        out += '\n';
    }
    return out;
}

// The sheet's title, also the PDF's: "Treatment plan on one page: ALL overview".
std::string page_title(std::string_view title) {
    return trf("Treatment plan on one page: {title}", fmt::arg("title", title));
}

// The tables' widths and where they go: side by side on a landscape sheet, one under the other
// on a portrait one.
struct table_layout {
    bool side_by_side;
    double left_width;
    double right_width;
    double gap;
};

// The height the two tables take at `size`.
double tables_height(const table_layout& l, const laid_table& phases, const laid_table& keys) {
    return l.side_by_side ? std::max(phases.height(), keys.height())
                          : phases.height() + keys.height() + keys.size;
}

}  // namespace

std::string page_svg(const schedule& s, paper_size paper, paper_orientation orientation) {
    const sheet sh = sheet_of(paper, orientation);
    const bool landscape = orientation == paper_orientation::landscape;
    const double content = sh.width - 2 * margin;
    const detail::agenda plan(s);
    const std::string title =
        detail::one_line(s.protocol().title.empty() ? s.protocol().id : s.protocol().title);

    std::string body;
    double y = margin;
    // A long title takes a second line rather than losing its end.
    std::vector<std::string> title_lines = detail::wrap_text(title, content, title_size);
    if (title_lines.size() > 2) {
        title_lines.resize(2);
        title_lines.back() = detail::fit_text(title_lines.back() + " …", content, title_size);
    }
    for (const auto& line : title_lines) {
        y += title_size * (y == margin ? 1 : 1.2);
        body += fmt::format(R"~(<text class="title" x="{}" y="{}">{}</text>)~", num(margin), num(y),
                            escape_xml(line));
        body += '\n';
    }
    y += 4;
    std::vector<std::string> lines = detail::wrap_text(detail::dates_line(s), content, line_size);
    std::vector<std::string> parameters = detail::wrap_text(detail::parameters_line(s), content, line_size);
    // Parameters of a long continued plan could fill the page: three lines, the rest shortened.
    if (parameters.size() > 3) {
        parameters.resize(3);
        parameters.back() = detail::fit_text(parameters.back() + " …", content, line_size);
    }
    lines.insert(lines.end(), parameters.begin(), parameters.end());
    for (const auto& line : lines) {
        y += line_size * 1.4;
        body += fmt::format(R"~(<text x="{}" y="{}" font-size="{}">{}</text>)~", num(margin), num(y),
                            num(line_size), escape_xml(line));
        body += '\n';
    }
    y += 6;
    const std::vector<std::string> safety = detail::wrap_text(detail::safety_line(), content - 12, line_size);
    const double box = line_size * 1.4 * static_cast<double>(safety.size()) + 6;
    body += fmt::format(R"~(<rect class="safety-box" x="{}" y="{}" width="{}" height="{}" rx="2"/>)~",
                        num(margin), num(y), num(content), num(box));
    body += '\n';
    for (std::size_t i = 0; i < safety.size(); ++i) {
        body +=
            fmt::format(R"~(<text class="safety" x="{}" y="{}">{}</text>)~", num(margin + 6),
                        num(y + 3 + line_size * (1.1 + 1.4 * static_cast<double>(i))), escape_xml(safety[i]));
        body += '\n';
    }
    y += box + 8;

    const double footer_top = sh.height - margin + 4;
    const table phases = phase_table(plan);
    const table keys = key_dates(plan);
    const table_layout layout = landscape ? table_layout{true, (content - 14) / 2, (content - 14) / 2, 14}
                                          : table_layout{false, content, content, 0};
    const double room = footer_top - 6 - y;
    // The timeline gets what the tables leave at a comfortable size, between a third and
    // seven tenths of the room, and never more than the sheet's width.
    const detail::timeline_picture timeline =
        detail::draw_timeline({detail::timeline_group{{}, &plan}}, "timeline");
    const double comfortable = tables_height(layout, lay_out(phases, layout.left_width, comfortable_type),
                                             lay_out(keys, layout.right_width, comfortable_type));
    const double timeline_room = std::clamp(room - comfortable - 10, room / 3, room * 0.7);
    const double scale = std::min(content / timeline.width, timeline_room / timeline.height);
    body += fmt::format("<g transform=\"translate({} {}) scale({})\">\n{}</g>\n", num(margin), num(y),
                        fmt::format("{:.4f}", scale), timeline.markup);
    y += timeline.height * scale + 10;

    // The tables in the largest type that fits them all; at the smallest, rows cut.
    const double table_room = footer_top - 6 - y;
    double size = largest_type;
    laid_table left = lay_out(phases, layout.left_width, size);
    laid_table right = lay_out(keys, layout.right_width, size);
    while (size > smallest_type && tables_height(layout, left, right) > table_room) {
        size -= 0.25;
        left = lay_out(phases, layout.left_width, size);
        right = lay_out(keys, layout.right_width, size);
    }
    if (layout.side_by_side) {
        cut_to(left, table_room);
        cut_to(right, table_room);
        body += draw_table(left, margin, y);
        body += draw_table(right, margin + layout.left_width + layout.gap, y);
    } else {
        // Phases first, then the key dates in what is left; each keeps at least two fifths.
        cut_to(left, std::max(table_room * 0.4, table_room - right.height() - size));
        cut_to(right, table_room - left.height() - size);
        body += draw_table(left, margin, y);
        body += draw_table(right, margin, y + left.height() + size);
    }

    body += fmt::format(R"~(<text class="footer" x="{}" y="{}">{}</text>)~", num(margin),
                        num(sh.height - margin / 2),
                        escape_xml(detail::fit_text(
                            trf("Protocol {id}, version {version} · ttplan {ttplan} · bar lengths are "
                                "proportional to calendar time; the full plan has every day",
                                fmt::arg("id", detail::one_line(s.protocol().id)),
                                fmt::arg("version", detail::one_line(s.protocol().version)),
                                fmt::arg("ttplan", version_string)),
                            content, footer_size)));
    body += '\n';

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        R"~(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{}" font-size="{}" fill="#1a1a1a">)~",
        sh.width_attr, sh.height_attr, num(sh.width), num(sh.height), detail::picture_fonts, num(line_size));
    out += fmt::format("\n<title>{}</title>\n", escape_xml(page_title(title)));
    out += fmt::format("<desc>{}. {}</desc>\n", escape_xml(detail::dates_line(s)),
                       escape_xml(detail::safety_line()));
    out += fmt::format(
        "<style>\n.title {{ font-size: {}px; font-weight: bold; }}\n.h {{ font-weight: bold; }}\n"
        ".th {{ font-weight: bold; }}\n.safety {{ font-weight: bold; fill: #5c3d00; }}\n"
        ".safety-box {{ fill: #fff8e6; stroke: #8a5a00; stroke-width: 1; }}\n"
        ".footer {{ font-size: {}px; fill: #555; }}\n</style>\n",
        num(title_size), num(footer_size));
    out += fmt::format(R"~(<rect width="{}" height="{}" fill="#fff"/>)~", num(sh.width), num(sh.height));
    out += '\n';
    out += body;
    out += "</svg>\n";
    return out;
}

std::string to_page(const schedule& in, const render_options& options) {
    const detail::language_scope language(options.language);
    const detail::in_language translated(in, options.language);
    const schedule& s = translated.get();
    const std::string svg = page_svg(s, options.paper.value_or(paper_size::a4),
                                     options.orientation.value_or(paper_orientation::landscape));
    const std::string title =
        detail::one_line(s.protocol().title.empty() ? s.protocol().id : s.protocol().title);
    return detail::svg_to_pdf(svg, detail::picture_time(s, options.timestamp), page_title(title));
}

}  // namespace ttplan
