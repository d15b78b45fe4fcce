// Reminder lengths: one number and one unit, as a family says it ("1d", "2h"), never a sign,
// zero or a month (whose length depends on the date).
#include "ical_remind.hpp"

#include <ttplan/error.hpp>
#include <ttplan/ical.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>

namespace ttplan {

namespace {

struct remind_unit {
    std::string_view name;      // as written: "d"
    std::string_view singular;  // in words: "day"
    std::int64_t minutes;
};

// Largest first: format_remind() takes the first that counts a length whole.
constexpr std::array<remind_unit, 4> remind_units{{
    {"w", "week", 7 * 24 * 60},
    {"d", "day", 24 * 60},
    {"h", "hour", 60},
    {"m", "minute", 1},
}};

const remind_unit& unit_of(std::chrono::minutes before) {
    for (const auto& u : remind_units) {
        if (before.count() % u.minutes == 0) return u;
    }
    return remind_units.back();
}

}  // namespace

std::chrono::minutes parse_remind(std::string_view text) {
    const auto fail = [&](std::string_view why) -> std::chrono::minutes {
        throw value_error(
            fmt::format("invalid reminder \"{}\": {} (write a whole number and a unit: \"30m\", "
                        "\"2h\", \"1d\" or \"1w\", at most 4 weeks)",
                        text, why));
    };
    if (text.empty()) return fail("it is empty");
    if (text.front() == '-') return fail("a reminder comes before the event: give its length without a sign");
    if (text.front() == '+') return fail("give the length without a sign");
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (end == text.data()) return fail("expected a number");
    if (ec != std::errc{}) return fail("it is more than 4 weeks");
    std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
    if (unit.starts_with('.') || unit.starts_with(','))
        return fail("give a whole number of a smaller unit (90m, not 1.5h)");
    if (unit == "min") unit = "m";
    const auto u = std::find_if(remind_units.begin(), remind_units.end(),
                                [&](const remind_unit& x) { return x.name == unit; });
    if (u == remind_units.end()) {
        if (unit.empty()) return fail("missing unit (m, h, d or w)");
        if (unit == "mo" || unit == "y") return fail("months and years are too long for a reminder");
        return fail("unknown unit (use m, h, d or w)");
    }
    if (n == 0) return fail("zero is no reminder: give at least 1 minute");
    if (n > max_remind.count() / u->minutes) return fail("it is more than 4 weeks");
    return std::chrono::minutes{n * u->minutes};
}

std::string format_remind(std::chrono::minutes before) {
    const remind_unit& u = unit_of(before);
    return fmt::format("{}{}", before.count() / u.minutes, u.name);
}

void check_remind(const std::vector<std::chrono::minutes>& remind) {
    detail::alarm_lengths(remind);
}

namespace detail {

std::vector<std::chrono::minutes> alarm_lengths(const std::vector<std::chrono::minutes>& remind) {
    for (std::size_t i = 0; i < remind.size(); ++i) {
        const auto before = remind[i];
        if (before.count() < 1 || before > max_remind) {
            throw value_error(fmt::format("{} minutes: a reminder is from 1 minute to 4 weeks ({} minutes) "
                                          "before the event",
                                          before.count(), max_remind.count()),
                              location{fmt::format("remind[{}]", i), {}, 0, 0});
        }
    }
    std::vector<std::chrono::minutes> out = remind;
    std::sort(out.begin(), out.end(), std::greater<>());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > max_remind_count) {
        throw value_error(
            fmt::format("{} different reminders; an event carries at most {}", out.size(), max_remind_count),
            location{"remind", {}, 0, 0});
    }
    return out;
}

std::string ical_trigger(std::chrono::minutes before) {
    const std::int64_t total = before.count();
    const remind_unit& u = unit_of(before);
    if (u.name == "w") return fmt::format("-P{}W", total / u.minutes);
    if (u.name == "d") return fmt::format("-P{}D", total / u.minutes);
    std::string out = "-PT";
    if (total >= 60) out += fmt::format("{}H", total / 60);
    if (total % 60 != 0) out += fmt::format("{}M", total % 60);
    return out;
}

std::string remind_words(std::chrono::minutes before) {
    const remind_unit& u = unit_of(before);
    const std::int64_t n = before.count() / u.minutes;
    return fmt::format("{} {}{}", n, u.singular, n == 1 ? "" : "s");
}

}  // namespace detail

}  // namespace ttplan
