// check()'s rules for an activity's times within a day, kept apart from check.cpp so each file
// stays one concept.
#pragma once

#include <ttplan/model.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace ttplan::detail {

// per_day, every_hours and times must agree; "after" names another ordinary activity of the
// phase and replaces days and times. Problems are located under `at`, the activity's pointer.
void check_timing(const phase& ph, const activity& a, const std::string& at, std::vector<problem>& problems);

// "after" references within phase `i` must not go round in a circle (a -> b -> a); each circle
// is reported once, at its first activity.
void check_after_cycles(const phase& ph, std::size_t i, std::vector<problem>& problems);

}  // namespace ttplan::detail
