// Subcommands of the ttplan tool. Each registers itself on the app and sets state.run.
#pragma once

#include <ttplan/fact_text.hpp>
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

// What `ttplan record add` records besides --actual and --delay (record.cpp registers them).
struct fact_inputs {
    std::vector<std::string> given;      // EVENT=YYYY-MM-DD
    std::vector<std::string> held;       // EVENT
    std::vector<std::string> added;      // phase[#cycle]=YYYY-MM-DD:activity[:category[:note]]
    std::vector<std::string> paused;     // phase[#cycle]=YYYY-MM-DD+days
    std::vector<std::string> stopped;    // phase[#cycle]=YYYY-MM-DD
    std::vector<std::string> track_starts;  // track=YYYY-MM-DD
    std::vector<std::string> track_stops;   // track=YYYY-MM-DD
    std::vector<std::string> recovered;  // phase=YYYY-MM-DD
    std::vector<std::string> decisions;  // parameter=value@YYYY-MM-DD
    std::string decided_by;              // for every --decide of the call
};

// A check for options whose empty value would quietly mean their default (--start '' today,
// -o '' standard output): CLI11 reports "OPTION: is empty; give WHAT", a usage error.
CLI::Validator not_empty(const std::string& what);
// --lang: the language of the human formats' fixed texts, one of ttplan::languages().
void add_language_option(CLI::App& cmd, std::string& language);
void add_plan_inputs(CLI::App& cmd, plan_inputs& in, bool with_protocol = true);
protocol load_input_protocol(const plan_inputs& in);
parameter_values parse_sets(const std::vector<std::string>& sets);
profile make_profile(const plan_inputs& in);
// --actual and --delay, in that order.
std::vector<actual_start> parse_actuals(const plan_inputs& in);
// make_schedule(p, pr), where pr's actual starts came from in.actuals and in.delays: a
// planning error one of them causes is located at its option.
schedule plan_with_facts(const protocol& p, const profile& pr, const plan_inputs& in);
// Every fact the options give, in the order of the options' kinds; value_error naming the option.
std::vector<record_fact> parse_facts(const plan_inputs& in, const fact_inputs& f);

// --then (continuation.cpp), and the plan of the first protocol continued with every --then.
void add_then_option(CLI::App& cmd, plan_inputs& in);
schedule plan_schedule(const plan_inputs& in);
// The plan of a record already read (input_record), with the clinic calendar of `in`; a note
// on standard error when the built-in it was pinned from has changed since.
schedule plan_record(const treatment_record& record, const plan_inputs& in);
// That note alone, for callers that plan the record themselves.
void note_builtin_changed(const treatment_record& record);

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
// The same rule for a time given on the command line (--timestamp), located at `where`.
std::int64_t parse_epoch_seconds(std::string_view text, std::string_view where);

// Writes to -o FILE atomically, or to stdout when the path is empty or "-". Throws io_error
// located at standard output when it cannot be written (a full disk, a closed pipe).
void emit(const std::string& output, std::string_view content);

// usage_error naming -o when format `name` is binary (PNG, PDF) and `output` is standard
// output on a terminal: those bytes would garble it.
void refuse_binary_on_terminal(const std::string& output, std::string_view name);

// Standard output written so far, flushed: io_error located at standard output when any of it
// was lost, so no command exits 0 with its output gone (main checks it after every command).
void check_standard_output();

// Today's date where the user is (the local time zone: TZ, else the system's), the plan start
// when --start is not given.
day_point local_today();

// "-" names standard input wherever a protocol or record file is taken (sources.cpp). It is
// read once, up to the size the library allows a file; messages locate it at "<stdin>".
inline constexpr std::string_view standard_input_origin = "<stdin>";
bool is_standard_input(std::string_view name);
const std::string& standard_input_text();
// A built-in id, a protocol file or "-".
protocol load_protocol_input(std::string_view id_or_path);
// protocol_origin(), and "<stdin>" for "-".
std::string input_origin(std::string_view id_or_path);
bool is_record_input(const std::string& path);
treatment_record load_record_input(const std::string& path);
std::vector<problem> validate_protocol_input(const std::string& path);
// usage_error when "-" is among `names` more than once.
void refuse_second_standard_input(const std::vector<std::string>& names, std::string_view what);

// ttplan record new|add|show (record.cpp).
void add_record(CLI::App& app, state& st);
// The treatment record `in` names in place of a protocol, or nullopt for a protocol. Throws
// usage_error when options the record itself holds (--start, --set, --actual, --delay,
// --then) are given with one.
std::optional<treatment_record> input_record(const plan_inputs& in);

// ttplan batch (batch.cpp) and ttplan load (load.cpp).
void add_batch(CLI::App& app, state& st);
void add_load(CLI::App& app, state& st);
// ttplan graph (graph.cpp).
void add_graph(CLI::App& app, state& st);
// ttplan compare (compare.cpp).
void add_compare(CLI::App& app, state& st);
// ttplan fhir export|export-definition|import (fhir.cpp).
void add_fhir(CLI::App& app, state& st);

void add_commands(CLI::App& app, state& st);

}  // namespace ttplan::cli
