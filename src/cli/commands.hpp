// Subcommands of the ttplan tool. Each registers itself on the app and sets state.run.
#pragma once

#include <ttplan/ttplan.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ttplan::cli {

struct state {
    std::function<int()> run;
};

// What every planning command reads: the protocol, the patient's parameters and dates.
struct plan_inputs {
    std::string protocol;  // built-in id or file; empty = the default built-in
    std::string start;     // YYYY-MM-DD; empty = today
    std::vector<std::string> sets;      // name=value
    std::vector<std::string> actuals;   // phase[#cycle]=YYYY-MM-DD
    std::vector<std::string> delays;    // phase[#cycle]=days
    std::vector<std::string> closed;    // weekday names
    std::vector<std::string> holidays;  // YYYY-MM-DD
    std::vector<std::string> shifts;    // category=next|previous|keep
    std::vector<std::string> thens;     // ID_OR_FILE[@YYYY-MM-DD|@after:PHASE] (continuation.cpp)
};

void add_plan_inputs(CLI::App& cmd, plan_inputs& in, bool with_protocol = true);
protocol load_input_protocol(const plan_inputs& in);
parameter_values parse_sets(const std::vector<std::string>& sets);
profile make_profile(const plan_inputs& in);

// --then (continuation.cpp), and the plan of the first protocol continued with every --then.
void add_then_option(CLI::App& cmd, plan_inputs& in);
schedule plan_schedule(const plan_inputs& in);

// A command line that cannot be carried out as given, found before any work is done (as
// opposed to bad data): main exits with status 2 for it.
class usage_error : public value_error {
public:
    using value_error::value_error;
};

// The format -o FILE asks for when no --format is given, among the formats `allowed`:
// standard output ("" or "-") and a name without a suffix (/dev/stdout, a named pipe) get
// text; a suffix must be one of an allowed format's, else usage_error listing them, so
// "-o plan.pdf" never becomes text in a file that claims to be something else.
std::string format_for_output(const std::string& output, const std::vector<std::string_view>& allowed);

// $SOURCE_DATE_EPOCH (reproducible-builds.org), the iCalendar DTSTAMP when --timestamp is
// not given; nullopt when it is unset. Throws value_error located at SOURCE_DATE_EPOCH when it
// is not decimal digits alone (no sign, no spaces, not empty) for a time up to the year 9999.
std::optional<std::int64_t> source_date_epoch();

// Writes to -o FILE atomically, or to stdout when the path is empty or "-".
void emit(const std::string& output, std::string_view content);

// ttplan graph (graph.cpp).
void add_graph(CLI::App& app, state& st);
// ttplan compare (compare.cpp).
void add_compare(CLI::App& app, state& st);

void add_commands(CLI::App& app, state& st);

}  // namespace ttplan::cli
