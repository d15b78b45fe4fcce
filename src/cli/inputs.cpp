// Turning command-line text into library values, with errors that name the option.
#include "commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

#include <unistd.h>

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

CLI::Validator not_empty(const std::string& what) {
    return CLI::Validator(
        [what](const std::string& text) {
            return text.empty() ? fmt::format("is empty; give {}", what) : std::string();
        },
        "", "not empty");
}

void add_plan_inputs(CLI::App& cmd, plan_inputs& in, bool with_protocol) {
    if (with_protocol) {
        cmd.add_option("protocol", in.protocol,
                       "Built-in protocol id, protocol or record file, or - for standard input (default: the "
                       "default built-in)")
            ->check(not_empty("a protocol id or file"));
    }
    cmd.add_option("--start", in.start, "First day of treatment, YYYY-MM-DD (default: today, local time)")
        ->check(not_empty("a date YYYY-MM-DD, or leave --start out to start today"));
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
    return in.protocol.empty() ? load_builtin(default_protocol_id()) : load_protocol_input(in.protocol);
}

day_point local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) {
        throw value_error(
            "the local date is unknown (the clock or the time zone cannot be read); give --start",
            option_location("--start"));
    }
    return date::sys_days{date::year{local.tm_year + 1900} /
                          date::month{static_cast<unsigned>(local.tm_mon + 1)} /
                          date::day{static_cast<unsigned>(local.tm_mday)}};
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
    pr.start = in.start.empty() ? local_today() : parse_date_option(in.start, "--start");
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

schedule plan_with_facts(const protocol& p, const profile& pr, const plan_inputs& in) {
    try {
        return make_schedule(p, pr);
    } catch (const planning_error& e) {
        // The planner names the fact but cannot know the option; one is located in the
        // protocol (a pointer) when the protocol is at fault.
        if (!e.where().file.empty() || !e.where().pointer.empty() || pr.facts.actuals.empty()) throw;
        profile fewer = pr;
        for (std::size_t k = 0; k < pr.facts.actuals.size(); ++k) {
            fewer.facts.actuals.assign(pr.facts.actuals.begin(),
                                       pr.facts.actuals.begin() + static_cast<std::ptrdiff_t>(k) + 1);
            try {
                (void)make_schedule(p, fewer);
            } catch (const planning_error&) {
                // parse_actuals() lists --actual before --delay.
                throw planning_error(e.message(),
                                     option_location(k < in.actuals.size() ? "--actual" : "--delay"));
            }
        }
        throw;
    }
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

std::int64_t parse_epoch_seconds(std::string_view text, std::string_view where) {
    // The text is echoed only when it is short and printable, so stray bytes in the
    // environment cannot garble the terminal.
    bool printable = text.size() <= 32;
    for (char c : text) printable = printable && c >= 0x20 && c < 0x7F;
    const std::string shown = printable ? fmt::format("\"{}\" ", text) : std::string();
    // The last second an iCalendar date-time can hold: 9999-12-31T23:59:59Z.
    constexpr std::int64_t latest =
        std::int64_t{date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch().count()} * 86400 + 86399;
    const std::string message = fmt::format(
        "{}is not a whole number of seconds since 1970-01-01T00:00:00Z "
        "from 0 to {} (9999-12-31T23:59:59Z)",
        shown, latest);
    const location at{std::string(where), {}, 0, 0};
    if (text.empty() || text.size() > 12) throw value_error(message, at);
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') throw value_error(message, at);
        value = value * 10 + (c - '0');
    }
    if (value > latest) throw value_error(message, at);
    return value;
}

std::optional<std::int64_t> source_date_epoch() {
    const char* env = std::getenv("SOURCE_DATE_EPOCH");
    if (env == nullptr) return std::nullopt;
    return parse_epoch_seconds(env, "SOURCE_DATE_EPOCH");
}

namespace {

// The cause of the first write to standard output that failed, and whether it was said: the
// stream keeps its error flag, so later checks would find the same failure again.
int failed_write_cause = 0;
bool write_failure_said = false;

}  // namespace

void emit(const std::string& output, std::string_view content) {
    if (output.empty() || output == "-") {
        errno = 0;
        if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() &&
            failed_write_cause == 0)
            failed_write_cause = errno;
        check_standard_output();
        return;
    }
    write_file_atomic(output, content);
}

void refuse_binary_on_terminal(const std::string& output, std::string_view name) {
    if (!output.empty() && output != "-") return;
    const auto& all = formats();
    const auto f = std::find_if(all.begin(), all.end(), [&](const format_info& i) { return i.name == name; });
    if (f == all.end() || !f->binary || isatty(STDOUT_FILENO) == 0) return;
    // A format without a suffix of its own (the page, a PDF) keeps its --format: -o plan.pdf alone is "pdf".
    const std::string file =
        f->suffixes.empty() ? fmt::format("--format {} -o FILE.pdf", name) : fmt::format("-o FILE{}", f->suffixes.front());
    throw usage_error(fmt::format("{} is binary and standard output is a terminal: write it to a file with {} (or "
                                  "redirect standard output)",
                                  name, file),
                      location{"-o", {}, 0, 0});
}

void check_standard_output() {
    if (write_failure_said) return;
    // The stream's error flag covers every write since the start; the cause is the failed
    // write's errno when emit() saw it, else the flush's, else what the last call left (a
    // write through std::cout or printf).
    const int earlier = errno;
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (flushed && !std::ferror(stdout)) return;
    const int cause = failed_write_cause != 0 ? failed_write_cause : errno != 0 ? errno : earlier;
    write_failure_said = true;
    throw io_error(fmt::format("cannot write: {}", cause != 0 ? std::strerror(cause) : "write error"),
                   location{"standard output", {}, 0, 0});
}

}  // namespace ttplan::cli
