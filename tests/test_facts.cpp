// Facts of the treatment record as the planner takes them: held, moved and added events,
// pauses, early stops, resolved gates and track changes. 2027-01-04 is a Monday.
#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

// Induction 2027-01-04..01-31, then (gated) maintenance in three 28-day cycles from
// 2027-02-01: 02-01..02-28, 03-01..03-28, 03-29..04-25. Imatinib from induction Day 15
// (01-18) to the end of maintenance.
const std::string protocol_text = R"({
  "format": "ttplan-protocol/2",
  "id": "facts",
  "title": "Facts",
  "phases": [
    {"id": "induction", "name": "Induction", "length": "28d",
     "activities": [
       {"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"},
       {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-28", "continuous": true},
       {"name": "Methotrexate", "category": "chemotherapy", "days": "8", "times": ["10:00"]},
       {"name": "Leucovorin", "category": "chemotherapy", "after": {"activity": "Methotrexate", "hours": 42}}]},
    {"id": "maintenance", "name": "Maintenance", "length": "28d", "repeat": {"count": 3},
     "activities": [
       {"name": "Vincristine", "category": "chemotherapy", "days": "1"},
       {"name": "Mercaptopurine", "category": "chemotherapy", "days": "1-28", "continuous": true}]}
  ],
  "dependencies": [{"from": "induction", "to": "maintenance", "gate": "when counts recover"}],
  "tracks": [{"activity": "Imatinib", "category": "targeted",
              "from": {"phase": "induction", "day": 15}, "to": {"phase": "maintenance", "at": "end"}}]
}
)";

const planner& the_planner() {
    static const planner pl(parse_protocol(protocol_text, "facts.json"), {});
    return pl;
}

schedule plan_with(const treatment_facts& facts, const clinic_calendar& calendar = {}) {
    return the_planner().plan(d("2027-01-04"), facts, calendar);
}

std::vector<const event*> events_of(const schedule& s, const std::string& activity) {
    std::vector<const event*> out;
    for (const auto& e : s.events()) {
        if (e.activity == activity) out.push_back(&e);
    }
    return out;
}
std::vector<const event*> events_of(schedule&&, const std::string&) = delete;

std::vector<const phase_occurrence*> occurrences(const schedule& s, const std::string& phase) {
    std::vector<const phase_occurrence*> out;
    for (const auto& p : s.phases()) {
        if (p.phase == phase) out.push_back(&p);
    }
    return out;
}
std::vector<const phase_occurrence*> occurrences(schedule&&, const std::string&) = delete;

std::vector<const span*> spans_of(const schedule& s, const std::string& activity) {
    std::vector<const span*> out;
    for (const auto& t : s.spans()) {
        if (t.activity == activity) out.push_back(&t);
    }
    return out;
}
std::vector<const span*> spans_of(schedule&&, const std::string&) = delete;

std::vector<day_point> dates_of(const std::vector<const event*>& events) {
    std::vector<day_point> out;
    for (const event* e : events) out.push_back(e->date);
    return out;
}

std::vector<day_point> dates(std::initializer_list<const char*> texts) {
    std::vector<day_point> out;
    for (const char* t : texts) out.push_back(d(t));
    return out;
}

// The line of `text` that holds `needle`, or "" when none does.
std::string line_with(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    if (at == std::string::npos) return {};
    const auto from = text.rfind('\n', at);
    const auto to = text.find('\n', at);
    return text.substr(from == std::string::npos ? 0 : from + 1,
                       to == std::string::npos ? std::string::npos : to - (from == std::string::npos ? 0 : from + 1));
}

std::string planning_message(const treatment_facts& facts) {
    try {
        plan_with(facts);
    } catch (const planning_error& e) {
        return e.message();
    }
    FAIL("no planning_error");
    return {};
}

}  // namespace

TEST_CASE("facts: none give the plan itself", "[facts]") {
    const schedule plain = the_planner().plan(d("2027-01-04"));
    CHECK(plan_with({}) == plain);
    CHECK(dates_of(events_of(plain, "Leucovorin")) == dates({"2027-01-13"}));
    CHECK(occurrences(plain, "maintenance").front()->tentative);
}

TEST_CASE("facts: an event key reads and writes as phase[#cycle]:day:activity", "[facts][keys]") {
    const event_key plain = parse_event_key("induction:22:Vincristine");
    CHECK(plain == event_key{"induction", std::nullopt, 22, "Vincristine"});
    CHECK(to_string(plain) == "induction:22:Vincristine");
    const event_key cycled = parse_event_key("maintenance#3:1:IT methotrexate: intrathecal");
    CHECK(cycled == event_key{"maintenance", 3, 1, "IT methotrexate: intrathecal"});
    CHECK(parse_event_key(to_string(cycled)) == cycled);
    CHECK(parse_event_key("allo:-6:TBI").day == -6);

    const auto message = [](const char* text) {
        try {
            parse_event_key(text);
        } catch (const value_error& e) {
            return e.message();
        }
        return std::string("accepted");
    };
    CHECK(message("induction:22") ==
          "\"induction:22\" is not an event of the form phase[#cycle]:day:activity: it needs two colons");
    CHECK_THAT(message("induction:x:Vincristine"), Catch::Contains("the day must be a whole number"));
    CHECK_THAT(message("induction#0:1:Vincristine"), Catch::Contains("the cycle after # must be a number"));
    CHECK_THAT(message(":1:Vincristine"), Catch::Contains("the phase is missing"));
    CHECK_THAT(message("induction:1:"), Catch::Contains("the activity is missing"));
}

TEST_CASE("facts: a held event is left out, with what follows it", "[facts][held]") {
    treatment_facts f;
    f.held.push_back({parse_event_key("induction:22:Vincristine")});
    const schedule s = plan_with(f);
    CHECK(dates_of(events_of(s, "Vincristine")) ==
          dates({"2027-01-04", "2027-01-11", "2027-01-18", "2027-02-01", "2027-03-01", "2027-03-29"}));
    // Nothing else moves.
    CHECK(s.phases() == the_planner().plan(d("2027-01-04")).phases());

    // Leucovorin rescue follows methotrexate: holding the one leaves out the other.
    treatment_facts mtx;
    mtx.held.push_back({parse_event_key("induction:8:Methotrexate")});
    const schedule without = plan_with(mtx);
    CHECK(events_of(without, "Methotrexate").empty());
    CHECK(events_of(without, "Leucovorin").empty());

    // In a repeated phase the cycle tells the doses apart; no cycle means cycle 1.
    treatment_facts second;
    second.held.push_back({parse_event_key("maintenance#2:1:Vincristine")});
    const schedule no_second = plan_with(second);
    CHECK(events_of(no_second, "Vincristine").size() == 6);
    CHECK(std::none_of(no_second.events().begin(), no_second.events().end(), [](const event& e) {
        return e.phase == "maintenance" && e.cycle == 2;
    }));
}

TEST_CASE("facts: a moved event keeps its planned date, and the clinic calendar leaves it", "[facts][moved]") {
    treatment_facts f;
    f.moved.push_back({parse_event_key("induction:8:Methotrexate"), d("2027-01-12")});
    clinic_calendar closed;
    closed.holidays.insert(d("2027-01-12"));
    closed.default_rule = shift_rule::next_open;
    const schedule s = plan_with(f, closed);
    const auto mtx = events_of(s, "Methotrexate");
    REQUIRE(mtx.size() == 1);
    CHECK(mtx[0]->date == d("2027-01-12"));
    CHECK(mtx[0]->planned_date == d("2027-01-11"));
    CHECK(mtx[0]->recorded);
    CHECK(mtx[0]->day == 8);
    // The rescue 42 hours after it follows it.
    CHECK(dates_of(events_of(s, "Leucovorin")) == dates({"2027-01-14"}));
    // Everything else stays, the closed day moves only what the record does not fix.
    CHECK(s.phases() == plan_with({}, closed).phases());

    const nlohmann::json doc = nlohmann::json::parse(to_json(s));
    const auto moved = std::find_if(doc["events"].begin(), doc["events"].end(),
                                    [](const nlohmann::json& e) { return e["activity"] == "Methotrexate"; });
    CHECK((*moved)["recorded"] == true);
    CHECK((*moved)["planned_date"] == "2027-01-11");
    CHECK_THAT(line_with(to_text(s), "Methotrexate"),
               Catch::StartsWith("    Tue 12 Jan 2027") && Catch::Contains("[moved from Mon 11 Jan 2027]"));
}

TEST_CASE("facts: an added event is dated within its occurrence", "[facts][added]") {
    treatment_facts f;
    f.added.push_back({"maintenance", 2, d("2027-03-10"), "Lumbar puncture", category::intrathecal, "extra"});
    const schedule s = plan_with(f);
    const auto lp = events_of(s, "Lumbar puncture");
    REQUIRE(lp.size() == 1);
    CHECK(lp[0]->phase == "maintenance");
    CHECK(lp[0]->cycle == 2);
    CHECK(lp[0]->day == 10);
    CHECK(lp[0]->recorded);
    CHECK_FALSE(lp[0]->planned_date);
    CHECK(lp[0]->category == category::intrathecal);
    CHECK_THAT(line_with(to_text(s), "Lumbar puncture"),
               Catch::StartsWith("    Wed 10 Mar 2027") && Catch::Contains("[added]"));

    treatment_facts outside;
    outside.added.push_back({"maintenance", 2, d("2027-03-29"), "Lumbar puncture", category::intrathecal, ""});
    CHECK(planning_message(outside) ==
          "event \"Lumbar puncture\" added to phase \"maintenance\" cycle 2 on 2027-03-29: the date is not within "
          "it (2027-03-01 to 2027-03-28)");
    treatment_facts no_cycle;
    no_cycle.added.push_back({"maintenance", 4, d("2027-03-29"), "Lumbar puncture", category::intrathecal, ""});
    CHECK_THAT(planning_message(no_cycle), Catch::EndsWith("the plan has no such cycle of it"));
}

TEST_CASE("facts: a pause moves the rest of its occurrence and what follows", "[facts][paused]") {
    treatment_facts f;
    f.paused.push_back({"induction", std::nullopt, d("2027-01-14"), 7});
    const schedule s = plan_with(f);
    const auto induction = occurrences(s, "induction");
    REQUIRE(induction.size() == 1);
    CHECK(induction[0]->first == d("2027-01-04"));
    CHECK(induction[0]->last == d("2027-02-07"));
    REQUIRE(induction[0]->paused.size() == 1);
    CHECK(induction[0]->paused[0] == date_window{d("2027-01-14"), d("2027-01-20")});
    // Day numbers skip the pause: Day 15 is 01-25, not 01-18.
    CHECK(dates_of(events_of(s, "Vincristine"))[2] == d("2027-01-25"));
    CHECK(dates_of(events_of(s, "Vincristine"))[3] == d("2027-02-01"));
    // Continuous therapy is split around it.
    const auto dex = spans_of(s, "Dexamethasone");
    REQUIRE(dex.size() == 2);
    CHECK((dex[0]->first == d("2027-01-04") && dex[0]->last == d("2027-01-13")));
    CHECK((dex[0]->first_day == 1 && dex[0]->last_day == 10));
    CHECK((dex[1]->first == d("2027-01-21") && dex[1]->last == d("2027-02-07")));
    CHECK((dex[1]->first_day == 11 && dex[1]->last_day == 28));
    // A track anchored on Day 15 and the phase after it move with the pause.
    CHECK(spans_of(s, "Imatinib").front()->first == d("2027-01-25"));
    CHECK(occurrences(s, "maintenance").front()->first == d("2027-02-08"));

    const nlohmann::json doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["phases"][0]["paused"] == nlohmann::json::parse(R"([{"earliest": "2027-01-14", "latest": "2027-01-20"}])"));
    CHECK(doc["phases"][0]["days"] == 35);

    // docs/semantics.md's worked example goes on: counts recover on 02-10.
    treatment_facts recovered = f;
    recovered.gates.push_back({"maintenance", d("2027-02-10")});
    const schedule later = plan_with(recovered);
    CHECK(occurrences(later, "maintenance").front()->first == d("2027-02-10"));
    CHECK_FALSE(occurrences(later, "maintenance").front()->tentative);

    // A second pause after the first, and one inside it, which is refused.
    f.paused.push_back({"induction", std::nullopt, d("2027-02-01"), 2});
    const schedule twice = plan_with(f);
    CHECK(occurrences(twice, "induction").front()->last == d("2027-02-09"));
    CHECK(dates_of(events_of(twice, "Vincristine"))[3] == d("2027-02-03"));
    f.paused.push_back({"induction", std::nullopt, d("2027-02-02"), 1});
    CHECK_THAT(planning_message(f), Catch::Contains("or falls in an earlier pause"));

    treatment_facts outside;
    outside.paused.push_back({"maintenance", 2, d("2027-02-20"), 3});
    CHECK(planning_message(outside) ==
          "pause of phase \"maintenance\" cycle 2 from 2027-02-20 for 3 days: the date is not within phase "
          "\"maintenance\" cycle 2 (2027-03-01 to 2027-03-28)");
    treatment_facts no_cycle;
    no_cycle.paused.push_back({"maintenance", 4, d("2027-04-20"), 3});
    CHECK(planning_message(no_cycle) ==
          "pause of phase \"maintenance\" cycle 4 from 2027-04-20 for 3 days: the plan has no such cycle of the phase");
    treatment_facts too_long;
    too_long.paused.push_back({"induction", std::nullopt, d("2027-01-14"), 0});
    CHECK_THAT(planning_message(too_long), Catch::EndsWith("a pause lasts 1 to 366 days"));
}

TEST_CASE("facts: a stopped cycle ends early and the next follows; a stopped phase ends", "[facts][stopped]") {
    treatment_facts cycle;
    cycle.stopped.push_back({"maintenance", 2, d("2027-03-10")});
    const schedule s = plan_with(cycle);
    const auto m = occurrences(s, "maintenance");
    REQUIRE(m.size() == 3);
    CHECK((m[1]->first == d("2027-03-01") && m[1]->last == d("2027-03-10")));
    CHECK(m[1]->ending == ending_reason::stopped);
    CHECK((m[2]->first == d("2027-03-11") && m[2]->last == d("2027-04-07")));
    CHECK(m[2]->ending == ending_reason::none);
    const auto mp = spans_of(s, "Mercaptopurine");
    REQUIRE(mp.size() == 3);
    CHECK(mp[1]->last == d("2027-03-10"));
    CHECK(mp[1]->last_day == 10);

    treatment_facts phase;
    phase.stopped.push_back({"maintenance", std::nullopt, d("2027-03-10")});
    const schedule ended = plan_with(phase);
    REQUIRE(occurrences(ended, "maintenance").size() == 2);
    CHECK(ended.end() == d("2027-03-10"));
    // The track to the end of maintenance ends with it.
    CHECK(spans_of(ended, "Imatinib").front()->last == d("2027-03-10"));

    const nlohmann::json doc = nlohmann::json::parse(to_json(ended));
    CHECK(doc["phases"].back()["ending"] == "stopped");
    CHECK(to_text(ended).find("stopped early") != std::string::npos);

    treatment_facts nowhere;
    nowhere.stopped.push_back({"maintenance", 3, d("2027-03-10")});
    CHECK(planning_message(nowhere) ==
          "stop of phase \"maintenance\" cycle 3 on 2027-03-10: no occurrence of the phase cycle holds that date");
}

TEST_CASE("facts: a resolved gate starts the phase on the later date, no longer tentative", "[facts][gates]") {
    treatment_facts later;
    later.gates.push_back({"maintenance", d("2027-02-05")});
    const schedule s = plan_with(later);
    const auto m = occurrences(s, "maintenance");
    CHECK(m.front()->first == d("2027-02-05"));
    CHECK_FALSE(m.front()->tentative);
    CHECK_FALSE(spans_of(s, "Imatinib").front()->tentative);

    // Counts that recovered early do not bring the phase before the day the dependency gives.
    treatment_facts early;
    early.gates.push_back({"maintenance", d("2027-01-25")});
    const schedule not_before = plan_with(early);
    CHECK(occurrences(not_before, "maintenance").front()->first == d("2027-02-01"));

    treatment_facts ungated;
    ungated.gates.push_back({"induction", d("2027-01-25")});
    CHECK(planning_message(ungated) ==
          "gate into phase \"induction\" resolved on 2027-01-25: no gated dependency leads into it in this plan");
}

TEST_CASE("facts: a track starts or stops on the date given", "[facts][tracks]") {
    treatment_facts f;
    f.tracks.push_back({"Imatinib", track_changed::change::started, d("2027-01-20")});
    f.tracks.push_back({"Imatinib", track_changed::change::stopped, d("2027-03-01")});
    const schedule s = plan_with(f);
    const auto tki = spans_of(s, "Imatinib");
    REQUIRE(tki.size() == 1);
    CHECK((tki[0]->first == d("2027-01-20") && tki[0]->last == d("2027-03-01")));
    CHECK(tki[0]->ending == ending_reason::stopped);
    CHECK_FALSE(tki[0]->tentative);

    treatment_facts crossed;
    crossed.tracks.push_back({"Imatinib", track_changed::change::stopped, d("2027-01-10")});
    CHECK(planning_message(crossed) ==
          "track \"Imatinib\" stopped on 2027-01-10: the track would end on 2027-01-10, before it starts on "
          "2027-01-18");
    treatment_facts unknown;
    unknown.tracks.push_back({"Dasatinib", track_changed::change::stopped, d("2027-01-10")});
    CHECK_THAT(planning_message(unknown), Catch::EndsWith("the plan has no such track"));
}

TEST_CASE("facts: a fact that names nothing in the plan is refused by name", "[facts][errors]") {
    treatment_facts held;
    held.held.push_back({parse_event_key("induction:23:Vincristine")});
    CHECK(planning_message(held) == "event induction:23:Vincristine held: the plan has no such event");

    treatment_facts moved;
    moved.moved.push_back({parse_event_key("induction:8:Vincristin"), d("2027-01-12")});
    CHECK(planning_message(moved) == "event induction:8:Vincristin given on 2027-01-12: the plan has no such event");

    treatment_facts phase;
    phase.paused.push_back({"consolidation", std::nullopt, d("2027-01-12"), 2});
    CHECK(planning_message(phase) ==
          "pause of phase \"consolidation\" from 2027-01-12 for 2 days: unknown phase \"consolidation\"");

    treatment_facts twice;
    twice.held.push_back({parse_event_key("induction:8:Vincristine")});
    twice.moved.push_back({parse_event_key("induction:8:Vincristine"), d("2027-01-12")});
    CHECK_THAT(planning_message(twice), Catch::EndsWith("the event has another fact already"));
}

TEST_CASE("facts: the profile carries them to make_schedule", "[facts]") {
    profile pr;
    pr.start = d("2027-01-04");
    pr.facts.held.push_back({parse_event_key("induction:22:Vincristine")});
    const schedule s = make_schedule(parse_protocol(protocol_text), pr);
    CHECK(events_of(s, "Vincristine").size() == 6);
}
