// The text form of an event key, as options, records and messages spell it.
#include <ttplan/error.hpp>
#include <ttplan/facts.hpp>

#include <fmt/format.h>

#include <charconv>

namespace ttplan {

namespace {

// A whole number from `min` to `max`, or nothing.
std::optional<std::int32_t> whole_number(std::string_view text, std::int32_t min, std::int32_t max) {
    std::int32_t n = 0;
    const char* last = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), last, n);
    if (text.empty() || ec != std::errc{} || ptr != last || n < min || n > max) return std::nullopt;
    return n;
}

}  // namespace

std::string to_string(const event_key& e) {
    return e.cycle ? fmt::format("{}#{}:{}:{}", e.phase, *e.cycle, e.day, e.activity)
                   : fmt::format("{}:{}:{}", e.phase, e.day, e.activity);
}

event_key parse_event_key(std::string_view text) {
    const auto fail = [&](std::string_view why) -> event_key {
        throw value_error(fmt::format("\"{}\" is not an event of the form phase[#cycle]:day:activity: {}", text, why));
    };
    const auto first = text.find(':');
    const auto second = first == std::string_view::npos ? first : text.find(':', first + 1);
    if (second == std::string_view::npos) return fail("it needs two colons");
    event_key out;
    std::string_view phase = text.substr(0, first);
    if (const auto hash = phase.find('#'); hash != std::string_view::npos) {
        const auto cycle = whole_number(phase.substr(hash + 1), 1, 9999);
        if (!cycle) return fail("the cycle after # must be a number from 1 to 9999");
        out.cycle = cycle;
        phase = phase.substr(0, hash);
    }
    if (phase.empty()) return fail("the phase is missing");
    const auto day = whole_number(text.substr(first + 1, second - first - 1), -3653, 3653);
    if (!day) return fail("the day must be a whole number from -3653 to 3653");
    out.phase = std::string(phase);
    out.day = *day;
    out.activity = std::string(text.substr(second + 1));
    if (out.activity.empty()) return fail("the activity is missing");
    return out;
}

}  // namespace ttplan
