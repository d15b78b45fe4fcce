// The protocol model: value types describing a treatment protocol as a graph of phases.
// A protocol holds no dates; the planner turns it into a schedule for one patient profile.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>
#include <ttplan/export.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

enum class category : std::uint8_t {
    chemotherapy,
    targeted,
    intrathecal,
    radiation,
    immunotherapy,
    cell_therapy,
    transplant,
    assessment,
    hospital_stay,
    restriction,
    milestone,
};

// Every category, in declaration order.
inline constexpr category all_categories[] = {
    category::chemotherapy, category::targeted,      category::intrathecal, category::radiation,
    category::immunotherapy, category::cell_therapy, category::transplant,  category::assessment,
    category::hospital_stay, category::restriction,  category::milestone,
};

// "chemotherapy", ..., "cell-therapy", "hospital-stay" (the spelling used in files).
std::string_view to_string(category c);
// Inverse of to_string; nullopt for an unknown name.
std::optional<category> parse_category(std::string_view name);
// "Chemotherapy", "Cell therapy", "Hospital stay": for readers, in the language of the format
// being written (render_options::language), English otherwise.
std::string_view display_name(category c);

// Parameter values are kept as text in their canonical form: "true"/"false" for bool,
// the choice name for choice, decimal for integer. Ordered by name.
using parameter_values = std::map<std::string, std::string, std::less<>>;

enum class parameter_type : std::uint8_t { boolean, choice, integer };

// How a dependency orders its two phases.
enum class dependency_type : std::uint8_t { finish_to_start, start_to_start };

// A point in the plan: a day of a phase, or a phase's first or last day, or the plan start.
struct anchor {
    enum class edge : std::uint8_t { start, end, day };

    std::string phase;  // empty = the plan's start date
    edge at = edge::start;
    std::int32_t day = 0;               // for edge::day, in the phase's numbering
    std::optional<std::int32_t> cycle;  // default: first cycle for start/day, last for end

    friend bool operator==(const anchor&, const anchor&) = default;
};

// A parameter decided during treatment ("bone-marrow MRD on induction Day 29 assigns the risk
// group"), not before planning. Until its value is given, the plan follows the default and
// everything after the decision is pending on it.
struct decision_point {
    anchor at;               // when it is decided: a day, start or end of a phase
    std::string decided_by;  // what decides it, for readers

    friend bool operator==(const decision_point&, const decision_point&) = default;
};

struct parameter {
    std::string name;
    parameter_type type = parameter_type::boolean;
    std::string description;
    std::vector<std::string> choices;  // for choice
    std::int64_t minimum = 0;          // for integer, inclusive
    std::int64_t maximum = 0;          // for integer, inclusive
    std::string default_value;         // canonical text
    std::optional<decision_point> decided;  // set: decided during treatment (bool or choice only)
    // For readers: a short name ("Philadelphia chromosome"; empty: the name is shown) and words
    // for values ("true" -> "positive"; a value without any reads as itself, false and true as
    // "no" and "yes"). Keys are values of options(): integers have none.
    std::string label{};
    std::map<std::string, std::string, std::less<>> value_labels{};

    // The label, or the name when there is none.
    const std::string& label_or_name() const noexcept { return label.empty() ? name : label; }
    // A value in words: its value label, "yes"/"no" (in the language of the format being written)
    // for an unlabelled bool, else the value.
    std::string value_words(std::string_view value) const;

    // Every value, in declaration order: false and true, the choices; empty for integers.
    std::vector<std::string> options() const;
    friend bool operator==(const parameter&, const parameter&) = default;
};

// A declarative condition: every listed parameter must have one of the listed values.
// An empty condition always holds.
struct condition {
    std::map<std::string, std::vector<std::string>, std::less<>> all_of;

    bool empty() const noexcept { return all_of.empty(); }
    bool matches(const parameter_values& values) const;
    friend bool operator==(const condition&, const condition&) = default;
};

// Day numbers: "1,8,15,22", "1-28", "-7..-1", "every 7 from 8 to 78", or combinations
// separated by commas ("1-5, 29-33, every 28 from 57 to 113"). The word `end` stands for the
// last day of the occurrence the pattern is laid out in: "1-end", "29..end", "every 7 from 1
// to end", "end".
struct day_pattern {
    // A step_range's first or last that is `end`.
    static constexpr std::int32_t end_day = std::numeric_limits<std::int32_t>::max();

    struct step_range {
        std::int32_t first = 0;
        std::int32_t last = 0;
        std::int32_t step = 1;
        friend bool operator==(const step_range&, const step_range&) = default;
    };
    std::vector<step_range> parts;

    // Throws value_error on malformed text, a range that runs backwards, or a step < 1.
    static day_pattern parse(std::string_view text);
    // Canonical text that parse() reads back to an equal pattern.
    std::string to_string() const;
    // Every day, ascending, without duplicates. Throws value_error for a pattern that uses
    // `end`, whose days depend on where it is laid out: use days_through().
    std::vector<std::int32_t> days() const;
    // Every day up to and including `last`, with `end` meaning `last`, ascending, without
    // duplicates. Never lists more days than lie from the pattern's first day to `last`.
    std::vector<std::int32_t> days_through(std::int32_t last) const;
    // Whether some part runs to (or is) `end`.
    bool uses_end() const noexcept;
    bool empty() const noexcept { return parts.empty(); }
    friend bool operator==(const day_pattern&, const day_pattern&) = default;
};

// How far a planned day may move: from `before` days earlier to `after` days later ("Day 4, 5
// or 6" is Day 4 with after = 2; "every 10 (+/- 2) days" has 2 and 2), or to the days listed
// in `alternatives` instead, counted from the planned day ("Day 8 or Day 15" is Day 8 with
// alternatives {7}; negative is earlier). A window is a range or a list, never both.
struct day_window {
    std::int32_t before = 0;
    std::int32_t after = 0;
    std::vector<std::int32_t> alternatives{};  // as written: distinct, non-zero
    friend bool operator==(const day_window&, const day_window&) = default;
};

// "42 hours after methotrexate": an offset from each event of another activity of the same
// phase occurrence (leucovorin rescue after high-dose methotrexate).
struct after_rule {
    std::string activity;  // the name of another activity in the same phase
    std::int32_t hours = 0;

    friend bool operator==(const after_rule&, const after_rule&) = default;
};

// When within its day something is given. Everything empty: the protocol says only the day.
// The same shape describes an activity (what the protocol says) and an event or span (what the
// planner made of it, see schedule.hpp).
struct timing {
    std::optional<std::int32_t> per_day;      // doses a day: 2 = twice daily (BID), 3 = TID
    std::optional<std::int32_t> every_hours;  // every N hours; N divides 24
    std::vector<clock_time> times;            // clock times within the day, ascending
    // How long each dose runs (a 30-minute or 24-hour infusion), or, on continuous therapy, the
    // whole infusion ("28d").
    std::optional<std::chrono::minutes> duration;
    std::optional<after_rule> after;  // an offset from another activity

    bool empty() const noexcept { return !per_day && !every_hours && times.empty() && !duration && !after; }
    friend bool operator==(const timing&, const timing&) = default;
};

struct activity {
    std::string name;
    ttplan::category category = ttplan::category::chemotherapy;
    day_pattern days;
    // Continuous therapy: each unbroken run of days becomes one span (a hospital stay, daily
    // oral therapy) instead of one event per day.
    bool continuous = false;
    // Only the days that fall on Monday to Friday (radiation fractions, clinic-only treatment).
    bool weekdays_only = false;
    // At most this many days per phase occurrence: the first ones of `days` (after
    // weekdays_only), as in "10 fractions on weekdays from Day 1" (days "1..21").
    std::optional<std::int32_t> at_most;
    // Each day may move within this window; the plan uses the day itself and carries the window.
    std::optional<day_window> window{};
    // Doses a day, clock times, duration, or an offset from another activity ("after"); an
    // activity with `after` has no days of its own: it follows the activity it names.
    ttplan::timing timing{};
    day_pattern cycles;               // which cycles (1-based); empty = every cycle
    std::vector<std::string> variants;  // which alternating variants; empty = every variant
    condition when;
    std::string note;

    friend bool operator==(const activity&, const activity&) = default;
};

// "until <limit> from <anchor>": the repeat stops when the limit is reached; the last cycle
// is cut at the limit's last day. On a phase without a repeat, the limit's last day is the
// phase's last day.
struct until_rule {
    length limit;
    anchor from;
    condition when;

    friend bool operator==(const until_rule&, const until_rule&) = default;
};

// A number of cycles that depends on the parameter values: "2 cycles before a transplant".
struct count_case {
    condition when;
    std::optional<std::int32_t> count{};  // a fixed count, or
    std::string parameter{};              // the value of this integer parameter

    friend bool operator==(const count_case&, const count_case&) = default;
};

struct repeat_rule {
    std::optional<std::int32_t> count;     // at most this many cycles
    std::vector<until_rule> until;         // the first rule whose condition holds applies
    std::optional<length> first_cycle;     // cycle 1 has this length instead of the phase's
    std::vector<std::string> variants;     // alternating variants: cycle k runs variants[(k-1) % n]
    // The count is the value of this integer parameter ("2 to 5 cycles"); `count` is then empty.
    std::string count_parameter{};
    // The first case whose condition holds gives the count; when none holds, the count above.
    std::vector<count_case> count_when{};

    // The count that applies with these values: the first count_when case that holds, else
    // `count` or `count_parameter`; nullopt when there is none (the until rules bound it).
    // A parameter value that is missing or not an integer counts as none.
    std::optional<std::int32_t> count_for(const parameter_values& values) const;
    friend bool operator==(const repeat_rule&, const repeat_rule&) = default;
};

// An uncertain length: "2-6 weeks, usually 4", "until counts recover, usually 2 weeks". The
// phase's `duration` is the expected length; the plan uses it and carries the dates that the
// shortest and the longest length would give.
struct length_range {
    length shortest;
    length longest;
    std::string reason;  // what decides it, for readers ("until counts recover"); may be empty

    friend bool operator==(const length_range&, const length_range&) = default;
};

// A phase length that depends on the parameter values: "8 weeks under the earlier label".
struct length_case {
    condition when;
    length duration{};

    friend bool operator==(const length_case&, const length_case&) = default;
};

struct phase {
    std::string id;
    std::string name;
    std::string kind;  // free text: "induction", "consolidation", "maintenance", ...
    length duration{29, length::unit::days};
    // The day number of the phase's first calendar day: 1 (Day-1 numbering, the default),
    // 0 (Day-0 numbering), or negative (-7 = days -7..-1 come before Day 0).
    std::int32_t first_day = 1;
    std::vector<activity> activities;
    std::optional<repeat_rule> repeat;
    condition when;
    std::string description;
    // What a family can expect in this phase, in plain words (visits, tests, time at home or in
    // hospital, what comes next); empty when the protocol says nothing.
    std::string expect{};
    // The first case whose condition holds gives the length (of each cycle); else `duration`.
    std::vector<length_case> length_when{};
    // A phase without a repeat that runs until a limit: one occurrence from its start to the
    // last day of the first rule whose condition holds; `duration` is then unused.
    std::vector<until_rule> until{};
    // Set: the length is uncertain, from range->shortest to range->longest, usually `duration`
    // (for a repeated phase, each cycle's; a first_cycle length and a length_when case that
    // applies stay fixed).
    std::optional<length_range> range{};

    // The length of the phase (of each cycle) with these values.
    const length& length_for(const parameter_values& values) const;
    friend bool operator==(const phase&, const phase&) = default;
};

struct dependency {
    std::string from;
    std::string to;
    dependency_type type = dependency_type::finish_to_start;
    // For start_to_start: the successor starts on this day number of the predecessor's first
    // cycle ("consolidation begins on Day 36 of induction").
    std::int32_t on_day = 1;
    length lag{0, length::unit::days};  // added after the finish or the start day
    // A clinical gate ("or when counts recover, whichever is later"): the plan uses the
    // earliest date and marks the successor, and everything after it, tentative.
    std::string gate;
    condition when;
    // "Within 1 month": the successor may start up to this much later than the date the
    // dependency gives; the plan uses that date and carries the window.
    std::optional<length> window{};
    // "Or 1 or 2 weeks later": the successor may start on the date the dependency gives or that
    // date plus one of these lengths (a list instead of the range `window` gives; never both).
    std::vector<length> window_alternatives{};

    friend bool operator==(const dependency&, const dependency&) = default;
};

// Therapy spanning phases: "imatinib daily from induction Day 15 to the end of maintenance".
struct track {
    std::string name;
    ttplan::category category = ttplan::category::targeted;
    anchor from;
    anchor to;
    condition when;
    std::string note;

    friend bool operator==(const track&, const track&) = default;
};

struct source {
    std::string key;
    std::string title;
    std::string url;
    friend bool operator==(const source&, const source&) = default;
};

// The protocol's own texts in other languages (protocol files' "translations"): for each
// language code of languages() other than English, its texts as written (title, summary,
// description, phase names, descriptions and what to expect, parameter labels, descriptions,
// value labels and what decides them, activity and track names and notes, the reasons of
// uncertain lengths), each with its translation. A text left out stays as written.
using text_translations = std::map<std::string, std::string, std::less<>>;
using protocol_translations = std::map<std::string, text_translations, std::less<>>;

struct protocol {
    std::string id;
    std::string title;
    std::string version;
    std::string summary;      // one line for catalog listings
    std::string description;  // who it is for, what it illustrates
    std::string notes;        // where sources disagree and which reading is followed
    std::vector<source> sources;
    std::vector<parameter> parameters;
    std::vector<phase> phases;
    std::vector<dependency> dependencies;
    std::vector<track> tracks;
    protocol_translations translations;

    const phase* find_phase(std::string_view phase_id) const noexcept;
    const parameter* find_parameter(std::string_view name) const noexcept;
    friend bool operator==(const protocol&, const protocol&) = default;
};

// Bounded work (docs/limits.md): the most phases a protocol, and activities a phase, may have.
// check() reports a protocol over them at once (at "/phases", "/phases/i/activities") without
// looking further into what is over the bound.
inline constexpr std::size_t max_protocol_phases = 100'000;
inline constexpr std::size_t max_phase_activities = 10'000;

// Checks a protocol against the model's rules: unique ids, known references, positive and
// sane lengths, a bound on every repeat, no dependency cycle that one set of parameter values
// makes (naming its phases and those values), conditions on declared parameters and values.
// Returns every problem, located by JSON pointer into the protocol's file form; empty when
// the protocol is valid.
std::vector<problem> check(const protocol& p);

// Fills defaults and checks names and values against the declared parameters; "yes"/"no",
// "1"/"0" are accepted for bool and canonicalised. Throws parameter_error naming the
// parameter and listing the allowed names or values.
parameter_values resolve_parameters(const protocol& p, const parameter_values& given);

// A resolved parameter value as a schedule keeps it: its canonical text ("true", "dasatinib",
// "3") and the type the protocol declares, so that writers never guess a type from the text.
struct typed_value {
    parameter_type type = parameter_type::choice;
    std::string text;
    friend bool operator==(const typed_value&, const typed_value&) = default;
};
using typed_values = std::map<std::string, typed_value, std::less<>>;

// The values of `values` typed by the protocol's declarations. Throws parameter_error for a
// name the protocol does not declare.
typed_values typed_parameters(const protocol& p, const parameter_values& values);

}  // namespace ttplan
