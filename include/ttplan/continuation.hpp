// Continuations: a plan that switches to another protocol ("relapse during maintenance on
// 2028-05-02, then blinatumomab, then a transplant").
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/schedule.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace TTPLAN_API ttplan {

// Where the plan so far stops and the next protocol starts.
struct switch_point {
    enum class kind : std::uint8_t {
        on_date,      // on `date`: everything from that day on is dropped
        after_phase,  // the day after the last occurrence of `phase` ends
        after_end,    // the day after the plan so far ends
    };

    kind at = kind::after_end;
    std::string phase;   // for after_phase: a phase id of the plan so far
    day_point date{};    // for on_date
    std::string reason;  // recorded in the segment; empty = a description of the switch

    static switch_point on(day_point d, std::string why = {}) {
        return {kind::on_date, {}, d, std::move(why)};
    }
    static switch_point after(std::string phase_id, std::string why = {}) {
        return {kind::after_phase, std::move(phase_id), {}, std::move(why)};
    }
    static switch_point at_end(std::string why = {}) { return {kind::after_end, {}, {}, std::move(why)}; }
};

// The day the next protocol starts. Throws planning_error for on_date before the plan's start
// and for an after_phase phase the plan does not have (the message lists the phases it has).
// For after_phase, a phase id used by several protocols of the plan means its latest occurrence.
day_point switch_date(const schedule& so_far, const switch_point& at);

// Cuts `so_far` at the switch date D, plans `next` from D and merges the two.
// Returns: a schedule with so_far's main protocol, parameters and start, and its segments plus
// one for `next` (start D, at.reason or a description of the switch). From so_far: everything
// dated before D; a phase occurrence or span running across D ends on D-1 and is marked cut;
// events on or after D, and segments starting on or after D (except the first), are dropped.
// From `next`: its whole plan, made with `actuals` and `cal`, its items in the new segment. Phase
// ids stay as they are; every phase occurrence, event and span knows its segment, so equal ids in
// two protocols (or a protocol that follows itself) stay apart. An item cut at D ends with
// ending_reason::switched.
// Remarks: when the switch date follows a tentative item (after_phase on a tentative phase,
// after_end of a tentative plan), the whole continuation is tentative until an actual date in
// `actuals` clears it. A switch on a date is a fact and is never tentative. A date after the
// end of the plan so far leaves a gap without treatment.
// Throws what switch_date() and planner::plan() throw.
schedule continue_with(const schedule& so_far, const switch_point& at, const planner& next,
                       const std::vector<actual_start>& actuals = {}, const clinic_calendar& cal = {});

}  // namespace ttplan
