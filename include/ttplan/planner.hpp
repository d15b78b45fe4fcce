// The planner: protocol + parameter values -> a reusable plan; plan + start date -> schedule.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/facts.hpp>
#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace TTPLAN_API ttplan {

struct profile {
    day_point start{};
    parameter_values values;  // unresolved: defaults are filled in by the planner
    treatment_facts facts;    // what happened so far (actual starts, held doses, ...)
    clinic_calendar calendar;
};

// Bounded work (docs/limits.md): one plan holds at most this many phase occurrences, events
// and spans, each counted alone. A plan that would hold more is a planning_error located at the
// phase or activity that passes the bound, raised as soon as it does, so a protocol that would
// plan millions of days of daily doses ends in an error instead of filling memory.
inline constexpr std::size_t max_plan_items = 1'000'000;

// A protocol bound to parameter values: the active phases and their topological order,
// computed once and reused for any number of start dates.
class planner {
public:
    // Checks the protocol (validation_error) and the values (parameter_error).
    planner(protocol p, const parameter_values& values);
    ~planner();
    planner(planner&&) noexcept;
    planner& operator=(planner&&) noexcept;

    const protocol& source() const noexcept;
    const parameter_values& values() const noexcept;
    // Active phase ids in the order they are planned.
    const std::vector<std::string>& order() const noexcept;

    // Throws planning_error for an unknown phase in actuals, a repeat with no applicable bound,
    // or a date past 9999-12-31. An error the protocol causes is located by the JSON pointer
    // of the element at fault, in the model's form as check() gives it ("/phases/3/repeat",
    // "/phases/3/repeat/until/0/from", "/tracks/1"); check_plans() (<ttplan/plan_check.hpp>)
    // finds these errors for every parameter combination ahead of time.
    // Facts (docs/semantics.md, "Facts of the treatment record"; a list of actual starts
    // converts): a fact that names a phase, cycle, event or track this plan does not have, or
    // a date outside what it applies to (a pause or a stop outside its occurrence, an added
    // event outside its phase occurrence), is a planning_error naming the fact.
    schedule plan(day_point start, const treatment_facts& facts = {}, const clinic_calendar& calendar = {}) const;
    // As plan(), for a start that is itself only the earliest possible date (a protocol that
    // follows a tentative phase): everything is tentative until an actual date clears it.
    schedule plan_tentative(day_point start, const treatment_facts& facts = {},
                            const clinic_calendar& calendar = {}) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// planner(p, pr.values).plan(pr.start, pr.facts, pr.calendar)
schedule make_schedule(const protocol& p, const profile& pr);

}  // namespace ttplan
