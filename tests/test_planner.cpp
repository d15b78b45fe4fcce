// Planner rules, each checked against dates worked out by hand. 2027-03-01 is a Monday;
// 2027 has 28 days in February, 2028 has 29.
#include <ttplan/planner.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace ttplan;

namespace {

day_point d(const char* text) { return parse_date(text); }

activity act(const char* name, const char* days, category kind = category::chemotherapy) {
    activity a;
    a.name = name;
    a.category = kind;
    a.days = day_pattern::parse(days);
    return a;
}

activity continuous(const char* name, const char* days, category kind) {
    activity a = act(name, days, kind);
    a.continuous = true;
    return a;
}

// check() wants every phase to do something: each gets a milestone on its first day.
phase make_phase(const char* id, const char* len, std::vector<activity> acts = {}, std::int32_t first_day = 1) {
    phase p;
    p.id = id;
    p.name = std::string("Phase ") + id;
    p.kind = "test";
    p.duration = length::parse(len);
    p.first_day = first_day;
    p.activities.push_back(act("start", std::to_string(first_day).c_str(), category::milestone));
    for (auto& a : acts) p.activities.push_back(std::move(a));
    return p;
}

phase repeated(phase p, std::optional<std::int32_t> count) {
    p.repeat = repeat_rule{};
    p.repeat->count = count;
    return p;
}

dependency fs(const char* from, const char* to, const char* lag = "0d") {
    dependency x;
    x.from = from;
    x.to = to;
    x.lag = length::parse(lag);
    return x;
}

dependency ss(const char* from, const char* to, std::int32_t on_day, const char* lag = "0d") {
    dependency x = fs(from, to, lag);
    x.type = dependency_type::start_to_start;
    x.on_day = on_day;
    return x;
}

anchor at(const char* phase, anchor::edge edge, std::int32_t day = 0, std::optional<std::int32_t> cycle = {}) {
    return anchor{phase, edge, day, cycle};
}

until_rule until(const char* limit, anchor from, condition when = {}) {
    return until_rule{length::parse(limit), std::move(from), std::move(when)};
}

condition when_cns3(const char* value) { return condition{{{"cns3", {value}}}}; }

protocol make_protocol(std::vector<phase> phases, std::vector<dependency> deps = {}) {
    protocol p;
    p.id = "test";
    p.title = "Test protocol";
    p.version = "1";
    parameter cns3;
    cns3.name = "cns3";
    cns3.type = parameter_type::boolean;
    cns3.default_value = "false";
    p.parameters.push_back(cns3);
    p.phases = std::move(phases);
    p.dependencies = std::move(deps);
    return p;
}

schedule plan(const protocol& p, const char* start = "2027-03-01", const parameter_values& values = {},
              const std::vector<actual_start>& actuals = {}, const clinic_calendar& calendar = {}) {
    return planner(p, values).plan(d(start), actuals, calendar);
}

std::vector<phase_occurrence> occurrences(const schedule& s, const std::string& id) {
    std::vector<phase_occurrence> out;
    for (const auto& o : s.phases())
        if (o.phase == id) out.push_back(o);
    return out;
}

phase_occurrence only(const schedule& s, const std::string& id) {
    const auto all = occurrences(s, id);
    REQUIRE(all.size() == 1);
    return all.front();
}

std::vector<event> events(const schedule& s, const std::string& activity) {
    std::vector<event> out;
    for (const auto& e : s.events())
        if (e.activity == activity) out.push_back(e);
    return out;
}

std::vector<day_point> dates(const std::vector<event>& evs) {
    std::vector<day_point> out;
    for (const auto& e : evs) out.push_back(e.date);
    return out;
}

std::vector<span> spans(const schedule& s, const std::string& activity) {
    std::vector<span> out;
    for (const auto& x : s.spans())
        if (x.activity == activity) out.push_back(x);
    return out;
}

actual_start delayed(const char* phase, std::int32_t delay, std::optional<std::int32_t> cycle = {}) {
    return actual_start{phase, cycle, std::nullopt, delay};
}

actual_start started(const char* phase, const char* date, std::optional<std::int32_t> cycle = {}) {
    return actual_start{phase, cycle, d(date), 0};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Day numbering and lengths

TEST_CASE("planner: Day-1 numbering", "[days]") {
    const auto s = plan(make_protocol({make_phase("induction", "29d", {act("vcr", "1,8,15,22")})}));
    const auto occ = only(s, "induction");
    CHECK(occ.first == d("2027-03-01"));
    CHECK(occ.last == d("2027-03-29"));  // Mar 1 + 28 days
    CHECK(occ.first_day == 1);
    CHECK_FALSE(occ.cycle);
    // Day N is Mar 1 + (N - 1).
    CHECK(dates(events(s, "vcr")) ==
          std::vector<day_point>{d("2027-03-01"), d("2027-03-08"), d("2027-03-15"), d("2027-03-22")});
    CHECK(events(s, "vcr")[2].day == 15);
    CHECK(s.end() == d("2027-03-29"));
}

TEST_CASE("planner: Day-0 numbering", "[days]") {
    const auto s = plan(make_protocol(
        {make_phase("transplant", "10d", {act("infusion", "0", category::cell_therapy), act("check", "7")}, 0)}));
    const auto occ = only(s, "transplant");
    CHECK(occ.first_day == 0);
    CHECK(occ.last == d("2027-03-10"));  // days 0..9
    CHECK(events(s, "infusion").at(0).date == d("2027-03-01"));  // Day 0 is the first day
    CHECK(events(s, "check").at(0).date == d("2027-03-08"));     // Day 7 = Mar 1 + 7
}

TEST_CASE("planner: negative days come before Day 0", "[days]") {
    const auto s = plan(make_protocol({make_phase(
        "hsct", "37d",
        {continuous("conditioning", "-7..-1", category::hospital_stay), act("infusion", "0", category::transplant)},
        -7)}));
    const auto occ = only(s, "hsct");
    CHECK(occ.first_day == -7);
    CHECK(occ.last == d("2027-04-06"));  // days -7..29: Mar 1 + 36 = Mar 31 (+30) then Apr 6 (+36)
    const auto stay = spans(s, "conditioning");
    REQUIRE(stay.size() == 1);
    CHECK(stay[0].first == d("2027-03-01"));  // Day -7
    CHECK(stay[0].last == d("2027-03-07"));   // Day -1
    CHECK(stay[0].first_day == -7);
    CHECK(stay[0].last_day == -1);
    CHECK(stay[0].phase == "hsct");
    CHECK(events(s, "infusion").at(0).date == d("2027-03-08"));  // Day 0 = Mar 1 + 7
    CHECK(events(s, "infusion").at(0).day == 0);
}

TEST_CASE("planner: a phase numbered from Day 36", "[days]") {
    // Protocol IB is Days 36-64 of Protocol I: it follows IA (Days 1-35) and keeps Protocol I's
    // day numbers. IA runs Mar 1..Apr 4, so Day 36 is Apr 5 and Day 64 is May 3.
    phase ib = make_phase("ib", "29d",
                          {act("cyclophosphamide", "36,64"), act("cytarabine", "38-41, 45-48, 52-55, 59-62"),
                           continuous("mercaptopurine", "36-63", category::chemotherapy)},
                          36);
    phase weekly = repeated(make_phase("weekly", "7d"), std::nullopt);
    weekly.repeat->until = {until("2w", at("ib", anchor::edge::day, 40))};
    protocol p = make_protocol(
        {make_phase("ia", "35d"), ib, make_phase("same_day", "7d"), make_phase("last_day", "7d"), weekly},
        {fs("ia", "ib"), ss("ib", "same_day", 36), ss("ib", "last_day", 64)});
    p.tracks = {{"from-day-40",
                 category::targeted,
                 at("ib", anchor::edge::day, 40),
                 at("ib", anchor::edge::end),
                 {},
                 ""}};
    const auto s = plan(p);
    const auto occ = only(s, "ib");
    CHECK(occ.first == d("2027-04-05"));
    CHECK(occ.last == d("2027-05-03"));
    CHECK(occ.first_day == 36);
    CHECK(occ.days() == 29);
    CHECK(dates(events(s, "cyclophosphamide")) == std::vector<day_point>{d("2027-04-05"), d("2027-05-03")});
    CHECK(events(s, "cyclophosphamide").at(1).day == 64);
    const auto cytarabine = events(s, "cytarabine");
    REQUIRE(cytarabine.size() == 16);
    CHECK(cytarabine.front().date == d("2027-04-07"));  // Day 38
    CHECK(cytarabine.front().day == 38);
    CHECK(cytarabine.back().date == d("2027-05-01"));  // Day 62
    const auto mp = spans(s, "mercaptopurine");
    REQUIRE(mp.size() == 1);
    CHECK(mp[0].first == d("2027-04-05"));
    CHECK(mp[0].last == d("2027-05-02"));
    CHECK(mp[0].first_day == 36);
    CHECK(mp[0].last_day == 63);
    // Start-to-start days are counted in IB's numbering: Day 36 is its first day.
    CHECK(only(s, "same_day").first == d("2027-04-05"));
    CHECK(only(s, "last_day").first == d("2027-05-03"));
    // Day 40 is Apr 9: the track starts there, and the weekly phase's limit is Apr 9 + 2w - 1.
    CHECK(spans(s, "from-day-40").at(0).first == d("2027-04-09"));
    CHECK(spans(s, "from-day-40").at(0).last == d("2027-05-03"));
    const auto weeks = occurrences(s, "weekly");  // starts on the plan start, Mar 1
    REQUIRE_FALSE(weeks.empty());
    CHECK(weeks.back().last == d("2027-04-22"));
}

TEST_CASE("planner: lengths in weeks, months and years", "[length][leap]") {
    const auto s = plan(make_protocol({make_phase("a", "4w"), make_phase("b", "1mo"), make_phase("c", "1y"),
                                       make_phase("m", "3mo")},
                                      {fs("a", "b"), fs("b", "c")}),
                        "2027-01-31");
    CHECK(only(s, "a").last == d("2027-02-27"));  // 28 days: Jan 31 + 27
    CHECK(only(s, "b").first == d("2027-02-28"));
    CHECK(only(s, "b").last == d("2027-03-27"));  // Feb 28 + 1mo = Mar 28, so 28 days
    CHECK(only(s, "c").first == d("2027-03-28"));
    CHECK(only(s, "c").last == d("2028-03-27"));  // a year spanning Feb 29 2028: 366 days
    CHECK(only(s, "c").days() == 366);
    CHECK(only(s, "m").last == d("2027-04-29"));  // Jan 31 + 3mo clamps to Apr 30: 89 days
    CHECK(only(s, "m").days() == 89);
}

// ---------------------------------------------------------------------------------------
// Cycles

TEST_CASE("planner: fixed count of cycles", "[cycles]") {
    const auto s = plan(make_protocol({repeated(make_phase("course", "21d", {act("d1", "1")}), 3)}));
    const auto occ = occurrences(s, "course");
    REQUIRE(occ.size() == 3);
    CHECK(occ[0].cycle == 1);
    CHECK(occ[0].last == d("2027-03-21"));
    CHECK(occ[1].first == d("2027-03-22"));
    CHECK(occ[1].last == d("2027-04-11"));  // Mar 22 + 20
    CHECK(occ[2].cycle == 3);
    CHECK(occ[2].first == d("2027-04-12"));
    CHECK(occ[2].last == d("2027-05-02"));  // Apr 12 + 20
    CHECK(occ[2].ending == ending_reason::none);
    CHECK(dates(events(s, "d1")) == std::vector<day_point>{d("2027-03-01"), d("2027-03-22"), d("2027-04-12")});
    CHECK(events(s, "d1")[1].cycle == 2);
}

TEST_CASE("planner: cut last cycle", "[cycles]") {
    // Maintenance: 12-week cycles until 2 years from the start of interim maintenance I.
    phase maint = make_phase("maint", "12w",
                             {act("vcr", "1,29,57"), act("it", "1", category::intrathecal),
                              continuous("mp", "1-84", category::chemotherapy)});
    maint.activities[2].cycles = day_pattern::parse("1-4");  // IT in cycles 1-4 only
    maint.repeat = repeat_rule{};
    maint.repeat->until = {until("2y", at("im1", anchor::edge::start))};
    const auto s = plan(make_protocol({make_phase("im1", "8w"), maint}, {fs("im1", "maint")}), "2027-01-04");

    CHECK(only(s, "im1").last == d("2027-02-28"));  // Jan 4 + 55
    // limit_last = 2027-01-04 + 2y - 1 = 2029-01-03, i.e. 674 days after maintenance starts
    // on 2027-03-01 (366 to 2028-03-01, 306 to 2029-01-01, 2 more). Cycles start every 84
    // days: cycle 9 starts at 672 (2029-01-01) and is cut after 3 days.
    const auto occ = occurrences(s, "maint");
    REQUIRE(occ.size() == 9);
    CHECK(occ[0].first == d("2027-03-01"));
    CHECK(occ[7].first == d("2028-10-09"));
    CHECK(occ[7].last == d("2028-12-31"));
    CHECK(occ[7].ending == ending_reason::none);
    CHECK(occ[8].cycle == 9);
    CHECK(occ[8].first == d("2029-01-01"));
    CHECK(occ[8].last == d("2029-01-03"));
    CHECK(occ[8].ending == ending_reason::limit);
    CHECK(s.end() == d("2029-01-03"));

    // The cut cycle keeps only what falls in its 3 days.
    const auto vcr = events(s, "vcr");
    CHECK(vcr.size() == 8 * 3 + 1);
    CHECK(vcr.back().date == d("2029-01-01"));
    const auto mp = spans(s, "mp");
    REQUIRE(mp.size() == 9);
    CHECK(mp.back().first == d("2029-01-01"));
    CHECK(mp.back().last == d("2029-01-03"));
    CHECK(mp.back().last_day == 3);
    CHECK(mp.front().last == d("2027-05-23"));  // day 84 of cycle 1: Mar 1 + 83

    // Cycle-specific: IT on day 1 of cycles 1-4, every 84 days.
    CHECK(dates(events(s, "it")) ==
          std::vector<day_point>{d("2027-03-01"), d("2027-05-24"), d("2027-08-16"), d("2027-11-08")});
}

TEST_CASE("planner: the first until rule whose condition holds applies", "[cycles][conditions]") {
    // 4-week cycles measured from the phase's own start: 10 weeks if cns3, else 6 weeks.
    phase p = make_phase("course", "4w");
    p.repeat = repeat_rule{};
    p.repeat->until = {until("10w", at("course", anchor::edge::start), when_cns3("true")),
                       until("6w", at("course", anchor::edge::start))};
    const protocol proto = make_protocol({p});

    // 6w: limit_last = Mar 1 + 41 = Apr 11; cycle 2 starts Mar 29 and is cut there.
    const auto six = occurrences(plan(proto), "course");
    REQUIRE(six.size() == 2);
    CHECK(six[1].first == d("2027-03-29"));
    CHECK(six[1].last == d("2027-04-11"));
    CHECK(six[1].ending == ending_reason::limit);

    // 10w: limit_last = Mar 1 + 69 = May 9; cycle 3 starts Apr 26 and is cut there.
    const auto ten = occurrences(plan(proto, "2027-03-01", {{"cns3", "true"}}), "course");
    REQUIRE(ten.size() == 3);
    CHECK(ten[2].first == d("2027-04-26"));
    CHECK(ten[2].last == d("2027-05-09"));
    CHECK(ten[2].ending == ending_reason::limit);
}

TEST_CASE("planner: a count stops before the until limit", "[cycles]") {
    phase p = repeated(make_phase("course", "4w"), 2);
    p.repeat->until = {until("1y", at("", anchor::edge::start))};
    const auto occ = occurrences(plan(make_protocol({p})), "course");
    REQUIRE(occ.size() == 2);
    CHECK(occ[1].last == d("2027-04-25"));  // Mar 1 + 55
    CHECK(occ[1].ending == ending_reason::none);
}

TEST_CASE("planner: alternating variants", "[cycles][variants]") {
    phase p = repeated(make_phase("course", "21d", {act("drug-a", "1"), act("drug-b", "1")}), 4);
    p.repeat->variants = {"A", "B"};
    p.activities[1].variants = {"A"};
    p.activities[2].variants = {"B"};
    const auto s = plan(make_protocol({p}));
    const auto occ = occurrences(s, "course");
    REQUIRE(occ.size() == 4);
    CHECK(occ[0].variant == "A");
    CHECK(occ[1].variant == "B");
    CHECK(occ[2].variant == "A");
    CHECK(occ[3].variant == "B");
    // Cycle k starts Mar 1 + 21 (k - 1).
    CHECK(dates(events(s, "drug-a")) == std::vector<day_point>{d("2027-03-01"), d("2027-04-12")});
    CHECK(dates(events(s, "drug-b")) == std::vector<day_point>{d("2027-03-22"), d("2027-05-03")});
}

TEST_CASE("planner: first cycle of another length", "[cycles]") {
    phase p = repeated(make_phase("course", "2w", {act("late", "22")}), 3);
    p.repeat->first_cycle = length::parse("4w");
    const auto s = plan(make_protocol({p}));
    const auto occ = occurrences(s, "course");
    REQUIRE(occ.size() == 3);
    CHECK(occ[0].last == d("2027-03-28"));  // 28 days
    CHECK(occ[1].first == d("2027-03-29"));
    CHECK(occ[1].last == d("2027-04-11"));  // 14 days
    CHECK(occ[2].last == d("2027-04-25"));
    // Day 22 exists only in the long first cycle.
    CHECK(dates(events(s, "late")) == std::vector<day_point>{d("2027-03-22")});
}

TEST_CASE("planner: until measured from a day of another phase", "[cycles]") {
    phase m = make_phase("m", "7d");
    m.repeat = repeat_rule{};
    m.repeat->until = {until("6w", at("a", anchor::edge::day, 15))};
    phase z = make_phase("z", "7d");
    z.repeat = repeat_rule{};
    z.repeat->until = {until("1w", at("", anchor::edge::start))};
    const auto s = plan(make_protocol({make_phase("a", "29d"), m, z, make_phase("f", "7d")},
                                      {fs("a", "m"), fs("a", "z"), fs("z", "f")}));
    // Day 15 of a = Mar 15; + 6w = Apr 26, so limit_last = Apr 25. m starts Mar 30 and runs
    // weekly: Mar 30, Apr 6, Apr 13, Apr 20 (cut on Apr 25 instead of ending Apr 26).
    const auto occ = occurrences(s, "m");
    REQUIRE(occ.size() == 4);
    CHECK(occ[3].first == d("2027-04-20"));
    CHECK(occ[3].last == d("2027-04-25"));
    CHECK(occ[3].ending == ending_reason::limit);
    // z's limit (Mar 7) ends before it could start (Mar 30): no cycles, and f is not held up.
    CHECK(occurrences(s, "z").empty());
    CHECK(only(s, "f").first == d("2027-03-30"));
}

TEST_CASE("planner: a repeat without an applicable bound", "[cycles][errors]") {
    phase p = make_phase("maint", "4w");
    p.repeat = repeat_rule{};
    p.repeat->until = {until("2y", at("", anchor::edge::start), when_cns3("true"))};
    const protocol proto = make_protocol({p});
    CHECK(occurrences(plan(proto, "2027-03-01", {{"cns3", "true"}}), "maint").size() == 27);  // 730 / 28 -> 27 (cut)
    CHECK_THROWS_AS(plan(proto), planning_error);
    CHECK_THROWS_WITH(plan(proto), Catch::Contains("\"maint\"") && Catch::Contains("without a bound"));
}

TEST_CASE("planner: an until anchor planned after the phase", "[cycles][errors]") {
    phase p = make_phase("maint", "4w");
    p.repeat = repeat_rule{};
    p.repeat->until = {until("1y", at("follow", anchor::edge::start))};
    const protocol proto = make_protocol({p, make_phase("follow", "1w")}, {fs("maint", "follow")});
    CHECK_THROWS_AS(plan(proto), planning_error);
    CHECK_THROWS_WITH(plan(proto), Catch::Contains("\"maint\"") && Catch::Contains("\"follow\""));
}

// ---------------------------------------------------------------------------------------
// Dependencies

TEST_CASE("planner: finish-to-start", "[deps]") {
    const auto s = plan(make_protocol({make_phase("a", "29d"), make_phase("b", "7d")}, {fs("a", "b")}));
    CHECK(only(s, "b").first == d("2027-03-30"));  // the day after Mar 29
}

TEST_CASE("planner: start-to-start on day 36", "[deps]") {
    const auto s = plan(make_protocol({make_phase("induction", "8w"), make_phase("consolidation", "8w")},
                                      {ss("induction", "consolidation", 36)}));
    CHECK(only(s, "consolidation").first == d("2027-04-05"));  // Mar 1 + 35: Mar 31 (+30), Apr 5 (+35)

    // Day numbers follow the predecessor's numbering: Day 7 of a Day-0 phase is Mar 1 + 7.
    const auto zero = plan(make_protocol({make_phase("hsct", "30d", {}, 0), make_phase("post", "7d")},
                                         {ss("hsct", "post", 7)}));
    CHECK(only(zero, "post").first == d("2027-03-08"));
}

TEST_CASE("planner: lag", "[deps]") {
    const auto weeks = plan(make_protocol({make_phase("a", "29d"), make_phase("b", "7d")}, {fs("a", "b", "2w")}));
    CHECK(only(weeks, "b").first == d("2027-04-13"));  // Mar 30 + 14
    const auto month = plan(make_protocol({make_phase("a", "29d"), make_phase("b", "7d")}, {fs("a", "b", "1mo")}));
    CHECK(only(month, "b").first == d("2027-04-30"));  // Mar 30 + 1 calendar month
    const auto start = plan(make_protocol({make_phase("a", "8w"), make_phase("b", "7d")}, {ss("a", "b", 36, "3d")}));
    CHECK(only(start, "b").first == d("2027-04-08"));  // Day 36 = Apr 5, + 3
}

TEST_CASE("planner: join at latest predecessor", "[deps]") {
    // a ends Mar 29, b ends Mar 10: c waits for both, whichever order they are listed in.
    for (const bool b_first : {true, false}) {
        std::vector<dependency> deps{fs("b", "c"), fs("a", "c")};
        if (!b_first) std::swap(deps[0], deps[1]);
        const auto s =
            plan(make_protocol({make_phase("a", "29d"), make_phase("b", "10d"), make_phase("c", "7d")}, deps));
        CHECK(only(s, "c").first == d("2027-03-30"));
    }
}

TEST_CASE("planner: gated dependency marks everything downstream tentative", "[deps][tentative]") {
    dependency gated = fs("a", "b");
    gated.gate = "blood counts recovered";
    protocol p = make_protocol({make_phase("a", "7d"), make_phase("b", "7d", {continuous("stay", "1-3", category::hospital_stay)}),
                                make_phase("c", "7d", {act("vcr", "1")}), make_phase("d", "7d")},
                               {gated, fs("b", "c")});
    p.tracks.push_back(track{"after-gate", category::targeted, at("c", anchor::edge::start), at("c", anchor::edge::end), {}, ""});
    p.tracks.push_back(track{"before-gate", category::targeted, at("a", anchor::edge::start), at("a", anchor::edge::end), {}, ""});
    const auto s = plan(p);
    CHECK(only(s, "b").first == d("2027-03-08"));  // the earliest date is planned
    CHECK_FALSE(only(s, "a").tentative);
    CHECK(only(s, "b").tentative);
    CHECK(only(s, "c").tentative);
    CHECK_FALSE(only(s, "d").tentative);
    CHECK(events(s, "vcr").at(0).tentative);
    CHECK(spans(s, "stay").at(0).tentative);
    CHECK(spans(s, "after-gate").at(0).tentative);
    CHECK_FALSE(spans(s, "before-gate").at(0).tentative);
    for (const auto& e : s.events()) CHECK(e.tentative == (e.phase == "b" || e.phase == "c"));
}

// ---------------------------------------------------------------------------------------
// Conditions

TEST_CASE("planner: inactive phase collapses", "[conditions]") {
    phase x = make_phase("x", "14d");
    x.when = when_cns3("true");
    const protocol chain = make_protocol({make_phase("a", "29d"), x, make_phase("b", "7d")}, {fs("a", "x"), fs("x", "b")});

    const auto without = plan(chain);
    CHECK(occurrences(without, "x").empty());
    CHECK(only(without, "b").first == d("2027-03-30"));  // as if b followed a directly
    CHECK(planner(chain, {}).order() == std::vector<std::string>{"a", "b"});
    for (const auto& e : without.events()) CHECK(e.phase != "x");

    const auto with = plan(chain, "2027-03-01", {{"cns3", "yes"}});
    CHECK(only(with, "x").first == d("2027-03-30"));
    CHECK(only(with, "b").first == d("2027-04-13"));  // after x's 14 days
    CHECK(planner(chain, {{"cns3", "1"}}).order() == std::vector<std::string>{"a", "x", "b"});

    // The lag out of a collapsed phase still applies; a start-to-start passes the same date.
    const auto lagged = plan(make_protocol({make_phase("a", "29d"), x, make_phase("b", "7d")},
                                           {fs("a", "x"), fs("x", "b", "1w")}));
    CHECK(only(lagged, "b").first == d("2027-04-06"));
    const auto started_with = plan(make_protocol({make_phase("a", "29d"), x, make_phase("b", "7d")},
                                                 {fs("a", "x"), ss("x", "b", 8)}));
    CHECK(only(started_with, "b").first == d("2027-03-30"));

    // A gate before a collapsed phase still reaches past it.
    dependency gated = fs("a", "x");
    gated.gate = "counts";
    CHECK(only(plan(make_protocol({make_phase("a", "29d"), x, make_phase("b", "7d")}, {gated, fs("x", "b")})), "b")
              .tentative);
}

TEST_CASE("planner: a dependency whose condition fails is dropped", "[conditions]") {
    dependency only_cns3 = fs("a", "b");
    only_cns3.when = when_cns3("true");
    const protocol p = make_protocol({make_phase("a", "29d"), make_phase("b", "7d")}, {only_cns3});
    CHECK(only(plan(p), "b").first == d("2027-03-01"));  // no incoming edge: the plan start
    CHECK(only(plan(p, "2027-03-01", {{"cns3", "true"}}), "b").first == d("2027-03-30"));
}

TEST_CASE("planner: an order that depends on a parameter", "[conditions][deps]") {
    // b after a for most patients, a after b with cns3: no cycle for any one patient.
    dependency ab = fs("a", "b");
    ab.when = when_cns3("false");
    dependency ba = fs("b", "a");
    ba.when = when_cns3("true");
    const protocol p = make_protocol({make_phase("a", "7d"), make_phase("b", "14d")}, {ab, ba});
    const auto usual = plan(p);
    CHECK(only(usual, "a").first == d("2027-03-01"));
    CHECK(only(usual, "b").first == d("2027-03-08"));
    CHECK(planner(p, {}).order() == std::vector<std::string>{"a", "b"});
    const auto cns3 = plan(p, "2027-03-01", {{"cns3", "true"}});
    CHECK(only(cns3, "b").first == d("2027-03-01"));
    CHECK(only(cns3, "a").first == d("2027-03-15"));
    CHECK(planner(p, {{"cns3", "true"}}).order() == std::vector<std::string>{"b", "a"});
}

TEST_CASE("planner: activity conditions", "[conditions]") {
    phase p = make_phase("a", "29d", {act("cranial", "15", category::radiation)});
    p.activities[1].when = when_cns3("true");
    const protocol proto = make_protocol({p});
    CHECK(events(plan(proto), "cranial").empty());
    CHECK(events(plan(proto, "2027-03-01", {{"cns3", "true"}}), "cranial").at(0).date == d("2027-03-15"));
}

TEST_CASE("planner: weekday-only activities and a number of times", "[activities]") {
    // Two 14-day cycles: 10 fractions on the weekdays from Day 1, the first 3 of Days 1-14, and a
    // hospital stay on the weekdays of Days 1-10.
    activity rt = act("rt", "1-14", category::radiation);
    rt.weekdays_only = true;
    rt.at_most = 10;
    activity listed = act("listed", "1-14");
    listed.at_most = 3;
    activity stay = continuous("stay", "1-10", category::hospital_stay);
    stay.weekdays_only = true;
    const protocol p = make_protocol({repeated(make_phase("rt", "14d", {rt, listed, stay}), 2)});

    // From Thursday 2027-03-04: Thu, Fri, Mon-Fri, Mon-Wed.
    const auto thu = plan(p, "2027-03-04");
    const auto first = [](const std::vector<event>& all) {
        std::vector<event> out;
        for (const auto& e : all)
            if (e.cycle == 1) out.push_back(e);
        return out;
    };
    const auto rt_thu = first(events(thu, "rt"));
    REQUIRE(rt_thu.size() == 10);
    std::vector<std::int32_t> days;
    for (const auto& e : rt_thu) days.push_back(e.day);
    CHECK(days == std::vector<std::int32_t>{1, 2, 5, 6, 7, 8, 9, 12, 13, 14});
    CHECK(rt_thu.front().date == d("2027-03-04"));
    CHECK(rt_thu.back().date == d("2027-03-17"));
    // Each cycle counts its own weekdays: cycle 2 starts on Thursday 03-18 too, 10 again.
    CHECK(events(thu, "rt").size() == 20);
    for (const auto& e : events(thu, "rt")) {
        const date::weekday wd{e.date};
        CHECK((wd != date::Saturday && wd != date::Sunday));
    }
    // From Monday: the first 10 weekdays are Days 1-5 and 8-12.
    days.clear();
    for (const auto& e : first(events(plan(p, "2027-03-01"), "rt"))) days.push_back(e.day);
    CHECK(days == std::vector<std::int32_t>{1, 2, 3, 4, 5, 8, 9, 10, 11, 12});
    // `times` alone keeps the first N listed days, weekends included.
    CHECK(dates(first(events(thu, "listed"))) ==
          std::vector<day_point>{d("2027-03-04"), d("2027-03-05"), d("2027-03-06")});
    // A continuous weekday activity breaks at each weekend: Days 1-10 from Thursday 03-04 run to
    // Saturday 03-13, so Thu-Fri and Mon-Fri.
    std::vector<std::pair<day_point, day_point>> runs;
    for (const auto& x : spans(thu, "stay"))
        if (x.cycle == 1) runs.emplace_back(x.first, x.last);
    CHECK(runs == std::vector<std::pair<day_point, day_point>>{{d("2027-03-04"), d("2027-03-05")},
                                                               {d("2027-03-08"), d("2027-03-12")}});
}

TEST_CASE("planner: a cut cycle keeps only the weekday days it still has", "[activities][cycles]") {
    activity rt = act("rt", "1-14", category::radiation);
    rt.weekdays_only = true;
    rt.at_most = 10;
    phase course = make_phase("course", "14d", {rt});
    course.repeat = repeat_rule{};
    course.repeat->until = {until("3w", at("", anchor::edge::start))};
    const auto s = plan(make_protocol({course}), "2027-03-01");
    const auto occ = occurrences(s, "course");
    REQUIRE(occ.size() == 2);
    CHECK(occ[1].ending == ending_reason::limit);
    CHECK(occ[1].last == d("2027-03-21"));
    // Cycle 2 runs Mon 03-15 to Sun 03-21: five weekdays left of the ten.
    std::size_t second = 0;
    for (const auto& e : events(s, "rt")) second += e.cycle == 2 ? 1 : 0;
    CHECK(second == 5);
}

// ---------------------------------------------------------------------------------------
// Tracks

TEST_CASE("planner: tracks span phases", "[tracks]") {
    phase x = make_phase("x", "14d");
    x.when = when_cns3("true");
    protocol p = make_protocol({make_phase("induction", "5w"), repeated(make_phase("maint", "4w"), 3), x},
                               {fs("induction", "maint"), fs("induction", "x")});
    p.tracks = {
        {"tki", category::targeted, at("induction", anchor::edge::day, 15), at("maint", anchor::edge::end), {}, "daily"},
        {"cycle2", category::targeted, at("maint", anchor::edge::start, 0, 2), at("maint", anchor::edge::end, 0, 2), {}, ""},
        {"cns-only", category::radiation, at("induction", anchor::edge::start), at("induction", anchor::edge::end),
         when_cns3("true"), ""},
        {"from-x", category::targeted, at("x", anchor::edge::start), at("maint", anchor::edge::end, 0, 1), {}, ""},
        {"from-plan", category::targeted, at("", anchor::edge::start), at("induction", anchor::edge::end), {}, ""},
    };
    const auto s = plan(p);
    // induction Mar 1..Apr 4 (35 days); maint cycles Apr 5..May 2, May 3..May 30, May 31..Jun 27.
    const auto tki = spans(s, "tki");
    REQUIRE(tki.size() == 1);
    CHECK(tki[0].first == d("2027-03-15"));  // Day 15
    CHECK(tki[0].last == d("2027-06-27"));   // end of the last cycle
    CHECK(tki[0].phase.empty());
    CHECK(tki[0].note == "daily");
    CHECK(tki[0].days() == 105);  // 17 + 30 + 31 + 27
    CHECK(spans(s, "cycle2").at(0).first == d("2027-05-03"));
    CHECK(spans(s, "cycle2").at(0).last == d("2027-05-30"));
    CHECK(spans(s, "cns-only").empty());
    CHECK(spans(s, "from-x").at(0).first == d("2027-04-05"));  // x collapses onto the day after induction
    CHECK(spans(s, "from-x").at(0).last == d("2027-05-02"));
    CHECK(spans(s, "from-plan").at(0).first == d("2027-03-01"));
    CHECK(spans(s, "from-plan").at(0).last == d("2027-04-04"));
    CHECK(spans(plan(p, "2027-03-01", {{"cns3", "true"}}), "cns-only").size() == 1);
}

// ---------------------------------------------------------------------------------------
// Actual dates

TEST_CASE("planner: actual delay moves downstream, not upstream", "[actuals]") {
    const protocol p = make_protocol(
        {make_phase("a", "7d"), make_phase("b", "7d", {act("vcr", "2")}), make_phase("c", "7d"), make_phase("d", "7d")},
        {fs("a", "b"), fs("b", "c")});
    const auto s = plan(p, "2027-03-01", {}, {delayed("b", 3)});
    CHECK(only(s, "a").first == d("2027-03-01"));
    CHECK(only(s, "b").first == d("2027-03-11"));  // planned Mar 8, 3 days late
    CHECK(only(s, "b").last == d("2027-03-17"));
    CHECK(only(s, "c").first == d("2027-03-18"));
    CHECK(only(s, "d").first == d("2027-03-01"));
    CHECK(events(s, "vcr").at(0).date == d("2027-03-12"));

    const auto given = plan(p, "2027-03-01", {}, {started("b", "2027-04-01")});
    CHECK(only(given, "a").last == d("2027-03-07"));
    CHECK(only(given, "c").first == d("2027-04-08"));
}

TEST_CASE("planner: actual date for a later cycle", "[actuals][cycles]") {
    const protocol p = make_protocol({repeated(make_phase("course", "21d"), 3), make_phase("after", "7d")},
                                     {fs("course", "after")});
    const auto s = plan(p, "2027-03-01", {}, {started("course", "2027-04-01", 2)});
    const auto occ = occurrences(s, "course");
    REQUIRE(occ.size() == 3);
    CHECK(occ[0].first == d("2027-03-01"));
    CHECK(occ[0].last == d("2027-03-21"));
    CHECK(occ[1].first == d("2027-04-01"));
    CHECK(occ[2].first == d("2027-04-22"));
    CHECK(occ[2].last == d("2027-05-12"));  // Apr 22 + 20
    CHECK(only(s, "after").first == d("2027-05-13"));
}

TEST_CASE("planner: an actual date clears a gate's tentativeness", "[actuals][tentative]") {
    dependency gated = fs("a", "b");
    gated.gate = "counts";
    const protocol p = make_protocol({make_phase("a", "7d"), make_phase("b", "7d"), make_phase("c", "7d")},
                                     {gated, fs("b", "c")});
    const auto s = plan(p, "2027-03-01", {}, {started("b", "2027-03-10")});
    CHECK_FALSE(only(s, "b").tentative);
    CHECK_FALSE(only(s, "c").tentative);
    CHECK(only(s, "c").first == d("2027-03-17"));
}

TEST_CASE("planner: actual dates for unknown phases or cycles", "[actuals][errors]") {
    phase x = make_phase("x", "7d");
    x.when = when_cns3("true");
    const protocol p = make_protocol({repeated(make_phase("course", "21d"), 3), x});
    CHECK_THROWS_AS(plan(p, "2027-03-01", {}, {delayed("zzz", 1)}), planning_error);
    CHECK_THROWS_WITH(plan(p, "2027-03-01", {}, {delayed("zzz", 1)}), Catch::Contains("\"zzz\""));
    CHECK_THROWS_WITH(plan(p, "2027-03-01", {}, {delayed("course", 1, 5)}),
                      Catch::Contains("\"course\"") && Catch::Contains("cycle 5"));
    CHECK_THROWS_AS(plan(p, "2027-03-01", {}, {delayed("x", 1)}), planning_error);
    CHECK_THROWS_AS(plan(p, "2027-03-01", {}, {delayed("course", 1), delayed("course", 2, 1)}), planning_error);
}

TEST_CASE("planner: no actual date or delay moves a phase before the plan start", "[actuals][errors]") {
    const protocol p = make_protocol({repeated(make_phase("course", "21d"), 3), make_phase("after", "7d")},
                                     {fs("course", "after")});
    CHECK_THROWS_AS(plan(p, "2027-03-01", {}, {started("after", "2020-01-01")}), planning_error);
    CHECK_THROWS_WITH(plan(p, "2027-03-01", {}, {started("after", "2027-02-28")}),
                      "actual start of phase \"after\" on 2027-02-28: before the plan starts on 2027-03-01");
    CHECK_THROWS_WITH(plan(p, "2027-03-01", {}, {delayed("course", -1)}),
                      "delay of phase \"course\" by -1 days: it would start on 2027-02-28, before the "
                      "plan starts on 2027-03-01");
    CHECK_THROWS_WITH(plan(p, "2027-03-01", {}, {delayed("course", -43, 3)}),
                      Catch::Contains("cycle 3 by -43 days") && Catch::Contains("2027-02-28"));
    // The plan start itself, and any day after it, are fine.
    CHECK(only(plan(p, "2027-03-01", {}, {started("after", "2027-03-01")}), "after").first ==
          d("2027-03-01"));
    const auto early = occurrences(plan(p, "2027-03-01", {}, {delayed("course", -42, 3)}), "course");
    CHECK(std::any_of(early.begin(), early.end(),
                      [](const phase_occurrence& o) { return o.cycle == 3 && o.first == d("2027-03-01"); }));
}

// ---------------------------------------------------------------------------------------
// Clinic calendar

TEST_CASE("planner: clinic calendar shifts events", "[calendar]") {
    REQUIRE(date::weekday{d("2027-03-06")} == date::Saturday);
    const protocol p = make_protocol({make_phase(
        "a", "14d",
        {act("chemo", "6"), act("echo", "7", category::assessment), act("note", "6", category::milestone),
         continuous("stay", "5-8", category::hospital_stay)})});
    clinic_calendar cal;
    cal.closed_weekdays[0] = true;  // Sunday
    cal.closed_weekdays[6] = true;  // Saturday
    cal.holidays = {d("2027-03-08")};
    cal.rules = {{category::chemotherapy, shift_rule::next_open}, {category::assessment, shift_rule::previous_open}};
    CHECK(cal.is_open(d("2027-03-05")));
    CHECK_FALSE(cal.is_open(d("2027-03-07")));
    CHECK_FALSE(cal.is_open(d("2027-03-08")));

    const auto s = plan(p, "2027-03-01", {}, {}, cal);
    const auto chemo = events(s, "chemo").at(0);
    CHECK(chemo.date == d("2027-03-09"));  // Sat -> past Sun and the Monday holiday -> Tue
    CHECK(chemo.planned_date == d("2027-03-06"));
    const auto echo = events(s, "echo").at(0);
    CHECK(echo.date == d("2027-03-05"));  // Sun -> back to Fri
    CHECK(echo.planned_date == d("2027-03-07"));
    const auto note = events(s, "note").at(0);
    CHECK(note.date == d("2027-03-06"));  // default rule: keep
    CHECK_FALSE(note.planned_date);
    CHECK_FALSE(events(s, "start").at(0).planned_date);  // Monday: open
    CHECK(spans(s, "stay").at(0).first == d("2027-03-05"));
    CHECK(spans(s, "stay").at(0).last == d("2027-03-08"));
    CHECK(only(s, "a").first == d("2027-03-01"));
    // Events stay in date order after moving.
    CHECK(std::is_sorted(s.events().begin(), s.events().end(),
                         [](const event& x, const event& y) { return x.date < y.date; }));

    clinic_calendar never;
    never.closed_weekdays.fill(true);
    never.default_rule = shift_rule::next_open;
    CHECK_THROWS_AS(plan(p, "2027-03-01", {}, {}, never), planning_error);
}

// ---------------------------------------------------------------------------------------
// Validation, ranges, parameters, output

TEST_CASE("planner: a dependency cycle is a validation error naming the phases", "[errors]") {
    const protocol p = make_protocol({make_phase("a", "7d"), make_phase("b", "7d"), make_phase("c", "7d")},
                                     {fs("a", "b"), fs("b", "c"), fs("c", "a")});
    CHECK_THROWS_AS(planner(p, {}), validation_error);
    CHECK_THROWS_WITH(planner(p, {}), Catch::Contains("a -> b -> c -> a"));
}

TEST_CASE("planner: dates past 9999-12-31", "[range][errors]") {
    const protocol two_years = make_protocol({make_phase("long", "2y")});
    CHECK_THROWS_AS(plan(two_years, "9999-06-01"), planning_error);
    CHECK_THROWS_WITH(plan(two_years, "9999-06-01"), Catch::Contains("\"long\"") && Catch::Contains("9999-12-31"));

    // Ending on the last plannable day is fine; one more cycle is not.
    const protocol yearly = make_protocol({repeated(make_phase("y", "1y"), 5)});
    CHECK(occurrences(plan(yearly, "9995-01-01"), "y").back().last == d("9999-12-31"));
    CHECK_THROWS_AS(plan(make_protocol({repeated(make_phase("y", "1y"), 6)}), "9995-01-01"), planning_error);

    const protocol lagged = make_protocol({make_phase("a", "7d"), make_phase("b", "7d")}, {fs("a", "b", "10y")});
    CHECK_THROWS_WITH(plan(lagged, "9995-01-01"), Catch::Contains("\"b\""));
}

TEST_CASE("planner: parameters are resolved and checked", "[parameters]") {
    const protocol p = make_protocol({make_phase("a", "7d")});
    CHECK(planner(p, {}).values() == parameter_values{{"cns3", "false"}});
    CHECK(planner(p, {{"cns3", "yes"}}).values().at("cns3") == "true");
    CHECK_THROWS_AS(planner(p, {{"risk", "high"}}), parameter_error);
    CHECK_THROWS_WITH(planner(p, {{"risk", "high"}}), Catch::Contains("declared: cns3"));
    CHECK_THROWS_AS(planner(p, {{"cns3", "perhaps"}}), parameter_error);
    CHECK(plan(p, "2027-03-01", {{"cns3", "no"}}).parameters().at("cns3") ==
          typed_value{parameter_type::boolean, "false"});
}

TEST_CASE("planner: ties keep protocol order", "[order]") {
    // "late" is listed first but planned after "early" (it depends on it); both start Mar 1.
    const protocol p = make_protocol({make_phase("late", "7d"), make_phase("early", "7d")}, {ss("early", "late", 1)});
    CHECK(planner(p, {}).order() == std::vector<std::string>{"early", "late"});
    const auto s = plan(p);
    CHECK(s.phases().at(0).phase == "late");
    CHECK(s.events().at(0).phase == "late");
    CHECK(s.events().at(1).phase == "early");
}

TEST_CASE("planner: plans are reusable and deterministic", "[output]") {
    const protocol p = make_protocol({make_phase("a", "29d", {act("vcr", "1,8")}), repeated(make_phase("b", "21d"), 2)},
                                     {fs("a", "b")});
    const planner pl(p, {});
    const auto first = pl.plan(d("2027-03-01"));
    CHECK(pl.plan(d("2027-03-01")) == first);
    CHECK(pl.plan(d("2027-04-01")).start() == d("2027-04-01"));
    CHECK(only(pl.plan(d("2027-04-01")), "a").last == d("2027-04-29"));
    CHECK(first.protocol().id == "test");
    CHECK(first.protocol().title == "Test protocol");
    CHECK(first.protocol().version == "1");
    CHECK(first.end() == d("2027-05-10"));  // b: Mar 30..Apr 19, Apr 20..May 10

    profile pr;
    pr.start = d("2027-03-01");
    CHECK(make_schedule(p, pr) == first);
}
