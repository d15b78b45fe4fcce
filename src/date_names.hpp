// Month and weekday names, spelled here rather than taken from a locale, so that parsing
// messages, clinic-calendar words and every format read the same on every machine.
// Private to the library.
#pragma once

#include <date/date.h>

#include <string_view>

namespace ttplan::detail {

// "Sun" ... "Sat", "Sunday" ... "Saturday"
std::string_view weekday_abbrev(date::weekday wd);
std::string_view weekday_name(date::weekday wd);
// month 1..12: "Jan" ... "Dec", "January" ... "December"
std::string_view month_abbrev(unsigned month);
std::string_view month_name(unsigned month);

}  // namespace ttplan::detail
