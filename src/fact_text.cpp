// The text forms of facts and event keys, as options, records, bindings and messages spell them.
#include <ttplan/error.hpp>
#include <ttplan/fact_text.hpp>

#include "utf8_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <string>
#include <vector>

namespace ttplan {

namespace {

// A whole number from `min` to `max`, or nothing.
std::optional<std::int32_t> whole_number(std::string_view text, std::int32_t min, std::int32_t max) {
    std::int32_t n = 0;
    const char* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), last, n);
    if (text.empty() || ec != std::errc{} || ptr != last || n < min || n > max) return std::nullopt;
    return n;
}

constexpr std::int32_t max_cycle = 9999;

struct occurrence {
    std::string phase;
    std::optional<std::int32_t> cycle;
};

// "maintenance" or "maintenance#3"; nullopt with `why` set when it is neither.
std::optional<occurrence> read_occurrence(std::string_view text, std::string& why) {
    occurrence out;
    std::string_view phase = text;
    if (const auto hash = text.find('#'); hash != std::string_view::npos) {
        out.cycle = whole_number(text.substr(hash + 1), 1, max_cycle);
        if (!out.cycle) {
            why = fmt::format("the cycle after # must be a number from 1 to {}", max_cycle);
            return std::nullopt;
        }
        phase = text.substr(0, hash);
    }
    if (phase.empty()) {
        why = "the phase is missing";
        return std::nullopt;
    }
    out.phase = std::string(phase);
    return out;
}

// "induction:22:Vincristine", "maintenance#3:1:IT methotrexate"; nullopt with `why` set when
// the text is not of that form.
std::optional<event_key> read_event_key(std::string_view text, std::string& why) {
    const auto first = text.find(':');
    const auto second = first == std::string_view::npos ? first : text.find(':', first + 1);
    if (second == std::string_view::npos) {
        why = "it needs two colons";
        return std::nullopt;
    }
    auto o = read_occurrence(text.substr(0, first), why);
    if (!o) return std::nullopt;
    const auto day = whole_number(text.substr(first + 1, second - first - 1), -3653, 3653);
    if (!day) {
        why = "the day must be a whole number from -3653 to 3653";
        return std::nullopt;
    }
    if (second + 1 == text.size()) {
        why = "the activity is missing";
        return std::nullopt;
    }
    return event_key{std::move(o->phase), o->cycle, *day, std::string(text.substr(second + 1))};
}

// Reads one fact of one form; `fail` throws.
class reader {
public:
    reader(fact_form form, std::string_view text) : form_(form), text_(text) {}

    [[noreturn]] void fail(std::string_view why) const {
        throw value_error(fmt::format("\"{}\" is not a fact of the form {}: {}", text_, syntax_of(form_), why));
    }

    // The text split at its first '=' (`last`: its last one); both sides non-empty.
    std::pair<std::string_view, std::string_view> assignment(bool last = false) const {
        const auto eq = last ? text_.rfind('=') : text_.find('=');
        if (eq == std::string_view::npos) fail("the '=' is missing");
        if (eq == 0) fail("nothing comes before the '='");
        if (eq + 1 == text_.size()) fail("nothing comes after the '='");
        return {text_.substr(0, eq), text_.substr(eq + 1)};
    }

    occurrence occurrence_of(std::string_view text) const {
        std::string why;
        auto out = read_occurrence(text, why);
        if (!out) fail(why);
        return *out;
    }

    day_point date(std::string_view text) const {
        try {
            return parse_date(text);
        } catch (const value_error& e) {
            fail(e.message());
        }
    }

    event_key event(std::string_view text) const {
        std::string why;
        auto out = read_event_key(text, why);
        if (!out) fail(why);
        return *out;
    }

private:
    fact_form form_;
    std::string_view text_;
};

record_fact read(fact_form form, std::string_view text, std::string_view decided_by) {
    const reader r(form, text);
    switch (form) {
        case fact_form::actual: {
            const auto [target, when] = r.assignment();
            auto o = r.occurrence_of(target);
            return actual_start{std::move(o.phase), o.cycle, r.date(when), 0};
        }
        case fact_form::delay: {
            const auto [target, days_text] = r.assignment();
            auto o = r.occurrence_of(target);
            const auto days = whole_number(days_text, -3650, 3650);
            if (!days) r.fail("the delay must be a whole number of days from -3650 to 3650");
            return actual_start{std::move(o.phase), o.cycle, std::nullopt, *days};
        }
        case fact_form::given: {
            // An activity may hold '=', a date never does: the date follows the last '='.
            const auto [event, when] = r.assignment(true);
            return event_moved{r.event(event), r.date(when)};
        }
        case fact_form::hold:
            return event_held{r.event(text)};
        case fact_form::add: {
            const auto [target, rest] = r.assignment();
            auto o = r.occurrence_of(target);
            const auto colon = rest.find(':');
            if (colon == std::string_view::npos || colon + 1 == rest.size()) r.fail("the activity is missing");
            event_added e{std::move(o.phase), o.cycle, r.date(rest.substr(0, colon)), {}, category::chemotherapy,
                          {}};
            std::string_view tail = rest.substr(colon + 1);
            const auto next = tail.find(':');
            e.activity = std::string(tail.substr(0, next));
            if (e.activity.empty()) r.fail("the activity is missing");
            if (next != std::string_view::npos) {
                tail = tail.substr(next + 1);
                const auto note_at = tail.find(':');
                const std::string_view name = tail.substr(0, note_at);
                const auto c = parse_category(name);
                if (!c) {
                    std::vector<std::string_view> names;
                    for (category k : all_categories) names.push_back(to_string(k));
                    r.fail(fmt::format("unknown category \"{}\" (allowed: {})", name, fmt::join(names, ", ")));
                }
                e.category = *c;
                if (note_at != std::string_view::npos) e.note = std::string(tail.substr(note_at + 1));
            }
            return e;
        }
        case fact_form::pause: {
            const auto [target, rest] = r.assignment();
            auto o = r.occurrence_of(target);
            const auto plus = rest.find('+');
            if (plus == std::string_view::npos) r.fail("the '+' and the number of days are missing");
            const auto days = whole_number(rest.substr(plus + 1), 1, 366);
            if (!days) r.fail("the pause must be a whole number of days from 1 to 366");
            return phase_paused{std::move(o.phase), o.cycle, r.date(rest.substr(0, plus)), *days};
        }
        case fact_form::stop: {
            const auto [target, when] = r.assignment();
            auto o = r.occurrence_of(target);
            return phase_stopped{std::move(o.phase), o.cycle, r.date(when)};
        }
        case fact_form::start_track:
        case fact_form::stop_track: {
            const auto [name, when] = r.assignment();
            return track_changed{std::string(name),
                                 form == fact_form::start_track ? track_changed::change::started
                                                                : track_changed::change::stopped,
                                 r.date(when)};
        }
        case fact_form::recovered: {
            const auto [phase, when] = r.assignment();
            return gate_resolved{std::string(phase), r.date(when)};
        }
        case fact_form::decide: {
            const auto [name, rest] = r.assignment();
            const auto at = rest.rfind('@');
            if (at == std::string_view::npos) r.fail("the '@' and the date it was decided are missing");
            if (at == 0) r.fail("the value is missing");
            return decision_taken{std::string(name), std::string(rest.substr(0, at)), r.date(rest.substr(at + 1)),
                                  std::string(decided_by)};
        }
    }
    r.fail("unknown form");
}

}  // namespace

std::string to_string(const event_key& e) {
    return e.cycle ? fmt::format("{}#{}:{}:{}", e.phase, *e.cycle, e.day, e.activity)
                   : fmt::format("{}:{}:{}", e.phase, e.day, e.activity);
}

event_key parse_event_key(std::string_view text) {
    std::string why;
    auto out = read_event_key(text, why);
    if (!out) {
        throw value_error(
            fmt::format("\"{}\" is not an event of the form phase[#cycle]:day:activity: {}", text, why));
    }
    return *out;
}

std::string_view to_string(fact_form f) {
    switch (f) {
        case fact_form::actual: return "actual";
        case fact_form::delay: return "delay";
        case fact_form::given: return "given";
        case fact_form::hold: return "hold";
        case fact_form::add: return "add";
        case fact_form::pause: return "pause";
        case fact_form::stop: return "stop";
        case fact_form::start_track: return "start-track";
        case fact_form::stop_track: return "stop-track";
        case fact_form::recovered: return "recovered";
        case fact_form::decide: return "decide";
    }
    return "unknown";
}

std::string_view syntax_of(fact_form f) {
    switch (f) {
        case fact_form::actual:
        case fact_form::stop: return "phase[#cycle]=YYYY-MM-DD";
        case fact_form::delay: return "phase[#cycle]=days";
        case fact_form::given: return "phase[#cycle]:day:activity=YYYY-MM-DD";
        case fact_form::hold: return "phase[#cycle]:day:activity";
        case fact_form::add: return "phase[#cycle]=YYYY-MM-DD:activity[:category[:note]]";
        case fact_form::pause: return "phase[#cycle]=YYYY-MM-DD+days";
        case fact_form::start_track:
        case fact_form::stop_track: return "track=YYYY-MM-DD";
        case fact_form::recovered: return "phase=YYYY-MM-DD";
        case fact_form::decide: return "parameter=value@YYYY-MM-DD";
    }
    return "";
}

std::optional<fact_form> parse_fact_form(std::string_view name) {
    if (name == "omit") return fact_form::hold;
    for (fact_form f : all_fact_forms) {
        if (to_string(f) == name) return f;
    }
    return std::nullopt;
}

record_fact parse_fact(fact_form form, std::string_view text, std::string_view decided_by) {
    return read(form, text, decided_by);
}

record_fact parse_fact(std::string_view form, std::string_view text, std::string_view decided_by) {
    const auto f = parse_fact_form(form);
    if (!f) {
        std::vector<std::string_view> names;
        for (fact_form each : all_fact_forms) names.push_back(to_string(each));
        throw value_error(fmt::format("\"{}\" is not a kind of fact; the kinds: {}", detail::one_line_text(form),
                                      fmt::join(names, ", ")));
    }
    return read(*f, text, decided_by);
}

namespace {

// Runs `step` for the fact at `index`, locating its value_error there.
template <class Step>
auto at_index(std::size_t index, Step&& step) {
    try {
        return step();
    } catch (const value_error& e) {
        throw value_error(e.message(), location{fmt::format("facts[{}]", index), {}, 0, 0});
    }
}

}  // namespace

std::vector<record_fact> parse_facts(std::span<const fact_line> facts, std::string_view decided_by) {
    std::vector<record_fact> out;
    out.reserve(facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) {
        out.push_back(at_index(i, [&] { return parse_fact(facts[i].form, facts[i].text, decided_by); }));
    }
    return out;
}

void add_facts(treatment_facts& facts, std::vector<record_fact> list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        at_index(i, [&] { add_fact(facts, std::move(list[i])); });
    }
}

void add_fact(treatment_facts& facts, record_fact fact) {
    std::visit(
        [&](auto&& f) {
            using T = std::decay_t<decltype(f)>;
            if constexpr (std::is_same_v<T, actual_start>) facts.actuals.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, event_moved>) facts.moved.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, event_held>) facts.held.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, event_added>) facts.added.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, phase_paused>) facts.paused.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, phase_stopped>) facts.stopped.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, track_changed>) facts.tracks.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, gate_resolved>) facts.gates.push_back(std::move(f));
            else if constexpr (std::is_same_v<T, decision_taken>)
                throw value_error(fmt::format("the decision {}={} is a parameter value when planning without a "
                                              "record: set the parameter instead",
                                              detail::one_line_text(f.parameter), detail::one_line_text(f.value)));
            else
                throw value_error("a re-pin is a fact of a treatment record only");
        },
        std::move(fact));
}

}  // namespace ttplan
