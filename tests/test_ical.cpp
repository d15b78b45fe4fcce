// iCalendar output: RFC 5545 line discipline, TEXT escaping, all-day dates, stable UIDs,
// timestamps, and the traps that make calendar clients misread a file.
#include "../src/formats/ical_text.hpp"
#include "format_samples.hpp"
#include "ical_reader.hpp"

#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/version.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace ttplan;
using samples::day;
using samples::default_plan;
using samples::hand_built;
using namespace ical_reader;

namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

void check_lines(const std::string& text) {
    REQUIRE(text.size() >= 2);
    REQUIRE(text.substr(text.size() - 2) == "\r\n");
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') REQUIRE((i > 0 && text[i - 1] == '\r'));
        if (text[i] == '\r') REQUIRE((i + 1 < text.size() && text[i + 1] == '\n'));
    }
    for (const auto& line : physical_lines(text)) {
        INFO(line);
        CHECK(!line.empty());
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
    }
}

render_options fixed_options() {
    render_options o;
    o.calendar_id = "test-cal";
    o.timestamp = 1798675200;  // 2027-01-01T00:00:00Z
    return o;
}

std::string ics(const schedule& s, render_options o = fixed_options()) { return to_ical(s, o); }

const component& by_summary(const calendar& cal, const std::string& summary) {
    for (const auto& e : cal.events) {
        if (unescape(e.value("SUMMARY")) == summary) return e;
    }
    FAIL("no event titled " << summary);
    return cal.events.front();
}

std::map<std::string, std::string> start_by_uid(const calendar& cal) {
    std::map<std::string, std::string> out;
    for (const auto& e : cal.events) out[e.value("UID")] = e.value("DTSTART");
    return out;
}

// Sets or clears SOURCE_DATE_EPOCH for one scope.
class epoch_env {
public:
    explicit epoch_env(const char* value) {
        if (const char* old = std::getenv("SOURCE_DATE_EPOCH")) saved_ = old;
        if (value) {
            ::setenv("SOURCE_DATE_EPOCH", value, 1);
        } else {
            ::unsetenv("SOURCE_DATE_EPOCH");
        }
    }
    ~epoch_env() {
        if (saved_) {
            ::setenv("SOURCE_DATE_EPOCH", saved_->c_str(), 1);
        } else {
            ::unsetenv("SOURCE_DATE_EPOCH");
        }
    }
    epoch_env(const epoch_env&) = delete;
    epoch_env& operator=(const epoch_env&) = delete;

private:
    std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("ical: escape_text escapes backslash, semicolon, comma and line breaks only", "[ical][text]") {
    CHECK(detail::escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne");
    CHECK(detail::escape_text("x\r\ny\rz") == "x\\ny\\nz");
    CHECK(detail::escape_text("Time: 10:00 \"quoted\"") == "Time: 10:00 \"quoted\"");
    CHECK(detail::escape_text("tab\there") == "tab\there");
    // Other controls are written as in every format: C0 as control pictures (U+2407, U+2400).
    CHECK(detail::escape_text(std::string("bell\x07nul\0end", 12)) == "bell\xE2\x90\x87"
                                                                      "nul\xE2\x90\x80"
                                                                      "end");
    CHECK(detail::escape_text("bad \xC3 byte") == "bad \xEF\xBF\xBD byte");
    CHECK(detail::escape_text("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");
    // C1 controls are control characters like C0: CSI and NEL would drive a terminal that
    // shows the calendar file. CSI becomes U+FFFD, NEL a space, ESC its picture U+241B.
    CHECK(detail::escape_text("a\xC2\x9B"
                              "31mb\xC2\x85"
                              "c\x1B") ==
          "a\xEF\xBF\xBD"
          "31mb c\xE2\x90\x9B");
    // Bidirectional overrides and isolates cannot reverse what follows in a client.
    CHECK(detail::escape_text("a\xE2\x80\xAE"
                              "b\xE2\x81\xA6"
                              "c") ==
          "a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD"
          "c");
    CHECK(detail::escape_text("overlong \xC0\xAF surrogate \xED\xA0\x80") ==
          "overlong \xEF\xBF\xBD\xEF\xBF\xBD surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    // Escaping the escaped text escapes its backslashes once more, and only those.
    CHECK(detail::escape_text("\\;") == "\\\\\\;");
}

TEST_CASE("ical: single_line turns every line break into one space", "[ical][text]") {
    CHECK(detail::single_line("a\r\nb\nc\rd") == "a b c d");
    CHECK(detail::single_line("no breaks; here") == "no breaks; here");
}

TEST_CASE("ical: fold_line keeps physical lines within 75 octets", "[ical][fold]") {
    const std::string exact(75, 'x');
    CHECK(detail::fold_line(exact) == exact + "\r\n");
    const std::string longer(76, 'x');
    CHECK(detail::fold_line(longer) == exact + "\r\n x\r\n");
    // A continuation line holds 74 octets after its space.
    const std::string two_full(75 + 74, 'y');
    CHECK(detail::fold_line(two_full) == std::string(75, 'y') + "\r\n " + std::string(74, 'y') + "\r\n");
}

TEST_CASE("ical: folding never splits a multi-byte character", "[ical][fold]") {
    std::string text = "SUMMARY:";
    for (int i = 0; i < 60; ++i) text += "\xC3\xA9";          // é, 2 octets
    for (int i = 0; i < 40; ++i) text += "\xF0\x9F\x98\x80";  // 😀, 4 octets
    for (int i = 0; i < 30; ++i) text += "\xE2\x82\xAC";      // €, 3 octets
    const std::string folded = detail::fold_line(text);
    std::string unfolded;
    for (const auto& line : physical_lines(folded)) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
        unfolded += unfolded.empty() ? line : line.substr(1);
    }
    CHECK(unfolded == text);
}

TEST_CASE("ical: folding fills each physical line as far as the next whole character allows",
          "[ical][fold]") {
    // The rule character by character: a character goes on the line when it fits, else a new
    // line starts. fold_line works on runs; it must fold exactly where this does.
    const auto by_character = [](std::string_view line) {
        std::string out;
        std::size_t room = 75;
        for (std::size_t i = 0; i < line.size();) {
            std::size_t n = 1;
            while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
            if (n > room) {
                out += "\r\n ";
                room = 74;
            }
            out.append(line.substr(i, n));
            room -= n;
            i += n;
        }
        return out + "\r\n";
    };
    const std::array<std::string_view, 5> pieces{"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "bc"};
    for (std::size_t length = 0; length < 400; length += 7) {
        for (std::size_t shift = 0; shift < pieces.size(); ++shift) {
            std::string text = "DESCRIPTION:";
            for (std::size_t i = 0; text.size() < length + 12; ++i) text += pieces[(i * 3 + shift + i / 5) % pieces.size()];
            INFO(text);
            CHECK(detail::fold_line(text) == by_character(text));
        }
    }
}

TEST_CASE("ical: calendar properties", "[ical]") {
    const auto cal = parse(ics(hand_built()));
    CHECK(cal.header.value("VERSION") == "2.0");
    CHECK(cal.header.value("PRODID") == std::string("-//ttplan//ttplan ") + version_string + "//EN");
    CHECK(cal.header.value("CALSCALE") == "GREGORIAN");
    CHECK(cal.header.value("METHOD") == "PUBLISH");
    CHECK(cal.header.value("NAME") == "Demo protocol");
    CHECK(cal.header.value("X-WR-CALNAME") == "Demo protocol");

    render_options o = fixed_options();
    o.calendar_name = "Plan, revised; v2";
    const auto named = parse(ics(hand_built(), o));
    CHECK(unescape(named.header.value("NAME")) == "Plan, revised; v2");
    CHECK(unescape(named.header.value("X-WR-CALNAME")) == "Plan, revised; v2");
}

TEST_CASE("ical: registered as the ics format", "[ical]") {
    const auto names = format_names();
    CHECK(std::find(names.begin(), names.end(), "ics") != names.end());
    CHECK(render(hand_built(), "ics", fixed_options()) == ics(hand_built()));
}

TEST_CASE("ical: line discipline on hand-built and planned calendars", "[ical][fold]") {
    check_lines(ics(hand_built()));
    check_lines(ics(default_plan()));
    check_lines(ics(default_plan(samples::ph_dasatinib)));
    check_lines(ics(default_plan({{"cns_prophylaxis", "radiation"}})));
    const std::string long_name =
        "Induction \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 "
        "\xF0\x9F\x92\x8A\xF0\x9F\x92\x8A\xF0\x9F\x92\x8A\xF0\x9F\x92\x8A\xF0\x9F\x92\x8A\xF0\x9F\x92\x8A "
        "with a very long name that certainly needs folding more than once, twice or thrice";
    const std::string text = ics(hand_built("Vincristine", long_name));
    check_lines(text);
    CHECK(unescape(parse(text).events.front().value("SUMMARY")) == long_name);
}

TEST_CASE("ical: every item is an all-day event with an exclusive DTEND", "[ical][dates]") {
    const std::string text = ics(hand_built());
    CHECK(text.find("TZID") == std::string::npos);
    const std::regex date_value("[0-9]{8}");
    const auto cal = parse(text);
    for (const auto& e : cal.events) {
        for (const char* name : {"DTSTART", "DTEND"}) {
            const auto& l = e.one(name);
            CHECK(l.params == ";VALUE=DATE");
            CHECK(std::regex_match(l.value, date_value));
        }
        CHECK(e.value("DTSTART") < e.value("DTEND"));
    }
    // Induction runs 4 Jan to 1 Feb inclusive: DTEND is 2 Feb.
    const auto& induction = by_summary(cal, "Induction");
    CHECK(induction.value("DTSTART") == "20270104");
    CHECK(induction.value("DTEND") == "20270202");
    // A single treatment day ends the next day, never on itself.
    const auto& day8 = by_summary(cal, "Induction Day 8: Vincristine");
    CHECK(day8.value("DTSTART") == "20270111");
    CHECK(day8.value("DTEND") == "20270112");
    // A track crossing a month end.
    const auto& track = by_summary(cal, "Imatinib");
    CHECK(track.value("DTEND") == "20270308");
}

TEST_CASE("ical: one event per phase occurrence, span, treatment day and decision", "[ical]") {
    const schedule s = default_plan(samples::ph_dasatinib);
    std::set<std::tuple<std::string, std::int32_t, std::int32_t>> days;
    for (const auto& e : s.events()) days.emplace(e.phase, e.cycle.value_or(0), e.day);
    const auto cal = parse(ics(s));
    REQUIRE(s.decisions().size() == 1);
    CHECK(cal.events.size() == s.phases().size() + s.spans().size() + days.size() + s.decisions().size());

    // The pending decision is a day of its own, and what comes after it says it waits.
    const auto& decision = by_summary(cal, "Decision: induction_response");
    CHECK(decision.value("DTSTART") == "20270201");
    CHECK(unescape(decision.value("DESCRIPTION")).find(
              "not known yet; this plan follows MRD-negative (no remaining leukemia found); the other "
              "possible result is MRD-positive") !=
          std::string::npos);
    const auto& consolidation = by_summary(cal, "Consolidation");
    CHECK(
        unescape(consolidation.value("DESCRIPTION"))
            .find(
                "Waits on a decision not taken yet: induction_response (this plan assumes mrd_negative).") !=
        std::string::npos);
    const auto& induction = by_summary(cal, "Induction");
    CHECK(unescape(induction.value("DESCRIPTION")).find("Waits on") == std::string::npos);

    const auto hb = parse(ics(hand_built()));
    const auto& day1 = by_summary(hb, "Induction Day 1: Vincristine, Lumbar puncture");
    const std::string description = unescape(day1.value("DESCRIPTION"));
    CHECK(description.rfind("Induction, Day 1\n", 0) == 0);
    CHECK(description.find("Vincristine (Chemotherapy)") != std::string::npos);
    CHECK(description.find("Lumbar puncture (Intrathecal therapy)") != std::string::npos);
    CHECK(day1.value("CATEGORIES") ==
          std::string(display_name(category::chemotherapy)) + "," + std::string(display_name(category::intrathecal)));
    CHECK(unescape(by_summary(hb, "Maintenance, cycle 1 (A)").value("DESCRIPTION")).find("Day -7 to Day 20") !=
          std::string::npos);
    CHECK(by_summary(hb, "Maintenance cycle 1 (A): Mercaptopurine").value("CATEGORIES") == "Chemotherapy");
}

TEST_CASE("ical: every description ends with the disclaimer", "[ical]") {
    for (const auto& e : parse(ics(default_plan())).events) {
        const std::string d = unescape(e.value("DESCRIPTION"));
        REQUIRE(d.size() > std::string(disclaimer).size());
        CHECK(d.substr(d.size() - std::string(disclaimer).size()) == disclaimer);
    }
}

TEST_CASE("ical: UIDs are opaque, unique, and independent of dates", "[ical][uid]") {
    const protocol p = load_builtin(default_protocol_id());
    profile early;
    early.start = day("2027-01-04");
    profile later = early;
    later.start = day("2027-03-15");
    profile delayed = early;
    delayed.facts.actuals.push_back(actual_start{"consolidation", std::nullopt, std::nullopt, 9});

    const auto a = start_by_uid(parse(ics(make_schedule(p, early))));
    const auto b = start_by_uid(parse(ics(make_schedule(p, later))));
    const auto c = start_by_uid(parse(ics(make_schedule(p, delayed))));
    // Unique within the calendar: the map has one entry per event.
    CHECK(a.size() == parse(ics(make_schedule(p, early))).events.size());

    const std::regex uid_form("[0-9a-f]{16}@ttplan");
    std::set<std::string> uids_a, uids_b, uids_c;
    for (const auto& [uid, start] : a) {
        CHECK(std::regex_match(uid, uid_form));
        uids_a.insert(uid);
    }
    for (const auto& [uid, start] : b) uids_b.insert(uid);
    for (const auto& [uid, start] : c) uids_c.insert(uid);
    CHECK(uids_a == uids_b);
    CHECK(uids_a == uids_c);
    for (const auto& [uid, start] : a) CHECK(b.at(uid) != start);
    CHECK(std::count_if(a.begin(), a.end(), [&](const auto& kv) { return c.at(kv.first) != kv.second; }) > 0);
    // Induction is upstream of the delay and stays put.
    CHECK(std::count_if(a.begin(), a.end(), [&](const auto& kv) { return c.at(kv.first) == kv.second; }) > 0);

    // Another calendar id gives other UIDs for the same plan.
    render_options other = fixed_options();
    other.calendar_id = "another";
    std::set<std::string> uids_other;
    for (const auto& e : parse(ics(make_schedule(p, early), other)).events) uids_other.insert(e.value("UID"));
    std::vector<std::string> common;
    std::set_intersection(uids_a.begin(), uids_a.end(), uids_other.begin(), uids_other.end(),
                          std::back_inserter(common));
    CHECK(common.empty());
}

TEST_CASE("ical: UIDs stay unique when a clinic calendar moves events", "[ical][uid]") {
    profile pr;
    pr.start = day("2027-01-04");
    pr.calendar.closed_weekdays[0] = pr.calendar.closed_weekdays[6] = true;
    pr.calendar.holidays.insert(day("2027-01-11"));
    pr.calendar.rules[category::chemotherapy] = shift_rule::next_open;
    pr.calendar.rules[category::assessment] = shift_rule::previous_open;
    const schedule s = make_schedule(load_builtin(default_protocol_id()), pr);
    const auto cal = parse(ics(s));
    std::set<std::string> uids;
    for (const auto& e : cal.events) uids.insert(e.value("UID"));
    CHECK(uids.size() == cal.events.size());
    check_lines(ics(s));
}

TEST_CASE("ical: calendar ids that could carry personal data are rejected", "[ical][uid]") {
    render_options o = fixed_options();
    for (const std::string& bad : {std::string("Jane Doe"), std::string("jos\xC3\xA9"),
                                  std::string("a\nb"), std::string("a\tb"), std::string("x@y"), std::string(65, 'a')}) {
        o.calendar_id = bad;
        INFO(bad);
        CHECK_THROWS_AS(to_ical(hand_built(), o), value_error);
    }
    o.calendar_id = "Jane Doe";
    try {
        to_ical(hand_built(), o);
    } catch (const error& e) {
        CHECK(std::string(e.what()).find("Jane") == std::string::npos);
        CHECK(std::string(e.what()).find("calendar_id") != std::string::npos);
    }
    for (const std::string& good : {std::string("a.b_c-D9"), std::string(64, 'z')}) {
        o.calendar_id = good;
        CHECK_NOTHROW(to_ical(hand_built(), o));
    }
}

TEST_CASE("ical: SEQUENCE and DTSTAMP come from the options", "[ical][stamp]") {
    epoch_env env("1900000000");
    render_options o = fixed_options();
    o.sequence = 7;
    o.timestamp = 1800000123;  // 2027-01-15T08:02:03Z
    for (const auto& e : parse(ics(hand_built(), o)).events) {
        CHECK(e.value("SEQUENCE") == "7");
        CHECK(e.value("DTSTAMP") == "20270115T080203Z");
        CHECK(e.value("LAST-MODIFIED") == "20270115T080203Z");
    }
    o.sequence = -1;
    CHECK_THROWS_AS(to_ical(hand_built(), o), value_error);
    o.sequence = 0;
    o.timestamp = 253402300800;  // year 10000
    CHECK_THROWS_AS(to_ical(hand_built(), o), value_error);
}

TEST_CASE("ical: DTSTAMP is the timestamp, else the start date; the environment is not read",
          "[ical][stamp]") {
    render_options o = fixed_options();
    o.timestamp.reset();
    // SOURCE_DATE_EPOCH is the CLI's to read (tests/py/test_ical_interop.py); set, valid or
    // not, it changes nothing here.
    for (const char* env_value : {static_cast<const char*>(nullptr), "1700000000", "yesterday"}) {
        epoch_env env(env_value);
        INFO((env_value ? env_value : "(unset)"));
        CHECK(parse(ics(hand_built(), o)).events.front().value("DTSTAMP") == "20270104T000000Z");
        CHECK(ical_timestamp(hand_built(), o) == 1799020800);  // 2027-01-04T00:00:00Z
    }
    o.timestamp = 1700000000;  // 2023-11-14T22:13:20Z
    epoch_env env("1800000000");
    CHECK(parse(ics(hand_built(), o)).events.front().value("DTSTAMP") == "20231114T221320Z");
}

TEST_CASE("ical: identical inputs give identical bytes", "[ical]") {
    epoch_env env(nullptr);
    render_options o;
    CHECK(to_ical(default_plan(samples::ph_dasatinib), o) == to_ical(default_plan(samples::ph_dasatinib), o));
    CHECK(ics(hand_built()) == ics(hand_built()));
}

TEST_CASE("ical: tentative items are STATUS:TENTATIVE, the rest CONFIRMED", "[ical]") {
    const auto cal = parse(ics(hand_built()));
    CHECK(by_summary(cal, "Induction").value("STATUS") == "CONFIRMED");
    CHECK(by_summary(cal, "Induction Day 8: Vincristine").value("STATUS") == "CONFIRMED");
    CHECK(by_summary(cal, "Maintenance, cycle 1 (A)").value("STATUS") == "TENTATIVE");
    CHECK(by_summary(cal, "Maintenance cycle 1 (A) Day -7: Admission").value("STATUS") == "TENTATIVE");
    CHECK(by_summary(cal, "Maintenance cycle 1 (A): Mercaptopurine").value("STATUS") == "TENTATIVE");
    for (const auto& e : cal.events) CHECK(e.value("TRANSP") == "TRANSPARENT");
}

TEST_CASE("ical: hostile text stays valid and comes back unchanged", "[ical][escape]") {
    const std::string hostile = "Line one\nLine two; a,b \\ back <script>alert(1)</script> \"quoted\" "
                                "=HYPERLINK(\"x\") 10:00";
    const std::string text = ics(hand_built(hostile, hostile));
    check_lines(text);
    CHECK(text.find("\\:") == std::string::npos);
    CHECK(text.find("\\\"") == std::string::npos);
    const auto cal = parse(text);
    const auto& phase = cal.events.front();
    // Titles are one line (clients refuse or mangle breaks in SUMMARY); descriptions keep all.
    std::string title = hostile;
    title.replace(title.find('\n'), 1, " ");
    CHECK(unescape(phase.value("SUMMARY")) == title);
    CHECK(unescape(phase.value("DESCRIPTION")).rfind(hostile + "\n", 0) == 0);
    bool found_day = false;
    for (const auto& e : cal.events) {
        const std::string summary = unescape(e.value("SUMMARY"));
        if (summary == title + " Day 1: " + title + ", Lumbar puncture") {
            found_day = true;
            CHECK(unescape(e.value("DESCRIPTION")).find("- " + hostile + " (Chemotherapy)\n") != std::string::npos);
        }
    }
    CHECK(found_day);
}

TEST_CASE("ical: interop traps", "[ical][traps]") {
    const std::string text = ics(default_plan(samples::ph_dasatinib));
    // Midnight date-times or time-zoned dates for all-day items.
    CHECK(text.find("T000000\r\n") == std::string::npos);
    CHECK(std::regex_search(text, std::regex("DTSTART[^\r]*T[0-9]{6}")) == false);
    CHECK(std::regex_search(text, std::regex("DTEND[^\r]*T[0-9]{6}")) == false);
    CHECK(text.find("TZID") == std::string::npos);
    // Blank lines.
    CHECK(text.find("\r\n\r\n") == std::string::npos);
    // Escaped colons or quotes, double escaping.
    CHECK(text.find("\\:") == std::string::npos);
    CHECK(text.find("\\\"") == std::string::npos);
    CHECK(text.find("\\\\;") == std::string::npos);
    CHECK(text.find("\\\\,") == std::string::npos);
    CHECK(text.find("\\\\n") == std::string::npos);
    // Scheduling requests and inclusive ends.
    CHECK(text.find("METHOD:REQUEST") == std::string::npos);
    for (const auto& e : parse(text).events) CHECK(e.value("DTEND") > e.value("DTSTART"));
    for (const auto& line : physical_lines(text)) CHECK(line.size() <= 75);
}

TEST_CASE("ical: dates at the end of the calendar range", "[ical][dates]") {
    std::vector<phase_occurrence> phases{samples::occurrence("last", "Last", "9999-12-01", "9999-12-31")};
    schedule s({segment{{"edge", "Edge", "1"}, {}, day("9999-12-01"), {}}}, phases, {}, {});
    const auto cal = parse(ics(s));
    CHECK(cal.events.front().all("DTEND").empty());
    CHECK(cal.events.front().value("DURATION") == "P31D");

    phases.front().last = phases.front().first + date::days{40};  // into the year 10000
    schedule beyond({segment{{"edge", "Edge", "1"}, {}, day("9999-12-01"), {}}}, phases, {}, {});
    CHECK_THROWS_AS(ics(beyond), value_error);
}
