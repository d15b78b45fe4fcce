// The clinic calendar: the days a clinic is closed and what events do on them, and the words
// users write it in ("sat", "next", "all=next"), one vocabulary for the command line, C and Python.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>

namespace TTPLAN_API ttplan {

// What happens to an event that falls on a day the clinic is closed.
enum class shift_rule : std::uint8_t { keep, next_open, previous_open };

// Every rule, in the order help texts and error messages list them: next, previous, keep.
inline constexpr shift_rule all_shift_rules[] = {shift_rule::next_open, shift_rule::previous_open,
                                                 shift_rule::keep};

// "next", "previous", "keep": the words users write.
std::string_view to_string(shift_rule r);

// Inverse of to_string (exact, lower case).
// Throws value_error naming the text and listing the words:
// unknown shift rule "later"; allowed: next, previous, keep
shift_rule parse_shift_rule(std::string_view text);

// The weekday words, "sun" ... "sat", indexed by date::weekday::c_encoding() like
// clinic_calendar::closed_weekdays.
inline constexpr std::array<std::string_view, 7> weekday_names{"sun", "mon", "tue", "wed",
                                                               "thu", "fri", "sat"};

// The weekday a user means: in any case, at least its first three letters and at most its
// English name ("sat", "Sat", "thurs", "Wednesday").
// Throws value_error naming the text and listing the words, Monday first:
// unknown weekday "someday"; allowed: mon, tue, wed, thu, fri, sat, sun
date::weekday parse_weekday(std::string_view text);

struct clinic_calendar {
    // Indexed by date::weekday::c_encoding(): [0] = Sunday ... [6] = Saturday.
    std::array<bool, 7> closed_weekdays{};
    std::set<day_point> holidays;
    // Per category; categories not listed use default_rule.
    std::map<category, shift_rule> rules;
    shift_rule default_rule = shift_rule::keep;

    bool is_open(day_point d) const;

    // Sets the rule of a category by its file name ("chemotherapy", "hospital-stay"), or
    // default_rule for the word "all".
    // Throws value_error naming the text and listing "all" and every category:
    // unknown category "chemo"; allowed: all, chemotherapy, targeted, ...
    void set_shift(std::string_view category_name, shift_rule rule);

    // The same from "category=rule", as the command line writes it ("all=next").
    // Throws value_error for text without "=" or with nothing before it ("\"x\" is not of the
    // form category=next|previous|keep"), then as parse_shift_rule and set_shift above, the
    // rule checked first.
    void set_shift(std::string_view assignment);
};

}  // namespace ttplan
