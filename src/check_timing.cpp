// check()'s rules for the times within a day of an activity (check.cpp calls them).
#include "check_timing.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace ttplan::detail {

namespace {

constexpr std::int64_t max_duration_days = 366;
constexpr std::int32_t max_after_hours = 24 * 366;
// Names listed in a message about a long phase.
constexpr std::size_t shown_names = 20;

}  // namespace

activity_names::activity_names(const phase& ph) {
    by_name_.reserve(ph.activities.size());
    for (const activity& a : ph.activities) {
        const auto [it, added] = by_name_.try_emplace(a.name);
        if (added) order_.push_back(a.name);
        it->second.continuous = it->second.continuous || a.continuous;
    }
}

bool activity_names::continuous(std::string_view name) const {
    const auto it = by_name_.find(name);
    return it != by_name_.end() && it->second.continuous;
}

std::string activity_names::listed() const {
    if (order_.size() <= shown_names) return fmt::format("{}", fmt::join(order_, ", "));
    return fmt::format("{}, and {} more", fmt::join(order_.begin(), order_.begin() + shown_names, ", "),
                       order_.size() - shown_names);
}

// per_day, every_hours and times must agree; "after" names another ordinary activity of the
// phase and replaces days and times.
void check_timing(const phase& ph, const activity_names& names, const activity& a, const std::string& at,
                  std::vector<problem>& problems) {
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
    if (!names.has(r.activity)) {
        fail(at + "/after/activity",
             fmt::format("unknown activity \"{}\" in phase \"{}\" (activities: {})", r.activity, ph.id, names.listed()));
    } else if (r.activity == a.name) {
        fail(at + "/after/activity", fmt::format("activity \"{}\" cannot follow itself", a.name));
    } else if (names.continuous(r.activity)) {
        fail(at + "/after/activity",
             fmt::format("\"{}\" is continuous therapy (spans, not events): nothing to follow", r.activity));
    }
}

namespace {

// The graph of "after" references between the names of one phase: node n follows the nodes
// in follows[n].
struct follow_graph {
    std::vector<std::string_view> name;
    std::vector<std::vector<std::size_t>> follows;
    std::unordered_map<std::string_view, std::size_t> node;

    explicit follow_graph(const phase& ph) {
        for (const activity& a : ph.activities) {
            if (node.try_emplace(a.name, name.size()).second) name.push_back(a.name);
        }
        follows.resize(name.size());
        for (const activity& a : ph.activities) {
            if (!a.timing.after || a.timing.after->activity == a.name) continue;
            const auto to = node.find(a.timing.after->activity);
            if (to != node.end()) follows[node.at(a.name)].push_back(to->second);
        }
        for (auto& list : follows) {
            std::sort(list.begin(), list.end(), [&](std::size_t x, std::size_t y) { return name[x] < name[y]; });
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
    }
};

// Tarjan's strongly connected components, without recursion (a chain of a hundred thousand
// activities is a valid phase): component[n] for every node, and the size of each component.
struct components {
    std::vector<std::size_t> of;
    std::vector<std::size_t> size;
};

components strongly_connected(const follow_graph& g) {
    constexpr std::size_t unvisited = static_cast<std::size_t>(-1);
    const std::size_t n = g.name.size();
    components out{std::vector<std::size_t>(n, unvisited), {}};
    std::vector<std::size_t> index(n, unvisited);
    std::vector<std::size_t> low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::pair<std::size_t, std::size_t>> calls;  // node, next edge to look at
    std::size_t counter = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root] != unvisited) continue;
        calls.emplace_back(root, 0);
        while (!calls.empty()) {
            auto& [v, edge] = calls.back();
            if (edge == 0 && index[v] == unvisited) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
                on_stack[v] = true;
            }
            if (edge < g.follows[v].size()) {
                const std::size_t w = g.follows[v][edge++];
                if (index[w] == unvisited) {
                    calls.emplace_back(w, 0);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            const std::size_t done = v;
            calls.pop_back();
            if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
            if (low[done] != index[done]) continue;
            const std::size_t c = out.size.size();
            out.size.push_back(0);
            for (std::size_t w = unvisited; w != done;) {
                w = stack.back();
                stack.pop_back();
                on_stack[w] = false;
                out.of[w] = c;
                ++out.size[c];
            }
        }
    }
    return out;
}

// The shortest circle from `start` back to it, within its component: start, what it follows,
// ..., the last before start again.
std::vector<std::size_t> shortest_circle(const follow_graph& g, const components& c, std::size_t start) {
    std::unordered_map<std::size_t, std::size_t> came_from;
    std::vector<std::size_t> queue{start};
    for (std::size_t q = 0; q < queue.size(); ++q) {
        for (const std::size_t next : g.follows[queue[q]]) {
            if (c.of[next] != c.of[start]) continue;
            if (next == start) {
                std::vector<std::size_t> path;
                for (std::size_t n = queue[q]; n != start; n = came_from.at(n)) path.push_back(n);
                path.push_back(start);
                std::reverse(path.begin(), path.end());
                return path;
            }
            if (came_from.try_emplace(next, queue[q]).second) queue.push_back(next);
        }
    }
    return {start};  // not reached: a component of two or more nodes has a circle through each
}

}  // namespace

// "after" references within each phase must not go round in a circle (a -> b -> a). The names
// caught in circles are the components of two or more names; each is reported once, at its
// first activity, in time and memory linear in the phase.
void check_after_cycles(const phase& ph, std::size_t i, std::vector<problem>& problems) {
    const follow_graph g(ph);
    const components c = strongly_connected(g);
    std::vector<bool> reported(c.size.size(), false);
    for (std::size_t k = 0; k < ph.activities.size(); ++k) {
        const activity& a = ph.activities[k];
        if (!a.timing.after || a.timing.after->activity == a.name) continue;
        const std::size_t v = g.node.at(a.name);
        const std::size_t comp = c.of[v];
        if (c.size[comp] < 2 || reported[comp]) continue;
        reported[comp] = true;
        const std::vector<std::size_t> circle = shortest_circle(g, c, v);
        std::string text;
        for (const std::size_t n : circle) text += fmt::format("{} -> ", g.name[n]);
        text += a.name;
        if (circle.size() < c.size[comp]) {
            std::vector<std::string_view> others;
            std::vector<bool> on_circle(g.name.size(), false);
            for (const std::size_t n : circle) on_circle[n] = true;
            for (std::size_t n = 0; n < g.name.size() && others.size() <= shown_names; ++n) {
                if (c.of[n] == comp && !on_circle[n]) others.push_back(g.name[n]);
            }
            const std::size_t more = c.size[comp] - circle.size();
            text += fmt::format("; {} more in circles with them: {}", more,
                                fmt::join(others.begin(), others.begin() + std::min(others.size(), shown_names), ", "));
            if (more > shown_names) text += ", ...";
        }
        problem found;
        found.where.pointer = fmt::format("/phases/{}/activities/{}/after/activity", i, k);
        found.message = "\"after\" references form a cycle: " + text;
        problems.push_back(std::move(found));
    }
}

}  // namespace ttplan::detail
