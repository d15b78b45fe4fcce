// What a re-plan changed, item by item, as a calendar client sees it: the items of two
// schedules matched by the UIDs their iCalendar files carry (ical.hpp), so the list says which
// events an import of the new calendar moves, adds and cancels.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// What a calendar item is; one iCalendar VEVENT each.
enum class calendar_item_kind : std::uint8_t {
    treatment_day,  // the events of one phase, cycle and day number on one date
    dose,           // one clock time of a timed event
    phase,          // a phase occurrence (one cycle of a repeated phase)
    span,           // continuous therapy within a phase, or a protocol-wide track
    decision,       // a decision taken during treatment
};

// "treatment-day", "dose", "phase", "span", "decision": the spelling of the JSON change list.
std::string_view to_string(calendar_item_kind k);

// One calendar item as a change shows it: what it is and when.
struct calendar_item {
    calendar_item_kind kind = calendar_item_kind::treatment_day;
    std::string protocol;                 // protocol id of its segment
    std::string phase;                    // phase id; empty for a track
    std::string phase_name;               // as the readable formats label it; empty for a track
    std::optional<std::int32_t> cycle;    // for a repeated phase
    std::optional<std::int32_t> day;      // day number: treatment days, doses, decisions
    std::vector<std::string> activities;  // treatment day: its activities; dose, span: the one
    std::string parameter;                // decision: the parameter decided; else empty
    day_point first;
    day_point last;                  // inclusive
    std::optional<clock_time> time;  // dose: its clock time
    friend bool operator==(const calendar_item&, const calendar_item&) = default;
};

enum class change_kind : std::uint8_t {
    moved,    // in both, on other dates or at another clock time
    added,    // in the new schedule only
    removed,  // in the old schedule only (an import of the new calendar cancels it)
    changed,  // in both, on the same dates, listing something else (a dose held on a busy day)
};

// "moved", "added", "removed", "changed".
std::string_view to_string(change_kind k);

// One item that differs between two schedules.
struct change {
    change_kind kind = change_kind::moved;
    std::string uid;                      // the iCalendar UID of the item
    std::optional<calendar_item> before;  // unset for added
    std::optional<calendar_item> after;   // unset for removed
    friend bool operator==(const change&, const change&) = default;
};

// The changes from `before` to `after`.
// Returns: one change per UID whose item is in one schedule only (added, removed), in both
// with other dates or another clock time (moved), or in both on the same dates but listing
// other activities or names (changed); identical items are not listed. Order: by the earlier of the item's first dates, then UID.
// UIDs are the ones to_ical writes with `options`: with options.calendar_id empty, each
// schedule's UIDs derive from its own plan (ical_calendar_id), so a re-plan with another start
// date or other parameters lists every item as removed and added, as a client importing its
// calendar sees it; give a calendar id to match items across such re-plans. Only
// options.calendar_id is read.
// Throws value_error for a given calendar id that to_ical refuses.
std::vector<change> changes(const schedule& before, const schedule& after,
                            const render_options& options = {});

// The change list as text, one line per change:
// "moved    Vincristine, Consolidation Day 8: Mon 15 Feb 2027 -> Mon 22 Feb 2027";
// "No changes." and a newline when the list is empty. Names are one line, without control
// characters.
std::string changes_to_text(const std::vector<change>& list);

// The change list as JSON (schema/changes.schema.json), with a trailing newline:
// {"format": "ttplan-changes/1", "changes": [{"kind", "uid", "before", "after"}]}, the sides
// null where the item does not exist. Identical lists give identical bytes.
std::string changes_to_json(const std::vector<change>& list);

}  // namespace ttplan
