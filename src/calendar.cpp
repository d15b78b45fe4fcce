// Dates and lengths. All month/year arithmetic goes through date::year_month_day so that the
// end-of-month policy lives in exactly one place (add), and every intermediate value is
// computed in 64 bits: a length near INT32_MAX must give an error, never a wrapped date.
#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>

#include "date_names.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <limits>

namespace ttplan {

namespace {

using namespace date;

constexpr std::int64_t serial(day_point d) { return d.time_since_epoch().count(); }

// The dates date::year can hold; add() refuses to leave them rather than wrap.
constexpr std::int64_t min_serial = serial(sys_days{year::min() / January / 1});
constexpr std::int64_t max_serial = serial(sys_days{year::max() / December / 31});

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

[[noreturn]] void out_of_range(day_point from, const length& len) {
    throw value_error(fmt::format("{} + {} is outside the calendar ttplan can represent",
                                  format_date(from), len.to_string()));
}

day_point add_days(day_point from, std::int64_t n, const length& len) {
    const std::int64_t r = serial(from) + n;
    if (r < min_serial || r > max_serial) out_of_range(from, len);
    return day_point{days{static_cast<int>(r)}};
}

day_point add_months(day_point from, std::int64_t n, const length& len) {
    const year_month_day ymd{from};
    const std::int64_t months_total =
        std::int64_t{static_cast<int>(ymd.year())} * 12 + (static_cast<unsigned>(ymd.month()) - 1) + n;
    const std::int64_t y = floor_div(months_total, 12);
    if (y < static_cast<int>(year::min()) || y > static_cast<int>(year::max())) out_of_range(from, len);
    const auto m = static_cast<unsigned>(months_total - y * 12 + 1);
    const year_month ym{year{static_cast<int>(y)}, month{m}};
    // The documented policy: a day that does not exist in the target month clamps to its
    // last day (Jan 31 + 1mo = Feb 28/29), never rolls over into the next month.
    const year_month_day target = ym / ymd.day();
    return sys_days{target.ok() ? target : year_month_day{ym / last}};
}

}  // namespace

length length::parse(std::string_view text) {
    const std::string_view t = trim(text);
    auto fail = [&](std::string_view why) -> length {
        throw value_error(fmt::format("invalid length \"{}\": {}", text, why));
    };
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    std::string_view number = t.substr(0, i);
    if (!number.empty() && number.front() == '+') number.remove_prefix(1);
    if (number.empty() || number == "-") return fail("expected a count such as 29d, 4w, 3mo or 2y");

    std::int32_t n = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec != std::errc{} || end != number.data() + number.size()) return fail("count out of range");

    const std::string u = lower(trim(t.substr(i)));
    static constexpr std::array<std::pair<std::string_view, unit>, 12> names{{
        {"d", unit::days},        {"day", unit::days},       {"days", unit::days},
        {"w", unit::weeks},       {"week", unit::weeks},     {"weeks", unit::weeks},
        {"mo", unit::months},     {"month", unit::months},   {"months", unit::months},
        {"y", unit::years},       {"year", unit::years},     {"years", unit::years},
    }};
    for (const auto& [name, value] : names) {
        if (u == name) return length{n, value};
    }
    if (u.empty()) return fail("missing unit (d, w, mo or y)");
    return fail(fmt::format("unknown unit \"{}\" (use d, w, mo or y)", u));
}

std::string length::to_string() const {
    switch (units) {
    case unit::days: return fmt::format("{}d", count);
    case unit::weeks: return fmt::format("{}w", count);
    case unit::months: return fmt::format("{}mo", count);
    case unit::years: return fmt::format("{}y", count);
    }
    return fmt::format("{}d", count);
}

double length::approx_days() const {
    switch (units) {
    case unit::days: return count;
    case unit::weeks: return count * 7.0;
    case unit::months: return count * 30.4375;
    case unit::years: return count * 365.25;
    }
    return count;
}

day_point add(day_point from, length len) {
    switch (len.units) {
    case length::unit::days: return add_days(from, len.count, len);
    case length::unit::weeks: return add_days(from, std::int64_t{len.count} * 7, len);
    case length::unit::months: return add_months(from, len.count, len);
    case length::unit::years: return add_months(from, std::int64_t{len.count} * 12, len);
    }
    return from;
}

std::int64_t days_in(day_point from, length len) { return serial(add(from, len)) - serial(from); }

day_point parse_date(std::string_view text) {
    auto digits = [&](std::size_t pos, std::size_t n) {
        unsigned v = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + static_cast<unsigned>(c - '0');
        }
        return static_cast<int>(v);
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        throw value_error(fmt::format("invalid date \"{}\": expected YYYY-MM-DD", text));
    const int y = digits(0, 4);
    const int m = digits(5, 2);
    const int d = digits(8, 2);
    if (y < 0 || m < 0 || d < 0)
        throw value_error(fmt::format("invalid date \"{}\": expected YYYY-MM-DD", text));
    if (y < 1) throw value_error(fmt::format("invalid date \"{}\": years run from 0001 to 9999", text));
    if (m < 1 || m > 12) throw value_error(fmt::format("invalid date \"{}\": no month {}", text, m));

    const year_month ym{year{y}, month{static_cast<unsigned>(m)}};
    const auto month_days = static_cast<unsigned>((ym / last).day());
    if (d < 1 || static_cast<unsigned>(d) > month_days) {
        throw value_error(fmt::format("invalid date \"{}\": {} {} has {} days", text,
                                      detail::month_name(static_cast<unsigned>(m)), y, month_days));
    }
    return sys_days{ym / day{static_cast<unsigned>(d)}};
}

std::string format_date(day_point d) {
    const year_month_day ymd{d};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace ttplan

namespace ttplan {

namespace {

constexpr std::int64_t minutes_per_day = 24 * 60;
// Longer than any protocol gives one infusion or dose; keeps every sum in range.
constexpr std::int64_t max_duration_minutes = 10 * 366 * minutes_per_day;

bool two_digits(std::string_view t, int& out) {
    if (t.size() != 2 || !std::isdigit(static_cast<unsigned char>(t[0])) ||
        !std::isdigit(static_cast<unsigned char>(t[1])))
        return false;
    out = (t[0] - '0') * 10 + (t[1] - '0');
    return true;
}

// d, h and min parts of a duration, the split both spellings use.
struct duration_parts {
    std::int64_t days = 0, hours = 0, minutes = 0;
};

duration_parts split(std::chrono::minutes d) {
    const std::int64_t total = d.count();
    if (total > 0 && total % minutes_per_day == 0 && total >= 2 * minutes_per_day) {
        return {total / minutes_per_day, 0, 0};
    }
    return {0, total / 60, total % 60};
}

}  // namespace

clock_time clock_time::parse(std::string_view text) {
    int h = 0, m = 0;
    if (text.size() != 5 || text[2] != ':' || !two_digits(text.substr(0, 2), h) ||
        !two_digits(text.substr(3, 2), m)) {
        throw value_error(
            fmt::format("invalid clock time \"{}\": write HH:MM on the 24-hour clock (\"08:00\")", text));
    }
    if (h > 23 || m > 59) {
        throw value_error(fmt::format("invalid clock time \"{}\": times run from 00:00 to 23:59", text));
    }
    return clock_time{std::chrono::minutes{h * 60 + m}};
}

std::string clock_time::to_string() const {
    return fmt::format("{:02}:{:02}", minutes_ / 60, minutes_ % 60);
}

std::chrono::minutes parse_duration(std::string_view text) {
    const auto fail = [&](std::string_view why) -> std::chrono::minutes {
        throw value_error(
            fmt::format("invalid duration \"{}\": {} (write \"30min\", \"24h\", \"2h30min\" or "
                        "\"28d\")",
                        text, why));
    };
    static constexpr std::array<std::pair<std::string_view, std::int64_t>, 3> units{
        {{"d", minutes_per_day}, {"h", 60}, {"min", 1}}};
    std::size_t next_unit = 0;  // parts come in the order d, h, min
    std::int64_t total = 0;
    std::string_view rest = text;
    if (rest.empty()) return fail("it is empty");
    while (!rest.empty()) {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
        if (end == rest.data() || rest.front() == '-' || rest.front() == '+')
            return fail("expected a number");
        if (ec != std::errc{} || n > max_duration_minutes) return fail("it is too long");
        rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
        std::size_t u = next_unit;
        while (u < units.size() && !rest.starts_with(units[u].first)) ++u;
        if (u == units.size()) {
            for (const auto& [name, size] : units) {
                if (rest.starts_with(name)) return fail("give d, h and min in that order, each once");
            }
            return fail(rest.empty() ? "missing unit (d, h or min)" : "unknown unit (use d, h or min)");
        }
        rest.remove_prefix(units[u].first.size());
        total += n * units[u].second;
        if (total > max_duration_minutes) return fail("it is too long");
        next_unit = u + 1;
    }
    return std::chrono::minutes{total};
}

std::string format_duration(std::chrono::minutes d) {
    const duration_parts p = split(d);
    if (p.days) return fmt::format("{}d", p.days);
    std::string out;
    if (p.hours) out += fmt::format("{}h", p.hours);
    if (p.minutes || out.empty()) out += fmt::format("{}min", p.minutes);
    return out;
}

std::string iso_duration(std::chrono::minutes d) {
    const duration_parts p = split(d);
    if (p.days) return fmt::format("P{}D", p.days);
    if (!p.hours && !p.minutes) return "PT0S";
    std::string out = "PT";
    if (p.hours) out += fmt::format("{}H", p.hours);
    if (p.minutes) out += fmt::format("{}M", p.minutes);
    return out;
}

}  // namespace ttplan
