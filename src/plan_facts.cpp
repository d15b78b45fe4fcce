// Facts as the planner meets them (plan_facts.hpp).
#include "plan_facts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ttplan::detail {

std::string cycle_words(const std::optional<std::int32_t>& cycle) {
    return cycle ? fmt::format(" cycle {}", *cycle) : std::string();
}
std::string fact_words(const phase_paused& f) {
    return fmt::format("pause of phase \"{}\"{} from {} for {} days", f.phase, cycle_words(f.cycle),
                       format_date(f.from), f.days);
}
std::string fact_words(const phase_stopped& f) {
    return fmt::format("stop of phase \"{}\"{} on {}", f.phase, cycle_words(f.cycle), format_date(f.on));
}
std::string fact_words(const gate_resolved& f) {
    return fmt::format("gate into phase \"{}\" resolved on {}", f.phase, format_date(f.date));
}
std::string fact_words(const event_moved& f) {
    return fmt::format("event {} given on {}", to_string(f.event), format_date(f.date));
}
std::string fact_words(const event_held& f) { return fmt::format("event {} held", to_string(f.event)); }
std::string fact_words(const event_added& f) {
    return fmt::format("event \"{}\" added to phase \"{}\"{} on {}", f.activity, f.phase, cycle_words(f.cycle),
                       format_date(f.date));
}
std::string fact_words(const track_changed& f) {
    return fmt::format("track \"{}\" {} on {}", f.track,
                       f.what == track_changed::change::started ? "started" : "stopped", format_date(f.date));
}

void trim_pauses(phase_occurrence& occ) {
    std::erase_if(occ.paused, [&](const date_window& w) { return w.earliest > occ.last; });
    for (auto& w : occ.paused) w.latest = std::min(w.latest, occ.last);
}

day_point date_of(const phase_occurrence& occ, std::int64_t d) {
    day_point u = occ.first + date::days{d - occ.first_day};
    for (const auto& w : occ.paused) {
        if (u >= w.earliest) u += (w.latest - w.earliest) + date::days{1};
    }
    return u;
}

std::int32_t day_number(const phase_occurrence& occ, day_point d) {
    std::int64_t n = (d - occ.first).count();
    for (const auto& w : occ.paused) {
        if (w.earliest > d) break;
        n -= (std::min(w.latest + date::days{1}, d) - w.earliest).count();
    }
    return static_cast<std::int32_t>(occ.first_day + n);
}

}  // namespace ttplan::detail
