// Month calendars in plain text: two month grids side by side (Monday-first weeks, like cal),
// treatment days marked with category letters, every day of a hospital stay or continuous therapy
// marked on a line under its week, and under each pair of months the phases and continuous
// therapy that run in it. At most 80 columns, no colour.
#include <ttplan/month_calendar.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "category_style.hpp"
#include "i18n/language.hpp"
#include "picture_text.hpp"
#include "plain_words.hpp"
#include "span_marks.hpp"
#include "utf8_text.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace ttplan {

namespace {

using detail::tr;
using detail::trc;
using detail::trf;
using detail::trnf;

constexpr std::size_t page_width = 80;
constexpr std::size_t cell_width = 4;                   // "31CI"
constexpr std::size_t grid_width = 7 * cell_width + 6;  // cells joined by one space
constexpr std::size_t grid_gap = 4;
constexpr std::size_t label_width = 16;  // "September 2027" + 2, at least
// Joins words wrap() keeps on one line ("from 8 Feb (tentative)"); printed as a space. Names
// cannot contain it: one_line() turns control characters into spaces first.
constexpr char glue = '\x01';

// Display width in terminal columns (wide characters take two, combining marks none).
std::size_t columns(std::string_view text) {
    return detail::columns(text);
}

// Byte length of the longest prefix of `text` that is at most `width` columns, but at least one
// character, so that splitting a long word always moves on.
std::size_t prefix_bytes(std::string_view text, std::size_t width) {
    const std::size_t n = detail::prefix_within(text, width);
    return n > 0 || text.empty() ? n : detail::decode_at(text, 0).bytes;
}

// Wraps words into lines of at most page_width columns; the first line starts with `first`,
// the others with `indent`. A word longer than a line is split.
std::string wrap(std::string_view text, const std::string& first, const std::string& indent) {
    std::string out;
    std::string line;
    const auto room = [&] { return page_width - columns(out.empty() ? first : indent); };
    auto flush = [&] {
        std::replace(line.begin(), line.end(), glue, ' ');
        out += (out.empty() ? first : indent) + line + "\n";
        line.clear();
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = std::min(text.find(' ', pos), text.size());
        std::string_view word = text.substr(pos, end - pos);
        pos = end + 1;
        if (word.empty()) continue;
        while (columns(word) > room()) {
            if (!line.empty()) flush();
            const auto cut = prefix_bytes(word, room());
            line = std::string(word.substr(0, cut));
            flush();
            word.remove_prefix(cut);
        }
        if (!line.empty() && columns(line) + 1 + columns(word) > room()) flush();
        if (!line.empty()) line += ' ';
        line += word;
    }
    if (!line.empty() || out.empty()) flush();
    return out;
}

std::string trim_right(std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
}

std::string pad(std::string text, std::size_t width) {
    const auto cols = columns(text);
    if (cols < width) text.append(width - cols, ' ');
    return text;
}

// `text` with its spaces as glue: words wrap() keeps on one line.
std::string glued(std::string text) {
    std::replace(text.begin(), text.end(), ' ', glue);
    return text;
}

// The label column of the lines under the months: as wide as the longest month title and two
// spaces, and at least label_width.
std::size_t month_label_width(date::year year) {
    std::size_t width = label_width;
    for (unsigned m = 1; m <= 12; ++m)
        width = std::max(width, columns(detail::month_title(year / date::month{m})) + 2);
    return width;
}

// "Mo" ... "Su": the weekday over each column of a month grid.
const char* weekday_heading(unsigned iso) {
    switch (iso) {
        case 1:
            // TRANSLATORS: the column headings of a month grid (like cal), Monday to Sunday, at
            // most four letters each, usually two: "lu", "ma", ...
            return trc("weekday two letters", "Mo");
        case 2:
            return trc("weekday two letters", "Tu");
        case 3:
            return trc("weekday two letters", "We");
        case 4:
            return trc("weekday two letters", "Th");
        case 5:
            return trc("weekday two letters", "Fr");
        case 6:
            return trc("weekday two letters", "Sa");
        default:
            return trc("weekday two letters", "Su");
    }
}

// "Mo   Tu   We   Th   Fr   Sa   Su": each name at the left of its day's cell, in columns (a
// name of more than a cell is cut to it).
std::string weekday_headings() {
    std::string out;
    for (unsigned iso = 1; iso <= 7; ++iso) {
        const std::string_view name = weekday_heading(iso);
        const std::string shown(name.substr(0, detail::prefix_within(name, cell_width)));
        out += iso < 7 ? pad(shown, cell_width + 1) : shown;
    }
    return out;
}

using month_days = std::vector<std::vector<detail::marked_day>>;

// What runs all day, as it stands under a day number: "Ha", or three keys and "+" for more.
std::string span_keys(const std::vector<detail::marked_day>& day) {
    std::string keys;
    for (const auto& m : day) keys += m.mark->key;
    if (keys.size() > cell_width) keys.resize(cell_width - 1), keys += '+';
    return keys;
}

bool any_marked(const month_days& days) {
    return std::any_of(days.begin(), days.end(), [](const auto& day) { return !day.empty(); });
}

// The lines of one month grid, each exactly grid_width columns. With `under`, the days of the
// month each with the marks covering it, every week has a second line with those marks.
std::vector<std::string> month_grid(date::year_month ym, const std::map<day_point, std::string>& marks,
                                    const month_days* under) {
    std::vector<std::string> lines;
    const std::string title = detail::month_title(ym);
    const std::size_t title_columns = std::min(columns(title), grid_width);
    lines.push_back(pad(std::string((grid_width - title_columns) / 2, ' ') + title, grid_width));
    lines.push_back(pad(weekday_headings(), grid_width));
    const day_point first = date::sys_days{ym / 1};
    const day_point last = date::sys_days{ym / date::last};
    std::string row(static_cast<std::size_t>(date::weekday{first}.iso_encoding() - 1) * (cell_width + 1),
                    ' ');
    std::string below = row;
    for (day_point d = first; d <= last; d += date::days{1}) {
        const auto found = marks.find(d);
        const unsigned day = static_cast<unsigned>(date::year_month_day{d}.day());
        row += fmt::format("{:>2}{:<2}", day, found == marks.end() ? "" : found->second);
        if (under) below += pad(span_keys((*under)[day - 1]), cell_width);
        if (date::weekday{d} == date::Sunday || d == last) {
            lines.push_back(pad(row, grid_width));
            if (under) lines.push_back(pad(below, grid_width));
            row.clear();
            below.clear();
        } else {
            row += ' ';
            below += ' ';
        }
    }
    return lines;
}

// "4 Jan", "4-31 Jan", "from 4 Jan", "to 1 Feb", "all month": a stretch seen from one month,
// glued so that it never breaks across lines.
std::string within_month(day_point first, day_point last, day_point month_first, day_point month_last) {
    auto day_of = [](day_point d) { return static_cast<unsigned>(date::year_month_day{d}.day()); };
    const auto month =
        detail::month_abbrev_words(static_cast<unsigned>(date::year_month_day{month_first}.month()));
    const bool starts = first >= month_first;
    const bool ends = last <= month_last;
    if (starts && ends) {
        // TRANSLATORS: a day of a month under the month grids, "4 Jan".
        return first == last
                   ? glued(trf("{day} {month}", fmt::arg("day", day_of(first)), fmt::arg("month", month)))
                   // TRANSLATORS: days of one month under the month grids, "4-31 Jan".
                   : glued(trf("{first}-{last} {month}", fmt::arg("first", day_of(first)),
                               fmt::arg("last", day_of(last)), fmt::arg("month", month)));
    }
    // TRANSLATORS: a phase or therapy that goes on past the end of the month, "from 8 Feb".
    if (starts)
        return glued(trf("from {day} {month}", fmt::arg("day", day_of(first)), fmt::arg("month", month)));
    // TRANSLATORS: a phase or therapy that began in an earlier month, "to 1 Feb".
    if (ends) return glued(trf("to {day} {month}", fmt::arg("day", day_of(last)), fmt::arg("month", month)));
    // TRANSLATORS: a phase or therapy that runs the whole month.
    return glued(tr("all month"));
}

// "From 8 Feb: Blinatumomab (blinatumomab)": the words before the protocol kept on one line.
std::string continuation_entry(std::string_view when, const std::string& protocol) {
    const std::string line =
        trf("From {date}: {protocol}", fmt::arg("date", when), fmt::arg("protocol", "\x02"));
    const auto at = std::min(line.find('\x02'), line.size());
    std::string head = line.substr(0, at);
    std::size_t keep = head.size();
    while (keep > 0 && head[keep - 1] == ' ') --keep;
    std::replace(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(keep), ' ', glue);
    return head + protocol + (at < line.size() ? line.substr(at + 1) : std::string());
}

std::string occurrence_label(const detail::occurrence_entry& entry) {
    return detail::one_line(entry.title(" "));
}

// The lines under a month: phase occurrences, then continuous therapy, that touch it.
// A cycle a switch cut is "stopped early" (the switch is listed in the same month); one an
// until limit cut is "cut short".
std::string month_notes(const schedule& s, const detail::agenda& plan, const detail::span_marks& keys,
                        date::year_month ym) {
    const day_point month_first = date::sys_days{ym / 1};
    const day_point month_last = date::sys_days{ym / date::last};
    // Where a continuation starts, then phase occurrences, in date order.
    std::vector<std::pair<day_point, std::string>> entries;
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        if (seg.start < month_first || seg.start > month_last) continue;
        entries.emplace_back(seg.start,
                             continuation_entry(within_month(seg.start, seg.start, month_first, month_last),
                                                detail::one_line(detail::protocol_words(seg))));
    }
    for (const auto& occ : plan.occurrences()) {
        const phase_occurrence& p = *occ.occurrence;
        if (p.last < month_first || p.first > month_last) continue;
        std::string entry =
            occurrence_label(occ) + " " + within_month(p.first, p.last, month_first, month_last);
        if (p.ended_early() || p.tentative) {
            const bool switched = occ.stopped_for != nullptr;
            const char* ended = switched
                                    ? tr("stopped early")
                                    // TRANSLATORS: a cycle an until limit cut, in brackets after its dates.
                                    : tr("cut short");
            const std::string tag = p.ended_early() && p.tentative
                                        ? trf("{ended}, {tentative}", fmt::arg("ended", ended),
                                              fmt::arg("tentative", tr("tentative")))
                                    : p.ended_early() ? std::string(ended)
                                                      : std::string(tr("tentative"));
            entry += glue + glued(fmt::format("({})", tag));
        }
        entries.emplace_back(p.first, std::move(entry));
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string phases;
    for (const auto& [when, entry] : entries) phases += (phases.empty() ? "" : "; ") + entry;
    std::string spans;
    for (const auto& t : s.spans()) {
        if (t.last < month_first || t.first > month_last) continue;
        spans +=
            fmt::format("{}[{}]{}{} {}", spans.empty() ? "" : "; ", keys.of(t).key, glue,
                        detail::one_line(t.activity), within_month(t.first, t.last, month_first, month_last));
        // Therapy within a phase is as tentative (and as cut) as its phase, which the line above
        // says.
        if (t.tentative && t.phase.empty()) spans += glue + glued(fmt::format("({})", tr("tentative")));
        if (t.ended_early() && t.phase.empty())
            spans += glue + glued(fmt::format("({})", tr("stopped early")));
    }
    if (phases.empty() && spans.empty()) return {};
    const std::size_t width = month_label_width(ym.year());
    const std::string label = pad(detail::month_title(ym), width);
    const std::string indent(width, ' ');
    std::string out;
    if (!phases.empty()) out += wrap(phases, label, indent);
    // TRANSLATORS: under a month, the continuous therapies that run in it.
    if (!spans.empty())
        out += wrap(trf("Continuous: {therapies}", fmt::arg("therapies", spans)),
                    out.empty() ? label : indent, indent);
    return out;
}

std::string parameters_text(const typed_values& values) {
    return detail::parameters_text(values, "=", detail::one_line);
}

// The key to the marks under the day numbers, one line each: "  H  in hospital (Hospital stay)".
std::string span_key(const detail::span_marks& keys, bool more) {
    if (keys.marks().empty()) return {};
    const bool restrictions = std::any_of(keys.marks().begin(), keys.marks().end(),
                                          [](const auto& m) { return m.kind == category::restriction; });
    std::string out =
        wrap(restrictions ? tr("Under a day number, hospital stays and continuous therapy (and "
                               "restrictions), on every day they run:")
                          : tr("Under a day number, hospital stays and continuous therapy, on every "
                               "day they run:"),
             "", "");
    for (const auto& mark : keys.marks()) {
        std::string names;
        for (const auto name : mark.activities) names += (names.empty() ? "" : ", ") + detail::one_line(name);
        std::string line = mark.stay ? trf("in hospital ({names})", fmt::arg("names", names))
                           : mark.key == '*'
                               ? trf("other continuous therapy: {names}", fmt::arg("names", names))
                               : detail::labelled_activity(names, mark.kind);
        out += wrap(line, fmt::format("  {}  ", mark.key), "     ");
    }
    if (more) out += wrap(tr("more than four that day: the first three are shown"), "  +  ", "     ");
    return out;
}

void header(std::string& out, const schedule& s, const detail::agenda& plan,
            const std::map<day_point, std::string>& marks, const detail::span_marks& keys, bool more) {
    const auto& info = s.protocol();
    out += wrap(detail::one_line(info.title.empty() ? info.id : info.title), "", "");
    out += wrap(trf("Protocol {id} (version {version})", fmt::arg("id", detail::one_line(info.id)),
                    fmt::arg("version", detail::one_line(info.version))),
                "", "");
    if (!s.parameters().empty())
        out += wrap(trf("Parameters: {values}",
                        fmt::arg("values", detail::parameters_in_words(s.protocol(), s.parameters(),
                                                                       detail::one_line))),
                    "", "  ");
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        std::string line = trf("Then from {date}", fmt::arg("date", detail::long_date(seg.start)));
        if (!seg.reason.empty()) line += " (" + detail::one_line(seg.reason) + ")";
        line += ": " + detail::one_line(detail::protocol_words(seg));
        if (!seg.protocol.version.empty())
            line +=
                ", " + trf("version {version}", fmt::arg("version", detail::one_line(seg.protocol.version)));
        if (!seg.parameters.empty())
            line += "; " + trf("parameters {values}", fmt::arg("values", parameters_text(seg.parameters)));
        out += wrap(line, "", "  ");
    }
    out += wrap(
        trnf("From {first} to {last}: {length} ({days} day)",
             "From {first} to {last}: {length} ({days} days)", s.total_days(),
             fmt::arg("first", detail::long_date(s.start())), fmt::arg("last", detail::long_date(s.end())),
             fmt::arg("length", describe_length(s.start(), s.end())), fmt::arg("days", s.total_days())),
        "", "");
    out += wrap(detail::safety_line(), "", "");

    std::set<char> used;
    for (const auto& [d, letters] : marks) used.insert(letters.begin(), letters.end());
    std::string legend = tr("Letters after a day number mark its dated activities:");
    for (const category kind : all_categories) {
        const char letter = detail::style_of(kind).letter;
        if (used.count(letter)) legend += fmt::format(" {} {},", letter, display_name(kind));
    }
    // TRANSLATORS: in the key to the letters after a day number, after "+".
    if (used.count('+')) legend += fmt::format(" + {},", tr("more kinds that day"));
    // TRANSLATORS: in the key to the letters after a day number, when no day has one.
    if (used.empty()) legend += fmt::format(" {},", tr("none in this plan"));
    legend.back() = '.';
    legend += " ";
    legend += tr("Phases and continuous therapy are listed under each pair of months.");
    out += "\n" + wrap(legend, "", "");
    out += span_key(keys, more);
    if (plan.any_tentative_phase()) {
        // TRANSLATORS: "(tentative)" is the mark after such a phase's dates: the translation of
        // "tentative" in brackets.
        out += wrap(tr("Phases marked (tentative) depend on recovery (for example of blood counts) and may "
                       "move later."),
                    "", "");
    }
    for (const decision& d : s.decisions()) {
        out +=
            wrap(trf("Decision on {date} ({place}): {decision}", fmt::arg("date", detail::long_date(d.date)),
                     fmt::arg("place",
                              detail::decision_place(d, detail::one_line(s.phase_name(d.segment, d.phase)))),
                     fmt::arg("decision", detail::decision_words(s, d))) +
                     ".",
                 "", "  ");
    }
    if (const std::string note = detail::pending_note(s, ""); !note.empty()) out += wrap(note, "", "");
    if (const std::string note = detail::uncertain_note(s); !note.empty()) out += wrap(note, "", "");
}

}  // namespace

std::string to_month_calendar(const schedule& s) {
    // Category letters per date, in marker order; more than two kinds show as first letter and '+'.
    std::map<day_point, std::set<category>> kinds;
    for (const auto& e : s.events()) kinds[e.date].insert(e.category);
    std::map<day_point, std::string> marks;
    for (const auto& [d, set] : kinds) {
        std::string letters;
        for (const category kind : set) letters += detail::style_of(kind).letter;
        if (letters.size() > 2) letters.resize(1), letters += '+';
        marks[d] = letters;
    }

    const detail::agenda plan(s);
    detail::span_marks keys(s);
    std::string out;
    bool more = false;  // a day with more marks than its line has room for
    const date::year_month first{date::year_month_day{s.start()}.year(),
                                 date::year_month_day{s.start()}.month()};
    const date::year_month last{date::year_month_day{s.end()}.year(), date::year_month_day{s.end()}.month()};
    for (date::year_month left = first; left <= last; left += date::months{2}) {
        const date::year_month right = left + date::months{1};
        const auto days_of = [&](date::year_month ym) {
            return keys.days(date::sys_days{ym / 1}, date::sys_days{ym / date::last});
        };
        const month_days left_days = days_of(left);
        const month_days right_days = right <= last ? days_of(right) : month_days{};
        // Both grids of a pair get the lines for marks, or neither, so that their weeks stay side
        // by side.
        const bool under = any_marked(left_days) || any_marked(right_days);
        for (const auto* days : {&left_days, &right_days}) {
            more = more || std::any_of(days->begin(), days->end(),
                                       [](const auto& day) { return day.size() > cell_width; });
        }
        auto left_lines = month_grid(left, marks, under ? &left_days : nullptr);
        std::vector<std::string> right_lines;
        if (right <= last) right_lines = month_grid(right, marks, under ? &right_days : nullptr);
        const auto rows = std::max(left_lines.size(), right_lines.size());
        left_lines.resize(rows, std::string(grid_width, ' '));
        out += "\n";
        for (std::size_t i = 0; i < rows; ++i) {
            std::string line = left_lines[i];
            if (i < right_lines.size()) line += std::string(grid_gap, ' ') + right_lines[i];
            out += trim_right(std::move(line)) + "\n";
        }
        out += "\n";
        std::string notes = month_notes(s, plan, keys, left);
        if (right <= last) notes += month_notes(s, plan, keys, right);
        out += notes.empty() ? std::string(tr("No phases in these months.")) + "\n" : notes;
    }
    std::string head;
    header(head, s, plan, marks, keys, more);
    return head + out;
}

}  // namespace ttplan
