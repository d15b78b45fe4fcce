#include "whats_next.hpp"

#include "html_page.hpp"
#include "i18n/language.hpp"
#include "markup_escape.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ttplan::detail {

namespace {

std::string days_words(std::int64_t n) {
    return trnf("{n} day", "{n} days", n, fmt::arg("n", n));
}

// " (tentative)" after an item, or "".
std::string tentative_words(bool tentative) {
    return tentative ? fmt::format(" ({})", tr("tentative")) : std::string();
}

// "Induction Day 8", "Maintenance, cycle 3 Day 8".
std::string place_words(std::string_view phase, std::int32_t day) {
    return trf("{phase} Day {day}", fmt::arg("phase", phase), fmt::arg("day", day));
}

// The day number of `d` within an occurrence: pauses have no day numbers, so the days paused
// before `d` are not counted; nullopt on a paused day.
std::optional<std::int64_t> day_number(const phase_occurrence& p, day_point d) {
    std::int64_t paused = 0;
    for (const date_window& w : p.paused) {
        if (w.earliest <= d && d <= w.latest) return std::nullopt;
        if (w.latest < d) paused += (w.latest - w.earliest).count() + 1;
    }
    return p.first_day + (d - p.first).count() - paused;
}

std::string where_words(const agenda& plan, day_point today) {
    const schedule& s = plan.plan();
    if (today < s.start()) {
        const auto n = (s.start() - today).count();
        if (n == 1) return trf("Treatment starts tomorrow, {date}.", fmt::arg("date", long_date(s.start())));
        return trnf("Treatment starts in {n} day, on {date}.", "Treatment starts in {n} days, on {date}.", n,
                    fmt::arg("n", n), fmt::arg("date", long_date(s.start())));
    }
    if (today > s.end()) return trf("The plan ended on {date}.", fmt::arg("date", long_date(s.end())));
    std::vector<std::string> in;
    const occurrence_entry* next = nullptr;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        if (p.first <= today && today <= p.last) {
            const auto n = day_number(p, today);
            in.push_back(
                n ? trf("Day {day} of {phase}", fmt::arg("day", *n), fmt::arg("phase", entry.title()))
                  : trf("{phase} (paused today)", fmt::arg("phase", entry.title())));
        } else if (p.first > today && (next == nullptr || p.first < next->occurrence->first)) {
            next = &entry;
        }
    }
    const std::string tail = " " + trf("The plan ends on {date}.", fmt::arg("date", long_date(s.end())));
    if (!in.empty())
        return trf("Today is {where}.", fmt::arg("where", fmt::format("{}", fmt::join(in, "; ")))) + tail;
    if (next != nullptr) {
        return trf("No phase runs today; {phase} starts {when}.", fmt::arg("phase", next->title()),
                   fmt::arg("when", relative_words(next->occurrence->first, today))) +
               tail;
    }
    return tr("No phase runs today.") + tail;
}

std::string event_words(const event& e) {
    return labelled_activity(e.activity, e.category) + timing_suffix(e.timing, e.category, false) +
           tentative_words(e.tentative);
}

std::vector<std::string> next_days(const agenda& plan, day_point today) {
    const auto& events = plan.plan().events();
    // Events are in date order: the first from today on is found, not searched for.
    auto it = std::lower_bound(events.begin(), events.end(), today,
                               [](const event& e, day_point d) { return e.date < d; });
    std::vector<std::string> out;
    while (it != events.end() && out.size() < next_days_shown) {
        const day_point date = it->date;
        std::vector<std::string> items;
        std::string place;
        for (; it != events.end() && it->date == date; ++it) {
            if (place.empty()) {
                const occurrence_entry* entry = plan.entry_of(*it);
                place =
                    place_words(entry ? entry->title() : plan.phase_label(it->segment, it->phase), it->day);
            }
            items.push_back(event_words(*it));
        }
        out.push_back(fmt::format("{}, {}: {}", relative_words(date, today), place, fmt::join(items, "; ")));
    }
    return out;
}

std::string stay_place(const agenda& plan, const span& t) {
    if (t.phase.empty()) return {};
    const occurrence_entry* entry = plan.entry_of(t);
    return " (" + (entry ? entry->title() : plan.phase_label(t.segment, t.phase)) + ")";
}

std::string next_stay(const agenda& plan, day_point today) {
    const schedule& s = plan.plan();
    const span* stay = nullptr;
    for (const span& t : s.spans()) {
        if (t.category != category::hospital_stay || t.last < today) continue;
        if (stay == nullptr || t.first < stay->first) stay = &t;
    }
    const auto& events = s.events();
    auto it = std::lower_bound(events.begin(), events.end(), today,
                               [](const event& e, day_point d) { return e.date < d; });
    const event* admission = nullptr;
    for (; it != events.end() && (stay == nullptr || it->date < stay->first); ++it) {
        if (it->category == category::hospital_stay) {
            admission = &*it;
            break;
        }
    }
    if (admission != nullptr) {
        const occurrence_entry* entry = plan.entry_of(*admission);
        return fmt::format(
            "{}: {} ({})", relative_words(admission->date, today), admission->activity,
            place_words(entry ? entry->title() : plan.phase_label(admission->segment, admission->phase),
                        admission->day));
    }
    if (stay == nullptr) return {};
    if (stay->first <= today) {
        return trf("In hospital now, until {date}", fmt::arg("date", long_date(stay->last))) +
               stay_place(plan, *stay) + tentative_words(stay->tentative);
    }
    // TRANSLATORS: a hospital stay to come; {first} is a date with how far off it is: "Mon 11 Jan 2027
    // (in 4 days)", {length} its length in days.
    return trf("From {first} to {last} ({length})", fmt::arg("first", relative_words(stay->first, today)),
               fmt::arg("last", long_date(stay->last)), fmt::arg("length", days_words(stay->days()))) +
           stay_place(plan, *stay) + tentative_words(stay->tentative);
}

std::vector<std::string> decisions(const schedule& s, day_point today) {
    std::vector<std::string> out;
    bool next_given = false;
    for (const decision& d : s.decisions()) {
        const std::string what =
            fmt::format("{}: {}", decision_place(d, s.phase_name(d.segment, d.phase)), decision_words(s, d));
        if (d.date < today) {
            if (d.pending()) {
                out.push_back(trf("Still to be given (due {date}): {decision}",
                                  fmt::arg("date", long_date(d.date)), fmt::arg("decision", what)));
            }
        } else if (!next_given) {
            out.push_back(
                fmt::format("{}, {}{}", relative_words(d.date, today), what, tentative_words(d.tentative)));
            next_given = true;
        }
    }
    return out;
}

std::vector<std::string> running(const schedule& s, day_point today) {
    std::vector<std::string> out;
    for (const span& t : s.spans()) {
        if (t.first > today) break;  // spans are in date order
        if (t.last < today || t.category == category::hospital_stay) continue;
        out.push_back(trf("{activity}, until {date}",
                          fmt::arg("activity", labelled_activity(t.activity, t.category) +
                                                   timing_suffix(t.timing, t.category, true)),
                          fmt::arg("date", long_date(t.last))));
    }
    return out;
}

}  // namespace

std::string relative_words(day_point date, day_point today) {
    const auto n = (date - today).count();
    if (n == 0) return trf("{date} (today)", fmt::arg("date", long_date(date)));
    if (n == 1) return trf("{date} (tomorrow)", fmt::arg("date", long_date(date)));
    if (n > 1) {
        return trnf("{date} (in {n} day)", "{date} (in {n} days)", n, fmt::arg("date", long_date(date)),
                    fmt::arg("n", n));
    }
    return long_date(date);
}

whats_next make_whats_next(const agenda& plan, day_point today) {
    const schedule& s = plan.plan();
    whats_next w;
    w.today = today;
    w.when = today < s.start() ? whats_next::stage::before
             : today > s.end() ? whats_next::stage::after
                               : whats_next::stage::during;
    w.where = where_words(plan, today);
    if (w.when == whats_next::stage::after) return w;
    if (w.when == whats_next::stage::during) w.running = running(s, today);
    w.next_days = next_days(plan, today);
    w.next_stay = next_stay(plan, today);
    w.decisions = decisions(s, today);
    return w;
}

namespace {

// "(today: Mon 4 Jan 2027)" after the section's heading.
std::string today_words(day_point today) {
    // TRANSLATORS: after the heading "What's next".
    return trf("(today: {date})", fmt::arg("date", long_date(today)));
}

// The parts of the section with their headings, in the order every format shows them.
struct part {
    const char* heading;
    std::vector<std::string> lines;
};

std::vector<part> parts(const whats_next& w) {
    std::vector<part> out;
    if (!w.running.empty()) out.push_back({tr("Running today"), w.running});
    if (!w.next_days.empty()) out.push_back({tr("Next treatment days"), w.next_days});
    if (w.when != whats_next::stage::after) {
        // TRANSLATORS: under "Next hospital stay": no stay is planned from today on.
        const char* none = tr("None planned");
        out.push_back({tr("Next hospital stay"), {w.next_stay.empty() ? none : w.next_stay}});
    }
    if (!w.decisions.empty()) out.push_back({tr("Next decision"), w.decisions});
    return out;
}

}  // namespace

std::string whats_next_text(const agenda& plan, const std::optional<day_point>& today) {
    if (!today) return {};
    const whats_next w = make_whats_next(plan, *today);
    std::string out = fmt::format("\n{} {}\n", tr("What's next"), today_words(w.today));
    out += "  " + one_line(w.where) + "\n";
    for (const part& p : parts(w)) {
        out += fmt::format("  {}:\n", p.heading);
        for (const auto& l : p.lines) out += "    " + one_line(l) + "\n";
    }
    return out;
}

std::string whats_next_markdown(const agenda& plan, const std::optional<day_point>& today) {
    if (!today) return {};
    const whats_next w = make_whats_next(plan, *today);
    std::string out =
        fmt::format("\n## {} {}\n\n{}\n", tr("What's next"), today_words(w.today), escape_markdown(w.where));
    for (const part& p : parts(w)) {
        out += fmt::format("\n### {}\n\n", p.heading);
        for (const auto& l : p.lines) out += "- " + escape_markdown(l) + "\n";
    }
    return out;
}

std::string whats_next_html(const agenda& plan, const std::optional<day_point>& today) {
    if (!today) return {};
    const whats_next w = make_whats_next(plan, *today);
    std::string out = fmt::format(
        "<section id=\"next\" class=\"next\" aria-labelledby=\"next-h\">\n<h2 id=\"next-h\">{} "
        "<span class=\"asof\">{}</span></h2>\n<p class=\"where\">{}</p>\n",
        html_text(tr("What's next")), escape_xml(today_words(w.today)), escape_xml(w.where));
    for (const part& p : parts(w)) {
        out += fmt::format("<h3>{}</h3>\n<ul>\n", html_text(p.heading));
        for (const auto& l : p.lines) out += "<li>" + escape_xml(l) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</section>\n";
}

}  // namespace ttplan::detail
