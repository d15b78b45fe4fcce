// Treatment records (JSON, "format": "ttplan-record/1"): one patient's plan that follows the
// patient. A record pins its protocol (a full copy), keeps the parameter values and start
// date given when it was made, and an append-only history of what happened, by revision.
// Planning a record is planning the profile its history folds to, with the pinned copy.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/changes.hpp>
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/facts.hpp>
#include <ttplan/format.hpp>
#include <ttplan/model.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/schedule.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace TTPLAN_API ttplan {

inline constexpr std::string_view record_format = "ttplan-record";
inline constexpr int record_format_version = 1;

// A parameter decided during treatment (declared `decided` in the protocol) got its value:
// from here on the plan follows it. `date` is when it was decided, for readers.
struct decision_taken {
    std::string parameter;
    std::string value;
    day_point date;
    std::string decided_by;  // what decided it ("marrow MRD"); may be empty
    friend bool operator==(const decision_taken&, const decision_taken&) = default;
};

// The record was re-pinned (repin()) from one edition of its protocol to another. Only repin()
// records it; it changes no date by itself.
struct protocol_repinned {
    std::string from_version;
    std::string from_digest;
    std::string to_version;
    std::string to_digest;
    friend bool operator==(const protocol_repinned&, const protocol_repinned&) = default;
};

// One fact of a revision: every kind the planner takes (<ttplan/facts.hpp>), decisions, and
// re-pins.
using record_fact = std::variant<actual_start, event_moved, event_held, event_added, phase_paused,
                                 phase_stopped, track_changed, gate_resolved, decision_taken,
                                 protocol_repinned>;

// The kind as files spell it: "actual_start", "event_moved", "event_held", "event_added",
// "phase_paused", "phase_stopped", "track_changed", "gate_resolved", "decision_taken",
// "protocol_repinned".
std::string_view kind_of(const record_fact& f);

// One readable line ("consolidation started on 2027-02-15", "induction:22:Vincristine held"),
// as `ttplan record show` and refusal messages quote a fact; safe to print on a terminal
// (control characters as spaces, invalid UTF-8 as U+FFFD).
std::string to_string(const record_fact& f);

struct revision {
    std::int32_t number = 1;       // 1 for the record's creation, then 2, 3, ...
    std::int64_t recorded_at = 0;  // when it was recorded: seconds since 1970-01-01T00:00:00Z
    std::vector<record_fact> facts;
    friend bool operator==(const revision&, const revision&) = default;
};

// The protocol a record plans with, copied whole when the record is made, so that a later
// change to the catalog or to the file cannot change an existing patient's plan.
struct pinned_protocol {
    std::string origin;   // "builtin:<id>" or the path of the file it was read from
    std::string version;  // the copy's version, for readers
    std::string digest;   // protocol_digest(copy)
    protocol copy;

    // The built-in id when the origin is "builtin:<id>".
    std::optional<std::string> builtin_id() const;
    friend bool operator==(const pinned_protocol&, const pinned_protocol&) = default;
};

// Bounded work (docs/limits.md): a record holds at most this many revisions, and this many
// facts in all its revisions. Its calendar plans every revision (render()), so these bound the
// time it takes; reading a record over them, or adding past them, is an error.
inline constexpr std::size_t max_record_revisions = 10'000;
inline constexpr std::size_t max_record_facts = 10'000;

struct treatment_record {
    // Opaque: 32 lowercase hex digits, random, never derived from personal data. iCalendar
    // UIDs are made from it, so a calendar re-imported after a new revision updates its events.
    std::string calendar_id;
    pinned_protocol pinned;
    day_point start{};
    parameter_values values;  // as given at creation; decisions come in the history
    std::vector<revision> history;

    // The number of the last revision (the iCalendar SEQUENCE of its plan).
    std::int32_t last_revision() const noexcept { return history.empty() ? 0 : history.back().number; }
    friend bool operator==(const treatment_record&, const treatment_record&) = default;
};

// "fnv1a64:" and 16 lowercase hex digits of the canonical protocol JSON (to_json(p)): equal
// protocols give equal digests. A change check, not a security measure.
std::string protocol_digest(const protocol& p);

// 128 bits from std::random_device as 32 lowercase hex digits.
std::string new_calendar_id();

// Where a protocol named on a command line comes from: "builtin:<id>" for a built-in id,
// else the path as given.
std::string protocol_origin(std::string_view id_or_path);

// A new record: revision 1, recorded at `recorded_at` (seconds since 1970), with no facts.
// Throws parameter_error for values the protocol does not allow, planning_error when the
// protocol cannot be planned from `start` with them, value_error for a calendar id that is
// not 32 lowercase hex digits or a time outside 1970..9999.
treatment_record create_record(protocol p, std::string origin, day_point start, parameter_values values,
                               std::int64_t recorded_at, std::string calendar_id = new_calendar_id());

// The record with one more revision holding `facts`, recorded at `recorded_at`. `r` is never
// changed. Throws, located at the pointer the refused fact would have ("/history/2/facts/0"):
// - value_error for a revision without facts, a time outside 1970..9999, or a
//   protocol_repinned fact (repin() records those);
// - parameter_error for a decision on a parameter the protocol does not declare `decided`
//   (naming it), or a value it does not allow;
// - planning_error with the planner's message for a fact the planner rejects, and for an
//   actual start earlier than the start of a phase it depends on (naming both dates).
treatment_record add_revision(const treatment_record& r, std::vector<record_fact> facts,
                              std::int64_t recorded_at);

// The profile the history folds to (docs/records.md, "Folding"): the start, the values given
// at creation with every decision applied, and the facts, a later fact about the same thing
// replacing an earlier one. The clinic calendar is `calendar`: it belongs to the clinic, not
// to the patient's record.
profile profile_of(const treatment_record& r, const clinic_calendar& calendar = {});

// The record's plan, made with the pinned copy: make_schedule(r.pinned.copy, profile_of(r, calendar)).
schedule plan(const treatment_record& r, const clinic_calendar& calendar = {});

// The plan as it stood after revision `number` (1 .. last_revision()): the record with the
// revisions after it left out, planned as plan() does. What an earlier calendar was written
// from, for the cancelled events of a later one and for the changes since a revision.
// Throws value_error naming the revisions there are for a number outside them.
schedule plan_at(const treatment_record& r, std::int32_t number, const clinic_calendar& calendar = {});

// The record's plan in a format, as `ttplan plan FILE` writes it: the calendar is the record's
// (its calendar_id), SEQUENCE its last revision, DTSTAMP `options.timestamp` or else the time of
// the last revision, and an iCalendar file also holds, as cancelled events, every item an
// earlier revision's plan had and the last one has not, so that a client that imported any
// earlier revision removes them. Throws value_error when `options` sets calendar_id, sequence
// or previous, which the record gives; else what render() throws.
// `earlier` left_out writes the last revision's events alone, for clients that keep no UIDs
// and show a cancelled event as a planned one (calcurse): they import a calendar afresh.
enum class earlier_revisions : std::uint8_t { cancelled, left_out };
std::string render(const treatment_record& r, std::string_view format, render_options options = {},
                   const clinic_calendar& calendar = {}, earlier_revisions earlier = earlier_revisions::cancelled);

// What the plan of the last revision changed against the plan as it stood after revision
// `since` (plan_at()), matched by the UIDs render() writes: `ttplan changes FILE --since N`.
// Without `since`, the revision before the last (revision 1 for a record that has no other):
// what the last `record add` changed. Throws value_error naming the revisions there are for a
// number outside them.
std::vector<change> changes_since(const treatment_record& r, std::optional<std::int32_t> since = std::nullopt,
                                  const clinic_calendar& calendar = {});

// The built-in a record was pinned from, changed since: old and new version and digest.
struct pin_change {
    std::string builtin_id;
    std::string pinned_version;
    std::string pinned_digest;
    bool still_built_in = true;  // false: the catalog no longer has this id
    std::string current_version;
    std::string current_digest;

    // What changed and how to move on, in one line safe to print on a terminal.
    std::string message() const;
};

// Whether the built-in protocol a record was pinned from now differs from its pinned copy;
// nullopt when it is the same, or the record was made from a file. Planning uses the
// pinned copy either way.
std::optional<pin_change> builtin_changed(const treatment_record& r);

// The record for people, as `ttplan record show` prints it: the protocol pinned, the start,
// the parameters, each revision with its time and facts, and a note when the built-in it was
// pinned from has changed. Safe to print on a terminal.
std::string describe(const treatment_record& r);

// "2027-01-04T09:30:00Z": a revision's time as the file writes it.
// Precondition: 0 <= seconds <= 253402300799 (9999-12-31T23:59:59Z).
std::string format_record_time(std::int64_t seconds);

// The record pinned to `p` instead, with one more revision recording the change: the way to
// follow a built-in that has changed (builtin_changed()) without starting a new record. The
// whole history is planned with `p` first; `r` is never changed. Throws value_error when `p`
// is the protocol already pinned (same digest) or is another protocol (another id), and what
// add_revision() throws for a fact the new edition rejects.
treatment_record repin(const treatment_record& r, protocol p, std::string origin, std::int64_t recorded_at);

// Canonical record text (2-space indent, trailing newline): parse_record(to_json(r)) == r,
// and to_json(parse_record(text)) == text for text to_json wrote.
std::string to_json(const treatment_record& r);

// Parses a record. `origin` names the text in error locations. Throws parse_error (line and
// column) for text that is not JSON, validation_error listing every problem by file, JSON
// pointer and line (the pinned copy's problems too, under /protocol/document), among them a
// copy that no longer matches its digest.
treatment_record parse_record(std::string_view json_text, std::string_view origin = "<string>");

// Reads a file and parses it. Throws io_error when it cannot be read.
treatment_record load_record_file(const std::filesystem::path& path);

// True when `path` is a readable JSON file whose "format" names a treatment record (of any
// version): the test `ttplan plan` uses to take a record where a protocol file could stand.
bool is_record_file(const std::filesystem::path& path);
// The same test for text already read (standard input).
bool is_record_text(std::string_view json_text);

}  // namespace ttplan
