// iCalendar across revisions of one plan: the calendar id derived from the plan when none is
// given.
#include "format_samples.hpp"
#include "ical_reader.hpp"

#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/ical.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>

using namespace ttplan;
using namespace ical_reader;
using samples::day;
using samples::default_plan;

namespace {

std::set<std::string> uids(const calendar& cal) {
    std::set<std::string> out;
    for (const auto& e : cal.events) out.insert(e.value("UID"));
    return out;
}

// The default protocol with delayed intensification started `days` late: maintenance runs
// until a limit counted from interim maintenance I, so it starts later but ends on the same
// day and its last cycle is cut shorter, or dropped.
schedule delayed_plan(std::int32_t days, const std::string& phase = "delayed_intensification") {
    const planner pl(load_builtin(default_protocol_id()), {});
    return pl.plan(day("2027-01-04"), {actual_start{phase, std::nullopt, std::nullopt, days}});
}

}  // namespace

TEST_CASE("ical revisions: without a calendar id, the id is derived from the plan", "[ical][uid]") {
    const schedule s = default_plan();
    const std::string id = ical_calendar_id(s);
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{16}")));
    CHECK(ical_calendar_id(default_plan()) == id);

    // The derived id behaves exactly as if it had been given.
    render_options given;
    given.calendar_id = id;
    CHECK(to_ical(s) == to_ical(s, given));

    // Another start date, other parameter values or another protocol give another id.
    profile later;
    later.start = day("2027-01-05");
    CHECK(ical_calendar_id(make_schedule(load_builtin(default_protocol_id()), later)) != id);
    CHECK(ical_calendar_id(default_plan(samples::ph_dasatinib)) != id);
    CHECK(ical_calendar_id(default_plan({{"ph_positive", "true"}})) != ical_calendar_id(default_plan(samples::ph_dasatinib)));
    CHECK(ical_calendar_id(samples::hand_built()) != id);
    // A delay is not part of the plan's identity: the UIDs stay and the events move.
    CHECK(ical_calendar_id(delayed_plan(14, "consolidation")) == id);
    CHECK(uids(parse(to_ical(delayed_plan(14, "consolidation")))) == uids(parse(to_ical(s))));
}

TEST_CASE("ical revisions: two patients' default calendars share no UID", "[ical][uid]") {
    profile other;
    other.start = day("2027-02-01");
    const auto a = uids(parse(to_ical(default_plan())));
    const auto b = uids(parse(to_ical(make_schedule(load_builtin(default_protocol_id()), other))));
    std::vector<std::string> common;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
    CHECK(common.empty());
}

TEST_CASE("ical revisions: a given calendar id is checked as before; an empty one is derived", "[ical][uid]") {
    render_options o;
    o.calendar_id = "Jane Doe";
    CHECK_THROWS_AS(ical_calendar_id(default_plan(), o), value_error);
    CHECK_THROWS_AS(to_ical(default_plan(), o), value_error);
    o.calendar_id = "clinic-42";
    CHECK(ical_calendar_id(default_plan(), o) == "clinic-42");
    o.calendar_id.clear();
    CHECK_NOTHROW(to_ical(default_plan(), o));
}
