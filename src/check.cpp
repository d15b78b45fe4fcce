#include <ttplan/format.hpp>
#include <ttplan/model.hpp>

#include "check_timing.hpp"
#include "i18n/protocol_texts.hpp"
#include "json_pointer.hpp"
#include "parameter_space.hpp"
#include "phase_graph.hpp"
#include "phase_index.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace ttplan {

namespace {

using parameter_decl = ttplan::parameter;

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

// The first and last day a pattern names, without listing every day of a long range. `end`
// names no day: "29..end" names Day 29 (the rest depends on the occurrence), "end" alone none.
std::optional<std::pair<std::int64_t, std::int64_t>> bounds(const day_pattern& pattern) {
    std::optional<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& part : pattern.parts) {
        if (part.last < part.first || part.step < 1 || part.first == day_pattern::end_day) continue;
        const std::int64_t last = part.last == day_pattern::end_day
                                      ? part.first
                                      : part.last - (std::int64_t{part.last} - part.first) % part.step;
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
    explicit checker(const protocol& p) : p_(p), ids_(p) {
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
        if (p_.phases.size() > max_protocol_phases) {
            fail("/phases", fmt::format("the protocol has {} phases; at most {} are planned (docs/limits.md)",
                                        p_.phases.size(), max_protocol_phases));
            return std::move(problems_);
        }
        for (std::size_t i = 0; i < p_.phases.size(); ++i) phase_at(i);
        for (std::size_t i = 0; i < p_.dependencies.size(); ++i) dependency_at(i);
        cycle();
        for (std::size_t i = 0; i < p_.tracks.size(); ++i) track_at(i);
        translations();
        return std::move(problems_);
    }

private:
    void fail(std::string pointer, std::string message) {
        problems_.push_back({{"", std::move(pointer), 0, 0}, std::move(message)});
    }

    // Each language one ttplan writes besides English, each text one of the protocol's own.
    void translations() {
        if (p_.translations.empty()) return;
        const auto texts = detail::translatable_texts(p_);
        std::string others;
        for (const language_info& l : languages()) {
            if (l.code != "en") others += fmt::format("{}{}", others.empty() ? "" : ", ", l.code);
        }
        for (const auto& [language, entries] : p_.translations) {
            const std::string at = "/translations/" + detail::pointer_token(language);
            const std::string_view code = language;  // a structured binding, which clang 14 cannot capture
            const bool known = std::any_of(languages().begin(), languages().end(),
                                           [code](const language_info& l) { return l.code == code; });
            if (language == "en") {
                fail(at, fmt::format("the protocol is written in English: translations are for the other "
                                     "languages ({})",
                                     others));
            } else if (!known) {
                fail(at, fmt::format("unknown language \"{}\" (languages: {})", language, others));
            }
            for (const auto& [text, translated] : entries) {
                const std::string here = at + "/" + detail::pointer_token(text);
                if (texts.find(text) == texts.end()) {
                    fail(here,
                         "no text of the protocol reads so: a translation's key is one of its texts, exactly "
                         "as "
                         "written (docs/protocol-format.md, Translations)");
                } else if (translated.empty()) {
                    fail(here, "the translation is empty: leave the text out to keep it as written");
                }
            }
        }
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
                                   fmt::join(param.choices, ", "));
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
                fail(here, names.empty()
                               ? fmt::format("unknown parameter \"{}\" (the protocol declares none)", name)
                               : fmt::format("unknown parameter \"{}\" (declared: {})", name,
                                             fmt::join(names, ", ")));
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
        const phase* ph = ids_.find(a.phase);
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

    // Lists the phases there are, the first 20 of a long protocol.
    std::string unknown_phase(std::string_view id) const {
        constexpr std::size_t shown = 20;
        if (phase_ids_.size() <= shown) {
            return fmt::format("unknown phase \"{}\" (phases: {})", id, fmt::join(phase_ids_, ", "));
        }
        return fmt::format("unknown phase \"{}\" (phases: {}, and {} more)", id,
                           fmt::join(phase_ids_.begin(), phase_ids_.begin() + shown, ", "),
                           phase_ids_.size() - shown);
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
        // A phase that runs until a limit takes its length from it.
        if (ph.until.empty() && ph.range) {
            range_at(ph, at + "/length");
        } else if (ph.until.empty()) {
            length_at(ph.duration, max_phase_days, "10 years", at + "/length");
        }
        for (std::size_t k = 0; k < ph.length_when.size(); ++k) {
            const std::string here = fmt::format("{}/length_when/{}", at, k);
            condition_at(ph.length_when[k].when, here + "/when");
            length_at(ph.length_when[k].duration, max_phase_days, "10 years", here + "/length");
        }
        if (!ph.until.empty()) {
            if (ph.repeat) {
                fail(at + "/until",
                     "a repeating phase takes its \"until\" limit inside \"repeat\", where it cuts the "
                     "cycles");
            }
            if (!ph.length_when.empty()) {
                fail(
                    at + "/length_when",
                    "a phase that runs \"until\" a limit has no \"length_when\": the limit gives its length");
            }
            until_rules_at(ph.until, at + "/until");
        }
        if (ph.first_day > max_first_day_magnitude || ph.first_day < -max_first_day_magnitude) {
            fail(at + "/first_day",
                 fmt::format("first day must be from {} to {} (found {})", -max_first_day_magnitude,
                             max_first_day_magnitude, ph.first_day));
        }
        condition_at(ph.when, at + "/when");
        if (ph.repeat) repeat_at(*ph.repeat, at + "/repeat");
        if (ph.activities.empty()) fail(at + "/activities", "phase has no activities");
        if (ph.activities.size() > max_phase_activities) {
            fail(at + "/activities",
                 fmt::format("the phase has {} activities; at most {} are planned (docs/limits.md)",
                             ph.activities.size(), max_phase_activities));
            return;
        }
        const detail::activity_names names(ph);
        for (std::size_t k = 0; k < ph.activities.size(); ++k) {
            activity_at(ph, names, ph.activities[k], fmt::format("{}/activities/{}", at, k));
        }
        detail::check_after_cycles(ph, i, problems_);
    }

    void until_rules_at(const std::vector<until_rule>& rules, const std::string& at) {
        for (std::size_t k = 0; k < rules.size(); ++k) {
            const std::string here = fmt::format("{}/{}", at, k);
            length_at(rules[k].limit, max_until_days, "20 years", here + "/length");
            anchor_at(rules[k].from, here + "/from");
            condition_at(rules[k].when, here + "/when");
        }
    }

    // A count of cycles: a number from 1 to max_repeat_count, or an integer parameter whose
    // every value is one.
    void count_at(const std::optional<std::int32_t>& count, const std::string& parameter,
                  const std::string& at) {
        if (!parameter.empty()) {
            const parameter_decl* param = p_.find_parameter(parameter);
            if (param == nullptr) {
                std::vector<std::string> names;
                for (const parameter_decl& q : p_.parameters) names.push_back(q.name);
                fail(at + "/parameter",
                     fmt::format("unknown parameter \"{}\" ({})", parameter,
                                 names.empty() ? "the protocol declares none"
                                               : fmt::format("declared: {}", fmt::join(names, ", "))));
            } else if (param->type != parameter_type::integer) {
                fail(at + "/parameter",
                     fmt::format("parameter \"{}\" is not an integer: a count of cycles needs an integer "
                                 "parameter",
                                 parameter));
            } else if (param->minimum < 1 || param->maximum > max_repeat_count) {
                fail(
                    at + "/parameter",
                    fmt::format("parameter \"{}\" runs from {} to {}: a count of cycles must be from 1 to {}",
                                parameter, param->minimum, param->maximum, max_repeat_count));
            }
            return;
        }
        if (count && (*count < 1 || *count > max_repeat_count)) {
            fail(at, fmt::format("repeat count must be from 1 to {} (found {})", max_repeat_count, *count));
        }
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
        if (!r.count && r.count_parameter.empty() && r.count_when.empty() && r.until.empty()) {
            fail(at, "repeat has no bound: give a \"count\" or an \"until\" limit");
        }
        count_at(r.count, r.count_parameter, at + "/count");
        for (std::size_t k = 0; k < r.count_when.size(); ++k) {
            const std::string here = fmt::format("{}/count_when/{}", at, k);
            condition_at(r.count_when[k].when, here + "/when");
            if (!r.count_when[k].count && r.count_when[k].parameter.empty()) {
                fail(here + "/count", "a case gives a count: a number or {\"parameter\": name}");
            }
            count_at(r.count_when[k].count, r.count_when[k].parameter, here + "/count");
        }
        until_rules_at(r.until, at + "/until");
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

    void activity_at(const phase& ph, const detail::activity_names& names, const activity& a,
                     const std::string& at) {
        if (a.name.empty()) fail(at + "/name", "activity name is empty");
        const auto days = bounds(a.days);
        if (!days && !a.days.uses_end() && !a.timing.after) fail(at + "/days", "activity has no days");
        // The longest the phase (a cycle of it) can be, when every length it may have is fixed;
        // a phase that runs until a limit has no fixed length.
        std::optional<std::int64_t> span = ph.until.empty() ? fixed_days(ph.duration) : std::nullopt;
        const auto longer = [&](const length& len) {
            const auto n = fixed_days(len);
            span = span && n ? std::optional(std::max(*span, *n)) : std::nullopt;
        };
        if (ph.repeat && ph.repeat->first_cycle) longer(*ph.repeat->first_cycle);
        // An uncertain length: days up to the longest one (they happen when the phase lasts).
        if (ph.range) longer(ph.range->longest);
        for (const length_case& c : ph.length_when) longer(c.duration);
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
        if (a.window && !a.window->alternatives.empty()) {
            alternatives_at(*a.window, at + "/window");
            if (a.continuous)
                fail(at + "/window", "a continuous activity has no window; its days are a span");
        } else if (a.window) {
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
            } else if (a.cycles.uses_end()) {
                fail(at + "/cycles",
                     "\"end\" is for days within an occurrence; cycles are chosen by number (\"1-3\", "
                     "\"every 2 from 1 to 9\")");
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
                                                 fmt::join(known, ", ")));
            }
        }
        condition_at(a.when, at + "/when");
        detail::check_timing(ph, names, a, at, problems_);
    }

    // A window that lists the days a planned day may move to: distinct, non-zero offsets
    // within a year either way, and no range beside them.
    void alternatives_at(const day_window& w, const std::string& at) {
        if (w.before != 0 || w.after != 0)
            fail(at, "a window gives \"alternatives\" or a range (\"before\", \"after\"), not both");
        for (std::size_t k = 0; k < w.alternatives.size(); ++k) {
            const std::int32_t n = w.alternatives[k];
            const std::string here = fmt::format("{}/alternatives/{}", at, k);
            if (n == 0) {
                fail(here, "an alternative of 0 days is the planned day itself");
            } else if (n < -max_window_days || n > max_window_days) {
                fail(here,
                     fmt::format("an alternative lies -{0} to {0} days from the planned day (found {1})",
                                 max_window_days, n));
            } else if (std::find(w.alternatives.begin(),
                                 w.alternatives.begin() + static_cast<std::ptrdiff_t>(k),
                                 n) != w.alternatives.begin() + static_cast<std::ptrdiff_t>(k)) {
                fail(here, fmt::format("alternative {} is listed twice", n));
            }
        }
    }

    void dependency_at(std::size_t i) {
        const dependency& d = p_.dependencies[i];
        const std::string at = fmt::format("/dependencies/{}", i);
        const phase* from = ids_.find(d.from);
        if (from == nullptr) fail(at + "/from", unknown_phase(d.from));
        if (ids_.find(d.to) == nullptr) fail(at + "/to", unknown_phase(d.to));
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
        if (d.window) window_length_at(*d.window, at + "/window");
        if (d.window && !d.window_alternatives.empty())
            fail(at + "/window", "a window is one length or a list of lengths, not both");
        for (std::size_t k = 0; k < d.window_alternatives.size(); ++k) {
            const length& len = d.window_alternatives[k];
            const std::string here = fmt::format("{}/window/{}", at, k);
            const auto first = d.window_alternatives.begin();
            if (std::find(first, first + static_cast<std::ptrdiff_t>(k), len) !=
                first + static_cast<std::ptrdiff_t>(k))
                fail(here, fmt::format("window {} is listed twice", len.to_string()));
            else
                window_length_at(len, here);
        }
        condition_at(d.when, at + "/when");
    }

    void window_length_at(const length& len, const std::string& at) {
        if (len.count <= 0) {
            fail(at, fmt::format("window must be positive (found {})", len.to_string()));
        } else if (len.approx_days() > max_phase_days) {
            fail(at, fmt::format("window {} is longer than 10 years", len.to_string()));
        }
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
        if (!values.empty()) path += fmt::format(" when {}", fmt::join(values, ", "));
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
    detail::phase_index ids_;
    std::vector<std::string> phase_ids_;
    std::set<std::string, std::less<>> seen_phase_ids_;
    std::vector<problem> problems_;
};

}  // namespace

std::vector<problem> check(const protocol& p) {
    return checker(p).run();
}

}  // namespace ttplan
