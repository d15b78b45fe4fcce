// check_plans(): plans a protocol for every combination of the parameter values it can tell
// apart and collects what fails, so that `ttplan validate` finds the problems `ttplan plan`
// would meet only for some patients.
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>

#include "parameter_space.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace ttplan {

namespace {

// One combination: for each varied parameter, the index of its value.
using combination = std::vector<std::size_t>;

// The parameters whose values can change a plan: those some condition names, and those that
// give a repeat its count (their minimum and maximum are among their representatives).
std::vector<detail::representatives> varied_parameters(const protocol& p) {
    std::set<std::string, std::less<>> named;
    detail::for_each_condition(p, [&](const condition& c) {
        for (const auto& entry : c.all_of) named.insert(entry.first);
    });
    for (const phase& ph : p.phases) {
        if (!ph.repeat) continue;
        if (!ph.repeat->count_parameter.empty()) named.insert(ph.repeat->count_parameter);
        for (const count_case& c : ph.repeat->count_when) {
            if (!c.parameter.empty()) named.insert(c.parameter);
        }
    }
    std::vector<detail::representatives> out;
    for (const parameter& q : p.parameters) {
        if (named.contains(q.name)) out.push_back(detail::representative_values(p, q));
    }
    return out;
}

// The product of the value counts, or max + 1 once it passes max.
std::size_t combination_count(const std::vector<detail::representatives>& params, std::size_t max) {
    std::size_t n = 1;
    for (const auto& r : params) {
        n *= std::max<std::size_t>(r.values.size(), 1);
        if (n > max) return max + 1;
    }
    return n;
}

// Exact, saturating at SIZE_MAX, for the message.
std::string exact_count(const std::vector<detail::representatives>& params) {
    unsigned long long n = 1;
    for (const auto& r : params) {
        const unsigned long long k = std::max<std::size_t>(r.values.size(), 1);
        if (n > ~0ULL / k) return fmt::format("more than {}", ~0ULL);
        n *= k;
    }
    return fmt::format("{}", n);
}

std::size_t default_index(const detail::representatives& r) {
    const auto it = std::find(r.values.begin(), r.values.end(), r.param->default_value);
    return it == r.values.end() ? 0 : static_cast<std::size_t>(it - r.values.begin());
}

// Every combination, the first parameter varying slowest.
std::vector<combination> every_combination(const std::vector<detail::representatives>& params) {
    std::vector<combination> out{combination(params.size(), 0)};
    for (std::size_t k = 0; k < params.size(); ++k) {
        std::vector<combination> next;
        for (const combination& c : out) {
            for (std::size_t v = 0; v < params[k].values.size(); ++v) {
                next.push_back(c);
                next.back()[k] = v;
            }
        }
        out = std::move(next);
    }
    return out;
}

// The defaults, then each parameter's other values with the rest at their defaults.
std::vector<combination> one_at_a_time(const std::vector<detail::representatives>& params) {
    combination defaults(params.size());
    for (std::size_t k = 0; k < params.size(); ++k) defaults[k] = default_index(params[k]);
    std::vector<combination> out{defaults};
    for (std::size_t k = 0; k < params.size(); ++k) {
        for (std::size_t v = 0; v < params[k].values.size(); ++v) {
            if (v == defaults[k]) continue;
            out.push_back(defaults);
            out.back()[k] = v;
        }
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    return fmt::format("{}", fmt::join(parts, separator));
}

// What a set of values of one parameter says: "arm=short", "tki=imatinib or dasatinib",
// "age other than 5 or 6" (an integer's values no condition names stand for all of them).
std::string values_text(const detail::representatives& r, const std::set<std::size_t>& values) {
    bool unnamed = false;
    std::vector<std::string> listed;
    std::vector<std::string> left_out;
    for (std::size_t v = 0; v < r.values.size(); ++v) {
        if (values.contains(v)) {
            listed.push_back(r.values[v]);
            unnamed = unnamed || !r.named[v];
        } else if (r.named[v]) {
            left_out.push_back(r.values[v]);
        }
    }
    if (unnamed) return fmt::format("{} other than {}", r.param->name, join(left_out, " or "));
    return fmt::format("{}={}", r.param->name, join(listed, " or "));
}

// What the plans showed: per combination checked, the problem its plan stopped at (or none).
struct outcomes {
    std::vector<combination> checked;
    std::map<combination, std::size_t> index;  // of checked
    std::vector<std::size_t> failed;           // per combination: problem number, or none
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
};

// The parameter values that trigger problem `which`, for its message: what the combinations
// that meet it share. A plan stops at its first problem, so a combination that stopped at
// another one may or may not meet this one too; it counts as "may".
std::string trigger_text(const std::vector<detail::representatives>& params, const outcomes& o,
                         std::size_t which) {
    const std::string every = " (with every combination of parameter values checked)";
    std::vector<std::size_t> triggering;
    for (std::size_t c = 0; c < o.checked.size(); ++c) {
        if (o.failed[c] == which) triggering.push_back(c);
    }
    if (triggering.size() == o.checked.size()) return params.empty() ? "" : every;

    // A parameter matters when changing it alone turns a combination that meets the problem
    // into one checked that does not.
    std::vector<bool> matters(params.size());
    for (std::size_t k = 0; k < params.size(); ++k) {
        for (std::size_t i = 0; i < triggering.size() && !matters[k]; ++i) {
            combination c = o.checked[triggering[i]];
            for (std::size_t v = 0; v < params[k].values.size() && !matters[k]; ++v) {
                c[k] = v;
                const auto it = o.index.find(c);
                matters[k] = it != o.index.end() && o.failed[it->second] != which;
            }
        }
    }
    std::vector<std::set<std::size_t>> seen(params.size());
    for (const std::size_t c : triggering) {
        for (std::size_t k = 0; k < params.size(); ++k) seen[k].insert(o.checked[c][k]);
    }
    // When every combination checked of the values seen meets the problem (or stopped at
    // another), name those values of the parameters that matter.
    const bool box = std::all_of(o.checked.begin(), o.checked.end(), [&](const combination& c) {
        for (std::size_t k = 0; k < params.size(); ++k) {
            if (!seen[k].contains(c[k])) return true;
        }
        const std::size_t f = o.failed[o.index.at(c)];
        return f != outcomes::none;
    });
    if (box) {
        std::vector<std::string> terms;
        for (std::size_t k = 0; k < params.size(); ++k) {
            if (matters[k] && seen[k].size() < params[k].values.size())
                terms.push_back(values_text(params[k], seen[k]));
        }
        return terms.empty() ? every : fmt::format(" (with {})", join(terms, ", "));
    }
    // Otherwise: what they share, and a few of them, told by the parameters that matter.
    std::vector<std::string> shared;
    std::set<std::vector<std::string>> cases;
    for (std::size_t k = 0; k < params.size(); ++k) {
        if (matters[k] && seen[k].size() == 1) shared.push_back(values_text(params[k], seen[k]));
    }
    std::vector<std::vector<std::string>> listed;
    for (const std::size_t c : triggering) {
        std::vector<std::string> terms;
        for (std::size_t k = 0; k < params.size(); ++k) {
            if (matters[k] && seen[k].size() > 1)
                terms.push_back(
                    fmt::format("{}={}", params[k].param->name, params[k].values[o.checked[c][k]]));
        }
        if (cases.insert(terms).second) listed.push_back(std::move(terms));
    }
    constexpr std::size_t examples = 3;
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < listed.size() && i < examples; ++i) texts.push_back(join(listed[i], ", "));
    std::string out =
        shared.empty()
            ? fmt::format(" (in {} combinations: ", listed.size())
            : fmt::format(" (with {}, in {} combinations of the others: ", join(shared, ", "), listed.size());
    out += join(texts, "; ");
    if (listed.size() > examples) out += fmt::format("; and {} more", listed.size() - examples);
    return out + ")";
}

}  // namespace

std::vector<problem> check_plans(const protocol& p, std::size_t max_items) {
    if (auto problems = check(p); !problems.empty()) return problems;

    const std::vector<detail::representatives> params = varied_parameters(p);
    std::vector<problem> out;
    std::vector<combination> checked;
    if (combination_count(params, plan_check_max_combinations) <= plan_check_max_combinations) {
        checked = every_combination(params);
    } else {
        checked = one_at_a_time(params);
        out.push_back(
            problem{{"", "/parameters", 0, 0},
                    fmt::format("the parameters have {} combinations of the values that change a plan, "
                                "more than the {} validation plans: only the defaults and each "
                                "parameter's values one at a time were planned ({} plans)",
                                exact_count(params), plan_check_max_combinations, checked.size())});
    }

    // Each problem once, by where it is and what it says, with the combinations that meet it.
    outcomes o;
    o.checked = std::move(checked);
    o.failed.assign(o.checked.size(), outcomes::none);
    std::vector<problem> found;
    std::size_t protocol_items = p.phases.size();
    for (const phase& ph : p.phases) protocol_items += ph.activities.size();
    std::size_t items = 0;
    for (std::size_t c = 0; c < o.checked.size(); ++c) {
        if (items > max_items) {
            out.push_back(problem{
                {"", "/parameters", 0, 0},
                fmt::format("validation stopped after {} of {} combinations of parameter values: their plans hold "
                            "{} phases, activities, events and spans in all, more than the {} one validation "
                            "plans (docs/limits.md); the others were not planned",
                            c, o.checked.size(), items, max_items)});
            o.checked.resize(c);
            o.failed.resize(c);
            break;
        }
        o.index.emplace(o.checked[c], c);
        parameter_values values;
        for (std::size_t k = 0; k < params.size(); ++k)
            values[params[k].param->name] = params[k].values[o.checked[c][k]];
        items += protocol_items;
        try {
            const schedule s = planner(p, values).plan(plan_check_start);
            items += s.phases().size() + s.events().size() + s.spans().size();
        } catch (const planning_error& e) {
            const auto same = std::find_if(found.begin(), found.end(), [&](const problem& f) {
                return f.where.pointer == e.where().pointer && f.message == e.message();
            });
            o.failed[c] = static_cast<std::size_t>(same - found.begin());
            if (same == found.end()) found.push_back(problem{{"", e.where().pointer, 0, 0}, e.message()});
        }
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        found[i].message += trigger_text(params, o, i);
        out.push_back(std::move(found[i]));
    }
    return out;
}

}  // namespace ttplan
