// Times within a day: the protocol keys per_day, every_hours, times, duration and after, how
// they are read, written back and checked, and what the planner and the JSON schedule make of
// them. 2027-01-04 is a Monday.
#include <ttplan/format.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace ttplan;
using std::chrono::minutes;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

// One phase of `length` whose activities are `activities` (JSON), so each test writes only
// what it is about. The first activity sits on line 8 of the text.
std::string protocol_text(const std::string& activities, const std::string& phase_extra = "",
                          const std::string& length = "21d") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "timed",
  "title": "Timed",
  "phases": [
    {"id": "block", "name": "Block", "length": ")" +
           length + "\"," + phase_extra + R"(
     "activities": [
)" + activities +
           R"(
     ]}
  ]
}
)";
}

std::vector<problem> problems_of(const std::string& text) {
    try {
        parse_protocol(text, "timed.json");
    } catch (const validation_error& e) {
        return e.problems();
    }
    FAIL("expected a validation_error");
    return {};
}

// The problem at `pointer` whose message contains `text`; fails the test when there is none.
problem problem_at(const std::vector<problem>& problems, const std::string& pointer,
                   const std::string& text) {
    for (const problem& p : problems) {
        if (p.where.pointer == pointer && p.message.find(text) != std::string::npos) return p;
    }
    std::string all;
    for (const problem& p : problems) all += p.to_string() + "\n";
    FAIL("no problem at " << pointer << " containing \"" << text << "\"; got:\n" << all);
    return {};
}

std::vector<event> events_named(const schedule& s, const std::string& name) {
    std::vector<event> out;
    for (const event& e : s.events()) {
        if (e.activity == name) out.push_back(e);
    }
    return out;
}

schedule plan_text(const std::string& text, const char* start = "2027-01-04",
                   const clinic_calendar& cal = {}) {
    return planner(parse_protocol(text), {}).plan(d(start), treatment_facts{}, cal);
}

}  // namespace

TEST_CASE("times: clock times are HH:MM on the 24-hour clock", "[times]") {
    CHECK(clock_time::parse("08:00").since_midnight() == minutes{480});
    CHECK(clock_time::parse("00:00").since_midnight() == minutes{0});
    CHECK(clock_time::parse("23:59").since_midnight() == minutes{1439});
    CHECK(clock_time{minutes{20 * 60 + 5}}.to_string() == "20:05");
    CHECK(clock_time::parse("06:30") < clock_time::parse("18:00"));
    for (const char* bad : {"8:00", "24:00", "08:60", "08.00", "0800", "", "08:00 ", "-1:00", "ab:cd"}) {
        INFO(bad);
        CHECK_THROWS_AS(clock_time::parse(bad), value_error);
    }
    CHECK_THROWS_WITH(clock_time::parse("25:00"),
                      Catch::Contains("25:00") && Catch::Contains("00:00 to 23:59"));
}

TEST_CASE("times: durations in d, h and min, spelled canonically and in ISO 8601", "[times]") {
    CHECK(parse_duration("30min") == minutes{30});
    CHECK(parse_duration("24h") == minutes{24 * 60});
    CHECK(parse_duration("2h30min") == minutes{150});
    CHECK(parse_duration("28d") == minutes{28 * 24 * 60});
    CHECK(parse_duration("1d12h") == minutes{36 * 60});
    for (const char* bad :
         {"", "30", "30m", "h", "2h 30min", "30min2h", "1h1h", "-2h", "+2h", "2.5h", "1w"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_duration(bad), value_error);
    }
    CHECK_THROWS_WITH(parse_duration("30min2h"), Catch::Contains("in that order"));
    CHECK_THROWS_WITH(parse_duration("99999999999999999999d"), Catch::Contains("too long"));

    CHECK(format_duration(minutes{30}) == "30min");
    CHECK(format_duration(minutes{24 * 60}) == "24h");
    CHECK(format_duration(minutes{36 * 60}) == "36h");
    CHECK(format_duration(minutes{150}) == "2h30min");
    CHECK(format_duration(minutes{28 * 24 * 60}) == "28d");
    CHECK(iso_duration(minutes{30}) == "PT30M");
    CHECK(iso_duration(minutes{24 * 60}) == "PT24H");
    CHECK(iso_duration(minutes{150}) == "PT2H30M");
    CHECK(iso_duration(minutes{28 * 24 * 60}) == "P28D");
    CHECK(iso_duration(minutes{0}) == "PT0S");
    for (const char* text : {"30min", "24h", "2h30min", "28d", "36h", "45h59min"})
        CHECK(format_duration(parse_duration(text)) == text);
}

TEST_CASE("times: every key is read into the model and written back", "[times][io]") {
    const std::string text = protocol_text(R"(
      {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-7", "per_day": 2,
       "times": ["08:00", "20:00"]},
      {"name": "Cytarabine", "category": "chemotherapy", "days": "2-3", "every_hours": 12, "duration": "3h"},
      {"name": "Methotrexate", "category": "chemotherapy", "days": "1", "times": ["10:00"], "duration": "24h"},
      {"name": "Leucovorin", "category": "chemotherapy", "after": {"activity": "Methotrexate", "hours": 42},
       "duration": "30min"},
      {"name": "Infusion", "category": "immunotherapy", "days": "1-21", "continuous": true, "duration": "21d"})");
    const protocol p = parse_protocol(text);
    const auto& acts = p.phases.at(0).activities;
    REQUIRE(acts.size() == 5);
    CHECK(acts[0].timing.per_day == 2);
    CHECK(acts[0].timing.times == std::vector{clock_time::parse("08:00"), clock_time::parse("20:00")});
    CHECK(acts[1].timing.every_hours == 12);
    CHECK(acts[1].timing.duration == minutes{180});
    CHECK(acts[2].timing.duration == minutes{24 * 60});
    REQUIRE(acts[3].timing.after);
    CHECK(acts[3].timing.after->activity == "Methotrexate");
    CHECK(acts[3].timing.after->hours == 42);
    CHECK(acts[3].days.empty());
    CHECK(acts[4].timing.duration == minutes{21 * 24 * 60});

    const std::string written = to_json(p);
    CHECK(parse_protocol(written) == p);
    const auto doc = nlohmann::json::parse(written);
    const auto& out = doc["phases"][0]["activities"];
    CHECK(out[0]["times"] == nlohmann::json::array({"08:00", "20:00"}));
    CHECK(out[0]["per_day"] == 2);
    CHECK(out[1]["every_hours"] == 12);
    CHECK(out[1]["duration"] == "3h");
    CHECK(out[3]["after"] == nlohmann::json({{"activity", "Methotrexate"}, {"hours", 42}}));
    CHECK_FALSE(out[3].contains("days"));
    CHECK(out[4]["duration"] == "21d");
    // Without times nothing new is written.
    CHECK_FALSE(nlohmann::json::parse(to_json(parse_protocol(protocol_text(
        R"({"name": "Plain", "category": "chemotherapy", "days": "1"})"))))["phases"][0]["activities"][0]
                    .contains("times"));
}

TEST_CASE("times: malformed values are located by line and JSON pointer", "[times][check]") {
    const std::string text =
        protocol_text(R"(      {"name": "A", "category": "chemotherapy", "days": "1", "per_day": "twice"},
      {"name": "B", "category": "chemotherapy", "days": "1", "times": "08:00"},
      {"name": "C", "category": "chemotherapy", "days": "1", "times": ["8:00", 20]},
      {"name": "D", "category": "chemotherapy", "days": "1", "duration": "5m"},
      {"name": "E", "category": "chemotherapy", "days": "1", "duration": 30},
      {"name": "F", "category": "chemotherapy", "after": {"activity": "A"}},
      {"name": "G", "category": "chemotherapy", "after": {"activity": "A", "hours": 2, "minutes": 3}},
      {"name": "H", "category": "chemotherapy", "after": "A"},
      {"name": "I", "category": "chemotherapy", "days": "1", "every_hours": 1.5})");
    const auto problems = problems_of(text);
    const std::string at = "/phases/0/activities/";
    CHECK(problem_at(problems, at + "0/per_day", "expected an integer").where.line == 8);
    CHECK(problem_at(problems, at + "1/times", "a list of clock times").where.line == 9);
    CHECK(problem_at(problems, at + "2/times/0", "invalid clock time \"8:00\"").where.line == 10);
    CHECK(problem_at(problems, at + "2/times/1", "a clock time").where.file == "timed.json");
    CHECK(problem_at(problems, at + "3/duration", "invalid duration \"5m\"").where.line == 11);
    problem_at(problems, at + "4/duration", "a duration such as");
    problem_at(problems, at + "5/after", "missing required key \"hours\"");
    problem_at(problems, at + "6/after/minutes", "unknown key \"minutes\"");
    problem_at(problems, at + "7/after", "expected an object");
    problem_at(problems, at + "8/every_hours", "expected an integer");
    // A missing "days" is still an error when there is no "after".
    problem_at(problems_of(protocol_text(R"({"name": "A", "category": "chemotherapy"})")), at + "0",
               "missing required key \"days\"");
}

TEST_CASE("times: per_day, every_hours and times must agree", "[times][check]") {
    const std::string text =
        protocol_text(R"(      {"name": "A", "category": "chemotherapy", "days": "1", "per_day": 0},
      {"name": "B", "category": "chemotherapy", "days": "1", "every_hours": 5},
      {"name": "C", "category": "chemotherapy", "days": "1", "per_day": 3, "every_hours": 12},
      {"name": "D", "category": "chemotherapy", "days": "1", "times": ["20:00", "08:00"]},
      {"name": "E", "category": "chemotherapy", "days": "1", "times": ["08:00", "08:00"]},
      {"name": "F", "category": "chemotherapy", "days": "1", "per_day": 2, "times": ["08:00"]},
      {"name": "G", "category": "chemotherapy", "days": "1", "every_hours": 12, "times": ["08:00", "19:00"]},
      {"name": "H", "category": "chemotherapy", "days": "1", "every_hours": 8, "times": ["08:00"]},
      {"name": "I", "category": "chemotherapy", "days": "1", "duration": "0min"},
      {"name": "J", "category": "chemotherapy", "days": "1", "duration": "367d"},
      {"name": "K", "category": "chemotherapy", "days": "1", "per_day": 2, "every_hours": 12,
       "times": ["09:00", "21:00"], "duration": "30min"})");
    const auto problems = problems_of(text);
    const std::string at = "/phases/0/activities/";
    CHECK(problem_at(problems, at + "0/per_day", "0 doses a day").where.line == 8);
    CHECK(problem_at(problems, at + "1/every_hours", "must divide the 24 hours").where.line == 9);
    problem_at(problems, at + "2/per_day", "every 12 hours gives 2");
    CHECK(problem_at(problems, at + "3/times/1", "08:00 follows 20:00").where.line == 11);
    problem_at(problems, at + "4/times/1", "ascending and distinct");
    problem_at(problems, at + "5/times", "per_day says 2");
    problem_at(problems, at + "6/times/1", "19:00 is not 12 hours after 08:00");
    problem_at(problems, at + "7/times", "every 8 hours gives 3");
    problem_at(problems, at + "8/duration", "more than 0");
    problem_at(problems, at + "9/duration", "at most 366d");
    for (const problem& p : problems) CHECK(p.where.pointer.rfind(at + "10", 0) != 0);
}

TEST_CASE("times: \"after\" names another ordinary activity of the phase, without a circle",
          "[times][check]") {
    const std::string text = protocol_text(R"(      {"name": "MTX", "category": "chemotherapy", "days": "1"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX ", "hours": 42}},
      {"name": "Self", "category": "chemotherapy", "after": {"activity": "Self", "hours": 1}},
      {"name": "A", "category": "chemotherapy", "after": {"activity": "B", "hours": 1}},
      {"name": "B", "category": "chemotherapy", "after": {"activity": "C", "hours": 1}},
      {"name": "C", "category": "chemotherapy", "after": {"activity": "A", "hours": 1}},
      {"name": "Stay", "category": "hospital-stay", "days": "1-3", "continuous": true},
      {"name": "Late", "category": "chemotherapy", "after": {"activity": "Stay", "hours": 1}},
      {"name": "Both", "category": "chemotherapy", "days": "2", "times": ["08:00"], "weekdays_only": true,
       "after": {"activity": "MTX", "hours": -1}})");
    const auto problems = problems_of(text);
    const std::string at = "/phases/0/activities/";
    CHECK(problem_at(problems, at + "1/after/activity", "unknown activity \"MTX \" in phase \"block\"")
              .where.line == 9);
    problem_at(problems, at + "2/after/activity", "cannot follow itself");
    CHECK(problem_at(problems, at + "3/after/activity", "form a cycle: A -> B -> C -> A").where.line == 11);
    // One circle, one problem.
    CHECK(std::count_if(problems.begin(), problems.end(), [](const problem& p) {
              return p.message.find("form a cycle") != std::string::npos;
          }) == 1);
    problem_at(problems, at + "7/after/activity", "\"Stay\" is continuous therapy");
    problem_at(problems, at + "8/days", "leave out \"days\"");
    problem_at(problems, at + "8/weekdays_only", "does not go with \"after\"");
    problem_at(problems, at + "8/after", "takes its time from it");
    problem_at(problems, at + "8/after/hours", "-1 hours after");
}

TEST_CASE("planner: events and spans carry per_day, every_hours, times and duration", "[times][planner]") {
    const schedule s = plan_text(protocol_text(R"(
      {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-2", "per_day": 2},
      {"name": "Cytarabine", "category": "chemotherapy", "days": "3", "every_hours": 6},
      {"name": "Vincristine", "category": "chemotherapy", "days": "1", "times": ["10:00"], "duration": "30min"},
      {"name": "Plain", "category": "assessment", "days": "1"},
      {"name": "Blinatumomab", "category": "immunotherapy", "days": "1-21", "continuous": true, "duration": "21d"},
      {"name": "Steroid", "category": "chemotherapy", "days": "1-7", "continuous": true,
       "times": ["08:00", "20:00"]})"));
    const auto dex = events_named(s, "Dexamethasone");
    REQUIRE(dex.size() == 2);
    CHECK(dex[0].timing.per_day == 2);
    CHECK(dex[0].timing.times.empty());
    const auto ara = events_named(s, "Cytarabine");
    REQUIRE(ara.size() == 1);
    CHECK(ara[0].timing.every_hours == 6);
    CHECK(ara[0].timing.per_day == 4);  // filled in from every 6 hours
    const auto vcr = events_named(s, "Vincristine");
    REQUIRE(vcr.size() == 1);
    CHECK(vcr[0].date == d("2027-01-04"));
    CHECK(vcr[0].timing.times == std::vector{clock_time::parse("10:00")});
    CHECK(vcr[0].timing.duration == minutes{30});
    CHECK(vcr[0].timing.per_day == 1);
    CHECK(events_named(s, "Plain").at(0).timing.empty());
    REQUIRE(s.spans().size() == 2);
    CHECK(s.spans()[0].activity == "Blinatumomab");
    CHECK(s.spans()[0].timing.duration == minutes{21 * 24 * 60});
    CHECK_FALSE(s.spans()[0].timing.per_day);
    CHECK(s.spans()[1].timing.per_day == 2);
    CHECK(s.spans()[1].timing.times.size() == 2);
}

TEST_CASE("planner: an event \"after\" another adds the offset to its date and clock time",
          "[times][planner]") {
    const schedule s = plan_text(protocol_text(R"(
      {"name": "MTX", "category": "chemotherapy", "days": "1, 21", "times": ["10:00"], "duration": "24h"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 42}},
      {"name": "Check", "category": "assessment", "after": {"activity": "Rescue", "hours": 20}},
      {"name": "Untimed", "category": "chemotherapy", "days": "5"},
      {"name": "Next day", "category": "assessment", "after": {"activity": "Untimed", "hours": 42}},
      {"name": "Same day", "category": "assessment", "after": {"activity": "Untimed", "hours": 23}})",
                                               R"( "repeat": {"count": 2},)"));
    const auto rescue = events_named(s, "Rescue");
    REQUIRE(rescue.size() == 4);
    // Day 1 10:00 + 42 h = Day 3 04:00: across midnight twice.
    CHECK(rescue[0].date == d("2027-01-06"));
    CHECK(rescue[0].day == 3);
    CHECK(rescue[0].cycle == 1);
    CHECK(rescue[0].timing.times == std::vector{clock_time::parse("04:00")});
    REQUIRE(rescue[0].timing.after);
    CHECK(rescue[0].timing.after->activity == "MTX");
    CHECK(rescue[0].timing.after->hours == 42);
    CHECK_FALSE(rescue[0].timing.per_day);
    // Day 21 of cycle 1 is 2027-01-24; the rescue falls after the cycle's end, in cycle 2's days,
    // and still belongs to cycle 1.
    CHECK(rescue[1].date == d("2027-01-26"));
    CHECK(rescue[1].day == 23);
    CHECK(rescue[1].cycle == 1);
    CHECK(s.phases().at(1).first == d("2027-01-25"));
    CHECK(rescue[2].date == d("2027-01-27"));
    CHECK(rescue[2].cycle == 2);
    // A chain: 04:00 + 20 h = 00:00 the next day.
    const auto check = events_named(s, "Check");
    REQUIRE(check.size() == 4);
    CHECK(check[0].date == d("2027-01-07"));
    CHECK(check[0].timing.times == std::vector{clock_time::parse("00:00")});
    // Without a clock time on the reference: whole days of the offset, no clock time.
    const auto next_day = events_named(s, "Next day");
    REQUIRE(next_day.size() == 2);
    CHECK(next_day[0].date == d("2027-01-09"));
    CHECK(next_day[0].day == 6);
    CHECK(next_day[0].timing.times.empty());
    CHECK(events_named(s, "Same day").at(0).date == d("2027-01-08"));
    // Same-date entries keep protocol order: the schedule is sorted by date.
    CHECK(std::is_sorted(s.events().begin(), s.events().end(),
                         [](const event& a, const event& b) { return a.date < b.date; }));
    CHECK(s.end() >= d("2027-01-28"));
}

TEST_CASE("planner: an \"after\" event follows its reference when the clinic calendar moves it",
          "[times][planner]") {
    clinic_calendar cal;
    cal.holidays.insert(d("2027-01-04"));
    cal.default_rule = shift_rule::next_open;
    const schedule s = plan_text(protocol_text(R"(
      {"name": "MTX", "category": "chemotherapy", "days": "1"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 30}})"),
                                 "2027-01-04", cal);
    const auto mtx = events_named(s, "MTX").at(0);
    CHECK(mtx.date == d("2027-01-05"));
    const auto rescue = events_named(s, "Rescue").at(0);
    CHECK(rescue.date == d("2027-01-06"));
    CHECK(rescue.planned_date == d("2027-01-05"));
}

TEST_CASE("json: times appear on events and spans only where set", "[times][json]") {
    const schedule s = plan_text(protocol_text(R"(
      {"name": "Plain", "category": "assessment", "days": "1"},
      {"name": "MTX", "category": "chemotherapy", "days": "1", "every_hours": 12, "times": ["06:00", "18:00"],
       "duration": "2h30min"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 42}},
      {"name": "Infusion", "category": "immunotherapy", "days": "1-21", "continuous": true, "duration": "21d"})"));
    const auto doc = nlohmann::json::parse(to_json(s));
    const auto& events = doc["events"];
    REQUIRE(events.size() == 3);
    CHECK(events[0]["activity"] == "Plain");
    for (const char* key : {"per_day", "every_hours", "times", "duration", "after"})
        CHECK_FALSE(events[0].contains(key));
    CHECK(events[1]["per_day"] == 2);
    CHECK(events[1]["every_hours"] == 12);
    CHECK(events[1]["times"] == nlohmann::json::array({"06:00", "18:00"}));
    CHECK(events[1]["duration"] == "PT2H30M");
    CHECK(events[2]["date"] == "2027-01-06");
    CHECK(events[2]["times"] == nlohmann::json::array({"00:00"}));
    CHECK(events[2]["after"] == nlohmann::json({{"activity", "MTX"}, {"hours", 42}}));
    CHECK(doc["spans"][0]["duration"] == "P21D");
}

namespace {

// The iCalendar text unfolded (continuation lines joined), split into lines.
std::vector<std::string> ical_lines(const std::string& ics) {
    std::string unfolded;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += ics[i];
    }
    std::vector<std::string> lines;
    std::size_t from = 0;
    for (std::size_t at; (at = unfolded.find("\r\n", from)) != std::string::npos; from = at + 2)
        lines.push_back(unfolded.substr(from, at - from));
    return lines;
}

std::size_t count_of(const std::vector<std::string>& lines, const std::string& line) {
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

bool has_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
}

const std::string dst_protocol = protocol_text(R"(
      {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-3", "times": ["08:00", "20:00"]},
      {"name": "MTX", "category": "chemotherapy", "days": "2", "times": ["10:00"], "duration": "24h"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 42}},
      {"name": "Plain", "category": "assessment", "days": "1"})",
                                               "", "7d");

}  // namespace

TEST_CASE("ical: timed events in a named zone across the spring change, with a VTIMEZONE", "[times][ical]") {
    // Europe/Berlin moves from +0100 to +0200 at 02:00 on 2027-03-28.
    const schedule s = plan_text(dst_protocol, "2027-03-27");
    render_options o;
    o.time_zone = "Europe/Berlin";
    const auto lines = ical_lines(to_ical(s, o));
    CHECK(count_of(lines, "BEGIN:VTIMEZONE") == 1);
    CHECK(count_of(lines, "TZID:Europe/Berlin") == 1);
    CHECK(count_of(lines, "TZOFFSETTO:+0100") >= 1);
    CHECK(count_of(lines, "TZOFFSETTO:+0200") >= 1);
    // The change itself: 02:00 local in the old offset.
    CHECK(count_of(lines, "DTSTART:20270328T020000") == 1);
    // Two doses a day for three days, one each side of the change: local wall-clock times.
    for (const char* when :
         {"20270327T080000", "20270327T200000", "20270328T080000", "20270328T200000", "20270329T080000"})
        CHECK(count_of(lines, std::string("DTSTART;TZID=Europe/Berlin:") + when) >= 1);
    CHECK(count_of(lines, "DTSTART;TZID=Europe/Berlin:20270328T100000") == 1);
    CHECK(count_of(lines, "DURATION:PT24H") == 1);
    // 10:00 on 2027-03-28 + 42 h = 04:00 on 2027-03-30.
    CHECK(count_of(lines, "DTSTART;TZID=Europe/Berlin:20270330T040000") == 1);
    CHECK(count_of(lines, "SUMMARY:Block Day 1: Dexamethasone (dose 2 of 2)") == 1);
    // All-day treatment days stay all-day, and name the times in words.
    CHECK(count_of(lines, "DTSTART;VALUE=DATE:20270327") >= 1);
    CHECK(has_prefix(lines,
                     "DESCRIPTION:Block\\, Day 1\\n- Dexamethasone (Chemotherapy)\\, twice daily at 08:00 "
                     "and 20:00"));
    // Every UID is its own.
    std::vector<std::string> uids;
    for (const auto& l : lines) {
        if (l.rfind("UID:", 0) == 0) uids.push_back(l);
    }
    std::sort(uids.begin(), uids.end());
    CHECK(std::adjacent_find(uids.begin(), uids.end()) == uids.end());
    CHECK(uids.size() == 3 /* days */ + 1 /* Day 4 rescue */ + 1 /* phase */ + 6 + 1 + 1 /* timed */);
}

TEST_CASE("ical: the autumn change and a zone without daylight saving", "[times][ical]") {
    // Europe/Berlin goes back from +0200 to +0100 at 03:00 on 2027-10-31.
    render_options o;
    o.time_zone = "Europe/Berlin";
    const auto lines = ical_lines(to_ical(plan_text(dst_protocol, "2027-10-30"), o));
    CHECK(count_of(lines, "DTSTART:20271031T030000") == 1);
    CHECK(count_of(lines, "TZOFFSETFROM:+0200") >= 1);
    CHECK(count_of(lines, "DTSTART;TZID=Europe/Berlin:20271031T080000") == 1);
    // Tokyo has no change: one observance.
    o.time_zone = "Asia/Tokyo";
    const auto tokyo = ical_lines(to_ical(plan_text(dst_protocol, "2027-10-30"), o));
    CHECK(count_of(tokyo, "BEGIN:STANDARD") == 1);
    CHECK(count_of(tokyo, "TZOFFSETTO:+0900") == 1);
    CHECK_FALSE(has_prefix(tokyo, "BEGIN:DAYLIGHT"));
}

TEST_CASE("ical: without a zone, timed events are floating local times", "[times][ical]") {
    const auto lines = ical_lines(to_ical(plan_text(dst_protocol, "2027-03-27")));
    CHECK(count_of(lines, "BEGIN:VTIMEZONE") == 0);
    CHECK(count_of(lines, "DTSTART:20270327T080000") == 1);
    CHECK_FALSE(has_prefix(lines, "DTSTART;TZID"));
    // Doses without a duration are points in time: six of dexamethasone and the rescue.
    CHECK(count_of(lines, "DURATION:PT0S") == 7);
}

TEST_CASE("ical: an unknown zone is an error naming it, and calendars without times do not change",
          "[times][ical]") {
    const schedule s = plan_text(dst_protocol, "2027-03-27");
    render_options o;
    o.time_zone = "Europe/Atlantis";
    CHECK_THROWS_WITH(to_ical(s, o), Catch::Contains("unknown time zone \"Europe/Atlantis\""));
    CHECK_THROWS_AS(check_time_zone("Not/AZone"), value_error);
    CHECK_NOTHROW(check_time_zone(""));
    CHECK_NOTHROW(check_time_zone("UTC"));
    // A plan without clock times: the zone changes nothing.
    const schedule plain =
        plan_text(protocol_text(R"({"name": "Plain", "category": "assessment", "days": "1"})"));
    o.time_zone = "Europe/Berlin";
    CHECK(to_ical(plain, o) == to_ical(plain));
}

TEST_CASE("formats: the human formats say the times in words", "[times][formats]") {
    const schedule s = plan_text(protocol_text(R"(
      {"name": "Dexamethasone", "category": "chemotherapy", "days": "1", "per_day": 2},
      {"name": "Cytarabine", "category": "chemotherapy", "days": "2", "every_hours": 6},
      {"name": "Vincristine", "category": "chemotherapy", "days": "1", "times": ["08:00", "20:00"],
       "duration": "30min"},
      {"name": "Methotrexate", "category": "chemotherapy", "days": "3", "duration": "24h"},
      {"name": "Leucovorin", "category": "chemotherapy", "after": {"activity": "Methotrexate", "hours": 42}},
      {"name": "Blinatumomab", "category": "immunotherapy", "days": "1-21", "continuous": true, "duration": "21d"})"));
    for (const char* format : {"text", "md", "html", "ics"}) {
        INFO(format);
        std::string out = render(s, format);
        if (std::string_view(format) == "ics") {
            // Unfolded: a phrase may be split across a folded line.
            std::string joined;
            for (const auto& l : ical_lines(out)) joined += l + "\n";
            out = joined;
        }
        const auto has = [&](const char* words) { return out.find(words) != std::string::npos; };
        CHECK(has("twice daily"));
        CHECK(has("every 6 hours"));
        CHECK(has("08:00 and 20:00"));
        CHECK(has("30-minute infusion"));
        CHECK(has("24-hour infusion"));
        CHECK(has("continuous infusion over 21 days"));
        CHECK(has("42 hours after Methotrexate"));
    }
}

TEST_CASE("times: activities caught in circles together are one problem naming them all", "[times][check]") {
    // A -> B -> A is the shortest circle through A; C and D go round through B as well.
    const std::string text = protocol_text(R"(      {"name": "A", "category": "chemotherapy", "after": {"activity": "B", "hours": 1}},
      {"name": "B", "category": "chemotherapy", "after": {"activity": "A", "hours": 1}},
      {"name": "B", "category": "chemotherapy", "after": {"activity": "C", "hours": 1}},
      {"name": "C", "category": "chemotherapy", "after": {"activity": "D", "hours": 1}},
      {"name": "D", "category": "chemotherapy", "after": {"activity": "B", "hours": 1}},
      {"name": "E", "category": "chemotherapy", "after": {"activity": "F", "hours": 1}},
      {"name": "F", "category": "chemotherapy", "after": {"activity": "E", "hours": 1}})");
    const auto problems = problems_of(text);
    const std::string at = "/phases/0/activities/";
    problem_at(problems, at + "0/after/activity",
               "form a cycle: A -> B -> A; 2 more in circles with them: C, D");
    problem_at(problems, at + "5/after/activity", "form a cycle: E -> F -> E");
    CHECK(std::count_if(problems.begin(), problems.end(), [](const problem& p) {
              return p.message.find("form a cycle") != std::string::npos;
          }) == 2);
}

TEST_CASE("times: the activities an unknown \"after\" could name are listed, the first 20 of many",
          "[times][check]") {
    std::string acts = R"(      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 42}})";
    for (int k = 0; k < 25; ++k) {
        acts += fmt::format(",\n      {{\"name\": \"Drug {}\", \"category\": \"chemotherapy\", \"days\": \"1\"}}", k);
    }
    const auto problems = problems_of(protocol_text(acts));
    problem_at(problems, "/phases/0/activities/0/after/activity",
               "unknown activity \"MTX\" in phase \"block\" (activities: Rescue, Drug 0, Drug 1, Drug 2, Drug 3, "
               "Drug 4, Drug 5, Drug 6, Drug 7, Drug 8, Drug 9, Drug 10, Drug 11, Drug 12, Drug 13, Drug 14, Drug "
               "15, Drug 16, Drug 17, Drug 18, and 6 more)");
}

TEST_CASE("planner: followers listed before what they follow, and two activities of one name",
          "[times][planner]") {
    // Placed in the order the references allow, whatever the order of the list: the same dates
    // as when listed in order. "Check" follows both activities named "MTX".
    const std::string backwards = R"(
      {"name": "Check", "category": "assessment", "after": {"activity": "Rescue", "hours": 24}},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 24}},
      {"name": "MTX", "category": "chemotherapy", "days": "1"},
      {"name": "MTX", "category": "chemotherapy", "days": "8"})";
    const std::string forwards = R"(
      {"name": "MTX", "category": "chemotherapy", "days": "1"},
      {"name": "MTX", "category": "chemotherapy", "days": "8"},
      {"name": "Rescue", "category": "chemotherapy", "after": {"activity": "MTX", "hours": 24}},
      {"name": "Check", "category": "assessment", "after": {"activity": "Rescue", "hours": 24}})";
    const schedule back = plan_text(protocol_text(backwards));
    const schedule fore = plan_text(protocol_text(forwards));
    const auto dates = [](const std::vector<event>& events) {
        std::vector<day_point> out;
        for (const event& e : events) out.push_back(e.date);
        return out;
    };
    CHECK(dates(events_named(back, "Rescue")) == std::vector{d("2027-01-05"), d("2027-01-12")});
    CHECK(dates(events_named(back, "Check")) == std::vector{d("2027-01-06"), d("2027-01-13")});
    CHECK(dates(events_named(back, "Check")) == dates(events_named(fore, "Check")));
    CHECK(back.events().size() == fore.events().size());
}
