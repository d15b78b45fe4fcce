// Continuations, with dates worked out by hand. 2027-01-04 is a Monday.
//
// "first":      induction 28d (2027-01-04..01-31), then maintenance, 10 cycles of 28 days:
//               c1 02-01..02-28, c2 03-01..03-28, c3 03-29..04-25, c4 04-26..05-23, ...,
//               c10 ..11-07; "mtx" on Days 1, 8, 15, 22, "oral" daily Days 1-28, and a
//               track "tki" from the start of induction to the end of maintenance.
// "rescue":     one phase with the same id, "induction", 14 days, blinatumomab Days 1-14 and a
//               marrow check on Day 14.
// "transplant": "hsct", numbered from Day -7, 21 days (Days -7..13), infusion on Day 0.
#include <ttplan/continuation.hpp>
#include <ttplan/format.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

activity act(const char* name, const char* days, category kind, bool continuous = false) {
    activity a;
    a.name = name;
    a.category = kind;
    a.days = day_pattern::parse(days);
    a.continuous = continuous;
    return a;
}

phase make_phase(const char* id, const char* name, const char* len, std::vector<activity> acts,
                 std::int32_t first_day = 1) {
    phase p;
    p.id = id;
    p.name = name;
    p.kind = "test";
    p.duration = length::parse(len);
    p.first_day = first_day;
    p.activities = std::move(acts);
    return p;
}

protocol first_protocol(const char* gate = "") {
    protocol p;
    p.id = "first";
    p.title = "First protocol";
    p.version = "1";
    p.phases.push_back(
        make_phase("induction", "Induction", "28d", {act("vcr", "1,8,15,22", category::chemotherapy)}));
    phase m = make_phase(
        "maintenance", "Maintenance", "28d",
        {act("mtx", "1,8,15,22", category::chemotherapy), act("oral", "1-28", category::chemotherapy, true)});
    m.repeat = repeat_rule{};
    m.repeat->count = 10;
    p.phases.push_back(m);
    dependency dep;
    dep.from = "induction";
    dep.to = "maintenance";
    dep.gate = gate;
    p.dependencies.push_back(dep);
    track tki;
    tki.name = "tki";
    tki.category = category::targeted;
    tki.from = anchor{"induction", anchor::edge::start, 0, {}};
    tki.to = anchor{"maintenance", anchor::edge::end, 0, {}};
    p.tracks.push_back(tki);
    return p;
}

protocol rescue_protocol() {
    protocol p;
    p.id = "rescue";
    p.title = "Rescue";
    p.version = "2";
    p.phases.push_back(make_phase(
        "induction", "Rescue induction", "14d",
        {act("blina", "1-14", category::immunotherapy, true), act("marrow", "14", category::assessment)}));
    return p;
}

protocol transplant_protocol() {
    protocol p;
    p.id = "transplant";
    p.title = "Transplant";
    p.version = "1";
    p.phases.push_back(
        make_phase("hsct", "Transplant", "21d", {act("infusion", "0", category::cell_therapy)}, -7));
    return p;
}

schedule first_plan(const char* gate = "") {
    return planner(first_protocol(gate), {}).plan(d("2027-01-04"));
}

std::vector<phase_occurrence> of(const schedule& s, const std::string& protocol_id,
                                 const std::string& phase_id) {
    std::vector<phase_occurrence> out;
    for (const auto& p : s.phases()) {
        if (s.segment_of(p).protocol.id == protocol_id && p.phase == phase_id) out.push_back(p);
    }
    return out;
}

const span& span_named(const schedule& s, const std::string& activity, std::size_t nth = 0) {
    std::vector<const span*> found;
    for (const auto& t : s.spans()) {
        if (t.activity == activity) found.push_back(&t);
    }
    REQUIRE(found.size() > nth);
    return *found[nth];
}

// Relapse on 2027-05-02, rescue, then the transplant after the rescue ends.
schedule relapse_chain() {
    const schedule relapse = continue_with(first_plan(), switch_point::on(d("2027-05-02"), "relapse"),
                                           planner(rescue_protocol(), {}));
    return continue_with(relapse, switch_point::at_end(), planner(transplant_protocol(), {}));
}

}  // namespace

TEST_CASE("continuation: a switch on a date cuts the cycle running then", "[continuation]") {
    const schedule s = continue_with(first_plan(), switch_point::on(d("2027-05-02"), "relapse"),
                                     planner(rescue_protocol(), {}));
    const auto maintenance = of(s, "first", "maintenance");
    REQUIRE(maintenance.size() == 4);
    CHECK(maintenance[2].last == d("2027-04-25"));
    CHECK(maintenance[2].ending == ending_reason::none);
    CHECK(maintenance[3].first == d("2027-04-26"));
    CHECK(maintenance[3].last == d("2027-05-01"));
    CHECK(maintenance[3].ending == ending_reason::switched);
    CHECK(maintenance[3].days() == 6);

    // Nothing of the first protocol on or after the switch: mtx c4 Day 8 (05-03) is gone.
    for (const auto& e : s.events()) {
        if (s.segment_of(e).protocol.id == "first") CHECK(e.date < d("2027-05-02"));
    }
    std::vector<day_point> mtx;
    for (const auto& e : s.events()) {
        if (e.activity == "mtx" && e.cycle == 4) mtx.push_back(e.date);
    }
    CHECK(mtx == std::vector<day_point>{d("2027-04-26")});

    // The daily oral span of cycle 4 and the tki track's span end the day before, marked cut.
    const span& oral = span_named(s, "oral", 3);
    CHECK(oral.first == d("2027-04-26"));
    CHECK(oral.last == d("2027-05-01"));
    CHECK(oral.last_day == 6);
    CHECK(oral.ending == ending_reason::switched);
    CHECK(span_named(s, "oral", 2).ending == ending_reason::none);
    const span& tki = span_named(s, "tki");
    CHECK(tki.first == d("2027-01-04"));
    CHECK(tki.last == d("2027-05-01"));
    CHECK(tki.ending == ending_reason::switched);
    CHECK(tki.first_day == 0);
    CHECK(tki.last_day == 0);

    // The next protocol's first phase starts on the switch date, under its own protocol.
    const auto rescue = of(s, "rescue", "induction");
    REQUIRE(rescue.size() == 1);
    CHECK(rescue[0].first == d("2027-05-02"));
    CHECK(rescue[0].last == d("2027-05-15"));
    CHECK_FALSE(rescue[0].tentative);
    CHECK(s.end() == d("2027-05-15"));
    CHECK(s.start() == d("2027-01-04"));
    CHECK(s.protocol().id == "first");

    // Same phase id, two protocols: kept apart.
    REQUIRE(of(s, "first", "induction").size() == 1);
    CHECK(of(s, "first", "induction")[0].last == d("2027-01-31"));
    CHECK(s.phase_name(0, "induction") == "Induction");
    CHECK(s.phase_name(1, "induction") == "Rescue induction");
    CHECK(of(s, "first", "induction")[0].segment == 0);
    CHECK(rescue[0].segment == 1);
    const auto totals = s.totals_by_phase();
    REQUIRE(totals.size() == 3);
    CHECK(s.segment_of(totals[2]).protocol.id == "rescue");
    CHECK(totals[2].days == 14);
}

TEST_CASE("continuation: segments record each protocol, its start and the reason", "[continuation]") {
    const schedule s = relapse_chain();
    REQUIRE(s.segments().size() == 3);
    CHECK(s.segments()[0].protocol.id == "first");
    CHECK(s.segments()[0].start == d("2027-01-04"));
    CHECK(s.segments()[0].reason.empty());
    CHECK(s.segments()[1].protocol.id == "rescue");
    CHECK(s.segments()[1].protocol.title == "Rescue");
    CHECK(s.segments()[1].protocol.version == "2");
    CHECK(s.segments()[1].start == d("2027-05-02"));
    CHECK(s.segments()[1].reason == "relapse");
    CHECK(s.segments()[2].protocol.id == "transplant");
    // The third protocol follows the second's end (2027-05-15).
    CHECK(s.segments()[2].start == d("2027-05-16"));
    CHECK(s.segments()[2].reason == "after the end of the plan so far");

    const auto hsct = of(s, "transplant", "hsct");
    REQUIRE(hsct.size() == 1);
    CHECK(hsct[0].first == d("2027-05-16"));
    CHECK(hsct[0].first_day == -7);
    CHECK(hsct[0].last == d("2027-06-05"));
    const auto infusion = std::find_if(s.events().begin(), s.events().end(),
                                       [](const event& e) { return e.activity == "infusion"; });
    REQUIRE(infusion != s.events().end());
    CHECK(infusion->date == d("2027-05-23"));
    CHECK(s.segment_of(*infusion).protocol.id == "transplant");
    CHECK(infusion->segment == 2);
    CHECK(s.end() == d("2027-06-05"));
}

TEST_CASE("continuation: after a phase, everything after its end is dropped", "[continuation]") {
    const schedule s =
        continue_with(first_plan(), switch_point::after("induction"), planner(rescue_protocol(), {}));
    CHECK(of(s, "first", "maintenance").empty());
    CHECK(of(s, "rescue", "induction").at(0).first == d("2027-02-01"));
    const span& tki = span_named(s, "tki");
    CHECK(tki.last == d("2027-01-31"));
    CHECK(tki.ending == ending_reason::switched);
    CHECK(s.segments()[1].reason == "after Induction (first)");

    // With the id in two protocols, the latest occurrence counts: the rescue induction.
    const schedule twice =
        continue_with(s, switch_point::after("induction"), planner(transplant_protocol(), {}));
    CHECK(of(twice, "transplant", "hsct").at(0).first == d("2027-02-15"));
}

TEST_CASE("continuation: a switch date after the end leaves a gap and cuts nothing", "[continuation]") {
    const schedule base = first_plan();
    REQUIRE(base.end() == d("2027-11-07"));
    const schedule s = continue_with(base, switch_point::on(d("2027-12-01")), planner(rescue_protocol(), {}));
    CHECK(std::none_of(s.phases().begin(), s.phases().end(),
                       [](const phase_occurrence& p) { return p.ended_early(); }));
    CHECK(std::none_of(s.spans().begin(), s.spans().end(), [](const span& t) { return t.ended_early(); }));
    CHECK(of(s, "rescue", "induction").at(0).first == d("2027-12-01"));
    CHECK(s.segments()[1].reason == "switch on 2027-12-01");
    // after_end starts the day after the last planned day.
    CHECK(switch_date(base, switch_point::at_end()) == d("2027-11-08"));
}

TEST_CASE("continuation: a switch after a tentative phase is tentative until an actual date",
          "[continuation]") {
    const schedule gated = first_plan("when counts recover");
    REQUIRE(gated.phases().back().tentative);
    const schedule after = continue_with(gated, switch_point::at_end(), planner(rescue_protocol(), {}));
    for (const auto& p : of(after, "rescue", "induction")) CHECK(p.tentative);
    for (const auto& e : after.events()) {
        if (after.segment_of(e).protocol.id == "rescue") CHECK(e.tentative);
    }
    // After the untentative induction: not tentative.
    const schedule early =
        continue_with(gated, switch_point::after("induction"), planner(rescue_protocol(), {}));
    CHECK_FALSE(of(early, "rescue", "induction").at(0).tentative);
    // An actual start is a fact.
    const schedule known = continue_with(gated, switch_point::at_end(), planner(rescue_protocol(), {}),
                                         {actual_start{"induction", std::nullopt, d("2027-11-15"), 0}});
    CHECK_FALSE(of(known, "rescue", "induction").at(0).tentative);
    CHECK(of(known, "rescue", "induction").at(0).first == d("2027-11-15"));
    // A date is a fact too.
    const schedule on =
        continue_with(gated, switch_point::on(d("2027-05-02")), planner(rescue_protocol(), {}));
    CHECK_FALSE(of(on, "rescue", "induction").at(0).tentative);
}

TEST_CASE("continuation: bad switch points are errors naming what is wrong", "[continuation]") {
    const schedule base = first_plan();
    const planner next(rescue_protocol(), {});
    CHECK_THROWS_WITH(continue_with(base, switch_point::on(d("2027-01-03")), next),
                      Catch::Contains("2027-01-03") && Catch::Contains("2027-01-04"));
    CHECK_THROWS_AS(continue_with(base, switch_point::on(d("2027-01-03")), next), planning_error);
    CHECK_THROWS_WITH(continue_with(base, switch_point::after("relapse"), next),
                      Catch::Contains("\"relapse\"") && Catch::Contains("induction, maintenance"));
    CHECK_THROWS_AS(continue_with(base, switch_point::after("relapse"), next), planning_error);
    // An actual date for a phase the next protocol does not have.
    CHECK_THROWS_AS(continue_with(base, switch_point::at_end(), next, {actual_start{"hsct", {}, {}, 3}}),
                    planning_error);
    // A schedule has at least one segment, in date order, and every item names one of them.
    CHECK_THROWS_AS(schedule({}, {}, {}, {}), planning_error);
    const segment a{{"a", "A", "1"}, {}, d("2027-01-04"), {}};
    const segment b{{"b", "B", "1"}, {}, d("2027-01-03"), "relapse"};
    CHECK_THROWS_WITH(schedule({a, b}, {}, {}, {}),
                      Catch::Contains("segment 2") && Catch::Contains("before"));
    phase_occurrence stray;
    stray.phase = "induction";
    stray.first = stray.last = d("2027-01-04");
    stray.segment = 1;
    CHECK_THROWS_WITH(schedule({a}, {stray}, {}, {}), Catch::Contains("\"induction\"") &&
                                                          Catch::Contains("segment 2") &&
                                                          Catch::Contains("1 segment"));
    stray.segment = 0;
    CHECK_NOTHROW(schedule({a}, {stray}, {}, {}));
}

TEST_CASE("continuation: JSON names every item's protocol and lists the segments", "[continuation][json]") {
    const std::string text = to_json(relapse_chain());
    CHECK(text == to_json(relapse_chain()));  // byte-identical reruns
    const auto doc = nlohmann::json::parse(text);
    REQUIRE(doc["segments"].size() == 3);
    CHECK(doc["segments"][1]["protocol"]["id"] == "rescue");
    CHECK(doc["segments"][1]["protocol"]["version"] == "2");
    CHECK(doc["segments"][1]["start"] == "2027-05-02");
    CHECK(doc["segments"][1]["reason"] == "relapse");
    CHECK(doc["segments"][2]["start"] == "2027-05-16");
    std::size_t rescue_items = 0;
    for (const auto& key : {"phases", "events", "spans"}) {
        for (const auto& item : doc[key]) {
            REQUIRE(item.contains("protocol"));
            if (item["protocol"] == "rescue") ++rescue_items;
        }
    }
    // Rescue: 1 phase, 1 event (marrow), 1 span (blina).
    CHECK(rescue_items == 3);
    const auto cut = std::count_if(doc["spans"].begin(), doc["spans"].end(),
                                   [](const auto& t) { return t["ending"] == "switch"; });
    CHECK(cut == 2);  // oral in cycle 4 and the tki track's span
    // Every item's segment index agrees with its protocol id.
    for (const auto& key : {"phases", "events", "spans"}) {
        for (const auto& item : doc[key]) {
            CHECK(doc["segments"][item["segment"].get<std::size_t>()]["protocol"]["id"] == item["protocol"]);
        }
    }

    // A plain plan has one segment, the main protocol, with an empty reason.
    const auto plain = nlohmann::json::parse(to_json(first_plan()));
    REQUIRE(plain["segments"].size() == 1);
    CHECK(plain["segments"][0]["protocol"]["id"] == "first");
    CHECK(plain["segments"][0]["start"] == "2027-01-04");
    CHECK(plain["segments"][0]["reason"] == "");
}
