#include <ttplan/calendar.hpp>

#include <fmt/format.h>

#include <vector>

namespace ttplan {

namespace {

std::string unit_text(std::int64_t n, const char* singular) {
    return fmt::format("{} {}{}", n, singular, n == 1 ? "" : "s");
}

std::string join_words(const std::vector<std::string>& parts) {
    if (parts.empty()) return "0 days";
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

}  // namespace

std::string describe_length(day_point first, day_point last) {
    const day_point end = last + date::days{1};  // exclusive
    const std::int64_t total = (end - first).count();
    if (total <= 0) return "0 days";
    std::vector<std::string> parts;
    if (total < 61) {
        const std::int64_t weeks = total / 7;
        const std::int64_t days = total % 7;
        if (weeks > 0) parts.push_back(unit_text(weeks, "week"));
        if (days > 0) parts.push_back(unit_text(days, "day"));
        return join_words(parts);
    }
    // Count whole months with the same clamping rule the planner uses, so that a phase of
    // "2y" reads back as "2 years".
    std::int32_t months = 0;
    while (add(first, length{months + 1, length::unit::months}) <= end) ++months;
    const day_point after_months = add(first, length{months, length::unit::months});
    const std::int64_t days = (end - after_months).count();
    if (months / 12 > 0) parts.push_back(unit_text(months / 12, "year"));
    if (months % 12 > 0) parts.push_back(unit_text(months % 12, "month"));
    if (days > 0) parts.push_back(unit_text(days, "day"));
    return join_words(parts);
}

}  // namespace ttplan
