// The HTML page. Written as polyglot HTML5 (every element closed, attributes quoted, explicit
// tbody, only numeric character references) so that XML tools can check and transform it, and
// with everything inline so that it opens offline and prints as it looks.
#include <ttplan/html.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "category_style.hpp"
#include "html_page.hpp"
#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"
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
using detail::html_format;
using detail::html_text;
using detail::long_date;
using detail::style_of;
using detail::tr;
using detail::trc;
using detail::trf;
using detail::trn;

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
)";

// The style sheet goes on after the weekday rules.
constexpr std::string_view style_sheet_end = R"(  ul.key .bar { min-width: 0; }
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

// The inside of a double-quoted CSS string: a quote, a backslash and the characters markup
// gives meaning to as CSS escapes, so a name cannot end the string or the <style> element.
std::string css_string(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' ||
            static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\{:x} ", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
    return out;
}

// "Mon" ... "Sun" in the reader's language, for iso_day 1 (Monday) to 7 (Sunday).
std::string_view weekday_name(unsigned iso_day) {
    // 4 January 2027 is a Monday.
    return detail::weekday_abbrev(day_point{date::year{2027} / date::January / 4} + date::days{iso_day - 1});
}

// On a phone each listed day is named by its weekday (the grid's columns are Monday to Sunday),
// in the reader's language.
std::string weekday_rules() {
    std::string out;
    for (unsigned wd = 1; wd <= 7; ++wd) {
        out += fmt::format("  .cal tr td:nth-child({}) .d::before {{ content: \"{} \"; }}\n", wd,
                           css_string(weekday_name(wd)));
    }
    return out;
}

std::string category_rules() {
    std::string out;
    for (category c : all_categories) {
        out += fmt::format(".c-{} {{ background: {}; }}\n", to_string(c), style_of(c).colour);
    }
    return out;
}

}  // namespace

namespace detail {

std::string html_text(std::string_view text) {
    std::string out = escape_xml(text);
    // escape_xml's spellings of the two characters content may hold as they are.
    for (const auto& [from, to] : {std::pair<std::string_view, char>{"&quot;", '"'}, {"&#39;", '\''}}) {
        for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at + 1))
            out.replace(at, from.size(), 1, to);
    }
    return out;
}

std::string html_head(std::string_view title) {
    const std::string language = escape_xml(current_language());
    return fmt::format(
        "<!DOCTYPE html>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{0}\" xml:lang=\"{0}\">\n"
        "<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<meta name=\"generator\" content=\"ttplan {1}\"/>\n"
        "<title>{2}</title>\n<style>{3}{4}{5}{6}</style>\n</head>\n<body>\n",
        language, version_string, escape_xml(title), style_sheet, weekday_rules(), style_sheet_end,
        category_rules());
}

std::string html_footer() {
    return fmt::format(
        "</main>\n<footer><p class=\"disclaimer\">{}</p><p>{}</p></footer>\n</body>\n</html>\n",
        escape_xml(detail::safety_line()),
        html_format(tr("Made with ttplan {version}."), fmt::arg("version", version_string)));
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
std::string parameters_table(const protocol_info& info, const typed_values& values,
                             std::string_view of = {}) {
    if (values.empty()) {
        return fmt::format("<p>{}</p>\n", of.empty() ? html_text(tr("This protocol has no parameters."))
                                                     : html_format(tr("{protocol} has no parameters."),
                                                                   fmt::arg("protocol", escape_xml(of))));
    }
    std::string out = fmt::format(
        "<table class=\"facts params\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th></tr></thead><tbody>\n",
        of.empty() ? html_text(tr("Parameters"))
                   : html_format(tr("Parameters of {protocol}"), fmt::arg("protocol", escape_xml(of))),
        // TRANSLATORS: the heading of the parameters table's first column, the parameters' names.
        html_text(trc("parameters table", "What")),
        // TRANSLATORS: the heading of the parameters table's second column.
        html_text(tr("Chosen, and what it means")));
    for (const auto& p : detail::parameter_lines(info, values)) {
        out += fmt::format(
            "<tr><th scope=\"row\">{}</th><td><strong>{}</strong> <code "
            "class=\"set\">{}</code>{}</td></tr>\n",
            escape_xml(p.label), escape_xml(p.value), escape_xml(p.setting),
            p.meaning.empty() ? "" : "<span class=\"meaning\">" + escape_xml(p.meaning) + "</span>");
    }
    return out + "</tbody></table>\n";
}

std::string text_legend(const std::set<category>& used, bool any_switch) {
    std::string out = "<ul class=\"legend\">\n";
    for (category c : used)
        out += fmt::format("<li>{} {}</li>\n", code_badge(c), escape_xml(display_name(c)));
    const auto item = [&](const char* text) { out += fmt::format("<li>{}</li>\n", html_text(text)); };
    item(tr("Dashed outline: tentative (waits for recovery, may move later)"));
    if (any_switch) {
        item(tr("Zigzag end: a cycle cut short, at the end of treatment or by a switch to another protocol"));
        item(tr("Dashed vertical line: the plan switches to another protocol"));
    } else {
        item(tr("Zigzag end: a last cycle cut short at the end of treatment"));
    }
    return out + "</ul>\n";
}

// The column headings of a lengths table, in the reader's language: each as a heading's content
// and as a data-label attribute.
struct column {
    std::string text;   // html_text
    std::string label;  // escape_xml
    explicit column(const char* translated) : text(html_text(translated)), label(escape_xml(translated)) {}
};

// A continued plan gets a Protocol column, as in the Markdown format.
std::string lengths_table(const schedule& s) {
    const bool several = s.segments().size() > 1;
    const double total = static_cast<double>(s.total_days());
    const column phase(tr("Phase"));
    const column protocol_column(tr("Protocol"));
    const column cycles(tr("Cycles"));
    const column days(tr("Calendar days"));
    // TRANSLATORS: a column heading: a phase's share of the whole treatment, in per cent.
    const column share(tr("Share"));
    // TRANSLATORS: a column heading: the date a phase begins.
    const column from(trc("column", "From"));
    // TRANSLATORS: a column heading: the date a phase ends.
    const column to(trc("column", "To"));
    std::string out = fmt::format(
        "<table class=\"facts lengths\"><thead><tr><th scope=\"col\">{}</th>{}"
        "<th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th></tr></thead><tbody>\n",
        phase.text, several ? "<th scope=\"col\">" + protocol_column.text + "</th>" : "", cycles.text,
        days.text, share.text, from.text, to.text);
    for (const auto& t : s.totals_by_phase()) {
        const std::string protocol = several ? "<td data-label=\"" + protocol_column.label + "\"><code>" +
                                                   escape_xml(s.segment_of(t).protocol.id) + "</code></td>"
                                             : std::string();
        // data-label: on a phone each row is a card whose cells name their column.
        out += fmt::format(
            "<tr><td>{}</td>{}<td class=\"n\" data-label=\"{}\">{}</td>"
            "<td class=\"n\" data-label=\"{}\">{}</td>"
            "<td class=\"n\" data-label=\"{}\">{:.0f}%</td>"
            "<td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td></tr>\n",
            escape_xml(t.name), protocol, cycles.label, t.occurrences, days.label, t.days, share.label,
            100.0 * static_cast<double>(t.days) / total, from.label, escape_xml(long_date(t.first)), to.label,
            escape_xml(long_date(t.last)));
    }
    out += fmt::format(
        "<tr><th scope=\"row\">{}</th><td></td>{}"
        "<td class=\"n\" data-label=\"{}\">{}</td><td class=\"n\" data-label=\"{}\">100%</td>"
        "<td data-label=\"{}\">{}</td><td data-label=\"{}\">{}</td></tr>\n</tbody></table>\n",
        html_text(tr("Whole treatment")), several ? "<td></td>" : "", days.label, s.total_days(), share.label,
        from.label, escape_xml(long_date(s.start())), to.label, escape_xml(long_date(s.end())));
    return out;
}

std::string category_table(const schedule& s) {
    const auto by_kind = s.days_by_category();
    if (by_kind.empty()) return {};
    std::string out = fmt::format(
        "<table class=\"facts\"><caption>{}</caption><thead><tr>"
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        html_text(tr("Days with each kind of activity")),
        // TRANSLATORS: a column heading: the kind (category) of an activity.
        html_text(tr("Kind")),
        // TRANSLATORS: a column heading: how many days have an activity of that kind.
        html_text(trc("column", "Days")));
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
        out += fmt::format(
            "<span class=\"ph seg\">{}</span>",
            html_format(tr("Switch to {protocol}"),
                        fmt::arg("protocol", escape_xml(detail::protocol_words(s.segments()[i])))));
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
        const char* note = nullptr;
        if (p.first == d && p.last != d) {
            note = tr("{phase} begins");
        } else if (p.last == d) {
            // How the occurrence ends that day: a switch to another protocol stopped it early, or
            // the end of treatment cut it short.
            const bool begins = p.first == d;
            if (!p.ended_early()) {
                note = begins ? tr("{phase} begins and ends") : tr("{phase} ends");
            } else if (entry.stopped_for != nullptr) {
                note = begins ? tr("{phase} begins and ends (stopped early)")
                              : tr("{phase} ends (stopped early)");
            } else {
                note = begins ? tr("{phase} begins and ends (cut short)") : tr("{phase} ends (cut short)");
            }
        } else if (first_shown && p.first < d && d < p.last) {
            // TRANSLATORS: on the first day of the month grids, a phase that began before it.
            note = tr("{phase} continues");
        }
        if (note != nullptr) {
            out += fmt::format("<span class=\"ph\">{}</span>",
                               html_format(note, fmt::arg("phase", escape_xml(entry.title()))));
        }
    }
    return out;
}

// Section headings the plan page and the comparison page share.
const char* overview_heading() {
    return tr("Overview");
}
const char* timeline_heading() {
    return tr("Timeline");
}
const char* lengths_heading() {
    return tr("How long each part takes");
}
const char* comparison_title() {
    return tr("Comparison of treatment timelines");
}

// The key letter of a mark, in the colour of its category; a screen reader reads the words next
// to it instead.
std::string key_box(const detail::span_mark& mark) {
    return fmt::format(R"(<span class="k c-{}" aria-hidden="true">{}</span>)", to_string(mark.kind),
                       mark.key);
}

// The word the month grids write in today's cell.
const char* today_word() {
    // TRANSLATORS: written in today's cell of the month grids.
    return tr("Today");
}

// What a hospital stay's bar says, in the grids and in their key.
std::string in_hospital() {
    return html_text(tr("In hospital"));
}

// What a bar says on the first and last day of a stay or therapy.
const char* starts() {
    // TRANSLATORS: after a therapy's name in the month grids, on its first day.
    return trc("day bar", "starts");
}
const char* ends() {
    // TRANSLATORS: after a therapy's name in the month grids, on its last day.
    return trc("day bar", "ends");
}
const char* starts_and_ends() {
    // TRANSLATORS: after a therapy's name in the month grids, when it lasts one day.
    return trc("day bar", "starts and ends");
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
    // TRANSLATORS: read by screen readers before a restriction's name on a day of the month grids.
    const char* restriction = tr("Restriction:");
    // TRANSLATORS: read by screen readers before a continuous therapy's name on a day of the month grids.
    const char* continuous = tr("Continuous:");
    const std::string what =
        m.mark->stay
            ? in_hospital()
            : fmt::format("<span class=\"vh\">{} </span>",
                          html_text(t.category == category::restriction ? restriction : continuous)) +
                  escape_xml(t.activity) + detail::timing_suffix(t.timing, t.category, true, escape_xml);
    const char* edge = m.starts && m.ends ? starts_and_ends()
                       : m.starts         ? starts()
                       : m.ends           ? ends()
                                          : nullptr;
    return fmt::format(R"(<span class="{}">{}<span class="nm"> {}{}{}</span></span>)", cls, key_box(*m.mark),
                       what, edge != nullptr ? " " + html_text(edge) : std::string(),
                       m.tentative
                           ? fmt::format("<span class=\"vh\"> ({})</span>", html_text(tr("tentative")))
                           : std::string());
}

// The key to the month grids, shown once above them: each mark the plan uses, what a heavy
// border, a thick bar end and a dashed line mean.
std::string calendar_key(const detail::span_marks& keys, bool any_tentative,
                         const std::optional<day_point>& today) {
    std::string out = "<ul class=\"key\">\n";
    out += fmt::format(
        "<li><span class=\"day\" aria-hidden=\"true\">4</span> {}</li>\n",
        html_text(tr(
            "Heavy border: a day with dated activities, each listed with its category code and day number")));
    for (const auto& mark : keys.marks()) {
        std::string names;
        for (const auto name : mark.activities) names += (names.empty() ? "" : ", ") + escape_xml(name);
        if (mark.stay) {
            out += fmt::format("<li><span class=\"bar stay\">{} {}</span> {}</li>\n", key_box(mark),
                               in_hospital(),
                               html_format(tr("Every day of a hospital stay ({activities})"),
                                           fmt::arg("activities", names)));
            continue;
        }
        // The mark '*' gathers what has no key letter of its own: it is named "Other" and its
        // activities are listed after the words.
        const bool other = mark.key == '*';
        const bool restriction = mark.kind == category::restriction;
        const char* words = nullptr;
        if (restriction) {
            words = other ? tr("Every day it applies: {activities}") : tr("Every day it applies");
        } else {
            words = other ? tr("Every day of continuous therapy: {activities}")
                          : tr("Every day of continuous therapy");
        }
        // TRANSLATORS: in the key to the month grids, the bar of therapies that have no key letter of their
        // own.
        out += fmt::format("<li><span class=\"bar\">{} {}</span> {} ({})</li>\n", key_box(mark),
                           other ? html_text(trc("key", "Other")) : names,
                           html_format(words, fmt::arg("activities", names)),
                           escape_xml(display_name(mark.kind)));
    }
    if (!keys.marks().empty()) {
        // TRANSLATORS: {starts} and {ends} are the words a bar says on those days ("starts", "ends").
        out += fmt::format(
            "<li><span class=\"bar from to\">{}</span> {}</li>\n", html_text(tr("Thick ends")),
            html_format(tr("The first and last day of a stay or therapy, which say \"{starts}\" and "
                           "\"{ends}\""),
                        fmt::arg("starts", html_text(starts())), fmt::arg("ends", html_text(ends()))));
    }
    if (any_tentative)
        out += fmt::format("<li>{}</li>\n", html_text(tr("Dashed border: tentative, may move later")));
    if (today) {
        // TRANSLATORS: {today} is the word the month grids write in today's cell ("Today").
        out += fmt::format("<li><span class=\"day today\" aria-hidden=\"true\">7</span> {}</li>\n",
                           html_format(tr("Red outline and \"{today}\": today, {date}"),
                                       fmt::arg("today", html_text(today_word())),
                                       fmt::arg("date", escape_xml(long_date(*today)))));
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
    std::string out = fmt::format("<section class=\"month\" id=\"m-{:04}-{:02}\">\n<h3>{}</h3>\n",
                                  static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()),
                                  escape_xml(detail::month_title(ym)));
    std::string running;
    for (const auto& sp : s.spans()) {
        if (sp.first < first && sp.last >= first) {
            running += fmt::format(
                "{}{} {}", running.empty() ? "" : "; ", code_badge(sp.category),
                html_format(tr("{activity} (until {date})"), fmt::arg("activity", escape_xml(sp.activity)),
                            fmt::arg("date", escape_xml(long_date(sp.last)))));
        }
    }
    if (!running.empty()) {
        out += fmt::format("<p>{}</p>\n", html_format(tr("Continuing through this month: {activities}"),
                                                      fmt::arg("activities", running)));
    }

    out += "<table class=\"cal\"><thead><tr>";
    for (unsigned wd = 1; wd <= 7; ++wd) {
        out += fmt::format("<th scope=\"col\">{}</th>", escape_xml(weekday_name(wd)));
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
                           tentative ? fmt::format(" title=\"{}\"", escape_xml(tr("tentative"))) : "",
                           is_today ? " aria-current=\"date\"" : "",
                           static_cast<unsigned>(date::year_month_day{d}.day()));
        if (is_today) out += fmt::format("<span class=\"now\">{}</span>", html_text(today_word()));
        if (planned) out += cell_notes(plan, edges, d, d == first_shown);
        for (const auto& m : marked[static_cast<std::size_t>((d - first).count())]) out += day_bar(m);
        if (!events.empty()) {
            out += "<ul>";
            for (const auto& e : events) {
                out += fmt::format("<li>{} {}{} <span class=\"dn\">({})</span>", code_badge(e.category),
                                   escape_xml(e.activity),
                                   detail::timing_suffix(e.timing, e.category, false, escape_xml),
                                   escape_xml(trf("Day {day}", fmt::arg("day", e.day))));
                if (const std::string moved = detail::moved_words(e); !moved.empty())
                    out += " " + escape_xml(moved);
                if (e.window) {
                    // Short in a grid cell: the window in the phase's day numbers, counted from
                    // the planned date (the clinic calendar may have moved the event).
                    const day_point planned_on = e.planned_date.value_or(e.date);
                    const auto day_of = [&](day_point x) {
                        return std::to_string(e.day + (x - planned_on).count());
                    };
                    std::string window;
                    if (e.window->is_list()) {
                        std::vector<std::string> listed;
                        for (const day_point x : e.window->dates) listed.push_back(day_of(x));
                        // TRANSLATORS: in a month grid's cell, the days an event's window allows, in
                        // the phase's day numbers: "(window Days 8 or 15)".
                        window = trf("(window Days {days})", fmt::arg("days", detail::or_words(listed)));
                    } else {
                        // TRANSLATORS: in a month grid's cell, the days an event's window allows, in
                        // the phase's day numbers: "(window Days 6 to 10)".
                        window = trf("(window Days {first} to {last})",
                                     fmt::arg("first", day_of(e.window->earliest)),
                                     fmt::arg("last", day_of(e.window->latest)));
                    }
                    out += fmt::format(" <span class=\"dn\">{}</span>", escape_xml(window));
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

std::string to_html(const schedule& in, const render_options& options) {
    const detail::language_scope language(options.language);
    const detail::in_language translated(in, options.language);
    const schedule& s = translated.get();
    const auto& info = s.protocol();
    const agenda plan(s);
    // TRANSLATORS: the page's title, as a browser's tab shows it.
    std::string out = html_head(trf("{title} — treatment timeline", fmt::arg("title", info.title)));
    out += fmt::format("<header>\n<h1>{}</h1>\n<p>{}</p>\n", escape_xml(info.title),
                       html_format(tr("Protocol {id}, version {version}."),
                                   fmt::arg("id", "<code>" + escape_xml(info.id) + "</code>"),
                                   fmt::arg("version", escape_xml(info.version))));
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        // TRANSLATORS: a plan that continues with another protocol: "Then from Tue 2 May 2028 (relapse):
        // Blinatumomab (blinatumomab, version 1)."; {reason} is empty or " (relapse)".
        out += fmt::format(
            "<p class=\"segment\">{}</p>\n",
            html_format(tr("Then from {date}{reason}: {title} ({id}, version {version})."),
                        fmt::arg("date", "<strong>" + escape_xml(long_date(seg.start)) + "</strong>"),
                        fmt::arg("reason", seg.reason.empty() ? "" : " (" + escape_xml(seg.reason) + ")"),
                        fmt::arg("title", escape_xml(seg.protocol.title.empty() ? seg.protocol.id
                                                                                : seg.protocol.title)),
                        fmt::arg("id", "<code>" + escape_xml(seg.protocol.id) + "</code>"),
                        fmt::arg("version", escape_xml(seg.protocol.version))));
    }
    out += fmt::format("<p class=\"disclaimer\" role=\"note\">{}</p>\n", escape_xml(detail::safety_line()));
    const std::string next = detail::whats_next_html(plan, options.today);
    const std::string phases = detail::phases_section(plan);
    const auto link = [](const char* id, const char* text) {
        return fmt::format("<li><a href=\"#{}\">{}</a></li>", id, html_text(text));
    };
    // TRANSLATORS: the name screen readers give the list of links to the page's sections.
    out += fmt::format("<nav aria-label=\"{}\"><ul>{}{}{}{}{}{}{}</ul></nav>\n</header>\n<main>\n",
                       escape_xml(tr("Sections")), next.empty() ? "" : link("next", tr("What's next")),
                       link("overview", overview_heading()),
                       s.decisions().empty() ? "" : link("decisions", tr("Decisions during treatment")),
                       link("timeline", timeline_heading()),
                       phases.empty() ? "" : link("phases", tr("What each phase is")),
                       link("lengths", lengths_heading()), link("calendars", tr("Month by month")));
    out += next;

    out += fmt::format("<section id=\"overview\">\n<h2>{}</h2>\n", html_text(overview_heading()));
    out += fmt::format(
        "<p>{}</p>\n",
        html_format(
            // TRANSLATORS: {first}, {last} and {length} are in bold; {days} chooses the plural. The English
            // says "calendar days" also for one day, as the page always has.
            trn("From {first} to {last}: {length} ({days} calendar days, {treatment} of them with treatment, "
                "{clinic} with a dated activity to attend).",
                "From {first} to {last}: {length} ({days} calendar days, {treatment} of them with treatment, "
                "{clinic} with a dated activity to attend).",
                s.total_days()),
            fmt::arg("first", "<strong>" + escape_xml(long_date(s.start())) + "</strong>"),
            fmt::arg("last", "<strong>" + escape_xml(long_date(s.end())) + "</strong>"),
            fmt::arg("length", "<strong>" + escape_xml(describe_length(s.start(), s.end())) + "</strong>"),
            fmt::arg("days", s.total_days()), fmt::arg("treatment", s.treatment_days()),
            fmt::arg("clinic", s.clinic_days())));
    if (plan.any_tentative()) {
        out += fmt::format("<p>{}</p>\n",
                           html_text(tr("Dates drawn dashed are tentative: they depend on recovery "
                                        "(for example of blood counts) and may move later.")));
    }
    if (const std::string note = detail::pending_note(s, ""); !note.empty())
        out += "<p class=\"pending\">" + escape_xml(note) + "</p>\n";
    if (const std::string note = detail::uncertain_note(s); !note.empty())
        out += "<p class=\"uncertain\">" + escape_xml(note) + "</p>\n";
    if (plan.several()) {
        for (const auto& seg : s.segments())
            out += parameters_table(seg.protocol, seg.parameters, seg.protocol.id);
    } else {
        out += parameters_table(s.protocol(), s.parameters());
    }
    out += "</section>\n";
    if (!s.decisions().empty()) {
        out += fmt::format("<section id=\"decisions\">\n<h2>{}</h2>\n<ul>\n",
                           html_text(tr("Decisions during treatment")));
        for (const decision& d : s.decisions()) {
            out += fmt::format("<li><strong>{}</strong> ({}): {}{}</li>\n", escape_xml(long_date(d.date)),
                               escape_xml(detail::decision_place(d, s.phase_name(d.segment, d.phase))),
                               escape_xml(detail::decision_words(s, d)),
                               d.tentative ? fmt::format(" ({})", html_text(tr("tentative"))) : "");
        }
        out += "</ul>\n</section>\n";
    }

    out += fmt::format("<section id=\"timeline\">\n<h2>{}</h2>\n<figure>\n", html_text(timeline_heading()));
    // One drawing in two layouts; the style sheet shows the one that fits the screen.
    const std::vector<detail::timeline_group> groups{{{}, &plan, true}};
    out += detail::svg_timeline(groups, "timeline-svg", detail::timeline_layout::wide, options.today);
    out +=
        detail::svg_timeline(groups, "timeline-svg-narrow", detail::timeline_layout::narrow, options.today);
    out += fmt::format(
        "<figcaption>{}</figcaption>\n</figure>\n",
        html_text(tr("Bar lengths are proportional to calendar time. Each bar is a link: tap or click "
                     "it, or reach it with the Tab key, to go to its first day in the month grids "
                     "below, which list every day's activities.")));
    out += text_legend(plan.categories(), plan.several());
    out += "</section>\n";

    out += phases;

    out += fmt::format("<section id=\"lengths\">\n<h2>{}</h2>\n", html_text(lengths_heading()));
    out += fmt::format(
        "<p>{}</p>\n",
        html_format(
            tr("The whole treatment takes {length}."),
            fmt::arg("length", "<strong>" + escape_xml(describe_length(s.start(), s.end())) + "</strong>")));
    out += lengths_table(s);
    out += category_table(s);
    out += "</section>\n";

    detail::span_marks keys(s);
    std::set<day_point> anchors;
    for (const auto& p : s.phases()) anchors.insert(p.first);
    for (const auto& sp : s.spans()) anchors.insert(sp.first);
    out += fmt::format(
        "<section id=\"calendars\">\n<h2>{}</h2>\n<p>{}</p>\n", html_text(tr("Month by month")),
        html_text(tr("Treatment days have a heavy border and list their activities; phase starts and "
                     "ends are noted in italics; every day of a hospital stay or of continuous therapy "
                     "has a bar.")));
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

// The Parameters cell of a compared plan: each protocol's values in words, "none" without any.
std::string parameters_cell(const schedule& s) {
    std::string out;
    for (const segment& seg : s.segments()) {
        if (seg.parameters.empty()) continue;
        const std::string values = parameters_in_words(seg.protocol, seg.parameters, one_line);
        if (!out.empty()) out += "; ";
        out += s.segments().size() > 1 ? fmt::format("{} ({})", seg.protocol.id, values) : values;
    }
    // TRANSLATORS: the Parameters cell of a compared plan whose protocol has none.
    return out.empty() ? std::string(trc("parameters", "none")) : out;
}

std::string comparison_body(const std::vector<std::pair<std::string, schedule>>& labelled) {
    std::string out = fmt::format("<header>\n<h1>{}</h1>\n", html_text(comparison_title()));
    out += fmt::format("<p class=\"disclaimer\" role=\"note\">{}</p>\n</header>\n<main>\n",
                       escape_xml(detail::safety_line()));
    if (labelled.empty()) return out + fmt::format("<p>{}</p>\n", html_text(tr("No plans to compare.")));

    out += fmt::format("<section id=\"overview\">\n<h2>{}</h2>\n<table class=\"facts\"><thead><tr>",
                       html_text(overview_heading()));
    for (const char* heading :
         {tr("Plan"), tr("Protocol"), tr("Parameters"), trc("column", "From"), trc("column", "To"),
          // TRANSLATORS: a column heading: a plan's length in words ("2 years, 2 months and 4 days").
          trc("column", "Length"), tr("Calendar days"), tr("Treatment days"), tr("Clinic days")}) {
        out += fmt::format("<th scope=\"col\">{}</th>", html_text(heading));
    }
    out += "</tr></thead><tbody>\n";
    std::set<category> used;
    bool any_switch = false;
    std::vector<timeline_group> groups;
    // Agendas live as long as the picture that reads them; a deque never moves its elements.
    std::deque<agenda> plans;
    for (const auto& [label, s] : labelled) {
        // A continued plan names every protocol: "all-overview, then blinatumomab from ...".
        std::string protocols = s.protocol().id;
        for (std::size_t i = 1; i < s.segments().size(); ++i) {
            // TRANSLATORS: after the first protocol of a continued plan: "all-overview, then blinatumomab
            // from Tue 2 May 2028".
            protocols +=
                trf(", then {protocol} from {date}", fmt::arg("protocol", s.segments()[i].protocol.id),
                    fmt::arg("date", long_date(s.segments()[i].start)));
        }
        out += fmt::format(
            "<tr><th scope=\"row\">{}</th><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            escape_xml(label), escape_xml(s.protocol().title), escape_xml(protocols),
            escape_xml(parameters_cell(s)), escape_xml(long_date(s.start())), escape_xml(long_date(s.end())),
            escape_xml(describe_length(s.start(), s.end())), s.total_days(), s.treatment_days(),
            s.clinic_days());
        const agenda& plan = plans.emplace_back(s);
        used.insert(plan.categories().begin(), plan.categories().end());
        any_switch |= plan.several();
        groups.push_back({label, &plan});
    }
    out += "</tbody></table>\n</section>\n";

    out += fmt::format("<section id=\"timeline\">\n<h2>{}</h2>\n<figure>\n", html_text(timeline_heading()));
    // Both layouts, as on a plan's page: the style sheet shows the one that fits the screen.
    out += svg_timeline(groups, "timeline-svg");
    out += svg_timeline(groups, "timeline-svg-narrow", timeline_layout::narrow);
    out += fmt::format(
        "<figcaption>{}</figcaption>\n</figure>\n",
        html_text(tr("All plans share one time axis; bar lengths are proportional to calendar time.")));
    out += text_legend(used, any_switch);
    out += "</section>\n";

    out += fmt::format("<section id=\"lengths\">\n<h2>{}</h2>\n", html_text(lengths_heading()));
    for (const auto& [label, s] : labelled) {
        out += fmt::format("<h3>{}</h3>\n", escape_xml(label));
        out += lengths_table(s);
    }
    out += "</section>\n";
    return out;
}

}  // namespace detail

std::string to_html_comparison(const std::vector<std::pair<std::string, schedule>>& labelled) {
    return detail::html_head(comparison_title()) + detail::comparison_body(labelled) + detail::html_footer();
}

}  // namespace ttplan
