// The clinic calendar and its words: one table each for rules and weekdays, so the command
// line, C and Python accept the same text and say the same when it is wrong.
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/error.hpp>

#include "date_names.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace ttplan {

namespace {

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> rule_names() {
    std::vector<std::string_view> names;
    for (shift_rule r : all_shift_rules) names.push_back(to_string(r));
    return names;
}

}  // namespace

std::string_view to_string(shift_rule r) {
    switch (r) {
    case shift_rule::keep: return "keep";
    case shift_rule::next_open: return "next";
    case shift_rule::previous_open: return "previous";
    }
    return "keep";
}

shift_rule parse_shift_rule(std::string_view text) {
    for (shift_rule r : all_shift_rules) {
        if (to_string(r) == text) return r;
    }
    throw value_error(
        fmt::format("unknown shift rule \"{}\"; allowed: {}", text, fmt::join(rule_names(), ", ")));
}

date::weekday parse_weekday(std::string_view text) {
    const std::string word = lower_case(text);
    if (word.size() >= 3) {
        // The longest a weekday may be written is its English name.
        for (unsigned i = 0; i < 7; ++i) {
            if (lower_case(detail::weekday_name(date::weekday{i})).substr(0, word.size()) == word)
                return date::weekday{i};
        }
    }
    // Monday first, as people list a week.
    std::vector<std::string_view> allowed(weekday_names.begin() + 1, weekday_names.end());
    allowed.push_back(weekday_names.front());
    throw value_error(fmt::format("unknown weekday \"{}\"; allowed: {}", text, fmt::join(allowed, ", ")));
}

bool clinic_calendar::is_open(day_point d) const {
    return !closed_weekdays[date::weekday{d}.c_encoding()] && holidays.count(d) == 0;
}

void clinic_calendar::set_shift(std::string_view category_name, shift_rule rule) {
    if (category_name == "all") {
        default_rule = rule;
        return;
    }
    if (const auto c = parse_category(category_name)) {
        rules[*c] = rule;
        return;
    }
    std::vector<std::string_view> allowed{"all"};
    for (category c : all_categories) allowed.push_back(to_string(c));
    throw value_error(
        fmt::format("unknown category \"{}\"; allowed: {}", category_name, fmt::join(allowed, ", ")));
}

void clinic_calendar::set_shift(std::string_view assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw value_error(fmt::format("\"{}\" is not of the form category={}", assignment,
                                      fmt::join(rule_names(), "|")));
    }
    const shift_rule rule = parse_shift_rule(assignment.substr(eq + 1));
    set_shift(assignment.substr(0, eq), rule);
}

}  // namespace ttplan
