// Month calendars: grids like cal, category letters, phase lines under each month, 80 columns.
#include "../src/utf8_text.hpp"
#include "format_samples.hpp"
#include "golden.hpp"

#include <ttplan/format.hpp>
#include <ttplan/month_calendar.hpp>
#include <ttplan/version.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

using namespace ttplan;
using samples::default_plan;
using samples::hand_built;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Terminal columns: wide characters take two (the measure is pinned in test_utf8_text.cpp).
std::size_t columns(const std::string& line) {
    return detail::columns(std::string_view(line));
}

bool has_line(const std::string& text, const std::string& line) {
    for (const auto& l : lines_of(text)) {
        if (l == line) return true;
    }
    return false;
}

// Plain text fit for a terminal or a printer: valid UTF-8, newlines only, no other control
// characters (C1 included, which is "\xC2\x80" to "\xC2\x9F" in UTF-8).
void check_plain(const std::string& text) {
    CHECK(detail::is_valid_utf8(text));
    for (const auto& line : lines_of(text)) {
        CAPTURE(line);
        CHECK(columns(line) <= 80);
        CHECK(std::all_of(line.begin(), line.end(),
                          [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; }));
        for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            const auto next = static_cast<unsigned char>(line[i + 1]);
            CHECK_FALSE((line[i] == '\xC2' && next >= 0x80 && next <= 0x9F));
        }
    }
    CHECK(text.back() == '\n');
}

}  // namespace

TEST_CASE("calendar: header, disclaimer and a legend of the letters used", "[calendar]") {
    const std::string out = to_month_calendar(hand_built());
    CHECK(out.rfind("Demo protocol\nProtocol demo (version 1)\nParameters: ph_positive: true\n"
                    "From Mon 4 Jan 2027 to Sun 7 Mar 2027: 2 months and 4 days (63 days)\n",
                    0) == 0);
    CHECK(out.find("For planning and education only.") != std::string::npos);
    CHECK(out.find("Letters after a day number mark its dated activities: C Chemotherapy, I\n"
                   "Intrathecal therapy, H Hospital stay. Phases and continuous therapy are listed\n"
                   "under each pair of months.\n") != std::string::npos);
    CHECK(out.find("R Radiation") == std::string::npos);
    check_plain(out);
}

TEST_CASE("calendar: Monday-first grids two months side by side, from start to end month", "[calendar]") {
    const std::string out = to_month_calendar(hand_built());
    CHECK(has_line(out, "           January 2027                         February 2027"));
    CHECK(has_line(out, "Mo   Tu   We   Th   Fr   Sa   Su      Mo   Tu   We   Th   Fr   Sa   Su"));
    // 1 Jan 2027 is a Friday; 1 Feb a Monday.
    CHECK(has_line(out, "                     1    2    3       1    2    3    4    5    6    7"));
    CHECK(has_line(out, " 4CI  5    6    7    8    9   10       8H   9   10   11   12   13   14"));
    CHECK(has_line(out, "11C  12   13   14   15   16   17      15   16   17   18   19   20   21"));
    // March stands alone in the last pair; no month outside the plan.
    CHECK(has_line(out, "            March 2027"));
    CHECK(has_line(out, "29   30   31"));
    CHECK(out.find("December 2026") == std::string::npos);
    CHECK(out.find("April 2027") == std::string::npos);
}

TEST_CASE("calendar: phases and continuous therapy listed under their months", "[calendar]") {
    const std::string out = to_month_calendar(hand_built());
    CHECK(has_line(out, "January 2027    Induction from 4 Jan"));
    CHECK(has_line(out, "                Continuous: [a] Imatinib from 18 Jan"));
    // Lines wrap at 80 columns under the month's indent, never inside "from 8 Feb (tentative)";
    // therapy within a phase is as tentative as its phase and says so only there.
    CHECK(out.find("February 2027   Induction to 1 Feb; Maintenance cycle 1 (A)\n"
                   "                from 8 Feb (tentative)\n"
                   "                Continuous: [a] Imatinib all month; [b] Mercaptopurine\n"
                   "                from 15 Feb\n"
                   "\n") != std::string::npos);
    CHECK(has_line(out, "March 2027      Maintenance cycle 1 (A) to 7 Mar (tentative)"));
}

TEST_CASE("calendar: more than two kinds on a day show the first letter and +", "[calendar]") {
    auto base = hand_built();
    auto events = base.events();
    events.push_back(samples::dated("2027-01-04", "induction", 1, "Marrow", category::assessment));
    const schedule s(base.segments(), base.phases(), events, base.spans());
    const std::string out = to_month_calendar(s);
    CHECK(out.find(" 4C+  5 ") != std::string::npos);
    CHECK(out.find("+ more kinds that day") != std::string::npos);
}

TEST_CASE("calendar: leap days and month lengths follow the calendar", "[calendar]") {
    const schedule s({segment{{"leap", "Leap", "1"}, {}, samples::day("2028-02-01"), {}}},
                     {samples::occurrence("p", "Phase", "2028-02-01", "2028-03-31")},
                     {samples::dated("2028-02-29", "p", 29, "Check", category::assessment)}, {});
    const std::string out = to_month_calendar(s);
    CHECK(has_line(out, "28   29A                              27   28   29   30   31"));
    CHECK(has_line(out, "February 2028   Phase from 1 Feb"));
    CHECK(has_line(out, "March 2028      Phase to 31 Mar"));
}

TEST_CASE("calendar: hostile and long names stay on their lines within 80 columns", "[calendar][injection]") {
    const std::string long_name(300, 'x');
    for (const std::string name : {"two\nlines", "<script>alert(1)</script>", "tab\there \x1b[31mred",
                                   "=HYPERLINK(\"http://x\",\"y\"); a, b", long_name.c_str()}) {
        CAPTURE(name);
        const std::string out = to_month_calendar(hand_built("x", name));
        check_plain(out);
        // Line breaks and tabs become spaces, ESC its picture U+241B, and wrapping joins words
        // with single spaces.
        std::string flat;
        for (char c : name) {
            if (c == '\x1b') {
                flat += "\xE2\x90\x9B";
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20) c = ' ';
            if (c != ' ' || flat.empty() || flat.back() != ' ') flat += c;
        }
        if (name != long_name)
            CHECK(out.find("January 2027    " + flat + " from 4 Jan") != std::string::npos);
    }
    // A word longer than a line is split, not cut.
    const std::string out = to_month_calendar(hand_built("x", long_name));
    std::string joined;
    for (const auto& line : lines_of(out)) {
        if (line.find("xxxx") != std::string::npos) joined += line.substr(16);
    }
    CHECK(joined.find(long_name + " from 4 Jan") != std::string::npos);
}

TEST_CASE("calendar: C1 controls become U+FFFD (NEL a space), invalid UTF-8 too", "[calendar][injection]") {
    const std::string name =
        "csi\xC2\x9B"
        "31m nel\xC2\x85"
        "osc\xC2\x9D"
        "0;t bad\xC0\xAF";
    const std::string out = to_month_calendar(hand_built("x", name));
    check_plain(out);
    CHECK(out.find("January 2027    csi\xEF\xBF\xBD"
                   "31m nel osc\xEF\xBF\xBD"
                   "0;t bad\xEF\xBF\xBD\xEF\xBF\xBD from 4 Jan") != std::string::npos);
}

TEST_CASE("calendar: wide characters take two columns when lines wrap", "[calendar][width]") {
    // 日本語 repeated: 3 bytes and 2 columns per character; 90 columns cannot fit on one line.
    std::string wide;
    for (int i = 0; i < 15; ++i) wide += "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    const std::string name = "Phase " + wide + " end";
    const std::string out = to_month_calendar(hand_built("x", name));
    check_plain(out);
    std::string joined;
    std::size_t wrapped = 0;
    for (const auto& line : lines_of(out)) {
        if (line.find("\xE6\x97\xA5") == std::string::npos) continue;
        ++wrapped;
        joined += line.substr(16);
        // Split between characters, never inside one.
        CHECK(detail::is_valid_utf8(line));
    }
    CHECK(wrapped >= 2);
    CHECK(joined.find(wide) != std::string::npos);
    // Counted as one column each, the 45 characters would have fitted on the first line.
    CHECK(columns("January 2027    Phase " + wide) > 80);
}

TEST_CASE("calendar: render dispatches by name; identical inputs give identical bytes", "[calendar]") {
    CHECK(render(hand_built(), "calendar") == to_month_calendar(hand_built()));
    const std::string a = to_month_calendar(default_plan());
    CHECK(a == to_month_calendar(default_plan()));
    check_plain(a);
}

TEST_CASE("calendar: golden files of the default protocol", "[calendar][golden]") {
    golden::check("all-overview.calendar.txt", to_month_calendar(default_plan()));
    golden::check("all-overview-ph-dasatinib.calendar.txt",
                  to_month_calendar(default_plan(samples::ph_dasatinib)));
}
