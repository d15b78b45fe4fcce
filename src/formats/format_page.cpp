// The one-page summary for paper: an SVG the size of the sheet, drawn into a one-page PDF by
// the same librsvg path as every picture. One page by construction; a long plan is condensed
// (the timeline scaled down, smaller type, then "and N more" rows) rather than spilled over.
#include <ttplan/picture.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
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

std::string num(double v) { return detail::svg_number(v); }

// Everything below is in points (1/72 inch), the viewBox's unit.
struct sheet {
    std::string_view width_attr;
    std::string_view height_attr;
    double width;
    double height;
};

sheet sheet_of(paper_size paper, paper_orientation orientation) {
    sheet s = paper == paper_size::letter ? sheet{"8.5in", "11in", 612, 792} : sheet{"210mm", "297mm", 595.28, 841.89};
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
constexpr double row_step = 1.45;      // row height in ems
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
    std::vector<row> rows;
    std::string note;  // below the table, or ""
};

// One row per phase, as the timeline has one lane per phase: its first and last day over all
// its cycles.
table phase_table(const detail::agenda& plan) {
    table t{"Phases", {"Phase", "From", "To", "Length"}, {0.40, 0.18, 0.18, 0.24}, {}, {}};
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
        bool tentative = false;
        for (const auto* e : entries) tentative |= e->occurrence->tentative;
        any_tentative |= tentative;
        std::string length = describe_length(first.first, last.last);
        if (entries.size() > 1) length += fmt::format(", {} cycles", entries.size());
        const std::string mark = tentative ? " *" : "";
        t.rows.push_back({{entries.front()->phase_label, detail::short_date(first.first) + mark,
                           detail::short_date(last.last) + mark, length},
                          false});
    }
    if (any_tentative) t.note = "* tentative: waits for recovery or an uncertain length, may move later";
    return t;
}

std::string date_range(day_point first, day_point last) {
    return first == last ? detail::short_date(first)
                         : detail::short_date(first) + " to " + detail::short_date(last);
}

// Hospital stays, decisions and milestones, in date order.
table key_dates(const detail::agenda& plan) {
    const schedule& s = plan.plan();
    table t{"Key dates", {"When", "What"}, {0.36, 0.64}, {}, {}};
    std::vector<std::pair<day_point, row>> dated;
    for (const span& sp : s.spans()) {
        if (sp.category != category::hospital_stay) continue;
        std::string what = detail::labelled_activity(sp.activity, sp.category);
        if (!sp.phase.empty()) {
            const auto* entry = plan.entry_of(sp);
            what += " (" + (entry ? entry->title() : plan.phase_label(sp.segment, sp.phase)) + ")";
        }
        if (sp.tentative) what += ", tentative";
        dated.push_back({sp.first, {{date_range(sp.first, sp.last), what}, false}});
    }
    for (const event& e : s.events()) {
        if (e.category != category::hospital_stay && e.category != category::milestone) continue;
        std::string what = detail::labelled_activity(e.activity, e.category);
        if (e.tentative) what += ", tentative";
        dated.push_back({e.date, {{detail::short_date(e.date), what}, false}});
    }
    for (const decision& d : s.decisions()) {
        std::string what = fmt::format("Decision ({}): {}", detail::decision_place(d, s.phase_name(d.segment, d.phase)),
                                       detail::decision_words(d));
        dated.push_back({d.date, {{detail::short_date(d.date), what}, false}});
    }
    std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [when, r] : dated) t.rows.push_back(std::move(r));
    if (t.rows.empty()) t.rows.push_back({{"", "No hospital stays, decisions or milestones in this plan."}, false});
    return t;
}

// Keeps at most `room` rows, the last of them saying how many more there are.
void cut_to(table& t, std::size_t room) {
    if (t.rows.size() <= room) return;
    const std::size_t keep = room == 0 ? 0 : room - 1;
    const std::size_t left_out = t.rows.size() - keep;
    t.rows.resize(keep);
    t.rows.push_back({{fmt::format("… and {} more: see the full plan (HTML, text or calendar)", left_out)}, true});
}

// Rows a table takes beyond its data rows: its heading, the column names and a note.
double extra_rows(const table& t) { return 2.4 + (t.note.empty() ? 0 : 1); }

std::string draw_table(const table& t, double x, double y, double width, double size) {
    const double step = size * row_step;
    std::string out = fmt::format(R"~(<text class="h" x="{}" y="{}" font-size="{}">{}</text>)~", num(x),
                                  num(y + size * 1.2), num(size * 1.15), escape_xml(t.heading));
    out += '\n';
    y += step * 1.4;
    const auto cells = [&](const std::vector<std::string>& texts, double base, bool header) {
        double cx = x;
        std::string line;
        for (std::size_t i = 0; i < texts.size() && i < t.shares.size(); ++i) {
            // A row that stands for rows left out spans the table.
            const double w = texts.size() == 1 ? width : width * t.shares[i];
            line += fmt::format(R"~(<text{} x="{}" y="{}" font-size="{}">{}</text>)~", header ? R"( class="th")" : "",
                                num(cx + 2), num(base), num(size),
                                escape_xml(detail::fit_text(detail::one_line(texts[i]), w - 6, size)));
            cx += w;
        }
        return line + "\n";
    };
    out += cells(t.columns, y + size, true);
    y += step;
    out += fmt::format(R"~(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#333" stroke-width="0.6"/>)~", num(x),
                       num(y - size * 0.2), num(x + width), num(y - size * 0.2));
    out += '\n';
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (i % 2 == 1) {
            out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="{}" fill="#eef1f5"/>)~", num(x),
                               num(y - size * 0.2), num(width), num(step));
            out += '\n';
        }
        out += cells(t.rows[i].cells, y + size, false);
        y += step;
    }
    if (!t.note.empty()) {
        out += fmt::format(R"~(<text x="{}" y="{}" font-size="{}" font-style="italic">{}</text>)~", num(x),
                           num(y + size), num(size * 0.9), escape_xml(detail::fit_text(t.note, width, size * 0.9)));
        out += '\n';
    }
    return out;
}

}  // namespace

std::string page_svg(const schedule& s, paper_size paper, paper_orientation orientation) {
    const sheet sh = sheet_of(paper, orientation);
    const bool landscape = orientation == paper_orientation::landscape;
    const double content = sh.width - 2 * margin;
    const detail::agenda plan(s);
    const std::string title = detail::one_line(s.protocol().title.empty() ? s.protocol().id : s.protocol().title);

    std::string body;
    double y = margin + title_size;
    body += fmt::format(R"~(<text class="title" x="{}" y="{}">{}</text>)~", num(margin), num(y),
                        escape_xml(detail::fit_text(title, content, title_size)));
    body += '\n';
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
    const std::vector<std::string> safety = detail::wrap_text(disclaimer, content - 12, line_size);
    const double box = line_size * 1.4 * static_cast<double>(safety.size()) + 6;
    body += fmt::format(R"~(<rect class="safety-box" x="{}" y="{}" width="{}" height="{}" rx="2"/>)~", num(margin),
                        num(y), num(content), num(box));
    body += '\n';
    for (std::size_t i = 0; i < safety.size(); ++i) {
        body += fmt::format(R"~(<text class="safety" x="{}" y="{}">{}</text>)~", num(margin + 6),
                            num(y + 3 + line_size * (1.1 + 1.4 * static_cast<double>(i))), escape_xml(safety[i]));
        body += '\n';
    }
    y += box + 8;

    const double footer_top = sh.height - margin + 4;
    // The timeline, as wide as the sheet allows and no taller than its share of what is left.
    const detail::timeline_picture timeline = detail::draw_timeline({detail::timeline_group{{}, &plan}}, "timeline");
    const double share = landscape ? 0.5 : 0.4;
    const double scale = std::min(content / timeline.width, (footer_top - y) * share / timeline.height);
    body += fmt::format("<g transform=\"translate({} {}) scale({})\">\n{}</g>\n", num(margin), num(y),
                        fmt::format("{:.4f}", scale), timeline.markup);
    y += timeline.height * scale + 10;

    // The tables, in the type size that fits them all; at the smallest size, rows cut.
    table phases = phase_table(plan);
    table keys = key_dates(plan);
    const double room = footer_top - 6 - y;
    const auto rows_of = [](const table& t) { return static_cast<double>(t.rows.size()) + extra_rows(t); };
    const double rows = landscape ? std::max(rows_of(phases), rows_of(keys)) : rows_of(phases) + rows_of(keys) + 0.8;
    double size = std::clamp(room / (rows * row_step), smallest_type, largest_type);
    size = std::floor(size * 10) / 10;
    const auto fits = [&](const table& t, double height) {
        return static_cast<std::size_t>(std::max(0.0, std::floor(height / (size * row_step) - extra_rows(t))));
    };
    if (landscape) {
        cut_to(phases, fits(phases, room));
        cut_to(keys, fits(keys, room));
        const double gap = 14;
        const double left = (content - gap) * 0.54;
        body += draw_table(phases, margin, y, left, size);
        body += draw_table(keys, margin + left + gap, y, content - gap - left, size);
    } else {
        // Phases first, then the key dates in what is left.
        const double phase_room = std::min(room * 0.6, rows_of(phases) * size * row_step);
        cut_to(phases, fits(phases, std::max(phase_room, room - rows_of(keys) * size * row_step - size)));
        const double used = rows_of(phases) * size * row_step + size * 0.8;
        cut_to(keys, fits(keys, room - used));
        body += draw_table(phases, margin, y, content, size);
        body += draw_table(keys, margin, y + used, content, size);
    }

    body += fmt::format(R"~(<text class="footer" x="{}" y="{}">{}</text>)~", num(margin), num(sh.height - margin / 2),
                        escape_xml(detail::fit_text(
                            fmt::format("{} ({}, version {}) · ttplan {} · bar lengths are proportional to "
                                        "calendar time; the full plan has every day",
                                        title, detail::one_line(s.protocol().id),
                                        detail::one_line(s.protocol().version), version_string),
                            content, footer_size)));
    body += '\n';

    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        R"~(<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{}" font-size="{}" fill="#1a1a1a">)~",
        sh.width_attr, sh.height_attr, num(sh.width), num(sh.height), detail::picture_fonts, num(line_size));
    out += fmt::format("\n<title>Treatment plan on one page: {}</title>\n", escape_xml(title));
    out += fmt::format("<desc>{}. {}</desc>\n", escape_xml(detail::dates_line(s)), escape_xml(disclaimer));
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

std::string to_page(const schedule& s, const render_options& options) {
    const std::string svg = page_svg(s, options.paper.value_or(paper_size::a4),
                                     options.orientation.value_or(paper_orientation::landscape));
    const std::string title = detail::one_line(s.protocol().title.empty() ? s.protocol().id : s.protocol().title);
    return detail::svg_to_pdf(svg, detail::picture_time(s, options.timestamp), "Treatment plan on one page: " + title);
}

}  // namespace ttplan
