// Facts as one line of text: every form, the characters names may hold, and each refusal.
#include <ttplan/error.hpp>
#include <ttplan/fact_text.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

std::string refusal(std::string_view form, std::string_view text) {
    try {
        parse_fact(form, text);
    } catch (const value_error& e) {
        return e.message();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("fact text: every form reads the fact it names", "[fact_text]") {
    CHECK(parse_fact(fact_form::actual, "consolidation=2027-02-15") ==
          record_fact{actual_start{"consolidation", std::nullopt, d("2027-02-15"), 0}});
    CHECK(parse_fact(fact_form::actual, "maintenance#3=2027-06-01") ==
          record_fact{actual_start{"maintenance", 3, d("2027-06-01"), 0}});
    CHECK(parse_fact(fact_form::delay, "maintenance#3=7") ==
          record_fact{actual_start{"maintenance", 3, std::nullopt, 7}});
    CHECK(parse_fact(fact_form::delay, "induction=-2") ==
          record_fact{actual_start{"induction", std::nullopt, std::nullopt, -2}});
    CHECK(parse_fact(fact_form::given, "induction:22:Vincristine=2027-01-26") ==
          record_fact{event_moved{{"induction", std::nullopt, 22, "Vincristine"}, d("2027-01-26")}});
    CHECK(parse_fact(fact_form::hold, "maintenance#2:1:Vincristine") ==
          record_fact{event_held{{"maintenance", 2, 1, "Vincristine"}}});
    CHECK(parse_fact(fact_form::add, "induction=2027-01-20:Lumbar puncture") ==
          record_fact{event_added{"induction", std::nullopt, d("2027-01-20"), "Lumbar puncture",
                                  category::chemotherapy, ""}});
    CHECK(parse_fact(fact_form::add, "maintenance#1=2027-03-02:LP:intrathecal:extra: after a fever") ==
          record_fact{event_added{"maintenance", 1, d("2027-03-02"), "LP", category::intrathecal,
                                  "extra: after a fever"}});
    CHECK(parse_fact(fact_form::pause, "consolidation#2=2027-02-10+5") ==
          record_fact{phase_paused{"consolidation", 2, d("2027-02-10"), 5}});
    CHECK(parse_fact(fact_form::stop, "maintenance=2028-01-10") ==
          record_fact{phase_stopped{"maintenance", std::nullopt, d("2028-01-10")}});
    CHECK(parse_fact(fact_form::start_track, "Imatinib=2027-01-20") ==
          record_fact{track_changed{"Imatinib", track_changed::change::started, d("2027-01-20")}});
    CHECK(parse_fact(fact_form::stop_track, "Imatinib=2027-05-01") ==
          record_fact{track_changed{"Imatinib", track_changed::change::stopped, d("2027-05-01")}});
    CHECK(parse_fact(fact_form::recovered, "consolidation=2027-02-03") ==
          record_fact{gate_resolved{"consolidation", d("2027-02-03")}});
    CHECK(parse_fact(fact_form::decide, "response=poor@2027-01-25", "marrow MRD") ==
          record_fact{decision_taken{"response", "poor", d("2027-01-25"), "marrow MRD"}});
}

TEST_CASE("fact text: names hold what the protocol allows", "[fact_text]") {
    // An activity may hold '=' and ':'; the date of a given event follows the last '='.
    CHECK(parse_fact(fact_form::given, "induction:8:IT MTX: age-based=1=2027-01-12") ==
          record_fact{event_moved{{"induction", std::nullopt, 8, "IT MTX: age-based=1"}, d("2027-01-12")}});
    // A choice value may hold '@'; the date follows the last one.
    CHECK(parse_fact(fact_form::decide, "tki=a@b@2027-02-01") ==
          record_fact{decision_taken{"tki", "a@b", d("2027-02-01"), ""}});
    // Day numbers before Day 1 (conditioning) are days too.
    CHECK(std::get<event_held>(parse_fact(fact_form::hold, "allo:-6:TBI")).event.day == -6);
}

TEST_CASE("fact text: forms by name, with the alias the command line has", "[fact_text]") {
    for (fact_form f : all_fact_forms) CHECK(parse_fact_form(to_string(f)) == f);
    CHECK(parse_fact_form("omit") == fact_form::hold);
    CHECK_FALSE(parse_fact_form("Actual"));
    CHECK_FALSE(parse_fact_form("--actual"));
    CHECK(parse_fact("start-track", "Imatinib=2027-01-20") == parse_fact(fact_form::start_track, "Imatinib=2027-01-20"));
    CHECK(refusal("postpone", "induction=3") ==
          "\"postpone\" is not a kind of fact; the kinds: actual, delay, given, hold, add, pause, stop, "
          "start-track, stop-track, recovered, decide");
}

TEST_CASE("fact text: each mistake is named with the form expected", "[fact_text][errors]") {
    CHECK(refusal("actual", "consolidation") ==
          "\"consolidation\" is not a fact of the form phase[#cycle]=YYYY-MM-DD: the '=' is missing");
    CHECK_THAT(refusal("actual", "=2027-01-01"), Catch::EndsWith("nothing comes before the '='"));
    CHECK_THAT(refusal("actual", "induction="), Catch::EndsWith("nothing comes after the '='"));
    CHECK_THAT(refusal("actual", "induction=2027-02-30"), Catch::Contains("2027-02-30"));
    CHECK_THAT(refusal("actual", "maintenance#0=2027-01-01"),
               Catch::EndsWith("the cycle after # must be a number from 1 to 9999"));
    CHECK_THAT(refusal("actual", "#2=2027-01-01"), Catch::EndsWith("the phase is missing"));
    CHECK_THAT(refusal("delay", "induction=3d"),
               Catch::EndsWith("the delay must be a whole number of days from -3650 to 3650"));
    CHECK_THAT(refusal("delay", "induction=3651"), Catch::Contains("from -3650 to 3650"));
    CHECK_THAT(refusal("given", "induction:22=2027-01-26"), Catch::EndsWith("it needs two colons"));
    CHECK_THAT(refusal("given", "induction:x:Vincristine=2027-01-26"),
               Catch::EndsWith("the day must be a whole number from -3653 to 3653"));
    CHECK_THAT(refusal("hold", "induction:22:"), Catch::EndsWith("the activity is missing"));
    CHECK_THAT(refusal("hold", "induction:22:Vincristine"), Catch::Equals("accepted"));
    CHECK_THAT(refusal("add", "induction=2027-01-20"), Catch::EndsWith("the activity is missing"));
    CHECK_THAT(refusal("add", "induction=2027-01-20:"), Catch::EndsWith("the activity is missing"));
    CHECK_THAT(refusal("add", "induction=2027-01-20:LP:chemo"),
               Catch::Contains("unknown category \"chemo\" (allowed: chemotherapy, "));
    CHECK_THAT(refusal("pause", "induction=2027-01-20"), Catch::EndsWith("the '+' and the number of days are missing"));
    CHECK_THAT(refusal("pause", "induction=2027-01-20+0"),
               Catch::EndsWith("the pause must be a whole number of days from 1 to 366"));
    CHECK_THAT(refusal("pause", "induction=2027-01-20+367"), Catch::Contains("from 1 to 366"));
    CHECK_THAT(refusal("stop", "maintenance#x=2028-01-10"), Catch::Contains("the cycle after #"));
    CHECK_THAT(refusal("start-track", "Imatinib"), Catch::EndsWith("the '=' is missing"));
    CHECK_THAT(refusal("recovered", "consolidation=soon"), Catch::Contains("soon"));
    CHECK_THAT(refusal("decide", "response=poor"), Catch::EndsWith("the '@' and the date it was decided are missing"));
    CHECK_THAT(refusal("decide", "response=@2027-01-25"), Catch::EndsWith("the value is missing"));
    CHECK(refusal("decide", "response=poor@2027-01-25") == "accepted");
}

TEST_CASE("fact text: the planner's facts go where the planner reads them", "[fact_text]") {
    treatment_facts facts;
    for (const char* text : {"induction:22:Vincristine"}) add_fact(facts, parse_fact(fact_form::hold, text));
    add_fact(facts, parse_fact(fact_form::delay, "consolidation=7"));
    add_fact(facts, parse_fact(fact_form::given, "induction:8:Vincristine=2027-01-12"));
    add_fact(facts, parse_fact(fact_form::add, "induction=2027-01-20:LP:intrathecal"));
    add_fact(facts, parse_fact(fact_form::pause, "consolidation=2027-02-10+5"));
    add_fact(facts, parse_fact(fact_form::stop, "maintenance#2=2027-04-10"));
    add_fact(facts, parse_fact(fact_form::stop_track, "Imatinib=2027-05-01"));
    add_fact(facts, parse_fact(fact_form::recovered, "consolidation=2027-02-03"));
    CHECK(facts.held.size() == 1);
    CHECK(facts.actuals == std::vector<actual_start>{{"consolidation", std::nullopt, std::nullopt, 7}});
    CHECK(facts.moved.size() == 1);
    CHECK(facts.added.size() == 1);
    CHECK(facts.paused.size() == 1);
    CHECK(facts.stopped.size() == 1);
    CHECK(facts.tracks.size() == 1);
    CHECK(facts.gates.size() == 1);

    const treatment_facts before = facts;
    CHECK_THROWS_WITH(add_fact(facts, parse_fact(fact_form::decide, "response=poor@2027-01-25")),
                      "the decision response=poor is a parameter value when planning without a record: set the "
                      "parameter instead");
    CHECK_THROWS_AS(add_fact(facts, protocol_repinned{"1.0", "a", "1.1", "b"}), value_error);
    CHECK(facts == before);
}

TEST_CASE("fact text: a list of facts is read in order, a mistake located by its index", "[fact_text]") {
    const std::vector<fact_line> lines = {{"omit", "induction:22:Vincristine"},
                                          {"decide", "response=poor@2027-01-25"},
                                          {"delay", "consolidation=7"}};
    const std::vector<record_fact> facts = parse_facts(lines, "MRD day 29");
    REQUIRE(facts.size() == 3);
    CHECK(std::holds_alternative<event_held>(facts[0]));
    CHECK(std::get<decision_taken>(facts[1]).decided_by == "MRD day 29");
    CHECK(facts[2] == parse_fact(fact_form::delay, "consolidation=7"));

    const std::vector<fact_line> wrong = {{"omit", "induction:22:Vincristine"}, {"pause", "induction=2027-01-20"}};
    try {
        parse_facts(wrong);
        FAIL("the second fact reads");
    } catch (const value_error& e) {
        CHECK(e.where().file == "facts[1]");
        CHECK_THAT(e.message(), Catch::EndsWith("the '+' and the number of days are missing"));
    }
    const std::vector<fact_line> unknown = {{"postpone", "induction=7"}};
    CHECK_THROWS_AS(parse_facts(unknown), value_error);

    // add_facts locates the planner's refusal in the same way, and adds what comes before it.
    treatment_facts planned;
    add_facts(planned, parse_facts(std::vector<fact_line>{{"delay", "consolidation=7"}}));
    CHECK(planned.actuals.size() == 1);
    try {
        add_facts(planned, parse_facts(lines));
        FAIL("a decision is not a planner's fact");
    } catch (const value_error& e) {
        CHECK(e.where().file == "facts[1]");
        CHECK_THAT(e.message(), Catch::Contains("is a parameter value when planning without a record"));
    }
}
