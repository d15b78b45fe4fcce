// The HTML page. Written as polyglot HTML5 (every element closed, attributes quoted, explicit
// tbody, only numeric character references) so that XML tools can check and transform it, and
// with everything inline so that it opens offline and prints as it looks.
#include <ttplan/html.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "category_style.hpp"
#include "html_page.hpp"
#include "plain_words.hpp"
#include "span_marks.hpp"
#include "svg_timeline.hpp"
#include "whats_next.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ttplan {

namespace {

using detail::agenda;
using detail::escape_xml;
using detail::long_date;
using detail::style_of;

constexpr std::string_view style_sheet = R"(
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #fff;
       max-width: 1240px; margin: 0 auto; padding: 16px; line-height: 1.4; }
h1 { font-size: 1.6em; margin: 0 0 0.2em; }
h2 { margin-top: 1.6em; border-bottom: 1px solid #999; }
.disclaimer { border: 2px solid #8a5a00; padding: 0.5em 0.8em; font-weight: bold; }
table { border-collapse: collapse; }
table.facts td, table.facts th { border: 1px solid #999; padding: 2px 8px; text-align: left; }
table.facts td.n { text-align: right; }
table.params code.set { font-size: 0.8em; color: #595959; overflow-wrap: anywhere; }
table.params .meaning { display: block; font-size: 0.9em; }
.phase-words h3 { margin: 0.8em 0 0.2em; }
.phase-words p { margin: 0.2em 0; }
figure { margin: 0; }
svg.timeline { width: 100%; height: auto; display: block; }
svg.timeline.narrow { display: none; }
svg.timeline a:focus-visible rect { stroke: #005fcc; stroke-width: 3px; }
:target { outline: 3px solid #005fcc; outline-offset: -3px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; }
a { color: #0b4f8a; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.5em; }
.code { display: inline-block; min-width: 2.1em; text-align: center; font-weight: bold; color: #fff;
        border-radius: 3px; font-size: 0.8em; padding: 0 0.2em; }
.month { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.4em; }
.month h3 { margin: 0.6em 0 0.2em; }
.month p { margin: 0.1em 0 0.3em; }
table.cal { width: 100%; table-layout: fixed; }
.cal th { font-size: 0.85em; border-bottom: 1px solid #333; }
.cal td { vertical-align: top; border: 1px solid #bbb; height: 3.6em; padding: 2px 3px; font-size: 0.78em; }
.cal td.out { border: none; }
.cal td.off .d { color: #595959; }
.cal td.tx { border: 2px solid #1a1a1a; }
.cal td.tent { border-style: dashed; }
.cal .d { font-weight: bold; }
.cal td.today, ul.key .day.today { outline: 3px solid #c0002a; outline-offset: -3px; }
.cal .now { float: right; font-weight: bold; color: #c0002a; }
section.next { border: 2px solid #1f2d3a; border-radius: 6px; padding: 0.2em 1em 0.6em; margin: 1em 0; }
section.next h2 { margin-top: 0.4em; border: none; }
section.next h3 { font-size: 1em; margin: 0.6em 0 0.1em; }
section.next h2 .asof { font-size: 0.6em; font-weight: normal; }
section.next ul { margin: 0; padding-left: 1.3em; }
.cal .ph { display: block; font-style: italic; }
.cal ul { margin: 0; padding: 0; list-style: none; }
.bar { display: block; margin: 2px 0 0; padding: 0 3px 0 0; border: 1px solid #1a1a1a; overflow-wrap: anywhere; }
.bar.stay { border-width: 2px; font-weight: bold;
            background: repeating-linear-gradient(-45deg, #fff 0 4px, #e4e4e4 4px 6px); }
.bar.from { border-left-width: 5px; }
.bar.to { border-right-width: 5px; }
.bar.tent { border-style: dashed; }
.bar .k { display: inline-block; min-width: 1.4em; text-align: center; font-weight: bold; color: #fff;
          margin-right: 3px; }
ul.key { list-style: none; padding: 0; }
ul.key li { margin: 0.25em 0; }
ul.key .bar { display: inline-block; min-width: 14em; margin-right: 0.5em; }
ul.key .day { display: inline-block; min-width: 2em; border: 2px solid #1a1a1a; padding: 0 0.3em;
              margin-right: 0.5em; font-weight: bold; }
/* Below the width at which the wide timeline's text would shrink under 12 pixels, the narrow
   one, its labels above its bars; on a phone the month grids become lists of the days that
   carry something, each named by its weekday (the grid's columns are Monday to Sunday). */
@media screen and (max-width: 76.99em) {
  svg.timeline.wide { display: none; }
  svg.timeline.narrow { display: block; max-width: 28em; }
}
@media screen and (max-width: 40em) {
  body { padding: 8px; overflow-wrap: anywhere; }
  table.facts td, table.facts th { padding: 2px 4px; }
  table.lengths, table.lengths tbody, table.lengths tr, table.lengths td, table.lengths th { display: block; }
  table.lengths thead, table.lengths td:empty { display: none; }
  table.lengths tr { border: 1px solid #999; margin: 0 0 0.5em; padding: 0.2em 0.4em; }
  table.lengths td, table.lengths th { border: none; text-align: left; padding: 0; }
  table.lengths tr > :first-child { font-weight: bold; }
  table.lengths td.n { text-align: left; }
  table.lengths td[data-label]::before { content: attr(data-label) ": "; font-weight: normal; color: #4a4a4a; }
  table.cal, .cal tbody, .cal tr { display: block; }
  .cal thead { display: none; }
  .cal td { display: block; height: auto; font-size: 1em; border-width: 0 0 1px; padding: 0.3em 0.2em; }
  .cal td.tx { border-width: 0 0 1px 5px; padding-left: 0.4em; }
  .cal td.out, .cal td.off, .cal td.in:not(.tx):not(:has(.ph, .bar.from, .bar.to, .bar.stay)) { display: none; }
  .cal tr td:nth-child(1) .d::before { content: "Mon "; }
  .cal tr td:nth-child(2) .d::before { content: "Tue "; }
  .cal tr td:nth-child(3) .d::before { content: "Wed "; }
  .cal tr td:nth-child(4) .d::before { content: "Thu "; }
  .cal tr td:nth-child(5) .d::before { content: "Fri "; }
  .cal tr td:nth-child(6) .d::before { content: "Sat "; }
  .cal tr td:nth-child(7) .d::before { content: "Sun "; }
  ul.key .bar { min-width: 0; }
}
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden;
      clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@page { margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  nav { display: none; }
  .code, .bar .k { color: #000 !important; background: none !important; border: 1px solid #000; }
  #calendars { break-before: page; page-break-before: always; }
  svg.timeline { width: 100%; height: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
)";

std::string category_rules() {
    std::string out;
    for (category c : all_categories) {
        out += fmt::format(".c-{} {{ background: {}; }}\n", to_string(c), style_of(c).colour);
    }
    return out;
}

}  // namespace

namespace detail {

std::string html_head(std::string_view title) {
    return fmt::format(
        "<!DOCTYPE html>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n"
        "<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<meta name=\"generator\" content=\"ttplan {}\"/>\n"
        "<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n",
        version_string, escape_xml(title), style_sheet, category_rules());
}

std::string html_footer() {
    return fmt::format(
        "</main>\n<footer><p class=\"disclaimer\">{}</p><p>Made with ttplan {}.</p></footer>\n"
        "</body>\n</html>\n",
        escape_xml(detail::safety_line()), version_string);
}

}  // namespace detail

namespace {

using detail::html_footer;
using detail::html_head;

std::string code_badge(category c) {
    return fmt::format(R"(<span class="code c-{}" title="{}">{}</span>)", to_string(c),
                       escape_xml(display_name(c)), style_of(c).code);
}

// Each parameter by its label, the value in words and what it means; the setting as --set takes
// it in small print, for whoever plans again.
std::string parameters_table(const protocol_info& info, const typed_values& values, std::string_view of = {}) {
    if (values.empty()) {
        return of.empty() ? "<p>This protocol has no parameters.</p>\n"
                          : fmt::format("<p>{} has no parameters.</p>\n", escape_xml(of));
    }
    std::string out = fmt::format(
        "<table class=\"facts params\"><caption>Parameters{}</caption><thead><tr><th scope=\"col\">What</th>"
        "<th scope=\"col\">Chosen, and what it means</th></tr></thead><tbody>\n",
        of.empty() ? "" : " of " + escape_xml(of));
    for (const auto& p : detail::parameter_lines(info, values)) {
        out += fmt::format("<tr><th scope=\"row\">{}</th><td><strong>{}</strong> <code class=\"set\">{}</code>{}</td></tr>\n",
                           escape_xml(p.label), escape_xml(p.value), escape_xml(p.setting),
                           p.meaning.empty() ? "" : "<span class=\"meaning\">" + escape_xml(p.meaning) + "</span>");
    }
    return out + "</tbody></table>\n";
}

std::string text_legend(const std::set<category>& used, bool any_switch) {
    std::string out = "<ul class=\"legend\">\n";
    for (category c : used)
        out += fmt::format("<li>{} {}</li>\n", code_badge(c), escape_xml(display_name(c)));
    out += "<li>Dashed outline: tentative (waits for recovery, may move later)</li>\n";
    out += any_switch
               ? "<li>Zigzag end: a cycle cut short, at the end of treatment or by a switch to another "
                 "protocol</li>\n<li>Dashed vertical line: the plan switches to another protocol</li>\n"
               : "<li>Zigzag end: a last cycle cut short at the end of treatment</li>\n";
    return out + "</ul>\n";
}

// A continued plan gets a Protocol column, as in the Markdown format.
std::string lengths_table(const schedule& s) {
    const bool several = s.segments().size() > 1;
    const double total = static_cast<double>(s.total_days());
    std::string out = fmt::format(
        "<table class=\"facts lengths\"><thead><tr><th scope=\"col\">Phase</th>{}"
        "<th scope=\"col\">Cycles</th>"
        "<th scope=\"col\">Calendar days</th><th scope=\"col\">Share</th><th scope=\"col\">From</th>"
        "<th scope=\"col\">To</th></tr></thead><tbody>\n",
        several ? "<th scope=\"col\">Protocol</th>" : "");
    for (const auto& t : s.totals_by_phase()) {
        const std::string protocol = several ? "<td data-label=\"Protocol\"><code>" +
                                                   escape_xml(s.segment_of(t).protocol.id) + "</code></td>"
                                             : std::string();
        // data-label: on a phone each row is a card whose cells name their column.
        out += fmt::format(
            "<tr><td>{}</td>{}<td class=\"n\" data-label=\"Cycles\">{}</td>"
            "<td class=\"n\" data-label=\"Calendar days\">{}</td>"
            "<td class=\"n\" data-label=\"Share\">{:.0f}%</td>"
            "<td data-label=\"From\">{}</td><td data-label=\"To\">{}</td></tr>\n",
            escape_xml(t.name), protocol, t.occurrences, t.days, 100.0 * static_cast<double>(t.days) / total,
            long_date(t.first), long_date(t.last));
    }
    out += fmt::format(
        "<tr><th scope=\"row\">Whole treatment</th><td></td>{}"
        "<td class=\"n\" data-label=\"Calendar days\">{}</td><td class=\"n\" data-label=\"Share\">100%</td>"
        "<td data-label=\"From\">{}</td><td data-label=\"To\">{}</td></tr>\n</tbody></table>\n",
        several ? "<td></td>" : "", s.total_days(), long_date(s.start()), long_date(s.end()));
    return out;
}

std::string category_table(const schedule& s) {
    const auto by_kind = s.days_by_category();
    if (by_kind.empty()) return {};
    std::string out =
        "<table class=\"facts\"><caption>Days with each kind of activity</caption><thead><tr>"
        "<th scope=\"col\">Kind</th><th scope=\"col\">Days</th></tr></thead><tbody>\n";
    for (const auto& [kind, days] : by_kind) {
        out += fmt::format("<tr><td>{} {}</td><td class=\"n\">{}</td></tr>\n", code_badge(kind),
                           escape_xml(display_name(kind)), days);
    }
    return out + "</tbody></table>\n";
}

// Which phase occurrences begin or end on each date (indices in plan order), so that a cell
// does not scan the whole plan: a daily cycle run for years has thousands of them.
struct edges_by_date {
    std::map<day_point, std::vector<std::size_t>> phases;

    explicit edges_by_date(const schedule& s) {
        for (std::size_t i = 0; i < s.phases().size(); ++i)
            add(phases, s.phases()[i].first, s.phases()[i].last, i);
    }
    static const std::vector<std::size_t>& on(const std::map<day_point, std::vector<std::size_t>>& m,
                                              day_point d) {
        static const std::vector<std::size_t> none;
        const auto it = m.find(d);
        return it == m.end() ? none : it->second;
    }

private:
    static void add(std::map<day_point, std::vector<std::size_t>>& m, day_point first, day_point last,
                    std::size_t i) {
        m[first].push_back(i);
        if (last != first) m[last].push_back(i);
    }
};

// The notes a calendar cell carries besides its events: phases and continuous therapy that
// begin or end that day, and what is already running on the first day shown.
std::string cell_notes(const agenda& plan, const edges_by_date& edges, day_point d, bool first_shown) {
    const schedule& s = plan.plan();
    std::string out;
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        if (s.segments()[i].start != d) continue;
        out += fmt::format("<span class=\"ph seg\">Switch to {}</span>",
                           escape_xml(detail::protocol_words(s.segments()[i])));
    }
    // On the first day shown every occurrence is looked at (one may be running); on the others
    // only those that begin or end that day.
    std::vector<std::size_t> all;
    if (first_shown) {
        all.resize(s.phases().size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    }
    for (const std::size_t i : first_shown ? all : edges_by_date::on(edges.phases, d)) {
        const detail::occurrence_entry& entry = plan.occurrences()[i];
        const phase_occurrence& p = *entry.occurrence;
        if (p.first != d && p.last != d && !(p.first < d && d < p.last)) continue;
        const bool switched = entry.stopped_for != nullptr;
        const std::string cut = p.ended_early() ? (switched ? " (stopped early)" : " (cut short)") : "";
        const std::string label = escape_xml(entry.title());
        if (p.first == d) {
            out += fmt::format("<span class=\"ph\">{} begins{}</span>", label,
                               p.last == d ? " and ends" + cut : "");
        } else if (p.last == d) {
            out += fmt::format("<span class=\"ph\">{} ends{}</span>", label, cut);
        } else if (first_shown && p.first < d && d < p.last) {
            out += fmt::format("<span class=\"ph\">{} continues</span>", label);
        }
    }
    return out;
}

// The key letter of a mark, in the colour of its category; a screen reader reads the words next
// to it instead.
std::string key_box(const detail::span_mark& mark) {
    return fmt::format(R"(<span class="k c-{}" aria-hidden="true">{}</span>)", to_string(mark.kind),
                       mark.key);
}

// One day of a hospital stay or continuous therapy: a bar with the mark's key and what runs, its
// first and last day with a thick end and "starts" or "ends". On a phone's narrow columns only
// the key shows (the key above the grids names it); screen readers still read the words.
std::string day_bar(const detail::marked_day& m) {
    const span& t = *m.first_span;
    std::string cls = m.mark->stay ? "bar stay" : "bar";
    if (m.starts) cls += " from";
    if (m.ends) cls += " to";
    if (m.tentative) cls += " tent";
    const std::string what =
        m.mark->stay
            ? std::string("In hospital")
            : fmt::format("<span class=\"vh\">{}: </span>",
                          t.category == category::restriction ? "Restriction" : "Continuous") +
                  escape_xml(t.activity) + detail::timing_suffix(t.timing, t.category, true, escape_xml);
    const char* edge = m.starts && m.ends ? " starts and ends" : m.starts ? " starts" : m.ends ? " ends" : "";
    return fmt::format(R"(<span class="{}">{}<span class="nm"> {}{}{}</span></span>)", cls, key_box(*m.mark),
                       what, edge, m.tentative ? "<span class=\"vh\"> (tentative)</span>" : "");
}

// The key to the month grids, shown once above them: each mark the plan uses, what a heavy
// border, a thick bar end and a dashed line mean.
std::string calendar_key(const detail::span_marks& keys, bool any_tentative, const std::optional<day_point>& today) {
    std::string out = "<ul class=\"key\">\n";
    out +=
        "<li><span class=\"day\" aria-hidden=\"true\">4</span> Heavy border: a day with dated activities, "
        "each listed with its "
        "category code and day number</li>\n";
    for (const auto& mark : keys.marks()) {
        std::string names;
        for (const auto name : mark.activities) names += (names.empty() ? "" : ", ") + escape_xml(name);
        if (mark.stay) {
            out += fmt::format(
                "<li><span class=\"bar stay\">{} In hospital</span> Every day of a hospital stay ({})</li>\n",
                key_box(mark), names);
        } else {
            out += fmt::format("<li><span class=\"bar\">{} {}</span> Every day {}{} ({})</li>\n",
                               key_box(mark), mark.key == '*' ? "Other" : names,
                               mark.kind == category::restriction ? "it applies" : "of continuous therapy",
                               mark.key == '*' ? ": " + names : "", escape_xml(display_name(mark.kind)));
        }
    }
    if (!keys.marks().empty()) {
        out +=
            "<li><span class=\"bar from to\">Thick ends</span> The first and last day of a stay or "
            "therapy, which say \"starts\" and \"ends\"</li>\n";
    }
    if (any_tentative) out += "<li>Dashed border: tentative, may move later</li>\n";
    if (today) {
        out += fmt::format(
            "<li><span class=\"day today\" aria-hidden=\"true\">7</span> Red outline and \"Today\": today, "
            "{}</li>\n",
            long_date(*today));
    }
    return out + "</ul>\n";
}

// `anchors`: the days that the timeline's bars link to, whose cells carry an id.
std::string month_section(const agenda& plan, const edges_by_date& edges, detail::span_marks& keys,
                          const std::set<day_point>& anchors, date::year_month ym,
                          const std::optional<day_point>& today) {
    const schedule& s = plan.plan();
    const day_point first{ym / 1};
    const day_point last{ym / date::last};
    std::string out =
        fmt::format("<section class=\"month\" id=\"m-{:04}-{:02}\">\n<h3>{}</h3>\n",
                    static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()), detail::month_title(ym));
    std::string running;
    for (const auto& sp : s.spans()) {
        if (sp.first < first && sp.last >= first) {
            running += fmt::format("{}{} {} (until {})", running.empty() ? "" : "; ", code_badge(sp.category),
                                   escape_xml(sp.activity), long_date(sp.last));
        }
    }
    if (!running.empty()) out += "<p>Continuing through this month: " + running + "</p>\n";

    out += "<table class=\"cal\"><thead><tr>";
    for (unsigned wd = 1; wd <= 7; ++wd) {
        out += fmt::format("<th scope=\"col\">{}</th>", detail::weekday_abbrev(date::weekday{wd}));
    }
    out += "</tr></thead><tbody>\n<tr>";
    // Monday-first: iso_encoding() is 1 for Monday ... 7 for Sunday.
    const unsigned lead = date::weekday{first}.iso_encoding() - 1;
    for (unsigned i = 0; i < lead; ++i) out += "<td class=\"out\"></td>";
    const day_point first_shown = std::max(first, s.start());
    const auto marked = keys.days(first, last);
    for (day_point d = first; d <= last; d += date::days{1}) {
        if (d != first && date::weekday{d} == date::Monday) out += "</tr>\n<tr>";
        const auto events = s.events_on(d);
        const bool planned = s.start() <= d && d <= s.end();
        const bool tentative =
            std::any_of(events.begin(), events.end(), [](const event& e) { return e.tentative; });
        std::string cls = planned ? "in" : "off";
        if (!events.empty()) cls += " tx";
        if (tentative) cls += " tent";
        const bool is_today = today == d;
        if (is_today) cls += " today";
        out += fmt::format("<td{} class=\"{}\"{}{}><span class=\"d\">{}</span>",
                           anchors.count(d) ? fmt::format(" id=\"{}\"", detail::day_anchor(d)) : "", cls,
                           tentative ? " title=\"tentative\"" : "", is_today ? " aria-current=\"date\"" : "",
                           static_cast<unsigned>(date::year_month_day{d}.day()));
        if (is_today) out += "<span class=\"now\">Today</span>";
        if (planned) out += cell_notes(plan, edges, d, d == first_shown);
        for (const auto& m : marked[static_cast<std::size_t>((d - first).count())]) out += day_bar(m);
        if (!events.empty()) {
            out += "<ul>";
            for (const auto& e : events) {
                out += fmt::format("<li>{} {}{} <span class=\"dn\">(Day {})</span>", code_badge(e.category),
                                   escape_xml(e.activity),
                                   detail::timing_suffix(e.timing, e.category, false, escape_xml), e.day);
                if (const std::string moved = detail::moved_words(e); !moved.empty()) out += " " + moved;
                if (e.window) {
                    // Short in a grid cell: the window in the phase's day numbers, counted from
                    // the planned date (the clinic calendar may have moved the event).
                    const day_point planned_on = e.planned_date.value_or(e.date);
                    const auto day_of = [&](day_point x) {
                        return std::to_string(e.day + (x - planned_on).count());
                    };
                    std::string days;
                    if (e.window->is_list()) {
                        std::vector<std::string> listed;
                        for (const day_point x : e.window->dates) listed.push_back(day_of(x));
                        days = detail::or_words(listed);
                    } else {
                        days = day_of(e.window->earliest) + " to " + day_of(e.window->latest);
                    }
                    out += fmt::format(" <span class=\"dn\">(window Days {})</span>", days);
                }
                out += "</li>";
            }
            out += "</ul>";
        }
        out += "</td>";
    }
    const unsigned trail = 7 - date::weekday{last}.iso_encoding();
    for (unsigned i = 0; i < trail; ++i) out += "<td class=\"out\"></td>";
    out += "</tr>\n</tbody></table>\n</section>\n";
    return out;
}

}  // namespace

std::string to_html(const schedule& s, const render_options& options) {
    const auto& info = s.protocol();
    const agenda plan(s);
    std::string out = html_head(info.title + " — treatment timeline");
    out += fmt::format("<header>\n<h1>{}</h1>\n<p>Protocol <code>{}</code>, version {}.</p>\n",
                       escape_xml(info.title), escape_xml(info.id), escape_xml(info.version));
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out += fmt::format(
            "<p class=\"segment\">Then from <strong>{}</strong>{}: {} (<code>{}</code>, version {}).</p>\n",
            long_date(seg.start), seg.reason.empty() ? "" : " (" + escape_xml(seg.reason) + ")",
            escape_xml(seg.protocol.title.empty() ? seg.protocol.id : seg.protocol.title),
            escape_xml(seg.protocol.id), escape_xml(seg.protocol.version));
    }
    out += fmt::format("<p class=\"disclaimer\" role=\"note\">{}</p>\n", escape_xml(detail::safety_line()));
    const std::string next = detail::whats_next_html(plan, options.today);
    const std::string phases = detail::phases_section(plan);
    out += fmt::format(
        "<nav aria-label=\"Sections\"><ul>{}<li><a href=\"#overview\">Overview</a></li>{}"
        "<li><a href=\"#timeline\">Timeline</a></li>{}<li><a href=\"#lengths\">How long each part takes</a></li>"
        "<li><a href=\"#calendars\">Month by month</a></li></ul></nav>\n</header>\n<main>\n",
        next.empty() ? "" : "<li><a href=\"#next\">What's next</a></li>",
        s.decisions().empty() ? "" : "<li><a href=\"#decisions\">Decisions during treatment</a></li>",
        phases.empty() ? "" : "<li><a href=\"#phases\">What each phase is</a></li>");
    out += next;

    out += "<section id=\"overview\">\n<h2>Overview</h2>\n";
    out += fmt::format(
        "<p>From <strong>{}</strong> to <strong>{}</strong>: <strong>{}</strong> ({} calendar days, {} of "
        "them with treatment, {} with a dated activity to attend).</p>\n",
        long_date(s.start()), long_date(s.end()), escape_xml(describe_length(s.start(), s.end())),
        s.total_days(), s.treatment_days(), s.clinic_days());
    if (plan.any_tentative()) {
        out +=
            "<p>Dates drawn dashed are tentative: they depend on recovery (for example of blood counts) "
            "and may move later.</p>\n";
    }
    if (const std::string note = detail::pending_note(s, ""); !note.empty())
        out += "<p class=\"pending\">" + escape_xml(note) + "</p>\n";
    if (const std::string note = detail::uncertain_note(s); !note.empty())
        out += "<p class=\"uncertain\">" + escape_xml(note) + "</p>\n";
    if (plan.several()) {
        for (const auto& seg : s.segments()) out += parameters_table(seg.protocol, seg.parameters, seg.protocol.id);
    } else {
        out += parameters_table(s.protocol(), s.parameters());
    }
    out += "</section>\n";
    if (!s.decisions().empty()) {
        out += "<section id=\"decisions\">\n<h2>Decisions during treatment</h2>\n<ul>\n";
        for (const decision& d : s.decisions()) {
            out += fmt::format("<li><strong>{}</strong> ({}): {}{}</li>\n", long_date(d.date),
                               escape_xml(detail::decision_place(d, s.phase_name(d.segment, d.phase))),
                               escape_xml(detail::decision_words(d)), d.tentative ? " (tentative)" : "");
        }
        out += "</ul>\n</section>\n";
    }

    out += "<section id=\"timeline\">\n<h2>Timeline</h2>\n<figure>\n";
    // One drawing in two layouts; the style sheet shows the one that fits the screen.
    const std::vector<detail::timeline_group> groups{{{}, &plan, true}};
    out += detail::svg_timeline(groups, "timeline-svg", detail::timeline_layout::wide, options.today);
    out += detail::svg_timeline(groups, "timeline-svg-narrow", detail::timeline_layout::narrow, options.today);
    out +=
        "<figcaption>Bar lengths are proportional to calendar time. Each bar is a link: tap or click it, or "
        "reach it with the Tab key, to go to its first day in the month grids below, which list every "
        "day's activities.</figcaption>\n</figure>\n";
    out += text_legend(plan.categories(), plan.several());
    out += "</section>\n";

    out += phases;

    out += "<section id=\"lengths\">\n<h2>How long each part takes</h2>\n";
    out += fmt::format("<p>The whole treatment takes <strong>{}</strong>.</p>\n",
                       escape_xml(describe_length(s.start(), s.end())));
    out += lengths_table(s);
    out += category_table(s);
    out += "</section>\n";

    detail::span_marks keys(s);
    std::set<day_point> anchors;
    for (const auto& p : s.phases()) anchors.insert(p.first);
    for (const auto& sp : s.spans()) anchors.insert(sp.first);
    out +=
        "<section id=\"calendars\">\n<h2>Month by month</h2>\n"
        "<p>Treatment days have a heavy border and list their activities; phase starts and ends are noted "
        "in italics; every day of a hospital stay or of continuous therapy has a bar.</p>\n";
    // Today is marked, and keyed, only when one of the grids shows it.
    const date::year_month_day from{s.start()};
    const date::year_month_day to{s.end()};
    const bool today_shown = options.today && day_point{from.year() / from.month() / 1} <= *options.today &&
                             *options.today <= day_point{to.year() / to.month() / date::last};
    const std::optional<day_point> grid_today = today_shown ? options.today : std::nullopt;
    out += calendar_key(keys, plan.any_tentative(), grid_today);
    const date::year_month_day a{s.start()};
    const date::year_month_day b{s.end()};
    const edges_by_date edges(s);
    for (auto ym = a.year() / a.month(); ym <= b.year() / b.month(); ym += date::months{1}) {
        out += month_section(plan, edges, keys, anchors, ym, grid_today);
    }
    out += "</section>\n";
    out += html_footer();
    return out;
}

namespace detail {

std::string comparison_body(const std::vector<std::pair<std::string, schedule>>& labelled) {
    std::string out = "<header>\n<h1>Comparison of treatment timelines</h1>\n";
    out += fmt::format("<p class=\"disclaimer\" role=\"note\">{}</p>\n</header>\n<main>\n",
                       escape_xml(detail::safety_line()));
    if (labelled.empty()) return out + "<p>No plans to compare.</p>\n";

    out +=
        "<section id=\"overview\">\n<h2>Overview</h2>\n<table class=\"facts\"><thead><tr>"
        "<th scope=\"col\">Plan</th><th scope=\"col\">Protocol</th><th scope=\"col\">Parameters</th>"
        "<th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">Length</th>"
        "<th scope=\"col\">Calendar days</th><th scope=\"col\">Treatment days</th>"
        "<th scope=\"col\">Clinic days</th></tr></thead><tbody>\n";
    std::set<category> used;
    bool any_switch = false;
    std::vector<timeline_group> groups;
    // Agendas live as long as the picture that reads them; a deque never moves its elements.
    std::deque<agenda> plans;
    for (const auto& [label, s] : labelled) {
        // A continued plan names every protocol: "all-overview, then blinatumomab from ...".
        std::string protocols = s.protocol().id;
        for (std::size_t i = 1; i < s.segments().size(); ++i) {
            protocols +=
                ", then " + s.segments()[i].protocol.id + " from " + long_date(s.segments()[i].start);
        }
        out += fmt::format(
            "<tr><th scope=\"row\">{}</th><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape_xml(label), escape_xml(s.protocol().title), escape_xml(protocols),
            escape_xml(parameters_text(s.parameters())), long_date(s.start()), long_date(s.end()),
            escape_xml(describe_length(s.start(), s.end())), s.total_days(), s.treatment_days(),
            s.clinic_days());
        const agenda& plan = plans.emplace_back(s);
        used.insert(plan.categories().begin(), plan.categories().end());
        any_switch |= plan.several();
        groups.push_back({label, &plan});
    }
    out += "</tbody></table>\n</section>\n";

    out += "<section id=\"timeline\">\n<h2>Timeline</h2>\n<figure>\n";
    out += svg_timeline(groups, "timeline-svg");
    out +=
        "<figcaption>All plans share one time axis; bar lengths are proportional to calendar time."
        "</figcaption>\n</figure>\n";
    out += text_legend(used, any_switch);
    out += "</section>\n";

    out += "<section id=\"lengths\">\n<h2>How long each part takes</h2>\n";
    for (const auto& [label, s] : labelled) {
        out += fmt::format("<h3>{}</h3>\n", escape_xml(label));
        out += lengths_table(s);
    }
    out += "</section>\n";
    return out;
}

}  // namespace detail

std::string to_html_comparison(const std::vector<std::pair<std::string, schedule>>& labelled) {
    return detail::html_head("Comparison of treatment timelines") + detail::comparison_body(labelled) +
           detail::html_footer();
}

}  // namespace ttplan
