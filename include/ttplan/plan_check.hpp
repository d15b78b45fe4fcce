// Checking a protocol by planning it: the problems check() cannot see because they depend on
// the parameter values (a repeat that no "until" rule bounds for one choice, an anchor on a
// phase that one branch plans later, a track that ends before it starts, dates past 9999).
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <cstddef>
#include <vector>

namespace TTPLAN_API ttplan {

// The start date of every plan check_plans() makes: far from both ends of the calendar, so
// a protocol that cannot be planned from a start in this era is found.
inline constexpr day_point plan_check_start = date::sys_days{date::year{2000} / date::January / 1};

// The most parameter combinations check_plans() plans one by one.
inline constexpr std::size_t plan_check_max_combinations = 4096;

// Bounded work (docs/limits.md): the most check_plans() plans in all, counting for each
// combination the protocol's phases and activities (each plan checks them) and the plan's
// phase occurrences, events and spans. Past it, the combinations left are not planned.
inline constexpr std::size_t plan_check_max_items = 20'000'000;

// Plans `p` from plan_check_start for every combination of the representative values of the
// parameters its conditions name (a bool: true and false; a choice: each choice; an integer:
// its minimum, maximum and default, every value a condition names, and one value in range no
// condition names). Parameters act only through conditions, so these combinations show every
// way the protocol can behave; parameters no condition names keep their defaults.
//
// Returns: every problem those plans meet, each once, located by JSON pointer in the model's
// form (as check() locates its problems), its message ending in the parameter values that
// trigger it ("(with arm=short)"; what the combinations share, or a few of them and how many
// more). Empty when every combination plans. When check(p) finds problems, returns those:
// only a valid protocol can be planned.
//
// Remarks: with more than plan_check_max_combinations combinations, plans the defaults and
// each parameter's values one at a time (the others at their defaults) instead, and says so in
// a problem at "/parameters" naming the count and the bound. When the plans made so far hold
// more than `max_items`, the rest are not planned, and a problem at "/parameters" says
// how many were. A plan stops at its first problem, so a second problem of the same combination
// shows once the first is fixed.
// `max_items` lowers the bound for a caller with less time (a form that checks as one types).
std::vector<problem> check_plans(const protocol& p, std::size_t max_items = plan_check_max_items);

}  // namespace ttplan
