// Turning command-line text into library values, with errors that name the option.
#include "commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace ttplan::cli {

namespace {

location option_location(std::string_view option) { return location{std::string(option), {}, 0, 0}; }

std::pair<std::string, std::string> split_assignment(const std::string& text, std::string_view option,
                                                     std::string_view expected) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw value_error(fmt::format("\"{}\" is not of the form {}", text, expected), option_location(option));
    }
    return {text.substr(0, eq), text.substr(eq + 1)};
}

// "maintenance" or "maintenance#3"
std::pair<std::string, std::optional<std::int32_t>> phase_and_cycle(const std::string& text,
                                                                     std::string_view option) {
    const auto hash = text.find('#');
    if (hash == std::string::npos) return {text, std::nullopt};
    std::int32_t cycle = 0;
    const char* first = text.data() + hash + 1;
    const char* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, cycle);
    if (ec != std::errc{} || ptr != last || cycle < 1) {
        throw value_error(fmt::format("\"{}\": the cycle after # must be a number from 1", text),
                          option_location(option));
    }
    return {text.substr(0, hash), cycle};
}

// A whole number from `min` to `max`, or nothing.
std::optional<std::int32_t> whole_number(std::string_view text, std::int32_t min, std::int32_t max) {
    std::int32_t n = 0;
    const char* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), last, n);
    if (text.empty() || ec != std::errc{} || ptr != last || n < min || n > max) return std::nullopt;
    return n;
}

// The library's parsers name the text but not where it came from; this adds the option.
template <class Parse>
auto at_option(std::string_view option, Parse&& parse) {
    try {
        return parse();
    } catch (const value_error& e) {
        throw value_error(e.message(), option_location(option));
    }
}

day_point parse_date_option(const std::string& text, std::string_view option) {
    return at_option(option, [&] { return parse_date(text); });
}

}  // namespace

void add_plan_inputs(CLI::App& cmd, plan_inputs& in, bool with_protocol) {
    if (with_protocol) {
        cmd.add_option("protocol", in.protocol,
                       "Built-in protocol id or protocol file (default: the default built-in)");
    }
    cmd.add_option("--start", in.start, "First day of treatment, YYYY-MM-DD (default: today)");
    cmd.add_option("--set", in.sets, "Parameter value, name=value (repeatable)")->take_all();
    cmd.add_option("--actual", in.actuals,
                   "Known start date of a phase or cycle, phase[#cycle]=YYYY-MM-DD (repeatable)")
        ->take_all();
    cmd.add_option("--delay", in.delays, "Delay of a phase or cycle in days, phase[#cycle]=N (repeatable)")
        ->take_all();
    cmd.add_option("--closed", in.closed, "Weekday the clinic is closed, e.g. sat (repeatable)")->take_all();
    cmd.add_option("--holiday", in.holidays, "Date the clinic is closed, YYYY-MM-DD (repeatable)")->take_all();
    std::vector<std::string_view> rules;
    for (shift_rule r : all_shift_rules) rules.push_back(to_string(r));
    cmd.add_option("--shift", in.shifts,
                   fmt::format("What a category's events do on a closed day: category={} "
                               "(category 'all' sets the default; default {})",
                               fmt::join(rules, "|"), to_string(clinic_calendar{}.default_rule)))
        ->take_all();
}

protocol load_input_protocol(const plan_inputs& in) {
    return in.protocol.empty() ? load_builtin(default_protocol_id()) : load_protocol(in.protocol);
}

parameter_values parse_sets(const std::vector<std::string>& sets) {
    parameter_values values;
    for (const auto& s : sets) {
        auto [name, value] = split_assignment(s, "--set", "name=value");
        values[name] = value;
    }
    return values;
}

profile make_profile(const plan_inputs& in) {
    profile pr;
    pr.start = in.start.empty() ? date::floor<date::days>(std::chrono::system_clock::now())
                                : parse_date_option(in.start, "--start");
    pr.values = parse_sets(in.sets);
    pr.facts.actuals = parse_actuals(in);
    for (const auto& w : in.closed) {
        const date::weekday day = at_option("--closed", [&] { return parse_weekday(w); });
        pr.calendar.closed_weekdays[day.c_encoding()] = true;
    }
    for (const auto& h : in.holidays) pr.calendar.holidays.insert(parse_date_option(h, "--holiday"));
    for (const auto& s : in.shifts) at_option("--shift", [&] { pr.calendar.set_shift(s); });
    return pr;
}

std::vector<actual_start> parse_actuals(const plan_inputs& in) {
    std::vector<actual_start> out;
    for (const auto& a : in.actuals) {
        auto [target, when] = split_assignment(a, "--actual", "phase[#cycle]=YYYY-MM-DD");
        auto [phase, cycle] = phase_and_cycle(target, "--actual");
        out.push_back(actual_start{phase, cycle, parse_date_option(when, "--actual"), 0});
    }
    for (const auto& d : in.delays) {
        auto [target, days_text] = split_assignment(d, "--delay", "phase[#cycle]=days");
        auto [phase, cycle] = phase_and_cycle(target, "--delay");
        const auto days = whole_number(days_text, -3650, 3650);
        if (!days) {
            throw value_error(fmt::format("\"{}\": the delay must be a whole number of days", d),
                              option_location("--delay"));
        }
        out.push_back(actual_start{phase, cycle, std::nullopt, *days});
    }
    return out;
}

std::vector<record_fact> parse_facts(const plan_inputs& in, const fact_inputs& f) {
    std::vector<record_fact> out;
    for (actual_start& a : parse_actuals(in)) out.emplace_back(std::move(a));
    const auto event = [](const std::string& text, std::string_view option) {
        return at_option(option, [&] { return parse_event_key(text); });
    };
    for (const auto& g : f.given) {
        // An activity may hold '=', a date never does: the date follows the last '='.
        const auto eq = g.rfind('=');
        if (eq == std::string::npos || eq == 0)
            throw value_error(
                fmt::format("\"{}\" is not of the form phase[#cycle]:day:activity=YYYY-MM-DD", g),
                option_location("--given"));
        out.emplace_back(
            event_moved{event(g.substr(0, eq), "--given"), parse_date_option(g.substr(eq + 1), "--given")});
    }
    for (const auto& h : f.held) out.emplace_back(event_held{event(h, "--hold")});
    for (const auto& a : f.added) {
        constexpr std::string_view form = "phase[#cycle]=YYYY-MM-DD:activity[:category[:note]]";
        auto [target, rest] = split_assignment(a, "--add", form);
        auto [phase, cycle] = phase_and_cycle(target, "--add");
        const auto colon = rest.find(':');
        if (colon == std::string::npos || colon + 1 == rest.size())
            throw value_error(fmt::format("\"{}\" is not of the form {}: the activity is missing", a, form),
                              option_location("--add"));
        event_added e{
            phase, cycle, parse_date_option(rest.substr(0, colon), "--add"), {}, category::chemotherapy, {}};
        std::string tail = rest.substr(colon + 1);
        const auto next = tail.find(':');
        e.activity = tail.substr(0, next);
        if (next != std::string::npos) {
            tail = tail.substr(next + 1);
            const auto note_at = tail.find(':');
            const std::string name = tail.substr(0, note_at);
            const auto c = parse_category(name);
            if (!c) {
                std::vector<std::string_view> names;
                for (category k : all_categories) names.push_back(to_string(k));
                throw value_error(fmt::format("\"{}\": unknown category \"{}\" (allowed: {})", a, name,
                                              fmt::join(names, ", ")),
                                  option_location("--add"));
            }
            e.category = *c;
            if (note_at != std::string::npos) e.note = tail.substr(note_at + 1);
        }
        out.emplace_back(std::move(e));
    }
    for (const auto& p : f.paused) {
        constexpr std::string_view form = "phase[#cycle]=YYYY-MM-DD+days";
        auto [target, rest] = split_assignment(p, "--pause", form);
        auto [phase, cycle] = phase_and_cycle(target, "--pause");
        const auto plus = rest.find('+');
        const auto days =
            plus == std::string::npos ? std::nullopt : whole_number(rest.substr(plus + 1), 1, 366);
        if (!days)
            throw value_error(fmt::format("\"{}\" is not of the form {} with 1 to 366 days", p, form),
                              option_location("--pause"));
        out.emplace_back(
            phase_paused{phase, cycle, parse_date_option(rest.substr(0, plus), "--pause"), *days});
    }
    for (const auto& s : f.stopped) {
        auto [target, when] = split_assignment(s, "--stop", "phase[#cycle]=YYYY-MM-DD");
        auto [phase, cycle] = phase_and_cycle(target, "--stop");
        out.emplace_back(phase_stopped{phase, cycle, parse_date_option(when, "--stop")});
    }
    const auto tracks = [&](const std::vector<std::string>& list, track_changed::change what,
                            std::string_view option) {
        for (const auto& t : list) {
            auto [name, when] = split_assignment(t, option, "track=YYYY-MM-DD");
            out.emplace_back(track_changed{name, what, parse_date_option(when, option)});
        }
    };
    tracks(f.track_starts, track_changed::change::started, "--start-track");
    tracks(f.track_stops, track_changed::change::stopped, "--stop-track");
    for (const auto& r : f.recovered) {
        auto [phase, when] = split_assignment(r, "--recovered", "phase=YYYY-MM-DD");
        out.emplace_back(gate_resolved{phase, parse_date_option(when, "--recovered")});
    }
    for (const auto& d : f.decisions) {
        constexpr std::string_view form = "parameter=value@YYYY-MM-DD";
        auto [name, rest] = split_assignment(d, "--decide", form);
        const auto at = rest.rfind('@');
        if (at == std::string::npos || at == 0)
            throw value_error(fmt::format("\"{}\" is not of the form {}", d, form),
                              option_location("--decide"));
        out.emplace_back(decision_taken{name, rest.substr(0, at),
                                        parse_date_option(rest.substr(at + 1), "--decide"), f.decided_by});
    }
    return out;
}

std::string format_for_output(const std::string& output, const std::vector<std::string_view>& allowed) {
    const auto is_allowed = [&](std::string_view name) {
        return std::find(allowed.begin(), allowed.end(), name) != allowed.end();
    };
    if (output.empty() || output == "-" || !std::filesystem::path(output).has_extension()) return "text";
    const format_info* f = format_for_path(output);
    if (f != nullptr && is_allowed(f->name)) return std::string(f->name);
    std::string known;
    for (const format_info& g : formats()) {
        if (!is_allowed(g.name) || g.suffixes.empty()) continue;
        known += known.empty() ? "" : ", ";
        for (std::string_view suffix : g.suffixes) known += fmt::format("{} ", suffix);
        known += fmt::format("({})", g.name);
    }
    throw usage_error(fmt::format("\"{}\": no format {} writes has the suffix \"{}\"; known suffixes: {}; "
                                  "or name the format with --format",
                                  output, f != nullptr ? "this command" : "ttplan",
                                  std::filesystem::path(output).extension().string(), known),
                      option_location("--output"));
}

std::optional<std::int64_t> source_date_epoch() {
    const char* env = std::getenv("SOURCE_DATE_EPOCH");
    if (env == nullptr) return std::nullopt;
    const std::string_view text = env;
    // The value is echoed only when it is short and printable, so stray bytes in the
    // environment cannot garble the terminal.
    bool printable = text.size() <= 32;
    for (char c : text) printable = printable && c >= 0x20 && c < 0x7F;
    const std::string shown = printable ? fmt::format("\"{}\" ", text) : std::string();
    const location where{"SOURCE_DATE_EPOCH", {}, 0, 0};
    const std::string message =
        shown + "is not a whole number of seconds since 1970-01-01T00:00:00Z up to the year 9999";
    // The last second an iCalendar date-time can hold: 9999-12-31T23:59:59Z.
    constexpr std::int64_t latest =
        std::int64_t{date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch().count()} * 86400 + 86399;
    if (text.empty() || text.size() > 12) throw value_error(message, where);
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') throw value_error(message, where);
        value = value * 10 + (c - '0');
    }
    if (value > latest) throw value_error(message, where);
    return value;
}

void emit(const std::string& output, std::string_view content) {
    if (output.empty() || output == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        std::fflush(stdout);
        return;
    }
    write_file_atomic(output, content);
}

}  // namespace ttplan::cli
