// A schedule: one patient's dated calendar, the planner's output and every format's input.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// Why a phase occurrence or span ends where it does.
enum class ending_reason : std::uint8_t {
    none,      // it ran its course
    limit,     // cut at an "until" limit (the last cycle of a repeat that runs until a date)
    switched,  // stopped early by a switch to another protocol (continue_with)
    stopped,   // stopped early on a date the treatment record gives (phase_stopped, track_changed)
};

// "none", "limit", "switch", "stopped": the spelling used in the JSON schedule.
std::string_view to_string(ending_reason e);

// The dates an item may fall on, both inclusive: every date from earliest to latest, or, when
// `dates` is not empty, only those (a window that lists its days, "Day 8 or Day 15"; ascending,
// earliest and latest its first and last, the planned date among them).
struct date_window {
    day_point earliest;
    day_point latest;
    std::vector<day_point> dates{};

    bool is_list() const noexcept { return !dates.empty(); }
    friend bool operator==(const date_window&, const date_window&) = default;
};

// One run of a phase (one cycle of a repeated phase). first and last are inclusive.
struct phase_occurrence {
    std::string phase;  // phase id
    std::string name;
    std::string kind;
    std::optional<std::int32_t> cycle;  // set for repeated phases
    std::string variant;                // alternating variant of this cycle, if any
    day_point first;
    day_point last;
    std::int32_t first_day = 1;  // day number of `first`
    bool tentative = false;      // starts on a clinically gated date or after one, or may move
                                 // with an uncertain length (see possible_first)
    ending_reason ending = ending_reason::none;
    // Index into schedule::segments() of the protocol this occurrence belongs to. Continuations
    // keep their phase ids, so (segment, phase, cycle) is what tells `induction` of one
    // protocol from `induction` of the next, even when a protocol follows itself.
    std::size_t segment = 0;
    // The decisions still to be taken that it waits on (parameter names, in decision order):
    // it ends after a pending decision, so the plan shows the default branch for it.
    std::vector<std::string> pending{};
    // The dates it may start on, when a dependency gives its start a window ("within 1 month",
    // or a list: "or 1 or 2 weeks later").
    std::optional<date_window> start_window{};
    // Where an uncertain length ("2-6 weeks, usually 4") lies upstream or is its own: the
    // earliest and latest dates its first and last day may fall on (unset when they cannot
    // move). first and last are what the expected lengths give.
    std::optional<date_window> possible_first{};
    std::optional<date_window> possible_last{};
    // Its own length is uncertain: the protocol's range (the plan uses the expected length).
    std::optional<length_range> uncertain_length{};
    // Treatment paused (phase_paused): the dates of each pause, ascending. They lie within
    // first..last and count among its days(); its day numbers skip them.
    std::vector<date_window> paused{};

    std::int64_t days() const { return (last - first).count() + 1; }
    bool ended_early() const noexcept { return ending != ending_reason::none; }
    friend bool operator==(const phase_occurrence&, const phase_occurrence&) = default;
};

// One dated activity.
struct event {
    day_point date;
    std::string phase;
    std::optional<std::int32_t> cycle;
    std::int32_t day = 1;  // the day number in the phase's numbering
    std::string activity;
    ttplan::category category = ttplan::category::chemotherapy;
    bool tentative = false;
    // Moved from its planned date, by the clinic calendar or, when `recorded`, by a fact of the
    // treatment record (planned_date keeps the original).
    std::optional<day_point> planned_date;
    std::string note;
    std::size_t segment = 0;  // as for phase_occurrence; by the planned date, not a moved one
    std::vector<std::string> pending{};  // as for phase_occurrence: dated after a pending decision
    // The dates it may fall on ("Day 4, 5 or 6", or a list: "Day 8 or Day 15"), within its
    // phase occurrence; the clinic calendar moves it within the window where it can.
    std::optional<date_window> window{};
    // Within the day, as the protocol says: doses a day (from per_day, every_hours, or the
    // number of clock times), every N hours, the clock times, the duration of each dose, and
    // for an activity given "after" another, that reference and offset. For an "after" event
    // with a timed reference, `times` holds the one clock time it works out to. Empty when the
    // protocol gives only the day.
    ttplan::timing timing{};
    // As for phase_occurrence: the dates it may fall on when an uncertain length lies upstream.
    std::optional<date_window> possible_date{};
    // Its date is a fact of the treatment record: given on another date than planned
    // (event_moved; planned_date is the planned one) or not planned at all (event_added).
    bool recorded = false;

    friend bool operator==(const event&, const event&) = default;
};

// A continuous stretch: a protocol track (phase empty) or a continuous activity within a
// phase occurrence. first and last are inclusive.
struct span {
    std::string activity;
    ttplan::category category = ttplan::category::targeted;
    day_point first;
    day_point last;
    std::string phase;  // empty for protocol-wide tracks
    std::optional<std::int32_t> cycle;
    std::int32_t first_day = 0;  // day numbers within the phase (0/0 for tracks)
    std::int32_t last_day = 0;
    bool tentative = false;
    std::string note;
    ending_reason ending = ending_reason::none;  // a switch, or a stop the record gives
    std::size_t segment = 0;                     // as for phase_occurrence
    std::vector<std::string> pending{};          // as for phase_occurrence: ends after a pending decision
    // As for event (never `after`): "twice daily" oral therapy, a 28-day continuous infusion.
    ttplan::timing timing{};
    std::optional<date_window> possible_first{};  // as for phase_occurrence
    std::optional<date_window> possible_last{};

    std::int64_t days() const { return (last - first).count() + 1; }
    bool ended_early() const noexcept { return ending != ending_reason::none; }
    friend bool operator==(const span&, const span&) = default;
};

// A decision taken during treatment (a parameter the protocol declares "decided"), where the
// plan meets it: its date, the phase day it belongs to, the options, and the value once given.
struct decision {
    std::string parameter;
    day_point date;
    std::string phase;                  // phase id of the decision's anchor
    std::int32_t day = 1;               // its day number in that phase
    std::optional<std::int32_t> cycle;  // the cycle, for a repeated phase
    std::string decided_by;             // what decides it
    std::vector<std::string> options;   // canonical text, in declaration order
    std::optional<std::string> value;   // the value given; nullopt while pending
    std::string assumed;                // the branch the plan follows: the value, or the default
    bool tentative = false;             // its date may still move (a gate or an uncertain length)
    std::size_t segment = 0;            // as for phase_occurrence
    std::optional<date_window> possible_date{};  // as for event

    bool pending() const noexcept { return !value.has_value(); }
    friend bool operator==(const decision&, const decision&) = default;
};

// What the schedule remembers about the protocol it came from, so that formats never need
// the protocol itself.
// A phase as readers are told about it: what it is and what to expect (see phase).
struct phase_words {
    std::string id;
    std::string name;
    std::string description;
    std::string expect;
    friend bool operator==(const phase_words&, const phase_words&) = default;
};

struct protocol_info {
    std::string id;
    std::string title;
    std::string version;
    // The plain words of the protocol, so that formats can explain the plan: each phase's (in
    // declaration order) and each declared parameter with its label, meaning and value labels.
    std::vector<phase_words> phases{};
    std::vector<parameter> parameters{};
    // The protocol's translations of its own texts (model.hpp): the human formats write a
    // language's texts where it gives them (render_options::language).
    protocol_translations translations{};

    // The phase or parameter of that id or name; nullptr when the protocol has none.
    const phase_words* find_phase(std::string_view phase_id) const noexcept;
    const parameter* find_parameter(std::string_view name) const noexcept;
    friend bool operator==(const protocol_info&, const protocol_info&) = default;
};

// What a schedule planned from `p` remembers of it.
protocol_info info_of(const protocol& p);

// One protocol's stretch of a schedule: the main protocol from the plan start, then each
// protocol the plan continued with (see continuation.hpp), in order.
struct segment {
    protocol_info protocol;
    typed_values parameters;      // resolved, defaults filled in
    day_point start{};            // the day this protocol's plan starts
    std::string reason;           // why it starts there ("relapse"); empty for the first
    friend bool operator==(const segment&, const segment&) = default;
};

struct phase_total {
    std::string phase;
    std::string name;
    std::int32_t occurrences = 0;  // cycles
    std::int64_t days = 0;         // calendar days covered by its occurrences
    day_point first;
    day_point last;
    std::size_t segment = 0;  // index into schedule::segments()
};

class schedule {
public:
    schedule() = default;
    // Sorts phases, events and spans by date (ties keep the given order) and derives end().
    // segments: the main protocol first, then each continuation in date order; start() is the
    // first segment's start. Throws planning_error for no segments, segments out of date order,
    // or an item whose segment index is not one of them.
    // decisions: those met in the plan, sorted by date as well.
    schedule(std::vector<segment> segments, std::vector<phase_occurrence> phases, std::vector<event> events,
             std::vector<span> spans, std::vector<decision> decisions = {});

    // The main (first) protocol and its parameter values.
    const protocol_info& protocol() const noexcept { return segments_.front().protocol; }
    const typed_values& parameters() const noexcept { return segments_.front().parameters; }
    // Every protocol in the plan, the main one first; more than one after continue_with().
    const std::vector<segment>& segments() const noexcept { return segments_; }
    // The segment an item belongs to.
    template <class Item>
    const segment& segment_of(const Item& item) const {
        return segments_.at(item.segment);
    }
    day_point start() const noexcept { return start_; }
    // The last day with anything planned (phase, event or span), inclusive.
    day_point end() const noexcept { return end_; }
    // Calendar days from start to end inclusive.
    std::int64_t total_days() const { return (end_ - start_).count() + 1; }
    // Where an uncertain length lies in the plan: the earliest and latest dates end() may be
    // (the latest of the items' earliest and latest possible last days); nullopt when the end
    // cannot move.
    std::optional<date_window> possible_end() const;

    const std::vector<phase_occurrence>& phases() const noexcept { return phases_; }
    const std::vector<event>& events() const noexcept { return events_; }
    const std::vector<span>& spans() const noexcept { return spans_; }
    // Decisions taken during treatment, by date; pending ones have no value yet.
    const std::vector<decision>& decisions() const noexcept { return decisions_; }
    // Whether any decision is still pending.
    bool has_pending() const noexcept;

    // Events dated d, in schedule order.
    std::vector<event> events_on(day_point d) const;
    // Phase occurrences covering d (more than one where phases overlap).
    std::vector<phase_occurrence> active_on(day_point d) const;
    // Spans covering d.
    std::vector<span> spans_on(day_point d) const;
    // Display name of a phase id ("" if the schedule has no such phase); with several
    // protocols, the first one that has it.
    std::string phase_name(std::string_view phase_id) const;
    // Display name of a phase of the given segment ("" if none).
    std::string phase_name(std::size_t segment, std::string_view phase_id) const;

    // Per phase of each segment, in order of first occurrence.
    std::vector<phase_total> totals_by_phase() const;
    // Distinct dates with at least one event or span of each category.
    std::map<category, std::int64_t> days_by_category() const;
    // Distinct dates with a dated activity or continuous therapy (an event, or a span other than
    // a restriction): the "treatment days".
    std::int64_t treatment_days() const;
    // Distinct dates with at least one event: the days with something to attend (a visit, a
    // procedure, an assessment), without days of continuous therapy alone.
    std::int64_t clinic_days() const;

    friend bool operator==(const schedule&, const schedule&) = default;

private:
    std::vector<segment> segments_{segment{}};
    day_point start_{};
    day_point end_{};
    std::vector<phase_occurrence> phases_;
    std::vector<event> events_;
    std::vector<span> spans_;
    std::vector<decision> decisions_;
};

}  // namespace ttplan
