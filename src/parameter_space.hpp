// The parameter values over which a protocol behaves differently. Checks that must hold for
// every patient (no dependency cycle, a plan for every parameter set) try these instead of
// every value a parameter allows.
#pragma once

#include <ttplan/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ttplan::detail {

// The integer `text` spells in canonical form ("13", not "013" or "+13"), or nullopt.
std::optional<std::int64_t> canonical_integer(const std::string& text);

// One parameter's representative values, canonical text in a fixed order without duplicates.
struct representatives {
    const parameter* param = nullptr;
    std::vector<std::string> values;
    // Per value: whether some condition of the protocol names it. A value no condition names
    // behaves like every other such value, since parameters act only through conditions.
    std::vector<bool> named;
};

// A bool has true and false, a choice its choices; an integer its minimum, maximum and
// default, every value in range that a condition of `p` names, and one more value in range
// that no condition names (when there is one), in ascending order.
representatives representative_values(const protocol& p, const parameter& param);

// Calls f(const condition&) for every condition of the protocol: on phases, their lengths and
// limits, activities, repeat counts and limits, dependencies and tracks.
template <typename F>
void for_each_condition(const protocol& p, F&& f) {
    for (const phase& ph : p.phases) {
        f(ph.when);
        for (const length_case& c : ph.length_when) f(c.when);
        for (const until_rule& u : ph.until) f(u.when);
        for (const activity& a : ph.activities) f(a.when);
        if (ph.repeat) {
            for (const count_case& c : ph.repeat->count_when) f(c.when);
            for (const until_rule& u : ph.repeat->until) f(u.when);
        }
    }
    for (const dependency& d : p.dependencies) f(d.when);
    for (const track& t : p.tracks) f(t.when);
}

}  // namespace ttplan::detail
