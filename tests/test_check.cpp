#include <ttplan/model.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace {

using ttplan::anchor;
using ttplan::length;
using unit = ttplan::length::unit;

ttplan::activity act(std::string name, const char* days) {
    ttplan::activity a;
    a.name = std::move(name);
    a.days = ttplan::day_pattern::parse(days);
    return a;
}

ttplan::phase make_phase(std::string id, length len, const char* days = "1") {
    ttplan::phase ph;
    ph.id = id;
    ph.name = id;
    ph.duration = len;
    ph.activities.push_back(act("Drug", days));
    return ph;
}

// A valid protocol: induction -> consolidation (start-to-start Day 36) -> maintenance (repeats
// until 2y from the start of consolidation), with a bool and a choice parameter.
ttplan::protocol valid() {
    ttplan::protocol p;
    p.id = "checked";
    p.title = "Checked";
    ttplan::parameter flag;
    flag.name = "ph_positive";
    flag.default_value = "false";
    ttplan::parameter choice;
    choice.name = "tki";
    choice.type = ttplan::parameter_type::choice;
    choice.choices = {"imatinib", "dasatinib"};
    choice.default_value = "imatinib";
    ttplan::parameter age;
    age.name = "age";
    age.type = ttplan::parameter_type::integer;
    age.minimum = 1;
    age.maximum = 120;
    age.default_value = "10";
    p.parameters = {flag, choice, age};
    p.phases.push_back(make_phase("induction", {29, unit::days}, "1,8,15,22"));
    p.phases.push_back(make_phase("consolidation", {4, unit::weeks}));
    p.phases.push_back(make_phase("maintenance", {84, unit::days}, "1-84"));
    ttplan::repeat_rule r;
    r.until.push_back({{2, unit::years}, anchor{"consolidation", anchor::edge::start, 0, {}}, {}});
    p.phases[2].repeat = r;
    ttplan::dependency d1;
    d1.from = "induction";
    d1.to = "consolidation";
    d1.type = ttplan::dependency_type::start_to_start;
    d1.on_day = 36;
    ttplan::dependency d2;
    d2.from = "consolidation";
    d2.to = "maintenance";
    p.dependencies = {d1, d2};
    ttplan::track t;
    t.name = "Imatinib (daily)";
    t.from = anchor{"induction", anchor::edge::day, 15, {}};
    t.to = anchor{"maintenance", anchor::edge::end, 0, {}};
    t.when.all_of["ph_positive"] = {"true"};
    p.tracks.push_back(t);
    return p;
}

std::string listing(const std::vector<ttplan::problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
}

bool has(const std::vector<ttplan::problem>& problems, const std::string& pointer, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const ttplan::problem& p) {
        return p.where.pointer == pointer && p.message.find(text) != std::string::npos;
    });
}

// The protocol has exactly one problem, at `pointer`, mentioning `text`.
void require_only(const ttplan::protocol& p, const std::string& pointer, const std::string& text) {
    const auto problems = ttplan::check(p);
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == pointer);
    CHECK(problems[0].message.find(text) != std::string::npos);
}

}  // namespace

TEST_CASE("check: a valid protocol has no problems", "[check]") {
    const auto problems = ttplan::check(valid());
    INFO(listing(problems));
    CHECK(problems.empty());
}

TEST_CASE("check: ids", "[check][ids]") {
    auto p = valid();
    p.phases[1].id = "induction";
    p.dependencies.clear();
    p.phases[2].repeat->until[0].from.phase = "induction";
    require_only(p, "/phases/1/id", "duplicate phase id \"induction\"");

    p = valid();
    p.phases[0].id = "";
    auto problems = ttplan::check(p);
    CHECK(has(problems, "/phases/0/id", "phase id is empty"));

    p = valid();
    p.phases[1].id = "Consolidation";
    p.dependencies.clear();
    p.phases[2].repeat->until[0].from = {};
    require_only(p, "/phases/1/id", "must start with a-z or 0-9");

    p = valid();
    p.id = "";
    require_only(p, "/id", "protocol id is empty");

    p = valid();
    p.phases.clear();
    p.dependencies.clear();
    p.tracks.clear();
    require_only(p, "/phases", "no phases");
}

TEST_CASE("check: parameters", "[check][parameters]") {
    auto p = valid();
    p.parameters[1].name = "ph_positive";
    p.tracks.clear();
    require_only(p, "/parameters/1/name", "duplicate parameter name");

    p = valid();
    p.parameters[1].choices.clear();
    auto problems = ttplan::check(p);
    CHECK(has(problems, "/parameters/1/choices", "needs choices"));

    p = valid();
    p.parameters[1].default_value = "nilotinib";
    require_only(p, "/parameters/1/default", "not one of the choices");

    p = valid();
    p.parameters[0].default_value = "yes";
    require_only(p, "/parameters/0/default", "not true or false");

    p = valid();
    p.parameters[2].default_value = "121";
    require_only(p, "/parameters/2/default", "from 1 to 120");

    p = valid();
    p.parameters[2].minimum = 200;
    problems = ttplan::check(p);
    CHECK(has(problems, "/parameters/2/maximum", "below minimum"));

    p = valid();
    p.parameters[0].choices = {"x"};
    require_only(p, "/parameters/0/choices", "only choice parameters");

    p = valid();
    p.parameters[1].choices.push_back("imatinib");
    require_only(p, "/parameters/1/choices/2", "duplicate choice");

    p = valid();
    p.parameters[0].name = "Ph+";
    p.tracks.clear();
    require_only(p, "/parameters/0/name", "must start with a-z");
}

TEST_CASE("check: lengths", "[check][lengths]") {
    for (const length bad : {length{0, unit::days}, length{-1, unit::weeks}, length{11, unit::years},
                             length{3653, unit::days}, length{121, unit::months}}) {
        INFO(bad.to_string());
        auto p = valid();
        p.phases[1].duration = bad;
        require_only(p, "/phases/1/length", "length");
    }
    auto p = valid();
    p.phases[1].duration = length{10, unit::years};
    CHECK(ttplan::check(p).empty());

    p = valid();
    p.phases[2].repeat->first_cycle = length{0, unit::days};
    require_only(p, "/phases/2/repeat/first_cycle_length", "positive");

    p = valid();
    p.phases[2].repeat->until[0].limit = length{21, unit::years};
    require_only(p, "/phases/2/repeat/until/0/length", "longer than 20 years");

    p = valid();
    p.phases[2].repeat->until[0].limit = length{-2, unit::years};
    require_only(p, "/phases/2/repeat/until/0/length", "positive");
}

TEST_CASE("check: repeats", "[check][cycles]") {
    auto p = valid();
    p.phases[2].repeat->until.clear();
    require_only(p, "/phases/2/repeat", "repeat has no bound");

    p.phases[2].repeat->count = 0;
    auto problems = ttplan::check(p);
    CHECK(has(problems, "/phases/2/repeat/count", "from 1 to 1000"));

    p.phases[2].repeat->count = 1001;
    require_only(p, "/phases/2/repeat/count", "from 1 to 1000");

    p.phases[2].repeat->count = 1000;
    CHECK(ttplan::check(p).empty());

    p = valid();
    p.phases[2].repeat->variants = {"A", "A"};
    require_only(p, "/phases/2/repeat/variants/1", "duplicate variant");

    p = valid();
    p.phases[2].activities[0].variants = {"A"};
    require_only(p, "/phases/2/activities/0/variants/0", "has no variants");

    p.phases[2].repeat->variants = {"B", "C"};
    require_only(p, "/phases/2/activities/0/variants/0", "unknown variant \"A\" (variants: B, C)");

    p = valid();
    p.phases[1].activities[0].cycles = ttplan::day_pattern::parse("1-4");
    require_only(p, "/phases/1/activities/0/cycles", "does not repeat");

    p = valid();
    p.phases[2].activities[0].cycles = ttplan::day_pattern::parse("0-4");
    require_only(p, "/phases/2/activities/0/cycles", "start at 1");
}

TEST_CASE("check: a phase numbered from Day 36", "[check][days]") {
    // Protocol IB is Days 36-64 of Protocol I; its days, anchors and start-to-start days are
    // checked against its own numbering.
    auto p = valid();
    p.phases[1].first_day = 36;
    p.phases[1].duration = length{29, unit::days};
    p.phases[1].activities[0].days = ttplan::day_pattern::parse("36-64");
    p.dependencies[1].type = ttplan::dependency_type::start_to_start;
    p.dependencies[1].on_day = 36;
    p.tracks[0].from = anchor{"consolidation", anchor::edge::day, 40, {}};
    p.phases[2].repeat->until[0].from = anchor{"consolidation", anchor::edge::day, 40, {}};
    auto problems = ttplan::check(p);
    INFO(listing(problems));
    CHECK(problems.empty());

    auto q = p;
    q.phases[1].activities[0].days = ttplan::day_pattern::parse("1, 36-64");
    require_only(q, "/phases/1/activities/0/days", "day 1 comes before the phase's first day (36)");
    q = p;
    q.phases[1].activities[0].days = ttplan::day_pattern::parse("36-65");
    require_only(q, "/phases/1/activities/0/days", "day 65 comes after the phase's last day (64)");
    q = p;
    q.tracks[0].from.day = 35;
    require_only(q, "/tracks/0/from/day", "day 35 is outside phase \"consolidation\" (days start at 36)");
    q = p;
    q.phases[2].repeat->until[0].from.day = 1;
    require_only(q, "/phases/2/repeat/until/0/from/day", "outside phase \"consolidation\"");
    q = p;
    q.dependencies[1].on_day = 35;
    require_only(q, "/dependencies/1/day", "day 35 is outside 36 to 3688");
    // Anchors and start-to-start days reach as far past a later first day as past Day 1.
    q.dependencies[1].on_day = 3688;
    q.tracks[0].from.day = 3688;
    CHECK(ttplan::check(q).empty());
    q.tracks[0].from.day = 3689;
    require_only(q, "/tracks/0/from/day", "outside phase");
}

TEST_CASE("check: activities", "[check][activities]") {
    auto p = valid();
    p.phases[1].activities.clear();
    require_only(p, "/phases/1/activities", "phase has no activities");

    p = valid();
    p.phases[1].activities[0].days = {};
    require_only(p, "/phases/1/activities/0/days", "activity has no days");

    p = valid();
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("0, 8");
    require_only(p, "/phases/0/activities/0/days", "before the phase's first day (1)");

    p = valid();
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("every 7 from 1 to 36");
    require_only(p, "/phases/0/activities/0/days", "day 36 comes after the phase's last day (29)");

    p = valid();
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("every 7 from 1 to 30");
    CHECK(ttplan::check(p).empty());  // day 29 is the last day of the pattern

    p = valid();
    p.phases[0].first_day = -7;
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("-7..-1, 1-21");
    CHECK(ttplan::check(p).empty());

    p.phases[0].first_day = 2;
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("2-21");
    CHECK(ttplan::check(p).empty());

    p.phases[0].first_day = 1'000'001;  // no day pattern reaches it
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("1000000");
    auto problems = ttplan::check(p);
    CHECK(has(problems, "/phases/0/first_day", "first day must be from -1000000 to 1000000 (found 1000001)"));
    p.phases[0].first_day = -1'000'001;
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("-1000000");
    require_only(p, "/phases/0/first_day", "first day must be from -1000000 to 1000000");
    p.phases[0].first_day = -1'000'000;
    CHECK(ttplan::check(p).empty());

    p = valid();
    p.phases[0].activities[0].name.clear();
    require_only(p, "/phases/0/activities/0/name", "empty");
}

TEST_CASE("check: dependencies", "[check][dependencies]") {
    auto p = valid();
    p.dependencies[1].to = "intensification";
    require_only(p, "/dependencies/1/to",
                 "unknown phase \"intensification\" (phases: induction, consolidation, maintenance)");

    p = valid();
    p.dependencies[0].from = "diagnosis";
    auto problems = ttplan::check(p);
    CHECK(has(problems, "/dependencies/0/from", "unknown phase \"diagnosis\""));

    p = valid();
    p.dependencies[1].to = "consolidation";
    require_only(p, "/dependencies/1/to", "depends on itself");

    p = valid();
    p.dependencies[0].on_day = 0;
    require_only(p, "/dependencies/0/day", "outside");

    p = valid();
    p.dependencies[0].on_day = 5000;
    require_only(p, "/dependencies/0/day", "outside");

    p = valid();
    p.dependencies[1].on_day = 3;
    require_only(p, "/dependencies/1/day", "only to start-to-start");

    p = valid();
    p.dependencies[1].lag = length{-1, unit::days};
    require_only(p, "/dependencies/1/lag", "must not be negative");
}

TEST_CASE("check: a dependency cycle names its phases", "[check][dependencies]") {
    auto p = valid();
    ttplan::dependency back;
    back.from = "maintenance";
    back.to = "induction";
    p.dependencies.push_back(back);
    const auto problems = ttplan::check(p);
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    const std::string& m = problems[0].message;
    CHECK(m.rfind("dependency cycle: ", 0) == 0);
    for (const char* id : {"induction", "consolidation", "maintenance"}) {
        CHECK(m.find(id) != std::string::npos);
    }
    // "a -> b -> c -> a": the first phase closes the cycle.
    const std::string path = m.substr(std::string("dependency cycle: ").size());
    CHECK(path.substr(0, path.find(' ')) == path.substr(path.rfind(' ') + 1));
    CHECK(std::count(path.begin(), path.end(), '>') == 3);
    CHECK(problems[0].where.pointer.rfind("/dependencies/", 0) == 0);
}

namespace {

// induction_2 and induction_3 in an order that depends on the CNS status: CNS-negative
// patients get induction 2 first, CNS-positive ones induction 3.
ttplan::protocol conditional_order() {
    ttplan::protocol p;
    p.id = "order";
    p.title = "Order";
    ttplan::parameter cns;
    cns.name = "cns_status";
    cns.type = ttplan::parameter_type::choice;
    cns.choices = {"negative", "positive"};
    cns.default_value = "negative";
    ttplan::parameter risk;
    risk.name = "risk";
    risk.type = ttplan::parameter_type::integer;
    risk.minimum = 1;
    risk.maximum = 3;
    risk.default_value = "1";
    p.parameters = {cns, risk};
    p.phases.push_back(make_phase("induction_1", {4, unit::weeks}));
    p.phases.push_back(make_phase("induction_2", {4, unit::weeks}));
    p.phases.push_back(make_phase("induction_3", {4, unit::weeks}));
    ttplan::dependency first{"induction_1", "induction_2", {}, 1, {}, "", {}};
    ttplan::dependency two_three{"induction_2", "induction_3", {}, 1, {}, "", {}};
    two_three.when.all_of["cns_status"] = {"negative"};
    ttplan::dependency three_two{"induction_3", "induction_2", {}, 1, {}, "", {}};
    three_two.when.all_of["cns_status"] = {"positive"};
    p.dependencies = {first, two_three, three_two};
    return p;
}

}  // namespace

TEST_CASE("check: a cycle is an error only when some parameter values close it", "[check][dependencies]") {
    auto p = conditional_order();
    auto problems = ttplan::check(p);
    INFO(listing(problems));
    CHECK(problems.empty());

    // Both orders for CNS-positive patients: a real cycle, with the values that make it.
    p.dependencies[1].when.all_of["cns_status"] = {"negative", "positive"};
    require_only(p, "/dependencies/2",
                 "dependency cycle: induction_2 -> induction_3 -> induction_2 when cns_status=positive");

    // Integer values named in the conditions: risk 2 orders one way, 3 the other; risk 3 with
    // CNS-positive disease both ways.
    p = conditional_order();
    p.dependencies[1].when.all_of = {{"risk", {"2"}}};
    p.dependencies[2].when.all_of = {{"risk", {"3"}}};
    CHECK(ttplan::check(p).empty());
    p.dependencies[1].when.all_of = {{"risk", {"2", "3"}}};
    p.dependencies[2].when.all_of = {{"risk", {"3"}}, {"cns_status", {"positive"}}};
    require_only(
        p, "/dependencies/2",
        "dependency cycle: induction_2 -> induction_3 -> induction_2 when cns_status=positive, risk=3");

    // A cycle through an unconditional dependency and a conditional one.
    p = conditional_order();
    p.dependencies[2] = {"induction_3", "induction_1", {}, 1, {}, "", {{{"cns_status", {"positive"}}}}};
    p.dependencies[1].when.all_of.clear();
    require_only(p, "/dependencies/2",
                 "dependency cycle: induction_1 -> induction_2 -> induction_3 -> induction_1 when "
                 "cns_status=positive");

    // Unconditional: as before, without values.
    p.dependencies[2].when.all_of.clear();
    require_only(p, "/dependencies/2",
                 "dependency cycle: induction_1 -> induction_2 -> induction_3 -> induction_1");
    CHECK(ttplan::check(p)[0].message.find("when") == std::string::npos);
}

TEST_CASE("check: the cycle search branches only on what the cycle names", "[check][dependencies]") {
    // Thirty bool parameters on dependencies outside the cycle, listed first: a search over
    // every combination would take 2^30 steps.
    auto p = conditional_order();
    p.parameters.erase(p.parameters.begin());
    for (int i = 0; i < 30; ++i) {
        const std::string id = "extra_" + std::to_string(i);
        ttplan::parameter flag;
        flag.name = "flag_" + std::to_string(i);
        flag.default_value = "false";
        p.parameters.push_back(flag);
        p.phases.push_back(make_phase(id, {1, unit::weeks}));
        p.dependencies.push_back({"induction_3", id, {}, 1, {}, "", {{{flag.name, {"true"}}}}});
    }
    ttplan::parameter cns = conditional_order().parameters[0];
    p.parameters.push_back(cns);
    CHECK(ttplan::check(p).empty());
    p.dependencies[1].when.all_of.clear();
    require_only(p, "/dependencies/2", "induction_2 -> induction_3 -> induction_2 when cns_status=positive");
}

TEST_CASE("check: conditions", "[check][conditions]") {
    auto p = valid();
    p.phases[1].activities[0].when.all_of["cns"] = {"radiation"};
    require_only(p, "/phases/1/activities/0/when/cns",
                 "unknown parameter \"cns\" (declared: ph_positive, tki, age)");

    p = valid();
    p.tracks[0].when.all_of["tki"] = {"imatinib", "ponatinib"};
    require_only(p, "/tracks/0/when/tki/1", "\"ponatinib\" is not one of the choices");

    p = valid();
    p.dependencies[0].when.all_of["ph_positive"] = {"1"};
    require_only(p, "/dependencies/0/when/ph_positive/0", "not true or false");

    p = valid();
    p.phases[2].repeat->until[0].when.all_of["age"] = {"010"};
    require_only(p, "/phases/2/repeat/until/0/when/age/0", "not an integer");

    p = valid();
    p.phases[0].when.all_of["tki"] = {};
    require_only(p, "/phases/0/when/tki", "lists no values");

    p = valid();
    p.parameters.clear();
    require_only(p, "/tracks/0/when/ph_positive", "declares none");
}

TEST_CASE("check: anchors", "[check][anchors]") {
    auto p = valid();
    p.tracks[0].to.phase = "continuation";
    require_only(p, "/tracks/0/to/phase", "unknown phase \"continuation\"");

    p = valid();
    p.tracks[0].from = anchor{"", anchor::edge::day, 3, {}};
    require_only(p, "/tracks/0/from", "without \"phase\" is the plan start");

    p = valid();
    p.tracks[0].from = anchor{};
    CHECK(ttplan::check(p).empty());

    p = valid();
    p.tracks[0].from.day = 0;
    require_only(p, "/tracks/0/from/day", "outside phase \"induction\"");

    p = valid();
    p.tracks[0].from.cycle = 2;
    require_only(p, "/tracks/0/from/cycle", "does not repeat");

    p = valid();
    p.tracks[0].to.cycle = 0;
    require_only(p, "/tracks/0/to/cycle", "start at 1");

    p = valid();
    p.phases[2].repeat->until[0].from.phase = "im1";
    require_only(p, "/phases/2/repeat/until/0/from/phase", "unknown phase \"im1\"");
}

TEST_CASE("check: every problem is reported", "[check]") {
    auto p = valid();
    p.phases[0].duration = length{0, unit::days};
    p.phases[1].activities.clear();
    p.phases[2].repeat->until.clear();
    p.dependencies[1].to = "nowhere";
    p.tracks[0].when.all_of["colour"] = {"blue"};
    const auto problems = ttplan::check(p);
    INFO(listing(problems));
    CHECK(problems.size() == 5);
    CHECK(has(problems, "/phases/0/length", "positive"));
    CHECK(has(problems, "/phases/1/activities", "no activities"));
    CHECK(has(problems, "/phases/2/repeat", "no bound"));
    CHECK(has(problems, "/dependencies/1/to", "nowhere"));
    CHECK(has(problems, "/tracks/0/when/colour", "unknown parameter"));
    for (const auto& pr : problems) CHECK(pr.where.file.empty());
}

TEST_CASE("check: problems are located by JSON pointer alone, keys escaped", "[check][location]") {
    // The model knows no file: lines and columns are the I/O layer's to add.
    ttplan::protocol p = valid();
    p.phases[0].when.all_of["a/b~c"] = {"x"};
    p.dependencies[0].to = "nowhere";
    const auto problems = ttplan::check(p);
    INFO(listing(problems));
    CHECK(has(problems, "/phases/0/when/a~1b~0c", "unknown parameter \"a/b~c\""));
    CHECK(has(problems, "/dependencies/0/to", "nowhere"));
    for (const auto& problem : problems) {
        CHECK(problem.where.file.empty());
        CHECK(problem.where.line == 0);
        CHECK(problem.where.column == 0);
    }
}
