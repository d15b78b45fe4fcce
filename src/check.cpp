#include <ttplan/model.hpp>

#include "json_pointer.hpp"
#include "parameter_space.hpp"
#include "phase_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace ttplan {

namespace {

// Bounds that catch typing mistakes ("290d", "20y") without second-guessing protocols.
constexpr double max_phase_days = 10 * 365.25;
constexpr double max_until_days = 20 * 365.25;
constexpr std::int32_t max_repeat_count = 1000;
// A phase may start at any day number a day pattern can hold (model.cpp): Protocol IB is
// Days 36-64 of Protocol I, a conditioning phase runs from Day -7.
constexpr std::int32_t max_first_day_magnitude = 1'000'000;
// The last day an anchor or a start-to-start dependency may name: Day 3653 (ten years, the
// longest phase, in Day-1 numbering), or as far past a later first day.
constexpr std::int32_t max_day_number = 3653;
constexpr std::int32_t max_window_days = 366;

// The last day number an anchor or a start-to-start dependency may name in a phase.
std::int64_t last_day_number(const phase& ph) {
    return std::int64_t{std::max(ph.first_day, 1)} + max_day_number - 1;
}
constexpr std::int64_t max_duration_days = 366;
constexpr std::int32_t max_after_hours = 24 * 366;

bool is_id(std::string_view id) {
    const auto ok = [](char c, bool first) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '_' || c == '-'));
    };
    if (id.empty() || !ok(id.front(), true)) return false;
    return std::all_of(id.begin() + 1, id.end(), [&](char c) { return ok(c, false); });
}

bool is_parameter_name(std::string_view name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

// The first and last day of a pattern, without listing every day of a long range.
std::optional<std::pair<std::int64_t, std::int64_t>> bounds(const day_pattern& pattern) {
    std::optional<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& part : pattern.parts) {
        if (part.last < part.first || part.step < 1) continue;
        const std::int64_t last = part.last - (std::int64_t{part.last} - part.first) % part.step;
        if (!out) {
            out.emplace(part.first, last);
        } else {
            out->first = std::min<std::int64_t>(out->first, part.first);
            out->second = std::max(out->second, last);
        }
    }
    return out;
}

// The number of days a phase of this length always has, when that is fixed.
std::optional<std::int64_t> fixed_days(length len) {
    switch (len.units) {
        case length::unit::days:
            return len.count;
        case length::unit::weeks:
            return std::int64_t{7} * len.count;
        default:
            return std::nullopt;
    }
}

class checker {
public:
    explicit checker(const protocol& p) : p_(p) {
        for (const phase& ph : p.phases) phase_ids_.push_back(ph.id);
    }

    std::vector<problem> run() {
        if (p_.id.empty()) {
            fail("/id", "protocol id is empty");
        } else if (!is_id(p_.id)) {
            fail("/id", id_message("protocol id", p_.id));
        }
        if (p_.title.empty()) fail("/title", "title is empty");
        parameters();
        if (p_.phases.empty()) fail("/phases", "the protocol has no phases");
        for (std::size_t i = 0; i < p_.phases.size(); ++i) phase_at(i);
        for (std::size_t i = 0; i < p_.dependencies.size(); ++i) dependency_at(i);
        cycle();
        for (std::size_t i = 0; i < p_.tracks.size(); ++i) track_at(i);
        return std::move(problems_);
    }

private:
    void fail(std::string pointer, std::string message) {
        problems_.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    }

    static std::string id_message(std::string_view what, std::string_view id) {
        return fmt::format(
            "{} \"{}\" must start with a-z or 0-9 and contain only a-z, 0-9, "
            "'_' and '-'",
            what, id);
    }

    void parameters() {
        std::set<std::string, std::less<>> seen;
        for (std::size_t i = 0; i < p_.parameters.size(); ++i) {
            const parameter& param = p_.parameters[i];
            const std::string at = fmt::format("/parameters/{}", i);
            if (!is_parameter_name(param.name)) {
                fail(at + "/name", fmt::format("parameter name \"{}\" must start with a-z and "
                                               "contain only a-z, 0-9 and '_'",
                                               param.name));
            } else if (!seen.insert(param.name).second) {
                fail(at + "/name", fmt::format("duplicate parameter name \"{}\"", param.name));
            }
            parameter_values(param, at);
            if (param.decided) decision_at(param, at + "/decided");
        }
    }

    void decision_at(const parameter& param, const std::string& at) {
        if (param.type == parameter_type::integer) {
            fail(at, fmt::format("parameter \"{}\" is an integer; only bool and choice parameters can be "
                                 "decided during treatment, where the plan can follow each option",
                                 param.name));
        }
        if (param.decided->at.phase.empty()) {
            fail(at + "/at/phase", "a decision during treatment needs the phase it is taken in");
        } else {
            anchor_at(param.decided->at, at + "/at");
        }
        if (param.decided->decided_by.empty()) {
            fail(at + "/by", "say what decides it (\"bone-marrow MRD on induction Day 29\")");
        }
    }

    void parameter_values(const parameter& param, const std::string& at) {
        using kind = parameter_type;
        if (param.type != kind::choice && !param.choices.empty()) {
            fail(at + "/choices", "only choice parameters have choices");
        }
        if (param.type != kind::integer && (param.minimum != 0 || param.maximum != 0)) {
            fail(at + "/minimum", "only integer parameters have a minimum and maximum");
        }
        if (param.type == kind::choice) {
            if (param.choices.empty()) fail(at + "/choices", "a choice parameter needs choices");
            std::set<std::string, std::less<>> seen;
            for (std::size_t k = 0; k < param.choices.size(); ++k) {
                const std::string& c = param.choices[k];
                if (c.empty()) fail(fmt::format("{}/choices/{}", at, k), "choice name is empty");
                if (!seen.insert(c).second) {
                    fail(fmt::format("{}/choices/{}", at, k), fmt::format("duplicate choice \"{}\"", c));
                }
            }
        }
        if (param.type == kind::integer && param.minimum > param.maximum) {
            fail(at + "/maximum",
                 fmt::format("maximum {} is below minimum {}", param.maximum, param.minimum));
        }
        if (auto why = value_problem(param, param.default_value)) fail(at + "/default", "default " + *why);
    }

    // Why `value` is not a value of `param`, or nullopt when it is.
    static std::optional<std::string> value_problem(const parameter& param, const std::string& value) {
        switch (param.type) {
            case parameter_type::boolean:
                if (value == "true" || value == "false") return std::nullopt;
                return fmt::format("\"{}\" is not true or false", value);
            case parameter_type::choice:
                if (std::find(param.choices.begin(), param.choices.end(), value) != param.choices.end()) {
                    return std::nullopt;
                }
                return fmt::format("\"{}\" is not one of the choices of \"{}\" ({})", value, param.name,
                                   quoted_list(param.choices));
            case parameter_type::integer: {
                const auto n = detail::canonical_integer(value);
                if (n && *n >= param.minimum && *n <= param.maximum) return std::nullopt;
                return fmt::format("\"{}\" is not an integer from {} to {}", value, param.minimum,
                                   param.maximum);
            }
        }
        return std::nullopt;
    }

    void condition_at(const condition& c, const std::string& at) {
        for (const auto& [name, values] : c.all_of) {
            const std::string here = fmt::format("{}/{}", at, detail::pointer_token(name));
            const parameter* param = p_.find_parameter(name);
            if (param == nullptr) {
                std::vector<std::string> names;
                for (const parameter& q : p_.parameters) names.push_back(q.name);
                fail(here,
                     names.empty()
                         ? fmt::format("unknown parameter \"{}\" (the protocol declares none)", name)
                         : fmt::format("unknown parameter \"{}\" (declared: {})", name, quoted_list(names)));
                continue;
            }
            if (values.empty()) fail(here, "lists no values");
            for (std::size_t k = 0; k < values.size(); ++k) {
                if (auto why = value_problem(*param, values[k])) {
                    fail(fmt::format("{}/{}", here, k), "value " + *why);
                }
            }
        }
    }

    void length_at(length len, double max_days, std::string_view limit, const std::string& at) {
        if (len.count <= 0) {
            fail(at, fmt::format("length must be positive (found {})", len.to_string()));
        } else if (len.approx_days() > max_days) {
            fail(at, fmt::format("length {} is longer than {}", len.to_string(), limit));
        }
    }

    void anchor_at(const anchor& a, const std::string& at) {
        if (a.phase.empty()) {
            if (a.at != anchor::edge::start || a.cycle) {
                fail(at,
                     "an anchor without \"phase\" is the plan start; \"day\", \"at\": \"end\" "
                     "and \"cycle\" need a phase");
            }
            return;
        }
        const phase* ph = p_.find_phase(a.phase);
        if (ph == nullptr) {
            fail(at + "/phase", unknown_phase(a.phase));
            return;
        }
        if (a.at == anchor::edge::day && (a.day < ph->first_day || a.day > last_day_number(*ph))) {
            fail(at + "/day", fmt::format("day {} is outside phase \"{}\" (days start at {})", a.day, ph->id,
                                          ph->first_day));
        }
        if (a.cycle && *a.cycle < 1) fail(at + "/cycle", "cycle numbers start at 1");
        if (a.cycle && *a.cycle > 1 && !ph->repeat) {
            fail(at + "/cycle", fmt::format("phase \"{}\" does not repeat", ph->id));
        }
    }

    std::string unknown_phase(std::string_view id) const {
        return fmt::format("unknown phase \"{}\" (phases: {})", id, quoted_list(phase_ids_));
    }

    void phase_at(std::size_t i) {
        const phase& ph = p_.phases[i];
        const std::string at = fmt::format("/phases/{}", i);
        if (ph.id.empty()) {
            fail(at + "/id", "phase id is empty");
        } else if (!is_id(ph.id)) {
            fail(at + "/id", id_message("phase id", ph.id));
        } else if (!seen_phase_ids_.insert(ph.id).second) {
            fail(at + "/id", fmt::format("duplicate phase id \"{}\"", ph.id));
        }
        if (ph.name.empty()) fail(at + "/name", "phase name is empty");
        if (ph.range) {
            range_at(ph, at + "/length");
        } else {
            length_at(ph.duration, max_phase_days, "10 years", at + "/length");
        }
        if (ph.first_day > max_first_day_magnitude || ph.first_day < -max_first_day_magnitude) {
            fail(at + "/first_day",
                 fmt::format("first day must be from {} to {} (found {})", -max_first_day_magnitude,
                             max_first_day_magnitude, ph.first_day));
        }
        condition_at(ph.when, at + "/when");
        if (ph.repeat) repeat_at(*ph.repeat, at + "/repeat");
        if (ph.activities.empty()) fail(at + "/activities", "phase has no activities");
        for (std::size_t k = 0; k < ph.activities.size(); ++k) {
            activity_at(ph, ph.activities[k], fmt::format("{}/activities/{}", at, k));
        }
        after_cycles(i);
    }

    // "2-6 weeks, usually 4": each length positive and bounded, shortest <= expected <= longest
    // (compared by their size in days, months at 30.4375), and shortest below longest.
    void range_at(const phase& ph, const std::string& at) {
        const length_range& r = *ph.range;
        const std::size_t before = problems_.size();
        length_at(r.shortest, max_phase_days, "10 years", at + "/shortest");
        length_at(ph.duration, max_phase_days, "10 years", at + "/expected");
        length_at(r.longest, max_phase_days, "10 years", at + "/longest");
        if (problems_.size() != before) return;
        if (r.shortest.approx_days() >= r.longest.approx_days()) {
            fail(at + "/longest", fmt::format("the longest length {} must be longer than the shortest, {}",
                                              r.longest.to_string(), r.shortest.to_string()));
        } else if (ph.duration.approx_days() < r.shortest.approx_days() ||
                   ph.duration.approx_days() > r.longest.approx_days()) {
            fail(at + "/expected",
                 fmt::format("the expected length {} must lie from {} to {}", ph.duration.to_string(),
                             r.shortest.to_string(), r.longest.to_string()));
        }
    }

    void repeat_at(const repeat_rule& r, const std::string& at) {
        if (!r.count && r.until.empty()) {
            fail(at, "repeat has no bound: give a \"count\" or an \"until\" limit");
        }
        if (r.count && (*r.count < 1 || *r.count > max_repeat_count)) {
            fail(at + "/count",
                 fmt::format("repeat count must be from 1 to {} (found {})", max_repeat_count, *r.count));
        }
        for (std::size_t k = 0; k < r.until.size(); ++k) {
            const std::string here = fmt::format("{}/until/{}", at, k);
            length_at(r.until[k].limit, max_until_days, "20 years", here + "/length");
            anchor_at(r.until[k].from, here + "/from");
            condition_at(r.until[k].when, here + "/when");
        }
        if (r.first_cycle) {
            length_at(*r.first_cycle, max_phase_days, "10 years", at + "/first_cycle_length");
        }
        std::set<std::string, std::less<>> seen;
        for (std::size_t k = 0; k < r.variants.size(); ++k) {
            const std::string here = fmt::format("{}/variants/{}", at, k);
            if (r.variants[k].empty()) fail(here, "variant name is empty");
            if (!seen.insert(r.variants[k]).second) {
                fail(here, fmt::format("duplicate variant \"{}\"", r.variants[k]));
            }
        }
    }

    void activity_at(const phase& ph, const activity& a, const std::string& at) {
        if (a.name.empty()) fail(at + "/name", "activity name is empty");
        const auto days = bounds(a.days);
        if (!days && !a.timing.after) fail(at + "/days", "activity has no days");
        // An uncertain length: days up to the longest one (they happen when the phase lasts).
        std::optional<std::int64_t> span = fixed_days(ph.range ? ph.range->longest : ph.duration);
        if (span && ph.repeat && ph.repeat->first_cycle) {
            const auto first = fixed_days(*ph.repeat->first_cycle);
            span = first ? std::optional(std::max(*span, *first)) : std::nullopt;
        }
        if (days && days->first < ph.first_day) {
            fail(at + "/days",
                 fmt::format("day {} comes before the phase's first day ({})", days->first, ph.first_day));
        } else if (days && span && *span > 0 && days->second > ph.first_day + *span - 1) {
            fail(at + "/days", fmt::format("day {} comes after the phase's last day ({})", days->second,
                                           ph.first_day + *span - 1));
        }
        if (a.at_most) {
            // An upper bound on the days listed (overlapping parts count twice).
            std::int64_t listed = 0;
            for (const auto& part : a.days.parts)
                listed += (std::int64_t{part.last} - part.first) / part.step + 1;
            if (*a.at_most < 1) {
                fail(at + "/at_most", fmt::format("at most {} days: must be at least 1", *a.at_most));
            } else if (days && *a.at_most > listed) {
                fail(at + "/at_most", fmt::format("at most {} days is more than the {} day(s) in \"days\"",
                                                  *a.at_most, listed));
            }
        }
        if (a.window) {
            const auto bad = [](std::int32_t n) { return n < 0 || n > max_window_days; };
            if (bad(a.window->before))
                fail(at + "/window/before", fmt::format("a window reaches 0 to {} days earlier (found {})",
                                                        max_window_days, a.window->before));
            if (bad(a.window->after))
                fail(at + "/window/after", fmt::format("a window reaches 0 to {} days later (found {})",
                                                       max_window_days, a.window->after));
            if (a.window->before == 0 && a.window->after == 0)
                fail(at + "/window", "the window is empty: give \"before\" or \"after\" days");
            if (a.continuous)
                fail(at + "/window", "a continuous activity has no window; its days are a span");
        }
        if (!a.cycles.empty()) {
            const auto cycles = bounds(a.cycles);
            if (!ph.repeat) {
                fail(at + "/cycles", "the phase does not repeat, so it has no cycles to choose");
            } else if (cycles && cycles->first < 1) {
                fail(at + "/cycles", "cycle numbers start at 1");
            }
        }
        for (std::size_t k = 0; k < a.variants.size(); ++k) {
            const std::vector<std::string> known =
                ph.repeat ? ph.repeat->variants : std::vector<std::string>{};
            if (std::find(known.begin(), known.end(), a.variants[k]) == known.end()) {
                fail(fmt::format("{}/variants/{}", at, k),
                     known.empty() ? fmt::format("phase \"{}\" has no variants", ph.id)
                                   : fmt::format("unknown variant \"{}\" (variants: {})", a.variants[k],
                                                 quoted_list(known)));
            }
        }
        condition_at(a.when, at + "/when");
        timing_at(ph, a, at);
    }

    // per_day, every_hours and times must agree; "after" names another ordinary activity of the
    // phase and replaces days and times.
    void timing_at(const phase& ph, const activity& a, const std::string& at) {
        const timing& t = a.timing;
        if (t.per_day && (*t.per_day < 1 || *t.per_day > 24)) {
            fail(at + "/per_day", fmt::format("{} doses a day: must be from 1 to 24", *t.per_day));
        }
        std::optional<std::int32_t> from_hours;  // doses a day that every_hours gives
        if (t.every_hours) {
            const std::int32_t n = *t.every_hours;
            if (n < 1 || n > 24 || 24 % n != 0) {
                fail(at + "/every_hours",
                     fmt::format(
                         "every {} hours: must divide the 24 hours of a day (1, 2, 3, 4, 6, 8, 12 or 24), "
                         "so that every day has the same doses; a longer interval is a day pattern",
                         n));
            } else {
                from_hours = 24 / n;
                if (t.per_day && *t.per_day != *from_hours) {
                    fail(at + "/per_day", fmt::format("{} doses a day, but every {} hours gives {}",
                                                      *t.per_day, n, *from_hours));
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
                             fmt::format("{} is not {} hours after {}", t.times[k].to_string(),
                                         *t.every_hours, t.times[k - 1].to_string()));
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
            fail(at + "/days",
                 "an activity given \"after\" another takes its days from it; leave out \"days\"");
        }
        for (const char* key : {"continuous", "weekdays_only", "at_most"}) {
            const bool set = (key[0] == 'c' && a.continuous) || (key[0] == 'w' && a.weekdays_only) ||
                             (key[0] == 'a' && a.at_most);
            if (set) {
                fail(fmt::format("{}/{}", at, key),
                     fmt::format(
                         "\"{}\" does not go with \"after\": the activity follows each event of \"{}\"", key,
                         r.activity));
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
            fail(at + "/after/activity",
                 fmt::format("unknown activity \"{}\" in phase \"{}\" (activities: {})", r.activity, ph.id,
                             quoted_list(names)));
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
    void after_cycles(std::size_t i) {
        const phase& ph = p_.phases[i];
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

    void dependency_at(std::size_t i) {
        const dependency& d = p_.dependencies[i];
        const std::string at = fmt::format("/dependencies/{}", i);
        const phase* from = p_.find_phase(d.from);
        if (from == nullptr) fail(at + "/from", unknown_phase(d.from));
        if (p_.find_phase(d.to) == nullptr) fail(at + "/to", unknown_phase(d.to));
        if (d.from == d.to && from != nullptr) {
            fail(at + "/to", fmt::format("phase \"{}\" depends on itself", d.to));
        }
        if (d.type == dependency_type::start_to_start) {
            const std::int64_t first = from != nullptr ? from->first_day : -max_first_day_magnitude;
            const std::int64_t last = from != nullptr ? last_day_number(*from) : max_day_number;
            if (d.on_day < first || d.on_day > last) {
                fail(at + "/day", fmt::format("day {} is outside {} to {}", d.on_day, first, last));
            }
        } else if (d.on_day != 1) {
            fail(at + "/day", "\"day\" applies only to start-to-start dependencies");
        }
        if (d.lag.count < 0) {
            fail(at + "/lag", fmt::format("lag must not be negative (found {})", d.lag.to_string()));
        } else if (d.lag.approx_days() > max_phase_days) {
            fail(at + "/lag", fmt::format("lag {} is longer than 10 years", d.lag.to_string()));
        }
        if (d.window) {
            if (d.window->count <= 0) {
                fail(at + "/window",
                     fmt::format("window must be positive (found {})", d.window->to_string()));
            } else if (d.window->approx_days() > max_phase_days) {
                fail(at + "/window", fmt::format("window {} is longer than 10 years", d.window->to_string()));
            }
        }
        condition_at(d.when, at + "/when");
    }

    // A cycle is an error only when some parameter values make all of it active at once: an
    // order that depends on the patient ("CNS-positive patients get induction 3 before
    // induction 2") is no cycle. The message names the values that make it one.
    void cycle() {
        const auto found = detail::find_active_cycle(p_);
        if (!found) return;
        std::string path;
        for (const auto& id : found->phases) path += id + " -> ";
        path += found->phases.front();
        std::vector<std::string> values;
        for (const auto& [name, value] : found->values) values.push_back(name + "=" + value);
        if (!values.empty()) path += " when " + quoted_list(values);
        // Point at the dependency that closes the cycle.
        fail(fmt::format("/dependencies/{}", found->dependencies.back()), "dependency cycle: " + path);
    }

    void track_at(std::size_t i) {
        const track& t = p_.tracks[i];
        const std::string at = fmt::format("/tracks/{}", i);
        if (t.name.empty()) fail(at + "/activity", "track activity name is empty");
        anchor_at(t.from, at + "/from");
        anchor_at(t.to, at + "/to");
        condition_at(t.when, at + "/when");
    }

    const protocol& p_;
    std::vector<std::string> phase_ids_;
    std::set<std::string, std::less<>> seen_phase_ids_;
    std::vector<problem> problems_;
};

}  // namespace

std::vector<problem> check(const protocol& p) {
    return checker(p).run();
}

}  // namespace ttplan
