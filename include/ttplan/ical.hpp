// iCalendar output (RFC 5545, with NAME from RFC 7986) for calendar clients and scheduling
// software: all-day events for each treatment day, each phase occurrence and each span.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// The calendar as text with CRLF line ends, lines folded at 75 octets.
// Returns: a VCALENDAR (METHOD:PUBLISH) with one all-day VEVENT per treatment day (per phase,
// cycle and day number), per phase occurrence and per span; DTEND is exclusive. Titles
// (SUMMARY, NAME) are one line: line breaks in names become spaces there and stay in DESCRIPTION.
// UIDs: "<16 hex digits>@ttplan", a hash of the calendar id (ical_calendar_id) and the item's
// protocol keys (phase id, cycle, day number, activity), never of dates, so a re-planned
// calendar imported again updates the same events. They carry no personal data beyond the
// caller's opaque id. SEQUENCE: options.sequence on every event.
// Cancelled events: when options.previous is set, every item of that schedule (its UIDs worked
// out under ical_calendar_id(*options.previous, options)) that `s` no longer has is written
// after the current items as a VEVENT with the same UID, STATUS:CANCELLED, this SEQUENCE and
// its old dates and summary, so a client that imports the new calendar over the old one drops
// it. Items that only moved keep their UID and are updated in place.
// DTSTAMP/LAST-MODIFIED: options.timestamp, else the start date at 00:00:00Z; identical
// inputs give identical bytes. The environment is not read: a caller that honours
// SOURCE_DATE_EPOCH (the ttplan tool does) passes it as options.timestamp.
// Events with clock times (schedule event timing) get one timed VEVENT per clock time besides
// the all-day treatment day: DTSTART;TZID=<options.time_zone> with a VTIMEZONE built from the
// time zone database for the dates timed events cover, or floating local times without a zone;
// DURATION when the event has one. Calendars without clock times are unchanged.
// Reminders: every treatment-day VEVENT (not phases, spans, tracks, decisions, timed doses or
// cancelled events) ends with one VALARM per different length of options.remind, longest first:
// ACTION:DISPLAY, a DESCRIPTION naming the event ("In 1 day: <summary>") and TRIGGER as an RFC 5545
// duration before the start ("-P1W", "-P1D", "-PT2H", "-PT1H30M", "-PT30M"), which for an all-day
// event is relative to the start of the day in the client's zone.
// Throws value_error located at "remind[i]" for a reminder not from 1 minute to max_remind, or
// at "remind" for more than max_remind_count different ones.
// Throws value_error for an unknown options.time_zone (see check_time_zone), when options.calendar_id is
// given and longer than 64 characters or has a character outside [A-Za-z0-9._-], when options.sequence is
// negative, when options.timestamp lies outside the years 1 to 9999, or when a date lies outside the years 1
// to 9999.
std::string to_ical(const schedule& s, const render_options& options = {});

// The longest reminder (render_options::remind): 4 weeks before an event.
inline constexpr std::chrono::minutes max_remind{4 * 7 * 24 * 60};
// The most different reminders an event carries.
inline constexpr std::size_t max_remind_count = 10;

// Parses a reminder length as `ttplan plan --remind` takes it: a whole number and one unit,
// m (or min) for minutes, h for hours, d for days, w for weeks: "30m", "2h", "1d", "1w".
// Throws value_error naming the text for anything else: no unit or another one ("1x", "1mo"),
// a sign ("-1d"), spaces, zero, or more than 4 weeks (max_remind).
std::chrono::minutes parse_remind(std::string_view text);

// Canonical text that parse_remind() reads back, in the largest unit that counts the length
// whole: "1w", "2d", "36h", "90m".
std::string format_remind(std::chrono::minutes before);

// Checks reminders (render_options::remind) as to_ical does, before any work: throws
// value_error located at "remind[i]" for one not from 1 minute to max_remind, and at "remind"
// for more than max_remind_count different lengths.
void check_remind(const std::vector<std::chrono::minutes>& remind);

// Checks a time zone name against the time zone database (Debian's tzdata, read through date's
// tz library): "Europe/Berlin", "America/New_York", "UTC". Throws value_error naming the zone
// when the database has no such zone or cannot be read. An empty name is accepted (floating).
void check_time_zone(std::string_view name);

// The calendar id to_ical derives UIDs from.
// Returns: options.calendar_id when it is not empty; else 16 lower-case hex digits, a hash of
// the plan: its start date and, for every protocol of the plan in order, the protocol id and
// version and the typed values of all its parameters. Two patients' calendars imported into one
// client keep apart unless their plans are the same in all of these; no personal data goes in.
// Remarks: a re-plan with another start date or other parameter values (a decision taken)
// derives another id, so all its UIDs change and a client sees every event replaced. To keep
// UIDs stable across such re-plans, give options.calendar_id (the ttplan tool's --calendar-id)
// and keep it with the patient's plan (a treatment record will hold one).
// Throws value_error, as to_ical, for a given id longer than 64 characters or with a character
// outside [A-Za-z0-9._-].
std::string ical_calendar_id(const schedule& s, const render_options& options = {});

// The DTSTAMP to_ical writes, in seconds since 1970 (exposed for tests and callers that log it).
std::int64_t ical_timestamp(const schedule& s, const render_options& options);

}  // namespace ttplan
