// What happened during treatment: facts the planner puts in place of what it would plan.
// A treatment record keeps them with the revision they came in; the planner takes them as
// one value, treatment_facts.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// A date already known for a phase (or one cycle of it): an actual start date, or a delay
// in days added to its planned start. Downstream phases move with it; upstream ones stay.
struct actual_start {
    std::string phase;
    std::optional<std::int32_t> cycle;  // default: the phase's first cycle
    std::optional<day_point> start;     // the date it actually started
    std::int32_t delay_days = 0;        // or: how late it started

    friend bool operator==(const actual_start&, const actual_start&) = default;
};

// One planned treatment day of one activity: the keys that name an event in every plan of a
// protocol, whatever its dates ("induction:22:Vincristine", cycle 3 of maintenance).
struct event_key {
    std::string phase;
    std::optional<std::int32_t> cycle;  // required for a repeated phase, absent otherwise
    std::int32_t day = 1;               // the day number in the phase's numbering
    std::string activity;

    friend bool operator==(const event_key&, const event_key&) = default;
};

// "induction:22:Vincristine", "maintenance#3:1:Vincristine": phase[#cycle]:day:activity.
std::string to_string(const event_key& e);

// Reads that form; the activity is everything after the second colon, so it may hold colons.
// Throws value_error quoting the text and saying what is wrong with it.
event_key parse_event_key(std::string_view text);

// The event was given on another date than planned. What follows it ("after" activities) moves
// with it; nothing else does.
struct event_moved {
    event_key event;
    day_point date;
    friend bool operator==(const event_moved&, const event_moved&) = default;
};

// The event was held (omitted). Activities given "after" it are left out with it.
struct event_held {
    event_key event;
    friend bool operator==(const event_held&, const event_held&) = default;
};

// An event the protocol does not plan, given on a date within a phase occurrence (an extra
// lumbar puncture). Its day number is counted from the occurrence's first day.
struct event_added {
    std::string phase;
    std::optional<std::int32_t> cycle;  // as for event_key
    day_point date;
    std::string activity;
    ttplan::category category = ttplan::category::chemotherapy;
    std::string note;
    friend bool operator==(const event_added&, const event_added&) = default;
};

// Treatment of a phase occurrence paused for `days` days from a date: from that date on, its
// days come `days` later, it ends that much later, and what follows it moves with it.
struct phase_paused {
    std::string phase;
    std::optional<std::int32_t> cycle;  // as for event_key
    day_point from;
    std::int32_t days = 1;
    friend bool operator==(const phase_paused&, const phase_paused&) = default;
};

// Stopped early: the occurrence ends on `on`, and its later days are dropped. Given a cycle,
// that cycle ends and the next one follows the day after; without one, the phase ends there
// (no further cycles), whichever of its occurrences holds the date.
struct phase_stopped {
    std::string phase;
    std::optional<std::int32_t> cycle;
    day_point on;
    friend bool operator==(const phase_stopped&, const phase_stopped&) = default;
};

// A track (therapy across phases, such as a TKI) started or stopped on another date than its
// anchors give.
struct track_changed {
    enum class change : std::uint8_t { started, stopped };
    std::string track;  // the track's name
    change what = change::stopped;
    day_point date;
    friend bool operator==(const track_changed&, const track_changed&) = default;
};

// A clinical gate resolved: what the gated dependencies into `phase` waited for (blood counts
// recovering) happened on `date`. The phase starts on the later of that date and the day the
// dependency gives, and is no longer tentative on that account.
struct gate_resolved {
    std::string phase;  // the phase that waits at the gate
    day_point date;
    friend bool operator==(const gate_resolved&, const gate_resolved&) = default;
};

// Everything known so far, as the planner takes it. Each fact must name something the plan
// has with the planner's parameter values; planner::plan() throws planning_error naming the
// fact that does not.
struct treatment_facts {
    treatment_facts() = default;
    // Actual starts alone are facts too: a list of them converts, as plan(start, actuals) and
    // plan(start, {{"consolidation", std::nullopt, std::nullopt, 7}}) have always been written.
    treatment_facts(std::vector<actual_start> starts) : actuals(std::move(starts)) {}  // NOLINT: implicit on purpose
    treatment_facts(std::initializer_list<actual_start> starts) : actuals(starts) {}

    std::vector<actual_start> actuals;
    std::vector<event_moved> moved;
    std::vector<event_held> held;
    std::vector<event_added> added;
    std::vector<phase_paused> paused;
    std::vector<phase_stopped> stopped;
    std::vector<track_changed> tracks;
    std::vector<gate_resolved> gates;

    bool empty() const noexcept {
        return actuals.empty() && moved.empty() && held.empty() && added.empty() && paused.empty() &&
               stopped.empty() && tracks.empty() && gates.empty();
    }
    friend bool operator==(const treatment_facts&, const treatment_facts&) = default;
};

}  // namespace ttplan
