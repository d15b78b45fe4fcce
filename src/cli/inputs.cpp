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

namespace {

// The library reads a fact's text; this says which option it came from.
record_fact fact_at_option(fact_form form, const std::string& text, std::string_view decided_by = {}) {
    const std::string option = fmt::format("--{}", to_string(form));
    return at_option(option, [&] { return parse_fact(form, text, decided_by); });
}

}  // namespace

std::vector<actual_start> parse_actuals(const plan_inputs& in) {
    std::vector<actual_start> out;
    for (const auto& a : in.actuals) out.push_back(std::get<actual_start>(fact_at_option(fact_form::actual, a)));
    for (const auto& d : in.delays) out.push_back(std::get<actual_start>(fact_at_option(fact_form::delay, d)));
    return out;
}

std::vector<record_fact> parse_facts(const plan_inputs& in, const fact_inputs& f) {
    std::vector<record_fact> out;
    for (actual_start& a : parse_actuals(in)) out.emplace_back(std::move(a));
    const std::pair<const std::vector<std::string>*, fact_form> lists[] = {
        {&f.given, fact_form::given},
        {&f.held, fact_form::hold},
        {&f.added, fact_form::add},
        {&f.paused, fact_form::pause},
        {&f.stopped, fact_form::stop},
        {&f.track_starts, fact_form::start_track},
        {&f.track_stops, fact_form::stop_track},
        {&f.recovered, fact_form::recovered},
        {&f.decisions, fact_form::decide},
    };
    for (const auto& [texts, form] : lists) {
        for (const auto& text : *texts) out.push_back(fact_at_option(form, text, f.decided_by));
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
