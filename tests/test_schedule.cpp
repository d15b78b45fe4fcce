#include <ttplan/schedule.hpp>

#include <catch2/catch.hpp>

using namespace ttplan;

namespace {

day_point d(const char* text) { return parse_date(text); }

phase_occurrence occ(const char* id, const char* first, const char* last, std::optional<std::int32_t> cycle = {}) {
    phase_occurrence o;
    o.phase = id;
    o.name = std::string("Phase ") + id;
    o.cycle = cycle;
    o.first = d(first);
    o.last = d(last);
    return o;
}

event ev(const char* date, const char* phase, const char* activity, category kind = category::chemotherapy) {
    event e;
    e.date = d(date);
    e.phase = phase;
    e.activity = activity;
    e.category = kind;
    return e;
}

span sp(const char* activity, const char* first, const char* last, category kind = category::targeted) {
    span s;
    s.activity = activity;
    s.category = kind;
    s.first = d(first);
    s.last = d(last);
    return s;
}

// Handed over in protocol order, deliberately not in date order.
schedule sample() {
    return schedule(
        {segment{{"demo", "Demo protocol", "1"},
                 {{"cns3", {parameter_type::boolean, "false"}}},
                 d("2027-03-01"),
                 {}}},
        {occ("b", "2027-03-01", "2027-03-10"), occ("a", "2027-03-01", "2027-03-29"),
         occ("c", "2027-03-30", "2027-04-12", 1), occ("c", "2027-04-13", "2027-04-26", 2),
         occ("c", "2027-04-20", "2027-04-30", 3)},  // cycle 3 moved earlier by an actual date
        {ev("2027-03-08", "a", "second"), ev("2027-03-01", "b", "first-b"), ev("2027-03-01", "a", "first-a"),
         ev("2027-03-08", "a", "check", category::assessment), ev("2027-03-30", "c", "late")},
        {sp("tki", "2027-03-15", "2027-05-10"),
         sp("stay", "2027-03-01", "2027-03-03", category::hospital_stay)});
}

}  // namespace

TEST_CASE("schedule: keeps what it was given", "[schedule]") {
    const schedule s = sample();
    CHECK(s.protocol() == protocol_info{"demo", "Demo protocol", "1"});
    CHECK(s.parameters().at("cns3").text == "false");
    CHECK(s.start() == d("2027-03-01"));
}

TEST_CASE("schedule: sorts by date, ties keep the order given", "[schedule][order]") {
    const schedule s = sample();
    REQUIRE(s.phases().size() == 5);
    CHECK(s.phases()[0].phase == "b");  // b and a both start Mar 1: b was given first
    CHECK(s.phases()[1].phase == "a");
    CHECK(s.phases()[2].cycle == 1);
    CHECK(s.phases()[3].cycle == 2);
    CHECK(s.phases()[4].cycle == 3);

    std::vector<std::string> names;
    for (const auto& e : s.events()) names.push_back(e.activity);
    CHECK(names == std::vector<std::string>{"first-b", "first-a", "second", "check", "late"});

    REQUIRE(s.spans().size() == 2);
    CHECK(s.spans()[0].activity == "stay");
    CHECK(s.spans()[1].activity == "tki");
}

TEST_CASE("schedule: end is the last day of anything", "[schedule]") {
    const schedule s = sample();
    CHECK(s.end() == d("2027-05-10"));  // the tki span outlasts every phase
    // Mar 1 .. May 10: 31 + 30 + 10 days.
    CHECK(s.total_days() == 71);

    const schedule empty({segment{{}, {}, d("2027-03-01"), {}}}, {}, {}, {});
    CHECK(empty.end() == d("2027-03-01"));
    CHECK(empty.total_days() == 1);
    CHECK(empty.treatment_days() == 0);
    CHECK(empty.totals_by_phase().empty());
}

TEST_CASE("schedule: queries by date", "[schedule][query]") {
    const schedule s = sample();
    const auto on_8th = s.events_on(d("2027-03-08"));
    REQUIRE(on_8th.size() == 2);
    CHECK(on_8th[0].activity == "second");
    CHECK(on_8th[1].activity == "check");
    CHECK(s.events_on(d("2027-03-09")).empty());

    CHECK(s.active_on(d("2027-03-05")).size() == 2);  // a and b overlap
    CHECK(s.active_on(d("2027-04-21")).size() == 2);  // cycles 2 and 3 overlap
    CHECK(s.active_on(d("2027-05-01")).empty());
    CHECK(s.spans_on(d("2027-03-02")).size() == 1);
    CHECK(s.spans_on(d("2027-03-20")).front().activity == "tki");

    CHECK(s.phase_name("c") == "Phase c");
    CHECK(s.phase_name("zzz").empty());
}

TEST_CASE("schedule: totals by phase and category", "[schedule][totals]") {
    const schedule s = sample();
    const auto totals = s.totals_by_phase();
    REQUIRE(totals.size() == 3);
    CHECK(totals[0].phase == "b");
    CHECK(totals[0].days == 10);
    CHECK(totals[1].phase == "a");
    CHECK(totals[1].days == 29);
    CHECK(totals[2].phase == "c");
    CHECK(totals[2].occurrences == 3);
    // Mar 30 .. Apr 30 covered once despite the overlap: 2 + 30 days.
    CHECK(totals[2].days == 32);
    CHECK(totals[2].first == d("2027-03-30"));
    CHECK(totals[2].last == d("2027-04-30"));

    const auto by_kind = s.days_by_category();
    CHECK(by_kind.at(category::chemotherapy) == 3);   // Mar 1, Mar 8, Mar 30
    CHECK(by_kind.at(category::assessment) == 1);
    CHECK(by_kind.at(category::hospital_stay) == 3);  // Mar 1..3
    CHECK(by_kind.at(category::targeted) == 57);      // Mar 15..May 10: 17 + 30 + 10
    CHECK(by_kind.count(category::radiation) == 0);

    CHECK(s.clinic_days() == 3);  // Mar 1, Mar 8, Mar 30
    // With continuous therapy: Mar 1..3 (hospital) and Mar 15..May 10 (targeted, 57 days),
    // plus Mar 8 and Mar 30 outside them.
    CHECK(s.treatment_days() == 3 + 57 + 1);
}

TEST_CASE("schedule: equal inputs give equal schedules", "[schedule]") {
    CHECK(sample() == sample());
}
