// iCalendar across revisions of one plan: the calendar id derived from the plan when none is
// given, and the cancelled events that make a re-plan's removed items disappear on import.
#include "format_samples.hpp"
#include "ical_reader.hpp"

#include <ttplan/changes.hpp>
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

std::map<std::string, const component*> by_uid(const calendar& cal) {
    std::map<std::string, const component*> out;
    for (const auto& e : cal.events) out[e.value("UID")] = &e;
    return out;
}

// The default protocol with delayed intensification started `days` late: maintenance runs
// until a limit counted from interim maintenance I, so it starts later but ends on the same
// day and its last cycle is cut shorter, or dropped.
schedule delayed_plan(std::int32_t days, const std::string& phase = "delayed_intensification") {
    const planner pl(load_builtin(default_protocol_id()), {});
    return pl.plan(day("2027-01-04"), {actual_start{phase, std::nullopt, std::nullopt, days}});
}

render_options revision(std::int32_t sequence, const schedule* previous = nullptr) {
    render_options o;
    o.calendar_id = "clinic-42";
    o.timestamp = 1798675200;
    o.sequence = sequence;
    if (previous != nullptr) o.previous.push_back(previous);
    return o;
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
    CHECK(ical_calendar_id(default_plan({{"ph_positive", "true"}})) !=
          ical_calendar_id(default_plan(samples::ph_dasatinib)));
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

TEST_CASE("ical revisions: a given calendar id is checked as before; an empty one is derived",
          "[ical][uid]") {
    render_options o;
    o.calendar_id = "Jane Doe";
    CHECK_THROWS_AS(ical_calendar_id(default_plan(), o), value_error);
    CHECK_THROWS_AS(to_ical(default_plan(), o), value_error);
    o.calendar_id = "clinic-42";
    CHECK(ical_calendar_id(default_plan(), o) == "clinic-42");
    o.calendar_id.clear();
    CHECK_NOTHROW(to_ical(default_plan(), o));
}

TEST_CASE("ical revisions: a delay that drops items cancels them", "[ical][cancelled]") {
    const schedule first = delayed_plan(0);
    const schedule second = delayed_plan(84);
    const calendar old_cal = parse(to_ical(first, revision(0)));
    const calendar new_cal = parse(to_ical(second, revision(1, &first)));
    const calendar plain = parse(to_ical(second, revision(1)));

    // The current events come first and are the calendar without a previous revision.
    REQUIRE(new_cal.events.size() > plain.events.size());
    for (std::size_t i = 0; i < plain.events.size(); ++i) {
        CHECK(new_cal.events[i].value("UID") == plain.events[i].value("UID"));
        CHECK(new_cal.events[i].value("STATUS") != "CANCELLED");
    }

    const auto now = uids(plain);
    const auto old_events = by_uid(old_cal);
    std::set<std::string> removed;
    for (const auto& [uid, e] : old_events) {
        if (!now.contains(uid)) removed.insert(uid);
    }
    REQUIRE(!removed.empty());

    std::set<std::string> cancelled;
    for (std::size_t i = plain.events.size(); i < new_cal.events.size(); ++i) {
        const component& e = new_cal.events[i];
        const std::string uid = e.value("UID");
        INFO(uid);
        CHECK(e.value("STATUS") == "CANCELLED");
        CHECK(e.value("SEQUENCE") == "1");
        // As the client holds it: its old dates and title.
        const component& old = *old_events.at(uid);
        CHECK(e.value("DTSTART") == old.value("DTSTART"));
        CHECK(e.value("SUMMARY") == old.value("SUMMARY"));
        CHECK(unescape(e.value("DESCRIPTION")).starts_with("Cancelled: revision 1 of this plan"));
        cancelled.insert(uid);
    }
    CHECK(cancelled == removed);

    // The change list names the same items.
    std::set<std::string> listed;
    for (const auto& c : changes(first, second, revision(1))) {
        if (c.kind == change_kind::removed) listed.insert(c.uid);
    }
    CHECK(listed == removed);
}

TEST_CASE("ical revisions: nothing is cancelled when nothing was removed", "[ical][cancelled]") {
    const schedule first = delayed_plan(0);
    CHECK(to_ical(first, revision(1, &first)) == to_ical(first, revision(1)));
    // A delay before the limit's anchor moves everything: items keep their UIDs and are
    // updated, not cancelled.
    const schedule moved = delayed_plan(7, "consolidation");
    const calendar cal = parse(to_ical(moved, revision(1, &first)));
    for (const auto& e : cal.events) CHECK(e.value("STATUS") != "CANCELLED");
}

TEST_CASE("ical revisions: a previous plan under another derived id is cancelled whole",
          "[ical][cancelled]") {
    const schedule first = default_plan();
    const schedule second = default_plan(samples::ph_dasatinib);
    render_options o;
    o.timestamp = 1798675200;
    o.sequence = 1;
    o.previous = {&first};
    const calendar cal = parse(to_ical(second, o));
    const auto old_uids = uids(parse(to_ical(first)));
    std::size_t cancelled = 0;
    for (const auto& e : cal.events) {
        if (e.value("STATUS") != "CANCELLED") continue;
        ++cancelled;
        CHECK(old_uids.contains(e.value("UID")));
    }
    CHECK(cancelled == old_uids.size());
}

TEST_CASE("ical revisions: what any earlier revision had is cancelled, once, as the latest had it",
          "[ical][cancelled]") {
    // Revision 1 plans it all, revision 2 drops maintenance's last cycle (delayed
    // intensification 84 days late), revision 3 plans what revision 2 did.
    const schedule first = delayed_plan(0);
    const schedule second = delayed_plan(84);
    const schedule third = delayed_plan(84);
    const auto cancelled_of = [](const calendar& cal) {
        std::map<std::string, std::string> out;  // UID -> DTSTART
        for (const auto& e : cal.events) {
            if (e.value("STATUS") == "CANCELLED") out[e.value("UID")] = e.value("DTSTART");
        }
        return out;
    };
    // Given only the previous revision, revision 3 cancels nothing: revision 2 had no more.
    CHECK(cancelled_of(parse(to_ical(third, revision(2, &second)))).empty());
    // Given every earlier revision, what revision 1 had and revision 3 has not is cancelled,
    // each item once, so a client that imported revision 1 and skipped 2 loses it too.
    render_options all = revision(2);
    all.previous = {&first, &second};
    const calendar cal = parse(to_ical(third, all));
    const auto cancelled = cancelled_of(cal);
    const auto from_first = cancelled_of(parse(to_ical(second, revision(1, &first))));
    REQUIRE_FALSE(from_first.empty());
    CHECK(cancelled == from_first);
    std::vector<std::string> every;
    for (const auto& e : cal.events) every.push_back(e.value("UID"));
    std::sort(every.begin(), every.end());
    CHECK(std::adjacent_find(every.begin(), every.end()) == every.end());

    // An item removed by revision 2 and one removed by revision 3: the latest revision that
    // had it gives its dates.
    const schedule fourth = delayed_plan(120);
    all.previous = {&first, &second, &third};
    const auto later = cancelled_of(parse(to_ical(fourth, all)));
    const auto only_third = cancelled_of(parse(to_ical(fourth, revision(3, &third))));
    for (const auto& [uid, start] : only_third) {
        INFO(uid);
        REQUIRE(later.contains(uid));
        CHECK(later.at(uid) == start);
    }
    for (const auto& [uid, start] : from_first) CHECK(later.contains(uid));
}
