// Reminders in iCalendar: the lengths render_options::remind gives, checked and put in order,
// and the RFC 5545 text of a VALARM's TRIGGER.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace ttplan::detail {

// The different lengths of `remind`, longest first (the order the alarms ring in).
// Throws value_error located at "remind[i]" for one outside 1 minute to max_remind, and at
// "remind" for more than max_remind_count different ones.
std::vector<std::chrono::minutes> alarm_lengths(const std::vector<std::chrono::minutes>& remind);

// A trigger `before` the start: "-P1W", "-P2D", "-PT36H", "-PT1H30M", "-PT30M". Weeks and days are
// nominal in RFC 5545 (a day across a change of summer time is 23 or 25 hours), as a reader
// means "1d"; the rest is exact.
std::string ical_trigger(std::chrono::minutes before);

// "1 week", "2 days", "36 hours", "90 minutes": in the unit format_remind() uses.
std::string remind_words(std::chrono::minutes before);

}  // namespace ttplan::detail
