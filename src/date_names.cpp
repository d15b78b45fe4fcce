#include "date_names.hpp"

#include <array>

namespace ttplan::detail {

namespace {

// By date::weekday::c_encoding(): Sunday is 0.
constexpr std::array<std::string_view, 7> weekday_names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                        "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> month_names{"January",   "February", "March",    "April",
                                                       "May",       "June",     "July",     "August",
                                                       "September", "October",  "November", "December"};

}  // namespace

std::string_view weekday_abbrev(date::weekday wd) {
    return weekday_name(wd).substr(0, 3);
}

std::string_view weekday_name(date::weekday wd) {
    return weekday_names[wd.c_encoding() % 7];
}

std::string_view month_abbrev(unsigned month) {
    return month_name(month).substr(0, 3);
}

std::string_view month_name(unsigned month) {
    return month_names[(month + 11) % 12];
}

}  // namespace ttplan::detail
