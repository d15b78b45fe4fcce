// Date words and text cleaning shared by the CSV, Markdown and month-calendar formats.
// Names are spelled here rather than taken from a locale, so output never depends on one.
#pragma once

#include <ttplan/calendar.hpp>

#include "utf8_text.hpp"

#include <array>
#include <string>
#include <string_view>

namespace ttplan::detail {

// "Mon" ... "Sun"
inline std::string_view weekday_abbrev(day_point d) {
    static constexpr std::array<std::string_view, 7> names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return names[date::weekday{d}.c_encoding()];
}

// month 1..12 -> "Jan" ... "Dec"
inline std::string_view month_abbrev(unsigned month) {
    static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[(month - 1) % 12];
}

// month 1..12 -> "January" ... "December"
inline std::string_view month_name(unsigned month) {
    static constexpr std::array<std::string_view, 12> names{"January",   "February", "March",    "April",
                                                            "May",       "June",     "July",     "August",
                                                            "September", "October",  "November", "December"};
    return names[(month - 1) % 12];
}

// "Mon 4 Jan 2027"
inline std::string long_date(day_point d) {
    const date::year_month_day ymd{d};
    return std::string(weekday_abbrev(d)) + " " + std::to_string(static_cast<unsigned>(ymd.day())) + " " +
           std::string(month_abbrev(static_cast<unsigned>(ymd.month()))) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

// Names are one line in every readable format: control characters (newline, tab, escape, C1
// such as CSI, ...) become spaces, so a name can neither break a table or grid nor send a
// terminal escape sequence; invalid UTF-8 becomes U+FFFD.
inline std::string one_line(std::string_view text) {
    return one_line_text(text);
}

}  // namespace ttplan::detail
