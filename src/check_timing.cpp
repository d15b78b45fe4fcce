// check()'s rules for the times within a day of an activity (check.cpp calls them).
#include "check_timing.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace ttplan::detail {

namespace {

constexpr std::int64_t max_duration_days = 366;
constexpr std::int32_t max_after_hours = 24 * 366;

}  // namespace

// per_day, every_hours and times must agree; "after" names another ordinary activity of the
// phase and replaces days and times.
void check_timing(const phase& ph, const activity& a, const std::string& at, std::vector<problem>& problems) {
    const auto fail = [&](std::string pointer, std::string message) {
        problems.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    };
    const timing& t = a.timing;
    if (t.per_day && (*t.per_day < 1 || *t.per_day > 24)) {
        fail(at + "/per_day", fmt::format("{} doses a day: must be from 1 to 24", *t.per_day));
    }
    std::optional<std::int32_t> from_hours;  // doses a day that every_hours gives
    if (t.every_hours) {
        const std::int32_t n = *t.every_hours;
        if (n < 1 || n > 24 || 24 % n != 0) {
            fail(
                at + "/every_hours",
                fmt::format("every {} hours: must divide the 24 hours of a day (1, 2, 3, 4, 6, 8, 12 or 24), "
                            "so that every day has the same doses; a longer interval is a day pattern",
                            n));
        } else {
            from_hours = 24 / n;
            if (t.per_day && *t.per_day != *from_hours) {
                fail(at + "/per_day",
                     fmt::format("{} doses a day, but every {} hours gives {}", *t.per_day, n, *from_hours));
            }
        }
    }
    for (std::size_t k = 1; k < t.times.size(); ++k) {
        if (t.times[k] <= t.times[k - 1]) {
            fail(fmt::format("{}/times/{}", at, k),
                 fmt::format("clock times must be ascending and distinct: {} follows {}",
                             t.times[k].to_string(), t.times[k - 1].to_string()));
        }
    }
    const auto count = static_cast<std::int32_t>(t.times.size());
    if (!t.times.empty() && t.per_day && *t.per_day != count) {
        fail(at + "/times",
             fmt::format("{} clock time(s), but per_day says {} doses a day", count, *t.per_day));
    }
    if (!t.times.empty() && from_hours) {
        if (count != *from_hours) {
            fail(at + "/times", fmt::format("{} clock time(s), but every {} hours gives {} doses a day",
                                            count, *t.every_hours, *from_hours));
        } else {
            const std::int64_t gap = std::int64_t{*t.every_hours} * 60;
            for (std::size_t k = 1; k < t.times.size(); ++k) {
                if ((t.times[k].since_midnight() - t.times[k - 1].since_midnight()).count() != gap) {
                    fail(fmt::format("{}/times/{}", at, k),
                         fmt::format("{} is not {} hours after {}", t.times[k].to_string(), *t.every_hours,
                                     t.times[k - 1].to_string()));
                }
            }
        }
    }
    if (t.duration && (t.duration->count() <= 0 || t.duration->count() > max_duration_days * 24 * 60)) {
        fail(at + "/duration", fmt::format("duration {} must be more than 0 and at most {}d",
                                           format_duration(*t.duration), max_duration_days));
    }
    if (!t.after) return;
    const after_rule& r = *t.after;
    if (!a.days.empty()) {
        fail(at + "/days", "an activity given \"after\" another takes its days from it; leave out \"days\"");
    }
    for (const char* key : {"continuous", "weekdays_only", "at_most"}) {
        const bool set = (key[0] == 'c' && a.continuous) || (key[0] == 'w' && a.weekdays_only) ||
                         (key[0] == 'a' && a.at_most);
        if (set) {
            fail(fmt::format("{}/{}", at, key),
                 fmt::format("\"{}\" does not go with \"after\": the activity follows each event of \"{}\"",
                             key, r.activity));
        }
    }
    if (t.per_day || t.every_hours || !t.times.empty()) {
        fail(at + "/after",
             "an activity given \"after\" another takes its time from it; leave out per_day, "
             "every_hours and times");
    }
    if (r.hours < 0 || r.hours > max_after_hours) {
        fail(at + "/after/hours",
             fmt::format("{} hours after: must be from 0 to {}", r.hours, max_after_hours));
    }
    const activity* target = nullptr;
    std::vector<std::string> names;
    for (const activity& other : ph.activities) {
        if (std::find(names.begin(), names.end(), other.name) == names.end()) names.push_back(other.name);
        if (other.name == r.activity && target == nullptr) target = &other;
    }
    if (target == nullptr) {
        fail(at + "/after/activity", fmt::format("unknown activity \"{}\" in phase \"{}\" (activities: {})",
                                                 r.activity, ph.id, fmt::join(names, ", ")));
    } else if (r.activity == a.name) {
        fail(at + "/after/activity", fmt::format("activity \"{}\" cannot follow itself", a.name));
    } else {
        for (const activity& other : ph.activities) {
            if (other.name == r.activity && other.continuous) {
                fail(at + "/after/activity",
                     fmt::format("\"{}\" is continuous therapy (spans, not events): nothing to follow",
                                 r.activity));
                break;
            }
        }
    }
}

// "after" references within each phase must not go round in a circle (a -> b -> a); each
// circle is reported once, at its first activity.
void check_after_cycles(const phase& ph, std::size_t i, std::vector<problem>& problems) {
    const auto fail = [&](std::string pointer, std::string message) {
        problems.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    };
    std::map<std::string, std::set<std::string>, std::less<>> follows;  // name -> names it follows
    for (const activity& a : ph.activities) {
        if (a.timing.after && a.timing.after->activity != a.name)
            follows[a.name].insert(a.timing.after->activity);
    }
    std::set<std::string, std::less<>> reported;
    for (std::size_t k = 0; k < ph.activities.size(); ++k) {
        const activity& a = ph.activities[k];
        if (!a.timing.after || a.timing.after->activity == a.name || reported.count(a.name)) continue;
        // Breadth first from what `a` follows, back to `a`.
        std::map<std::string, std::string, std::less<>> came_from;
        std::vector<std::string> queue{a.timing.after->activity};
        came_from[a.timing.after->activity] = a.name;
        bool closed = false;
        for (std::size_t q = 0; q < queue.size() && !closed; ++q) {
            const auto it = follows.find(queue[q]);
            if (it == follows.end()) continue;
            for (const std::string& next : it->second) {
                if (next == a.name) {
                    came_from[a.name] = queue[q];
                    closed = true;
                    break;
                }
                if (came_from.emplace(next, queue[q]).second) queue.push_back(next);
            }
        }
        if (!closed) continue;
        std::vector<std::string> path{a.name};
        for (std::string n = came_from[a.name]; n != a.name; n = came_from[n]) path.push_back(n);
        std::reverse(path.begin() + 1, path.end());
        std::string text;
        for (const std::string& n : path) {
            text += n + " -> ";
            reported.insert(n);
        }
        text += a.name;
        fail(fmt::format("/phases/{}/activities/{}/after/activity", i, k),
             "\"after\" references form a cycle: " + text);
    }
}

}  // namespace ttplan::detail
