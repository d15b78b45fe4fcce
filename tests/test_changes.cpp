// The change list between two schedules: items matched by the UIDs the iCalendar writer gives
// them, moved/added/removed, in a stable order, as text and JSON.
#include "format_samples.hpp"
#include "ical_reader.hpp"

#include <ttplan/changes.hpp>
#include <ttplan/error.hpp>
#include <ttplan/ical.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

using namespace ttplan;
using samples::day;
using samples::default_plan;
using samples::hand_built;

namespace {

render_options with_id(const char* id = "clinic-42") {
    render_options o;
    o.calendar_id = id;
    return o;
}

schedule delayed(const std::string& phase, std::int32_t days) {
    const planner pl(load_builtin(default_protocol_id()), {});
    return pl.plan(day("2027-01-04"), {actual_start{phase, std::nullopt, std::nullopt, days}});
}

// UID -> DTSTART of every event of a calendar.
std::map<std::string, std::string> starts(const schedule& s, const render_options& o) {
    std::map<std::string, std::string> out;
    for (const auto& e : ical_reader::parse(to_ical(s, o)).events) out[e.value("UID")] = e.value("DTSTART");
    return out;
}

// hand_built() with one event moved a week later and one left out.
schedule hand_built_replanned() {
    const schedule s = hand_built();
    std::vector<event> events = s.events();
    events[2].date = day("2027-01-18");  // Vincristine, induction Day 8
    events.pop_back();                   // the maintenance admission
    return schedule(s.segments(), s.phases(), events, s.spans(), s.decisions());
}

}  // namespace

TEST_CASE("changes: a schedule has none against itself", "[changes]") {
    CHECK(changes(default_plan(), default_plan()).empty());
    CHECK(changes_to_text({}) == "No changes.\n");
    CHECK(changes_to_json({}) == "{\n  \"format\": \"ttplan-changes/1\",\n  \"changes\": []\n}\n");
}

TEST_CASE("changes: agree with the UIDs and dates of the two calendars", "[changes][uid]") {
    for (const auto& [phase, days] :
         {std::pair{"consolidation", 7}, std::pair{"delayed_intensification", 84}}) {
        INFO(phase << " +" << days);
        const schedule before = delayed(phase, 0);
        const schedule after = delayed(phase, days);
        const auto old_starts = starts(before, with_id());
        const auto new_starts = starts(after, with_id());

        std::map<std::string, change_kind> expected;
        for (const auto& [uid, start] : old_starts) {
            const auto found = new_starts.find(uid);
            if (found == new_starts.end()) {
                expected[uid] = change_kind::removed;
            } else if (found->second != start) {
                expected[uid] = change_kind::moved;
            }
        }
        for (const auto& [uid, start] : new_starts) {
            if (!old_starts.contains(uid)) expected[uid] = change_kind::added;
        }
        const auto list = changes(before, after, with_id());
        std::map<std::string, change_kind> got;
        for (const auto& c : list) {
            got[c.uid] = c.kind;
            CHECK(c.before.has_value() == (c.kind != change_kind::added));
            CHECK(c.after.has_value() == (c.kind != change_kind::removed));
        }
        CHECK(got.size() == list.size());
        CHECK(got == expected);
        CHECK(!list.empty());
    }
}

TEST_CASE("changes: a consolidation delay moves items and removes none", "[changes]") {
    const auto list = changes(delayed("consolidation", 0), delayed("consolidation", 7), with_id());
    REQUIRE(!list.empty());
    for (const auto& c : list) {
        REQUIRE(c.kind == change_kind::moved);
        CHECK(c.after->first == c.before->first + date::days{7});
        CHECK(c.after->kind == c.before->kind);
        CHECK(c.after->phase == c.before->phase);
    }
}

TEST_CASE("changes: without a calendar id, a new start date replaces every item", "[changes][uid]") {
    profile later;
    later.start = day("2027-01-11");
    const schedule before = default_plan();
    const schedule after = make_schedule(load_builtin(default_protocol_id()), later);
    std::size_t removed = 0, added = 0;
    for (const auto& c : changes(before, after)) {
        removed += c.kind == change_kind::removed;
        added += c.kind == change_kind::added;
        CHECK(c.kind != change_kind::moved);
    }
    CHECK(removed == starts(before, {}).size());
    CHECK(added == starts(after, {}).size());
    // A calendar id kept across the re-plan matches them instead.
    for (const auto& c : changes(before, after, with_id())) CHECK(c.kind == change_kind::moved);
}

TEST_CASE("changes: ordered by the earlier date, then UID", "[changes]") {
    const auto list =
        changes(delayed("delayed_intensification", 0), delayed("delayed_intensification", 84), with_id());
    const auto earliest = [](const change& c) {
        return c.before && c.after ? std::min(c.before->first, c.after->first)
                                   : (c.before ? c.before->first : c.after->first);
    };
    for (std::size_t i = 1; i < list.size(); ++i) {
        INFO(i);
        CHECK(std::pair{earliest(list[i - 1]), list[i - 1].uid} < std::pair{earliest(list[i]), list[i].uid});
    }
}

TEST_CASE("changes: what each side says about the item", "[changes]") {
    const auto list = changes(hand_built(), hand_built_replanned(), with_id());
    REQUIRE(list.size() == 2);
    const change& moved = list[0];
    CHECK(moved.kind == change_kind::moved);
    CHECK(moved.before->kind == calendar_item_kind::treatment_day);
    CHECK(moved.before->protocol == "demo");
    CHECK(moved.before->phase == "induction");
    CHECK(moved.before->phase_name == "Induction");
    CHECK(moved.before->day == 8);
    CHECK(moved.before->activities == std::vector<std::string>{"Vincristine"});
    CHECK(moved.before->first == day("2027-01-11"));
    CHECK(moved.after->first == day("2027-01-18"));
    CHECK(moved.after->last == day("2027-01-18"));

    const change& removed = list[1];
    CHECK(removed.kind == change_kind::removed);
    CHECK(!removed.after);
    CHECK(removed.before->cycle == 1);
    CHECK(removed.before->day == -7);
    CHECK(removed.before->activities == std::vector<std::string>{"Admission"});
}

TEST_CASE("changes: text, one line per change", "[changes][text]") {
    const auto list = changes(hand_built(), hand_built_replanned(), with_id());
    CHECK(changes_to_text(list) ==
          "moved    Vincristine, Induction Day 8: Mon 11 Jan 2027 -> Mon 18 Jan 2027\n"
          "removed  Admission, Maintenance cycle 1 Day -7: Mon 8 Feb 2027\n");
    // Names stay on one line.
    const auto hostile = changes(hand_built("Evil\nname\x1b[31m", "Phase\r\ntwo"), schedule(), with_id());
    for (const auto& c : hostile) CHECK(c.kind == change_kind::removed);
    const std::string text = changes_to_text(hostile);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<std::ptrdiff_t>(hostile.size()));
}

TEST_CASE("changes: JSON names every side and is byte-stable", "[changes][json]") {
    const auto list = changes(hand_built(), hand_built_replanned(), with_id());
    const std::string text = changes_to_json(list);
    CHECK(text == changes_to_json(changes(hand_built(), hand_built_replanned(), with_id())));
    const auto doc = nlohmann::json::parse(text);
    CHECK(doc["format"] == "ttplan-changes/1");
    REQUIRE(doc["changes"].size() == 2);
    const auto& moved = doc["changes"][0];
    CHECK(moved["kind"] == "moved");
    CHECK(moved["uid"] == list[0].uid);
    CHECK(moved["before"]["item"] == "treatment-day");
    CHECK(moved["before"]["first"] == "2027-01-11");
    CHECK(moved["after"]["first"] == "2027-01-18");
    CHECK(moved["before"]["cycle"].is_null());
    CHECK(moved["before"]["time"].is_null());
    CHECK(moved["before"]["activities"] == nlohmann::json::array({"Vincristine"}));
    CHECK(doc["changes"][1]["after"].is_null());
    CHECK(doc["changes"][1]["before"]["cycle"] == 1);
}

TEST_CASE("changes: a given calendar id is checked", "[changes][uid]") {
    CHECK_THROWS_AS(changes(hand_built(), hand_built(), with_id("Jane Doe")), value_error);
}

TEST_CASE("changes: a dose held on a day that keeps others changes that day", "[changes][facts]") {
    const planner pl(load_builtin(default_protocol_id()), {});
    const schedule before = pl.plan(day("2027-01-04"));
    // The first treatment day with two events or more.
    const auto& events = before.events();
    const auto busy = std::adjacent_find(events.begin(), events.end(), [](const event& a, const event& b) {
        return a.date == b.date && a.phase == b.phase && a.day == b.day && a.cycle == b.cycle &&
               a.timing.times.empty() && b.timing.times.empty();
    });
    REQUIRE(busy != events.end());
    treatment_facts held;
    held.held.push_back({event_key{busy->phase, busy->cycle, busy->day, busy->activity}});
    const schedule after = pl.plan(day("2027-01-04"), held);

    const auto list = changes(before, after, with_id());
    REQUIRE(list.size() == 1);
    CHECK(list[0].kind == change_kind::changed);
    CHECK(list[0].before->first == busy->date);
    CHECK(list[0].after->first == busy->date);
    CHECK(std::count(list[0].before->activities.begin(), list[0].before->activities.end(), busy->activity) == 1);
    CHECK(std::count(list[0].after->activities.begin(), list[0].after->activities.end(), busy->activity) == 0);
    CHECK(changes_to_text(list).rfind("changed  ", 0) == 0);
    const auto doc = nlohmann::json::parse(changes_to_json(list));
    CHECK(doc["changes"][0]["kind"] == "changed");
}

TEST_CASE("changes: a dose given on another day leaves its day and comes on the new one", "[changes][facts]") {
    const planner pl(load_builtin(default_protocol_id()), {});
    const schedule before = pl.plan(day("2027-01-04"));
    const event& first = before.events().front();
    treatment_facts moved;
    moved.moved.push_back({event_key{first.phase, first.cycle, first.day, first.activity},
                           first.date + date::days{1}});
    const auto list = changes(before, pl.plan(day("2027-01-04"), moved), with_id());
    // Its day keeps the other events or goes; the dose is a new item on the next day.
    REQUIRE_FALSE(list.empty());
    const auto added = std::find_if(list.begin(), list.end(), [](const change& c) { return c.kind == change_kind::added; });
    REQUIRE(added != list.end());
    CHECK(added->after->first == first.date + date::days{1});
    CHECK(std::count(added->after->activities.begin(), added->after->activities.end(), first.activity) == 1);
    CHECK(std::all_of(list.begin(), list.end(), [&](const change& c) {
        return c.kind == change_kind::added || (c.before && c.before->first == first.date);
    }));
}
