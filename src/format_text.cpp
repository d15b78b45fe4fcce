// The readable agenda: one section per phase occurrence, its days grouped by week.
#include <ttplan/format.hpp>
#include <ttplan/version.hpp>

#include "plan_segments.hpp"

#include <fmt/format.h>

#include <map>

namespace ttplan {

namespace {

// "Mon 4 Jan 2027"
std::string long_date(day_point d) {
    const date::year_month_day ymd{d};
    return fmt::format("{} {} {} {}", date::format("%a", d), static_cast<unsigned>(ymd.day()),
                       date::format("%b", d), static_cast<int>(ymd.year()));
}

std::string occurrence_title(const detail::plan_segments& segs, const phase_occurrence& p) {
    std::string title = segs.phase_label(p);
    if (p.cycle) title += fmt::format(", cycle {}", *p.cycle);
    if (!p.variant.empty()) title += fmt::format(" ({})", p.variant);
    return title;
}

// "Vincristine (Chemotherapy)", but "Hospital stay" rather than "Hospital stay (Hospital stay)".
std::string labelled(const std::string& activity, category kind) {
    const std::string_view cat = display_name(kind);
    return activity == cat ? activity : fmt::format("{} ({})", activity, cat);
}

std::string parameters_text(const typed_values& values) {
    std::string params;
    for (const auto& [name, value] : values) {
        if (!params.empty()) params += ", ";
        params += name + "=" + value.text;
    }
    return params;
}

// "Then from Tue 2 May 2028 (relapse): Blinatumomab (blinatumomab, version 1), parameters ..."
std::string segment_line(const segment& seg) {
    std::string line = fmt::format("Then from {}", long_date(seg.start));
    if (!seg.reason.empty()) line += fmt::format(" ({})", seg.reason);
    const auto& p = seg.protocol;
    line += fmt::format(": {} ({}{})", p.title.empty() ? p.id : p.title, p.id,
                        p.version.empty() ? "" : ", version " + p.version);
    if (!seg.parameters.empty()) line += ", parameters " + parameters_text(seg.parameters);
    return line + "\n";
}

}  // namespace

std::string to_text(const schedule& s) {
    std::string out;
    const auto& info = s.protocol();
    out += fmt::format("{}\n", info.title);
    out += fmt::format("Protocol {} (version {})\n", info.id, info.version);
    if (!s.parameters().empty()) out += fmt::format("Parameters: {}\n", parameters_text(s.parameters()));
    const detail::plan_segments segs(s);
    for (std::size_t i = 1; i < s.segments().size(); ++i) out += segment_line(s.segments()[i]);
    out += fmt::format("From {} to {}: {} ({} days)\n", long_date(s.start()), long_date(s.end()),
                       describe_length(s.start(), s.end()), s.total_days());
    out += fmt::format("{}\n", disclaimer);

    bool any_tentative = false;
    for (const auto& p : s.phases()) any_tentative = any_tentative || p.tentative;
    if (any_tentative) {
        out +=
            "Dates marked (tentative) depend on recovery (for example of blood counts) and may move later.\n";
    }

    bool any_track = false;
    for (const auto& t : s.spans()) {
        if (!t.phase.empty()) continue;
        if (!any_track) out += "\nAcross phases\n";
        any_track = true;
        const std::size_t seg = segs.of(t);
        const std::string whose = seg > 0 ? " [" + segs.at(seg).protocol.id + "]" : std::string();
        out +=
            fmt::format("  {}{}: {} to {} ({}){}{}\n", t.activity, whose, long_date(t.first),
                        long_date(t.last), describe_length(t.first, t.last),
                        t.ended_early() ? ", " + segs.cut_words(t) : "", t.tentative ? " (tentative)" : "");
    }

    // Events by occurrence, then by date; a protocol's `induction` never collects another's.
    std::map<detail::occurrence_key, std::map<day_point, std::vector<const event*>>> events_of;
    for (const auto& e : s.events()) events_of[segs.key(e)][e.date].push_back(&e);
    // Spans by occurrence too: a plan can have thousands of occurrences and spans.
    std::map<detail::occurrence_key, std::vector<const span*>> spans_of;
    for (const auto& t : s.spans()) {
        if (!t.phase.empty()) spans_of[segs.key(t)].push_back(&t);
    }

    std::size_t shown_segment = 0;
    for (const auto& p : s.phases()) {
        const auto key = segs.key(p);
        if (key.segment != shown_segment) {
            shown_segment = key.segment;
            const segment& seg = segs.at(key.segment);
            out += fmt::format("\n== From {}: {} ==\n", long_date(seg.start), segs.protocol_words(seg));
        }
        out +=
            fmt::format("\n{}: {} to {} ({}){}{}\n", occurrence_title(segs, p), long_date(p.first),
                        long_date(p.last), describe_length(p.first, p.last),
                        p.ended_early() ? ", " + segs.cut_words(p) : "", p.tentative ? " (tentative)" : "");
        for (const span* sp : spans_of[key]) {
            const span& t = *sp;
            const std::string days = t.first_day == t.last_day
                                         ? fmt::format("Day {}", t.first_day)
                                         : fmt::format("Days {} to {}", t.first_day, t.last_day);
            out += fmt::format("  {}: {}, {} to {}\n", labelled(t.activity, t.kind), days, long_date(t.first),
                               long_date(t.last));
        }
        // A new block every Monday.
        const auto& by_date = events_of[key];
        date::sys_days week{};
        bool first_week = true;
        for (const auto& [d, events] : by_date) {
            const auto monday = d - (date::weekday{d} - date::Monday);
            if (first_week || monday != week) {
                out += fmt::format("  Week of {}\n", long_date(monday));
                week = monday;
                first_week = false;
            }
            std::string line;
            for (const event* e : events) {
                if (!line.empty()) line += "; ";
                line += labelled(e->activity, e->kind);
                if (e->planned_date) line += fmt::format(" [moved from {}]", long_date(*e->planned_date));
            }
            out += fmt::format("    {:<15}  Day {:<4} {}\n", long_date(d), events.front()->day, line);
        }
    }
    return out;
}

}  // namespace ttplan
