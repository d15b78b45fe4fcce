// check()'s rules for an activity's times within a day, kept apart from check.cpp so each file
// stays one concept.
#pragma once

#include <ttplan/model.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ttplan::detail {

// One phase's activities by name, built once per phase: an "after" reference is then found
// without scanning the phase, so checking a phase grows linearly with its activities.
class activity_names {
public:
    explicit activity_names(const phase& ph);
    // It points into the phase it indexes.
    activity_names(const activity_names&) = delete;
    activity_names& operator=(const activity_names&) = delete;

    bool has(std::string_view name) const { return by_name_.contains(name); }
    // Whether an activity of that name is continuous therapy.
    bool continuous(std::string_view name) const;
    // The names there are, in protocol order, the first 20 of a long phase, for a message.
    std::string listed() const;

private:
    struct entry {
        bool continuous = false;
    };
    std::unordered_map<std::string_view, entry> by_name_;
    std::vector<std::string_view> order_;
};

// per_day, every_hours and times must agree; "after" names another ordinary activity of the
// phase and replaces days and times. Problems are located under `at`, the activity's pointer.
void check_timing(const phase& ph, const activity_names& names, const activity& a, const std::string& at,
                  std::vector<problem>& problems);

// "after" references within phase `i` must not go round in a circle (a -> b -> a). Each group of
// activities caught in circles together is reported once, at its first activity, with the
// shortest circle through it and the others of the group.
void check_after_cycles(const phase& ph, std::size_t i, std::vector<problem>& problems);

}  // namespace ttplan::detail
