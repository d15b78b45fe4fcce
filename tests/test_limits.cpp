// Bounded work (docs/limits.md): every input over a limit is refused with a located message,
// before the work it would cause is done.
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/record.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

activity daily(std::string name, std::string days) {
    activity a;
    a.name = std::move(name);
    a.days = day_pattern::parse(days);
    return a;
}

phase phase_of(std::string id, std::string len, std::vector<activity> acts) {
    phase ph;
    ph.id = id;
    ph.name = std::move(id);
    ph.duration = length::parse(len);
    ph.activities = std::move(acts);
    return ph;
}

protocol protocol_of(std::vector<phase> phases) {
    protocol p;
    p.id = "limits";
    p.title = "Limits";
    p.phases = std::move(phases);
    return p;
}

repeat_rule cycles(std::int32_t n) {
    repeat_rule r;
    r.count = n;
    return r;
}

std::string planning_message(const protocol& p, std::string* pointer) {
    try {
        planner(p, {}).plan(d("2027-01-04"));
    } catch (const planning_error& e) {
        *pointer = e.where().pointer;
        return e.message();
    }
    return "planned";
}

const std::string record_protocol = R"({
  "format": "ttplan-protocol/2", "id": "rec", "title": "Rec", "version": "1",
  "phases": [{"id": "induction", "name": "Induction", "length": "28d",
              "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]}]
})";

constexpr std::int64_t jan_4_9am = 1799053200;  // 2027-01-04T09:00:00Z

treatment_record small_record() {
    return create_record(parse_protocol(record_protocol, "rec.json"), "rec.json", d("2027-01-04"), {}, jan_4_9am,
                         "00112233445566778899aabbccddeeff");
}

}  // namespace

TEST_CASE("limits: a protocol of more phases than planned is one problem, found at once", "[limits]") {
    std::vector<phase> phases;
    for (std::size_t i = 0; i <= max_protocol_phases; ++i)
        phases.push_back(phase_of("p" + std::to_string(i), "1d", {daily("Drug", "1")}));
    const auto problems = check(protocol_of(std::move(phases)));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases");
    CHECK(problems[0].message == "the protocol has 100001 phases; at most 100000 are planned (docs/limits.md)");
}

TEST_CASE("limits: a phase of more activities than planned is one problem at its activities", "[limits]") {
    std::vector<activity> acts;
    for (std::size_t k = 0; k <= max_phase_activities; ++k) acts.push_back(daily("Drug", "1"));
    acts.front().name.clear();  // a problem of its own, which the bound keeps from being looked at
    std::vector<activity> fine(max_phase_activities, daily("Drug", "1"));
    const auto problems =
        check(protocol_of({phase_of("many", "1d", std::move(acts)), phase_of("fine", "1d", std::move(fine))}));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases/0/activities");
    CHECK(problems[0].message == "the phase has 10001 activities; at most 10000 are planned (docs/limits.md)");
}

TEST_CASE("limits: a plan stops at the activity whose events pass the bound", "[limits]") {
    // A thousand cycles of 1,000 daily doses are exactly the bound; one day more passes it.
    phase at_bound = phase_of("daily", "1000d", {daily("Drug", "1-1000")});
    at_bound.repeat = cycles(1000);
    phase past = at_bound;
    past.duration = length::parse("1001d");
    past.activities = {daily("Drug", "1-1001")};
    std::string pointer;
    CHECK(planner(protocol_of({at_bound}), {}).plan(d("2027-01-04")).events().size() == max_plan_items);
    CHECK(planning_message(protocol_of({past}), &pointer) ==
          "activity \"Drug\" of phase \"daily\": the plan would have more than 1000000 events, the most one plan "
          "may have (docs/limits.md)");
    CHECK(pointer == "/phases/0/activities/0");
}

TEST_CASE("limits: a plan stops at the phase whose occurrences pass the bound", "[limits]") {
    // 1,001 phases side by side, each of a thousand one-day cycles: the last passes the bound
    // before any activity is placed.
    std::vector<phase> phases;
    for (int i = 0; i <= 1000; ++i) {
        phase ph = phase_of("p" + std::to_string(i), "1d", {daily("Drug", "1")});
        ph.repeat = cycles(1000);
        phases.push_back(std::move(ph));
    }
    std::string pointer;
    CHECK(planning_message(protocol_of(std::move(phases)), &pointer) ==
          "phase \"p1000\": the plan would have more than 1000000 phase occurrences, the most one plan may have "
          "(docs/limits.md)");
    CHECK(pointer == "/phases/1000");
}

TEST_CASE("limits: validation stops planning combinations past its bound, and says so", "[limits]") {
    protocol p = protocol_of({phase_of("a", "7d", {daily("Drug", "1")}), phase_of("b", "7d", {daily("Drug", "1")})});
    parameter flag;
    flag.name = "flag";
    flag.type = parameter_type::boolean;
    flag.default_value = "false";
    p.parameters.push_back(flag);
    p.phases[1].when.all_of["flag"] = {"true"};
    CHECK(check_plans(p).empty());
    // Each combination counts the protocol's 2 phases and 2 activities, then its plan's items: the first,
    // flag=true, plans both phases with one event each, 8 in all, past the bound of 3.
    const auto problems = check_plans(p, 3);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/parameters");
    CHECK(problems[0].message ==
          "validation stopped after 1 of 2 combinations of parameter values: their plans hold 8 phases, "
          "activities, events and spans in all, more than the 3 one validation plans (docs/limits.md); the others "
          "were not planned");
}

TEST_CASE("limits: a record holds a bounded number of revisions and facts", "[limits][record]") {
    const treatment_record r = small_record();
    std::vector<record_fact> many(max_record_facts + 1,
                                  record_fact{event_held{parse_event_key("induction:8:Vincristine")}});
    try {
        add_revision(r, many, jan_4_9am + 60);
        FAIL("added 10,001 facts to a record that has none");
    } catch (const value_error& e) {
        CHECK(e.where().pointer == "/history/1/facts");
        CHECK(e.message() == "the record would hold 10001 facts; a record holds at most 10000 (docs/limits.md)");
    }
    many.pop_back();  // exactly the bound
    CHECK(add_revision(r, many, jan_4_9am + 60).history.back().facts.size() == max_record_facts);

    treatment_record full = r;
    while (full.history.size() < max_record_revisions) {
        full.history.push_back(revision{full.last_revision() + 1, jan_4_9am + 60,
                                        {record_fact{actual_start{"induction", std::nullopt, std::nullopt, 0}}}});
    }
    try {
        add_revision(full, {actual_start{"induction", std::nullopt, std::nullopt, 1}}, jan_4_9am + 120);
        FAIL("added a revision past the bound");
    } catch (const value_error& e) {
        CHECK(e.where().pointer == "/history/10000");
        CHECK(e.message() == "the record has 10000 revisions already, the most a record holds (docs/limits.md)");
    }
}

TEST_CASE("limits: reading a record over its bounds is an error at its history", "[limits][record]") {
    auto doc = nlohmann::json::parse(to_json(small_record()));
    auto revisions = doc;
    const auto first = revisions["history"][0];
    for (std::size_t i = 1; i <= max_record_revisions; ++i) {
        auto rev = first;
        rev["revision"] = i + 1;
        rev["facts"] = nlohmann::json::array({{{"kind", "actual_start"}, {"phase", "induction"}, {"delay_days", 0}}});
        revisions["history"].push_back(std::move(rev));
    }
    try {
        parse_record(revisions.dump(), "big.json");
        FAIL("read a record of 10,001 revisions");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.pointer == "/history");
        CHECK(e.problems()[0].message ==
              "the record has 10001 revisions; a record holds at most 10000 (docs/limits.md)");
    }

    auto facts = doc;
    auto rev = first;
    rev["revision"] = 2;
    rev["facts"] = nlohmann::json::array();
    for (std::size_t k = 0; k <= max_record_facts; ++k)
        rev["facts"].push_back({{"kind", "event_held"}, {"event", "induction:8:Vincristine"}});
    facts["history"].push_back(std::move(rev));
    try {
        parse_record(facts.dump(), "big.json");
        FAIL("read a record of 10,001 facts");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.pointer == "/history/1/facts");
        CHECK(e.problems()[0].message == "the record has more than 10000 facts up to this revision; a record "
                                         "holds at most 10000 in all (docs/limits.md)");
    }
}
