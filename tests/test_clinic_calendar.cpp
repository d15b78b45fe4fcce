// The clinic calendar's words: weekdays, shift rules and category=rule, and what is said when
// they are wrong (the command line, C and Python pass these messages on unchanged).
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/error.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace ttplan;

TEST_CASE("clinic_calendar: every weekday word names its weekday", "[weekday]") {
    // Indexed like closed_weekdays: by c_encoding(), Sunday = 0.
    for (unsigned i = 0; i < weekday_names.size(); ++i) {
        CHECK(parse_weekday(weekday_names[i]) == date::weekday{i});
    }
    CHECK(parse_weekday("sun") == date::Sunday);
    CHECK(parse_weekday("sat") == date::Saturday);
}

TEST_CASE("clinic_calendar: weekdays in any case, from three letters to the whole name", "[weekday]") {
    CHECK(parse_weekday("Sat") == date::Saturday);
    CHECK(parse_weekday("SATURDAY") == date::Saturday);
    CHECK(parse_weekday("thurs") == date::Thursday);
    CHECK(parse_weekday("Wednesday") == date::Wednesday);
    CHECK(parse_weekday("tues") == date::Tuesday);
    for (const char* wrong : {"", "mo", "su", "monkey", "saturdays", "sat ", "lundi"}) {
        CHECK_THROWS_AS(parse_weekday(wrong), value_error);
    }
    CHECK_THROWS_WITH(parse_weekday("someday"),
                      "unknown weekday \"someday\"; allowed: mon, tue, wed, thu, fri, sat, sun");
}

TEST_CASE("clinic_calendar: shift rules read back from their words", "[shift]") {
    for (shift_rule r : all_shift_rules) CHECK(parse_shift_rule(to_string(r)) == r);
    CHECK(to_string(shift_rule::next_open) == "next");
    CHECK(to_string(shift_rule::previous_open) == "previous");
    CHECK(to_string(shift_rule::keep) == "keep");
    CHECK_THROWS_WITH(parse_shift_rule("later"),
                      "unknown shift rule \"later\"; allowed: next, previous, keep");
    CHECK_THROWS_AS(parse_shift_rule("Next"), value_error);
    CHECK_THROWS_AS(parse_shift_rule(""), value_error);
}

TEST_CASE("clinic_calendar: set_shift sets a category's rule, or the default for all", "[shift]") {
    clinic_calendar c;
    c.set_shift("all", shift_rule::next_open);
    CHECK(c.default_rule == shift_rule::next_open);
    CHECK(c.rules.empty());
    c.set_shift("hospital-stay", shift_rule::keep);
    c.set_shift("chemotherapy", shift_rule::previous_open);
    CHECK(c.rules == std::map<category, shift_rule>{{category::hospital_stay, shift_rule::keep},
                                                    {category::chemotherapy, shift_rule::previous_open}});
    CHECK(c.default_rule == shift_rule::next_open);

    try {
        c.set_shift("chemo", shift_rule::keep);
        FAIL("an unknown category was accepted");
    } catch (const value_error& e) {
        const std::string message = e.message();
        CHECK(message.rfind("unknown category \"chemo\"; allowed: all, ", 0) == 0);
        for (category each : all_categories) {
            CHECK(message.find(std::string(to_string(each))) != std::string::npos);
        }
    }
    CHECK(c.rules.size() == 2);
}

TEST_CASE("clinic_calendar: category=rule as the command line writes it", "[shift]") {
    clinic_calendar c;
    c.set_shift("all=previous");
    c.set_shift("assessment=next");
    CHECK(c.default_rule == shift_rule::previous_open);
    CHECK(c.rules.at(category::assessment) == shift_rule::next_open);

    CHECK_THROWS_WITH(c.set_shift("noequals"), "\"noequals\" is not of the form category=next|previous|keep");
    CHECK_THROWS_WITH(c.set_shift("=next"), "\"=next\" is not of the form category=next|previous|keep");
    CHECK_THROWS_WITH(c.set_shift("all="), "unknown shift rule \"\"; allowed: next, previous, keep");
    // The rule is checked before the category.
    CHECK_THROWS_WITH(c.set_shift("chemo=later"), Catch::StartsWith("unknown shift rule \"later\""));
    CHECK_THROWS_WITH(c.set_shift("chemo=next"), Catch::StartsWith("unknown category \"chemo\""));
    CHECK(c.rules.size() == 1);
    CHECK(c.default_rule == shift_rule::previous_open);
}

TEST_CASE("clinic_calendar: a day is open unless its weekday is closed or it is a holiday", "[open]") {
    clinic_calendar c;
    c.closed_weekdays[parse_weekday("sun").c_encoding()] = true;
    c.holidays.insert(parse_date("2027-12-24"));
    CHECK(c.is_open(parse_date("2027-12-23")));       // Thursday
    CHECK_FALSE(c.is_open(parse_date("2027-12-24")));  // Friday, a holiday
    CHECK(c.is_open(parse_date("2027-12-25")));       // Saturday
    CHECK_FALSE(c.is_open(parse_date("2027-12-26")));  // Sunday
}
