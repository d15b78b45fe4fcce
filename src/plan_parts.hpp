// What one run of the planner produces before it becomes a schedule, and how the runs with
// the shortest and longest uncertain lengths mark how far the plan's dates may move.
// Private to the planner (planner.cpp, plan_uncertain.cpp).
#pragma once

#include <ttplan/schedule.hpp>

#include <vector>

namespace ttplan::detail {

// A run's items, before they become a schedule.
struct plan_parts {
    std::vector<phase_occurrence> phases;
    std::vector<event> events;
    std::vector<span> spans;
    std::vector<decision> decisions;
};

// Uncertain lengths. A protocol with an active uncertain length is planned three times: with
// the expected lengths (`plan`), with every uncertain length at its shortest (`lo`) and at its
// longest (`hi`). Each item of the plan is matched with the same item of the other two runs
// (phase and cycle; and activity and day number, or first day, for events and spans; the
// parameter for a decision); where its dates differ, it carries the earliest and latest of
// them. An item whose start (or date) can move, or that one of the runs does not have (a day
// past the shortest length, a cycle a limit cuts), is tentative.
void carry_uncertainty(plan_parts& plan, const plan_parts& lo, const plan_parts& hi);

}  // namespace ttplan::detail
