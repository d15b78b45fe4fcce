// Facts as one line of text: the forms `ttplan record add` takes on its command line, and the C
// API and Python take as strings, read by one parser so that every surface accepts the same
// text and refuses it with the same message.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/facts.hpp>
#include <ttplan/record.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// Each form reads one kind of fact (docs/records.md, "Facts as text").
enum class fact_form : std::uint8_t {
    actual,       // phase[#cycle]=YYYY-MM-DD                  actual_start with a date
    delay,        // phase[#cycle]=N                           actual_start N days late (-3650..3650)
    given,        // phase[#cycle]:day:activity=YYYY-MM-DD      event_moved
    hold,         // phase[#cycle]:day:activity                 event_held
    add,          // phase[#cycle]=YYYY-MM-DD:activity[:category[:note]]   event_added
    pause,        // phase[#cycle]=YYYY-MM-DD+N                 phase_paused (1..366 days)
    stop,         // phase[#cycle]=YYYY-MM-DD                   phase_stopped
    start_track,  // track=YYYY-MM-DD                           track_changed, started
    stop_track,   // track=YYYY-MM-DD                           track_changed, stopped
    recovered,    // phase=YYYY-MM-DD                           gate_resolved
    decide,       // parameter=value@YYYY-MM-DD                 decision_taken
};

inline constexpr std::array all_fact_forms = {
    fact_form::actual, fact_form::delay,       fact_form::given,      fact_form::hold,
    fact_form::add,    fact_form::pause,       fact_form::stop,       fact_form::start_track,
    fact_form::stop_track, fact_form::recovered, fact_form::decide,
};

// "actual", "delay", "given", "hold", "add", "pause", "stop", "start-track", "stop-track",
// "recovered", "decide": the names of `ttplan record add`'s options without their dashes.
std::string_view to_string(fact_form f);

// The form's syntax, as above ("phase[#cycle]=YYYY-MM-DD+days"), for help and messages.
std::string_view syntax_of(fact_form f);

// The form a name gives (to_string's names, and "omit" for hold); nullopt for another.
std::optional<fact_form> parse_fact_form(std::string_view name);

// Reads one fact. An activity or note may hold any character, colons among them; dates are
// YYYY-MM-DD. A decision's `decided_by` is not part of its text: it is given here (and is
// ignored for other forms). Throws value_error quoting the text and saying what is wrong.
record_fact parse_fact(fact_form form, std::string_view text, std::string_view decided_by = {});

// The same with the form named: throws value_error listing the names for an unknown one.
record_fact parse_fact(std::string_view form, std::string_view text, std::string_view decided_by = {});

// One fact as text in a list of them, as the C API and Python take facts: the form's name (as
// parse_fact takes it) and the text.
struct fact_line {
    std::string_view form;
    std::string_view text;
};

// Reads each fact in order. A mistake is the value_error parse_fact throws, located at
// "facts[i]", the fact's index in the list, so a caller with many facts learns which one.
std::vector<record_fact> parse_facts(std::span<const fact_line> facts, std::string_view decided_by = {});

// Adds a fact the planner takes to `facts`. A decision is a parameter value when there is no
// record to keep it, and a re-pin concerns only records: both throw value_error saying so.
void add_fact(treatment_facts& facts, record_fact fact);

// add_fact() for each in order; a refusal is located at "facts[i]" as in parse_facts.
void add_facts(treatment_facts& facts, std::vector<record_fact> list);

}  // namespace ttplan
