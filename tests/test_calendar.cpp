#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>

#include <catch2/catch.hpp>

#include <limits>

using namespace ttplan;

namespace {

day_point d(const char* text) { return parse_date(text); }
length days(std::int32_t n) { return {n, length::unit::days}; }
length weeks(std::int32_t n) { return {n, length::unit::weeks}; }
length months(std::int32_t n) { return {n, length::unit::months}; }
length years(std::int32_t n) { return {n, length::unit::years}; }

}  // namespace

TEST_CASE("calendar: length parses short and long units", "[length]") {
    CHECK(length::parse("29d") == days(29));
    CHECK(length::parse("4w") == weeks(4));
    CHECK(length::parse("3mo") == months(3));
    CHECK(length::parse("2y") == years(2));
    CHECK(length::parse("1 day") == days(1));
    CHECK(length::parse("8 weeks") == weeks(8));
    CHECK(length::parse(" 3 Months ") == months(3));
    CHECK(length::parse("1year") == years(1));
    CHECK(length::parse("0d") == days(0));
    CHECK(length::parse("-3d") == days(-3));
}

TEST_CASE("calendar: length rejects malformed text", "[length]") {
    CHECK_THROWS_AS(length::parse(""), value_error);
    CHECK_THROWS_AS(length::parse("d"), value_error);
    CHECK_THROWS_AS(length::parse("29"), value_error);
    CHECK_THROWS_AS(length::parse("3 parsecs"), value_error);
    CHECK_THROWS_AS(length::parse("3m"), value_error);  // minutes or months? neither
    CHECK_THROWS_AS(length::parse("99999999999d"), value_error);
    CHECK_THROWS_WITH(length::parse("3 parsecs"), Catch::Contains("\"3 parsecs\""));
}

TEST_CASE("calendar: length canonical text and rough size", "[length]") {
    CHECK(days(29).to_string() == "29d");
    CHECK(weeks(4).to_string() == "4w");
    CHECK(months(3).to_string() == "3mo");
    CHECK(years(2).to_string() == "2y");
    for (const char* text : {"29d", "4w", "3mo", "2y"}) CHECK(length::parse(text).to_string() == text);
    CHECK(weeks(4).approx_days() == Approx(28.0));
    CHECK(months(3).approx_days() == Approx(91.3125));  // 3 * 30.4375
    CHECK(years(2).approx_days() == Approx(730.5));     // 2 * 365.25
}

TEST_CASE("calendar: days and weeks are plain day counts", "[add]") {
    CHECK(add(d("2027-12-30"), days(3)) == d("2028-01-02"));    // Dec 31, Jan 1, Jan 2
    CHECK(add(d("2027-02-22"), weeks(1)) == d("2027-03-01"));   // Feb 2027 has 28 days
    CHECK(add(d("2028-02-22"), weeks(1)) == d("2028-02-29"));   // Feb 2028 has 29 days
    CHECK(add(d("2027-03-10"), days(-10)) == d("2027-02-28"));
}

TEST_CASE("calendar: months clamp to the end of the month", "[add][leap]") {
    CHECK(add(d("2027-01-31"), months(1)) == d("2027-02-28"));  // 2027 is not a leap year
    CHECK(add(d("2028-01-31"), months(1)) == d("2028-02-29"));  // 2028 is
    CHECK(add(d("2027-03-31"), months(1)) == d("2027-04-30"));
    CHECK(add(d("2027-11-30"), months(3)) == d("2028-02-29"));  // "Feb 30" clamps to Feb 29
    CHECK(add(d("2027-12-31"), months(2)) == d("2028-02-29"));
    CHECK(add(d("2027-01-15"), months(-2)) == d("2026-11-15"));
    CHECK(add(d("2027-03-31"), months(-1)) == d("2027-02-28"));
    CHECK(add(d("2027-05-17"), months(12)) == d("2028-05-17"));
    // Clamping is not carried along: each add starts from the original day of month.
    CHECK(add(add(d("2027-01-31"), months(1)), months(1)) == d("2027-03-28"));
    CHECK(add(d("2027-01-31"), months(2)) == d("2027-03-31"));
}

TEST_CASE("calendar: years clamp Feb 29 to Feb 28", "[add][leap]") {
    CHECK(add(d("2028-02-29"), years(1)) == d("2029-02-28"));
    CHECK(add(d("2028-02-29"), years(4)) == d("2032-02-29"));  // 2032 is a leap year
    CHECK(add(d("2100-02-28"), years(-100)) == d("2000-02-28"));
    CHECK(add(d("2096-02-29"), years(4)) == d("2100-02-28"));   // 2100 is not a leap year
}

TEST_CASE("calendar: days_in counts the calendar days a length occupies", "[add]") {
    CHECK(days_in(d("2027-03-01"), days(29)) == 29);
    CHECK(days_in(d("2027-03-01"), weeks(4)) == 28);
    CHECK(days_in(d("2027-02-01"), months(1)) == 28);
    CHECK(days_in(d("2028-02-01"), months(1)) == 29);
    CHECK(days_in(d("2027-01-01"), years(1)) == 365);
    CHECK(days_in(d("2028-01-01"), years(1)) == 366);
    // Jan 31 -> Apr 30 (clamped): day of year 31 -> 120.
    CHECK(days_in(d("2027-01-31"), months(3)) == 89);
}

TEST_CASE("calendar: add refuses results date cannot represent", "[add][range]") {
    const std::int32_t huge = std::numeric_limits<std::int32_t>::max();
    CHECK_THROWS_AS(add(d("9999-12-31"), days(huge)), value_error);
    CHECK_THROWS_AS(add(d("9999-12-31"), weeks(huge)), value_error);
    CHECK_THROWS_AS(add(d("9999-12-31"), months(huge)), value_error);
    CHECK_THROWS_AS(add(d("9999-12-31"), years(huge)), value_error);
    CHECK_THROWS_AS(add(d("0001-01-01"), years(-huge)), value_error);
    // Past 9999 but still representable: add is plain arithmetic, the planner enforces max_date.
    CHECK(add(d("9999-12-31"), days(1)) == date::sys_days{date::year{10000} / 1 / 1});
}

TEST_CASE("calendar: parse_date accepts real dates", "[date]") {
    CHECK(parse_date("2027-03-01") == date::sys_days{date::year{2027} / 3 / 1});
    CHECK(parse_date("2028-02-29") == date::sys_days{date::year{2028} / 2 / 29});
    CHECK(parse_date("0001-01-01") == date::sys_days{date::year{1} / 1 / 1});
    CHECK(parse_date("9999-12-31") == max_date);
}

TEST_CASE("calendar: parse_date rejects malformed text and missing days", "[date]") {
    CHECK_THROWS_WITH(parse_date("2027-02-29"), "invalid date \"2027-02-29\": February 2027 has 28 days");
    CHECK_THROWS_WITH(parse_date("2027-04-31"), Catch::Contains("April 2027 has 30 days"));
    for (const char* bad : {"2027-02-30", "2027-13-01", "2027-00-10", "2027-01-00", "0000-01-01", "2027-1-01",
                            "2027/01/01", " 2027-01-01", "2027-01-01x", "abcd-ef-gh", "", "+027-01-01",
                            "2027-0a-01"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(parse_date(bad), value_error);
        CHECK_THROWS_WITH(parse_date(bad), Catch::Contains(std::string("\"") + bad + "\""));
    }
}

TEST_CASE("calendar: format_date pads and round-trips", "[date]") {
    CHECK(format_date(date::sys_days{date::year{1} / 1 / 1}) == "0001-01-01");
    CHECK(format_date(max_date) == "9999-12-31");
    for (const char* text : {"2027-03-01", "2028-02-29", "1999-12-31"}) CHECK(format_date(parse_date(text)) == text);
}
