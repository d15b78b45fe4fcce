// Calendar values: dates and lengths, and the one place that adds them.
#pragma once

#include <ttplan/export.hpp>

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace TTPLAN_API ttplan {

using day_point = date::sys_days;  // a calendar date (UTC day count, no time zone)

// A length as protocols write it: "29d", "4w", "3mo", "2y".
struct length {
    enum class unit : std::uint8_t { days, weeks, months, years };

    std::int32_t count = 0;
    unit units = unit::days;

    friend bool operator==(const length&, const length&) = default;

    // Parses "<count><unit>" with unit d, w, mo, y (also "day(s)", "week(s)", "month(s)",
    // "year(s)" with optional spaces). Throws value_error for anything else, including
    // a missing count. Zero and negative counts parse; validation rejects them where they
    // make no sense.
    static length parse(std::string_view text);

    // Canonical short form: "29d", "4w", "3mo", "2y".
    std::string to_string() const;

    // A rough size in days (month = 30.4375, year = 365.25), for bounds checks only.
    double approx_days() const;
};

// Adds a length to a date.
// Returns: from + count days/weeks, or the same day `count` months/years later.
// Remarks: month/year arithmetic uses date::year_month_day and clamps to the end of the
// month when the day does not exist: Jan 31 + 1mo = Feb 28 (Feb 29 in a leap year),
// Feb 29 + 1y = Feb 28, Mar 31 + 1mo = Apr 30. Never rolls over into the next month.
// Throws value_error when the result lies outside the years date::year can hold (+-32767);
// results past max_date are returned, and the planner rejects them.
day_point add(day_point from, length len);

// The number of days a phase of length `len` starting on `from` occupies: add(from, len) - from.
std::int64_t days_in(day_point from, length len);

// Parses an ISO 8601 calendar date "YYYY-MM-DD" (years 1..9999). Throws value_error naming
// the text when it is malformed or the day does not exist ("2027-02-30").
day_point parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(day_point d);

// Whole years, months and days from `first` to the day after `last` (both inclusive), as a lay
// reader says it: "2 years, 2 months and 3 days", "4 weeks and 1 day" below two months,
// "1 day". Months and years count like add() (end-of-month clamping).
std::string describe_length(day_point first, day_point last);

// A time of day on the 24-hour clock, in minutes since midnight ("08:00" is 480). No time
// zone: a protocol's "08:00" is a wall-clock time wherever the patient is.
class clock_time {
public:
    constexpr clock_time() noexcept = default;
    constexpr explicit clock_time(std::chrono::minutes since_midnight) noexcept
        : minutes_(static_cast<std::int16_t>(since_midnight.count())) {}

    constexpr std::chrono::minutes since_midnight() const noexcept { return std::chrono::minutes{minutes_}; }
    // True from 00:00 to 23:59.
    constexpr bool ok() const noexcept { return minutes_ >= 0 && minutes_ < 24 * 60; }

    // Parses "HH:MM": two digits each, 00:00 to 23:59. Throws value_error naming the text
    // otherwise ("8:00", "24:00", "08:60", "08.00").
    static clock_time parse(std::string_view text);
    // "HH:MM", which parse() reads back.
    std::string to_string() const;

    friend constexpr bool operator==(clock_time, clock_time) noexcept = default;
    friend constexpr auto operator<=>(clock_time, clock_time) noexcept = default;

private:
    std::int16_t minutes_ = 0;
};

// Parses a duration as protocols write it: "30min", "24h", "2h30min", "28d" (parts in the
// order d, h, min, each at most once, at least one; also "1d12h"). Spaces are not allowed.
// Throws value_error naming the text for anything else. A zero duration parses; validation
// rejects it.
std::chrono::minutes parse_duration(std::string_view text);
// Canonical text that parse_duration() reads back: whole days of at least 2 as days ("28d"),
// anything else in hours and minutes ("24h", "36h", "2h30min", "30min").
std::string format_duration(std::chrono::minutes d);
// The same split as ISO 8601 (RFC 5545) text: "P28D", "PT24H", "PT2H30M", "PT30M"; "PT0S" for 0.
std::string iso_duration(std::chrono::minutes d);

// The latest date ttplan plans: 9999-12-31.
inline constexpr day_point max_date = date::sys_days{date::year{9999} / 12 / 31};

}  // namespace ttplan
