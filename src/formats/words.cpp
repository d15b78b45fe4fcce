#include "words.hpp"

#include "utf8_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

namespace ttplan::detail {

std::string_view weekday_abbrev(day_point d) {
    return weekday_abbrev(date::weekday{d});
}

std::string long_date(day_point d) {
    return fmt::format("{} {}", weekday_abbrev(d), short_date(d));
}

std::string short_date(day_point d) {
    const date::year_month_day ymd{d};
    return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                       month_abbrev(static_cast<unsigned>(ymd.month())), static_cast<int>(ymd.year()));
}

std::string month_title(date::year_month ym) {
    return fmt::format("{} {}", month_name(static_cast<unsigned>(ym.month())), static_cast<int>(ym.year()));
}

std::string one_line(std::string_view text) {
    return one_line_text(text);
}

std::string day_range(std::int32_t first_day, std::int32_t last_day) {
    return first_day == last_day ? fmt::format("Day {}", first_day)
                                 : fmt::format("Days {} to {}", first_day, last_day);
}

std::string parameters_text(const typed_values& values, std::string_view assign, text_filter clean) {
    const auto cleaned = [&](std::string_view text) { return clean ? clean(text) : std::string(text); };
    std::vector<std::string> parts;
    parts.reserve(values.size());
    for (const auto& [name, value] : values)
        parts.push_back(fmt::format("{}{}{}", cleaned(name), assign, cleaned(value.text)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string parameters_text(const parameter_values& values) {
    std::vector<std::string> parts;
    parts.reserve(values.size());
    for (const auto& [name, value] : values) parts.push_back(fmt::format("{}={}", name, value));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string condition_text(const condition& c) {
    std::vector<std::string> terms;
    terms.reserve(c.all_of.size());
    for (const auto& [name, values] : c.all_of)
        terms.push_back(fmt::format("{}={}", name, fmt::join(values, " or ")));
    return fmt::format("{}", fmt::join(terms, " and "));
}

std::string protocol_words(const segment& seg) {
    const auto& p = seg.protocol;
    return p.title.empty() || p.title == p.id ? p.id : fmt::format("{} ({})", p.title, p.id);
}

std::string labelled_activity(std::string_view activity, category kind) {
    const std::string_view cat = display_name(kind);
    return activity == cat ? std::string(activity) : fmt::format("{} ({})", activity, cat);
}

std::string ending_words(const segment* next) {
    return next ? "stopped early on switching to " + next->protocol.id : "cut at the end of treatment";
}

}  // namespace ttplan::detail

namespace ttplan::detail {

std::string window_words(const date_window& w) {
    return fmt::format("may be {} to {}", long_date(w.earliest), long_date(w.latest));
}

std::string decision_place(const decision& d, std::string_view phase_name) {
    std::string out =
        fmt::format("{} Day {}", phase_name.empty() ? std::string_view(d.phase) : phase_name, d.day);
    if (d.cycle) out += fmt::format(", cycle {}", *d.cycle);
    return out;
}

std::string decision_words(const decision& d) {
    const std::string by = one_line(d.decided_by);
    if (!d.pending()) return fmt::format("{} = {}, decided by {}", d.parameter, one_line(*d.value), by);
    std::vector<std::string> options;
    for (const auto& o : d.options) options.push_back(one_line(o));
    return fmt::format("{}, decided by {}: not known yet; this plan follows {} (options: {})", d.parameter,
                       by, one_line(d.assumed), fmt::join(options, ", "));
}

std::string pending_note(const schedule& s, std::string_view marker) {
    std::vector<std::string> pending;
    for (const decision& d : s.decisions()) {
        if (d.pending()) pending.push_back(fmt::format("{} on {}", d.parameter, long_date(d.date)));
    }
    if (pending.empty()) return {};
    if (marker.empty()) {
        return fmt::format(
            "What comes after a decision not taken yet ({}) follows the branch this plan assumes; "
            "it changes with the decision.",
            fmt::join(pending, "; "));
    }
    return fmt::format(
        "Dates marked {} come after a decision not taken yet ({}) and follow the branch this plan "
        "assumes; they change with the decision.",
        marker, fmt::join(pending, "; "));
}

}  // namespace ttplan::detail
