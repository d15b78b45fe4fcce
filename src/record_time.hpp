// The times a record's revisions carry: whole seconds since 1970, written as UTC date-times.
#pragma once

#include <ttplan/calendar.hpp>

#include <cstdint>

namespace ttplan::detail {

// The last second the file form can write: 9999-12-31T23:59:59Z.
inline constexpr std::int64_t latest_record_time =
    std::int64_t{max_date.time_since_epoch().count()} * 86400 + 86399;

inline constexpr bool valid_record_time(std::int64_t t) noexcept {
    return t >= 0 && t <= latest_record_time;
}

}  // namespace ttplan::detail
