// The readable agenda: one section per phase occurrence, its days grouped by week.
#include <ttplan/format.hpp>
#include <ttplan/version.hpp>

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

std::string occurrence_title(const phase_occurrence& p) {
    std::string title = p.name;
    if (p.cycle) title += fmt::format(", cycle {}", *p.cycle);
    if (!p.variant.empty()) title += fmt::format(" ({})", p.variant);
    return title;
}

// "Vincristine (Chemotherapy)", but "Hospital stay" rather than "Hospital stay (Hospital stay)".
std::string labelled(const std::string& activity, category kind) {
    const std::string_view cat = display_name(kind);
    return activity == cat ? activity : fmt::format("{} ({})", activity, cat);
}

bool same_occurrence(const phase_occurrence& p, const std::string& phase,
                     const std::optional<std::int32_t>& cycle) {
    return p.phase == phase && p.cycle == cycle;
}

}  // namespace

std::string to_text(const schedule& s) {
    std::string out;
    const auto& info = s.protocol();
    out += fmt::format("{}\n", info.title);
    out += fmt::format("Protocol {} (version {})\n", info.id, info.version);
    if (!s.parameters().empty()) {
        std::string params;
        for (const auto& [name, value] : s.parameters()) {
            if (!params.empty()) params += ", ";
            params += name + "=" + value;
        }
        out += fmt::format("Parameters: {}\n", params);
    }
    out += fmt::format("From {} to {}: {} ({} days)\n", long_date(s.start()), long_date(s.end()),
                       describe_length(s.start(), s.end()), s.total_days());
    out += fmt::format("{}\n", disclaimer);

    bool any_tentative = false;
    for (const auto& p : s.phases()) any_tentative = any_tentative || p.tentative;
    if (any_tentative) {
        out += "Dates marked (tentative) depend on recovery (for example of blood counts) and may move later.\n";
    }

    bool any_track = false;
    for (const auto& t : s.spans()) {
        if (!t.phase.empty()) continue;
        if (!any_track) out += "\nAcross phases\n";
        any_track = true;
        out += fmt::format("  {}: {} to {} ({}){}\n", t.activity, long_date(t.first), long_date(t.last),
                           describe_length(t.first, t.last), t.tentative ? " (tentative)" : "");
    }

    for (const auto& p : s.phases()) {
        out += fmt::format("\n{}: {} to {} ({}){}{}\n", occurrence_title(p), long_date(p.first),
                           long_date(p.last), describe_length(p.first, p.last),
                           p.cut ? ", cut at the end of treatment" : "",
                           p.tentative ? " (tentative)" : "");
        for (const auto& t : s.spans()) {
            if (!same_occurrence(p, t.phase, t.cycle)) continue;
            const std::string days = t.first_day == t.last_day
                                         ? fmt::format("Day {}", t.first_day)
                                         : fmt::format("Days {} to {}", t.first_day, t.last_day);
            out += fmt::format("  {}: {}, {} to {}\n", labelled(t.activity, t.kind), days,
                               long_date(t.first), long_date(t.last));
        }
        // Events of this occurrence, by date; a new block every Monday.
        std::map<day_point, std::vector<const event*>> by_date;
        for (const auto& e : s.events()) {
            if (same_occurrence(p, e.phase, e.cycle)) by_date[e.date].push_back(&e);
        }
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
            out += fmt::format("    {}  Day {:<4} {}\n", long_date(d), events.front()->day, line);
        }
    }
    return out;
}

}  // namespace ttplan
