#include "whats_next.hpp"

#include "markup_escape.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ttplan::detail {

namespace {

std::string days_words(std::int64_t n) {
    return n == 1 ? "1 day" : fmt::format("{} days", n);
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
        return n == 1 ? fmt::format("Treatment starts tomorrow, {}.", long_date(s.start()))
                      : fmt::format("Treatment starts in {}, on {}.", days_words(n), long_date(s.start()));
    }
    if (today > s.end()) return fmt::format("The plan ended on {}.", long_date(s.end()));
    std::vector<std::string> in;
    const occurrence_entry* next = nullptr;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        if (p.first <= today && today <= p.last) {
            const auto n = day_number(p, today);
            in.push_back(n ? fmt::format("Day {} of {}", *n, entry.title()) : entry.title() + " (paused today)");
        } else if (p.first > today && (next == nullptr || p.first < next->occurrence->first)) {
            next = &entry;
        }
    }
    const std::string tail = fmt::format(" The plan ends on {}.", long_date(s.end()));
    if (!in.empty()) return fmt::format("Today is {}.", fmt::join(in, "; ")) + tail;
    if (next != nullptr) {
        return fmt::format("No phase runs today; {} starts {}.", next->title(),
                           relative_words(next->occurrence->first, today)) +
               tail;
    }
    return "No phase runs today." + tail;
}

std::string event_words(const event& e) {
    std::string text = labelled_activity(e.activity, e.category) + timing_suffix(e.timing, e.category, false);
    if (e.tentative) text += " (tentative)";
    return text;
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
                place = fmt::format("{} Day {}", entry ? entry->title() : plan.phase_label(it->segment, it->phase),
                                    it->day);
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
        return fmt::format("{}: {} ({} Day {})", relative_words(admission->date, today), admission->activity,
                           entry ? entry->title() : plan.phase_label(admission->segment, admission->phase),
                           admission->day);
    }
    if (stay == nullptr) return {};
    if (stay->first <= today) {
        return fmt::format("In hospital now, until {}{}{}", long_date(stay->last), stay_place(plan, *stay),
                           stay->tentative ? " (tentative)" : "");
    }
    return fmt::format("From {} to {} ({}){}{}", relative_words(stay->first, today), long_date(stay->last),
                       days_words(stay->days()), stay_place(plan, *stay), stay->tentative ? " (tentative)" : "");
}

std::vector<std::string> decisions(const schedule& s, day_point today) {
    std::vector<std::string> out;
    bool next_given = false;
    for (const decision& d : s.decisions()) {
        const std::string what = fmt::format("{}: {}", decision_place(d, s.phase_name(d.segment, d.phase)),
                                             decision_words(d));
        if (d.date < today) {
            if (d.pending()) out.push_back(fmt::format("Still to be given (due {}): {}", long_date(d.date), what));
        } else if (!next_given) {
            out.push_back(fmt::format("{}, {}{}", relative_words(d.date, today), what,
                                      d.tentative ? " (tentative)" : ""));
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
        out.push_back(fmt::format("{}{}, until {}", labelled_activity(t.activity, t.category),
                                  timing_suffix(t.timing, t.category, true), long_date(t.last)));
    }
    return out;
}

}  // namespace

std::string relative_words(day_point date, day_point today) {
    const auto n = (date - today).count();
    if (n == 0) return long_date(date) + " (today)";
    if (n == 1) return long_date(date) + " (tomorrow)";
    if (n > 1) return fmt::format("{} (in {})", long_date(date), days_words(n));
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

// The parts of the section with their headings, in the order every format shows them.
struct part {
    const char* heading;
    std::vector<std::string> lines;
};

std::vector<part> parts(const whats_next& w) {
    std::vector<part> out;
    if (!w.running.empty()) out.push_back({"Running today", w.running});
    if (!w.next_days.empty()) out.push_back({"Next treatment days", w.next_days});
    if (w.when != whats_next::stage::after) {
        out.push_back({"Next hospital stay", {w.next_stay.empty() ? "None planned" : w.next_stay}});
    }
    if (!w.decisions.empty()) out.push_back({"Next decision", w.decisions});
    return out;
}

}  // namespace

std::string whats_next_text(const agenda& plan, const std::optional<day_point>& today) {
    if (!today) return {};
    const whats_next w = make_whats_next(plan, *today);
    std::string out = fmt::format("\nWhat's next (today: {})\n", long_date(w.today));
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
        fmt::format("\n## What's next (today: {})\n\n{}\n", long_date(w.today), escape_markdown(w.where));
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
        "<section id=\"next\" class=\"next\" aria-labelledby=\"next-h\">\n<h2 id=\"next-h\">What's next "
        "<span class=\"asof\">(today: {})</span></h2>\n<p class=\"where\">{}</p>\n",
        long_date(w.today), escape_xml(w.where));
    for (const part& p : parts(w)) {
        out += fmt::format("<h3>{}</h3>\n<ul>\n", p.heading);
        for (const auto& l : p.lines) out += "<li>" + escape_xml(l) + "</li>\n";
        out += "</ul>\n";
    }
    return out + "</section>\n";
}

}  // namespace ttplan::detail
