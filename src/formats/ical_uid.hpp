// The items a calendar of a schedule holds and the UID of each: the one rule the iCalendar
// writer and the change list share, so that a change always names the event a client holds.
// Private to the library; items point into the schedule and live no longer than it.
#pragma once

#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// Length-prefixed fields after a scheme name: no activity name can imitate another item's key,
// and a key of one scheme never equals a key of another.
class key_builder {
public:
    explicit key_builder(std::string_view scheme) { add(scheme); }
    key_builder& add(std::string_view field);
    key_builder& add(const std::optional<std::int32_t>& cycle);
    const std::string& str() const noexcept { return key_; }

private:
    std::string key_;
};

// Checks a calendar id a caller gives: 1 to 64 characters from [A-Za-z0-9._-]. Throws
// value_error located at "calendar_id" otherwise.
void check_calendar_id(std::string_view id);

// The calendar id of a schedule's calendar: `given` (checked) when not empty, else 16 hex digits
// hashed from the plan (see ical_calendar_id in ical.hpp).
std::string calendar_id_for(const schedule& s, std::string_view given);

enum class uid_item_kind : std::uint8_t { phase, span, day, dose, decision };

// One calendar item: what it is, where in the schedule it comes from, and its UID.
struct uid_item {
    uid_item_kind kind = uid_item_kind::phase;
    std::string uid;  // "<16 hex digits>@ttplan"
    // phase: the occurrence, at `index` in schedule::phases(); span: the span; decision: the
    // decision; day: every event of the treatment day, in schedule order; dose: the one event,
    // and `index` its clock time in event::timing.times.
    const phase_occurrence* occurrence = nullptr;
    const span* stretch = nullptr;
    const decision* decided = nullptr;
    std::vector<const event*> events;
    std::size_t index = 0;
    day_point first;
    day_point last;                // inclusive
    std::optional<clock_time> at;  // dose: its clock time on `first`

    // Segment index of the item.
    std::size_t segment() const;
};

// Every item of the calendar of `s` under `calendar_id` (already resolved by calendar_id_for):
// phase occurrences, spans, treatment days (one per phase, cycle and day number and date; days
// the clinic calendar moved apart), doses at clock times, decisions, in that order. UIDs hash
// the calendar id and protocol keys, never dates; a key that repeats (a protocol repeating
// itself) gets an ordinal, so UIDs are unique within the calendar.
std::vector<uid_item> uid_items(const schedule& s, std::string_view calendar_id);

}  // namespace ttplan::detail
