// Counts and lengths that depend on parameters, open-ended day patterns ("1-end") and phases
// that run until a limit: each rule checked against dates worked out by hand. 2027-01-04 is a
// Monday.
#include <ttplan/format.hpp>
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

// A version-2 protocol with these parameters and phases (JSON fragments).
std::string protocol_text(const std::string& parameters, const std::string& phases,
                          const std::string& rest = "") {
    return "{\n  \"format\": \"ttplan-protocol/2\",\n  \"id\": \"counts\",\n  \"title\": \"Counts\",\n"
           "  \"parameters\": [" +
           parameters + "],\n  \"phases\": [\n" + phases + "\n  ]" + (rest.empty() ? "" : ",\n" + rest) +
           "\n}\n";
}

schedule plan_text(const std::string& text, const parameter_values& values = {}) {
    return planner(parse_protocol(text), values).plan(d("2027-01-04"));
}

std::vector<const phase_occurrence*> occurrences(const schedule& s, const std::string& id) {
    std::vector<const phase_occurrence*> out;
    for (const auto& p : s.phases()) {
        if (p.phase == id) out.push_back(&p);
    }
    return out;
}
// The pointers point into the schedule: it must outlive them.
std::vector<const phase_occurrence*> occurrences(schedule&&, const std::string&) = delete;

std::vector<problem> problems_of(const std::string& text) {
    try {
        parse_protocol(text, "test.json");
    } catch (const validation_error& e) {
        return e.problems();
    }
    FAIL("expected a validation_error");
    return {};
}

std::string listing(const std::vector<problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
}

bool has(const std::vector<problem>& problems, const std::string& pointer, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const problem& p) {
        return p.where.pointer == pointer && p.message.find(text) != std::string::npos;
    });
}

int line_with(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
           1;
}

const std::string blina_parameter =
    R"({"name": "blinatumomab_cycles", "type": "integer", "minimum": 2, "maximum": 5, "default": 2})";
const std::string blina_phase = R"(    {"id": "blina", "name": "Blinatumomab", "length": "42d",
     "repeat": {"count": {"parameter": "blinatumomab_cycles"}},
     "activities": [{"name": "Blinatumomab", "category": "immunotherapy", "days": "1-28", "continuous": true}]})";

const std::string ino_parameters =
    R"({"name": "transplant_follows", "type": "bool", "default": true},
    {"name": "extra_cycle", "type": "bool", "default": false})";
const std::string ino_phase = R"(    {"id": "cycles", "name": "Cycles", "length": "28d",
     "repeat": {"count": 6, "first_cycle_length": "21d", "count_when": [
       {"when": {"transplant_follows": true, "extra_cycle": false}, "count": 2},
       {"when": {"transplant_follows": true, "extra_cycle": true}, "count": 3}]},
     "activities": [{"name": "Inotuzumab", "category": "immunotherapy", "days": "1,8,15"}]})";

const std::string maintenance_phases = R"(    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "maintenance", "name": "Maintenance", "until": {"length": "104w"},
     "activities": [
       {"name": "Mercaptopurine", "category": "chemotherapy", "days": "1-end", "continuous": true},
       {"name": "Methotrexate", "category": "chemotherapy", "days": "every 7 from 1 to end"}]})";
const std::string maintenance_rest = R"(  "dependencies": [{"from": "induction", "to": "maintenance"}])";

}  // namespace

TEST_CASE("counts: a count from an integer parameter, at its minimum and maximum", "[counts]") {
    const std::string text = protocol_text(blina_parameter, blina_phase);
    const schedule two = plan_text(text);
    const auto at_min = occurrences(two, "blina");
    REQUIRE(at_min.size() == 2);
    CHECK(at_min[1]->first == d("2027-02-15"));
    CHECK(at_min[1]->last == d("2027-03-28"));

    const schedule five = plan_text(text, {{"blinatumomab_cycles", "5"}});
    const auto at_max = occurrences(five, "blina");
    REQUIRE(at_max.size() == 5);
    CHECK(at_max[4]->cycle == 5);
    CHECK(at_max[4]->first == d("2027-06-21"));
    CHECK(at_max[4]->last == d("2027-08-01"));

    const protocol p = parse_protocol(text);
    CHECK(p.phases[0].repeat->count_parameter == "blinatumomab_cycles");
    CHECK_FALSE(p.phases[0].repeat->count);
    CHECK(p.phases[0].repeat->count_for({{"blinatumomab_cycles", "4"}}) == 4);
    CHECK(parse_protocol(to_json(p)) == p);
    CHECK(to_json(p).find(R"("count": {
          "parameter": "blinatumomab_cycles"
        })") != std::string::npos);
}

TEST_CASE("counts: count_when takes the first case that holds, else the count", "[counts]") {
    const std::string text = protocol_text(ino_parameters, ino_phase);
    const schedule plain = plan_text(text);
    const auto two = occurrences(plain, "cycles");
    REQUIRE(two.size() == 2);
    CHECK(two[0]->last == d("2027-01-24"));
    CHECK(two[1]->last == d("2027-02-21"));

    const schedule extra = plan_text(text, {{"extra_cycle", "true"}});
    const auto three = occurrences(extra, "cycles");
    REQUIRE(three.size() == 3);
    CHECK(three[2]->last == d("2027-03-21"));

    // No case holds: the fallback count of 6.
    const schedule fallback = plan_text(text, {{"transplant_follows", "false"}, {"extra_cycle", "true"}});
    CHECK(occurrences(fallback, "cycles").size() == 6);

    const protocol p = parse_protocol(text);
    REQUIRE(p.phases[0].repeat->count_when.size() == 2);
    CHECK(p.phases[0].repeat->count_when[1].count == 3);
    CHECK(parse_protocol(to_json(p)) == p);
}

TEST_CASE("counts: a count case may take its count from a parameter", "[counts]") {
    const std::string text =
        protocol_text(blina_parameter + R"(, {"name": "short", "type": "bool", "default": false})",
                      R"(    {"id": "blina", "name": "Blinatumomab", "length": "42d",
     "repeat": {"count": 1, "count_when": [{"when": {"short": false}, "count": {"parameter": "blinatumomab_cycles"}}]},
     "activities": [{"name": "Blinatumomab", "category": "immunotherapy", "days": "1-28", "continuous": true}]})");
    const schedule three = plan_text(text, {{"blinatumomab_cycles", "3"}});
    CHECK(occurrences(three, "blina").size() == 3);
    const schedule one = plan_text(text, {{"blinatumomab_cycles", "3"}, {"short", "true"}});
    CHECK(occurrences(one, "blina").size() == 1);
}

TEST_CASE("counts: a count parameter must be a declared integer from 1", "[counts][problems]") {
    const auto phase_with = [](const std::string& count) {
        return R"(    {"id": "blina", "name": "Blinatumomab", "length": "42d", "repeat": {"count": )" +
               count +
               R"(},
     "activities": [{"name": "Blinatumomab", "category": "immunotherapy", "days": "1-28"}]})";
    };
    const std::string params = R"({"name": "arm", "type": "choice", "choices": ["a", "b"], "default": "a"},
    {"name": "zero_based", "type": "integer", "minimum": 0, "maximum": 3, "default": 1})";
    {
        const auto problems = problems_of(protocol_text(params, phase_with(R"({"parameter": "cycles"})")));
        INFO(listing(problems));
        CHECK(has(problems, "/phases/0/repeat/count/parameter",
                  "unknown parameter \"cycles\" (declared: arm, zero_based)"));
    }
    {
        const auto problems = problems_of(protocol_text(params, phase_with(R"({"parameter": "arm"})")));
        INFO(listing(problems));
        CHECK(has(problems, "/phases/0/repeat/count/parameter", "parameter \"arm\" is not an integer"));
    }
    {
        const std::string text = protocol_text(params, phase_with(R"({"parameter": "zero_based"})"));
        const auto problems = problems_of(text);
        INFO(listing(problems));
        REQUIRE(has(problems, "/phases/0/repeat/count/parameter", "runs from 0 to 3"));
        CHECK(problems[0].where.line == line_with(text, "\"parameter\": \"zero_based\""));
    }
    {
        const auto problems = problems_of(protocol_text(params, phase_with(R"("six")")));
        INFO(listing(problems));
        CHECK(has(problems, "/phases/0/repeat/count", "expected an integer or {\"parameter\""));
    }
}

TEST_CASE("counts: length_when gives the phase its length, end patterns fill it", "[lengths]") {
    const std::string text = protocol_text(
        R"({"name": "label_rules", "type": "choice", "choices": ["2025", "pre-2025"], "default": "2025"})",
        R"(    {"id": "follow_up", "name": "Follow-up", "length": "14d", "first_day": 0,
     "length_when": [{"when": {"label_rules": "pre-2025"}, "length": "56d"}],
     "activities": [{"name": "No driving", "category": "restriction", "days": "0-end", "continuous": true},
                    {"name": "Near the centre", "category": "restriction", "days": "0-27", "continuous": true,
                     "when": {"label_rules": "pre-2025"}}]})");
    const schedule now = plan_text(text);
    REQUIRE(now.phases().size() == 1);
    CHECK(now.phases()[0].last == d("2027-01-17"));
    REQUIRE(now.spans().size() == 1);
    CHECK(now.spans()[0].last == d("2027-01-17"));
    CHECK(now.spans()[0].last_day == 13);

    const schedule before = plan_text(text, {{"label_rules", "pre-2025"}});
    CHECK(before.phases()[0].last == d("2027-02-28"));
    REQUIRE(before.spans().size() == 2);
    CHECK(before.spans()[0].last == d("2027-02-28"));
    CHECK(before.spans()[1].last == d("2027-01-31"));

    const protocol p = parse_protocol(text);
    CHECK(p.phases[0].length_for({{"label_rules", "pre-2025"}}) == length{56, length::unit::days});
    CHECK(p.phases[0].length_for({{"label_rules", "2025"}}) == length{14, length::unit::days});
    CHECK(parse_protocol(to_json(p)) == p);
}

TEST_CASE("counts: activity days are checked against the longest length the phase can have", "[lengths]") {
    const std::string text = protocol_text(R"({"name": "long", "type": "bool", "default": false})",
                                           R"(    {"id": "a", "name": "A", "length": "14d",
     "length_when": [{"when": {"long": true}, "length": "56d"}, {"when": {"long": false}, "length": "0d"}],
     "activities": [{"name": "X", "category": "restriction", "days": "1-57"}]})");
    const auto problems = problems_of(text);
    INFO(listing(problems));
    CHECK(has(problems, "/phases/0/activities/0/days", "day 57 comes after the phase's last day (56)"));
    CHECK(has(problems, "/phases/0/length_when/1/length", "length must be positive"));
}

TEST_CASE("counts: end in day patterns parses, prints and reads back", "[patterns]") {
    for (const char* text : {"1-end", "-7..end", "every 7 from 1 to end", "end", "1, 8, 29-end"}) {
        const day_pattern p = day_pattern::parse(text);
        CHECK(p.to_string() == text);
        CHECK(day_pattern::parse(p.to_string()) == p);
        CHECK(p.uses_end());
    }
    CHECK(day_pattern::parse("1..end") == day_pattern::parse("1-end"));
    CHECK(day_pattern::parse("every 7 from 1 to end").days_through(22) ==
          std::vector<std::int32_t>{1, 8, 15, 22});
    CHECK(day_pattern::parse("end, 1").days_through(5) == std::vector<std::int32_t>{1, 5});
    CHECK(day_pattern::parse("29..end").days_through(20).empty());
    CHECK(day_pattern::parse("1-28").days_through(3) == std::vector<std::int32_t>{1, 2, 3});
    CHECK_THROWS_AS(day_pattern::parse("1-end").days(), value_error);
    CHECK(day_pattern::parse("1-3").days() == std::vector<std::int32_t>{1, 2, 3});
    CHECK_THROWS_AS(day_pattern::parse("end-5"), value_error);
    CHECK_THROWS_AS(day_pattern::parse("ending"), value_error);
    CHECK_THROWS_AS(day_pattern::parse("every 7 from end to 9"), value_error);
}

TEST_CASE("counts: end is the last day of each cycle, of a cut one too", "[patterns]") {
    const std::string text = protocol_text("", R"(    {"id": "c", "name": "C", "length": "1mo",
     "repeat": {"until": {"length": "45d"}},
     "activities": [{"name": "Last day", "category": "assessment", "days": "end"}]})");
    const schedule s = plan_text(text);
    REQUIRE(s.events().size() == 2);
    CHECK(s.events()[0].date == d("2027-02-03"));  // cycle 1: 2027-01-04 to 2027-02-03 (31 days)
    CHECK(s.events()[0].day == 31);
    CHECK(s.events()[1].date == d("2027-02-17"));  // cycle 2 cut at 2027-01-04 + 45d - 1
    CHECK(s.events()[1].day == 14);
}

TEST_CASE("counts: end is not a cycle number", "[patterns][problems]") {
    const auto problems = problems_of(protocol_text("", R"(    {"id": "c", "name": "C", "length": "28d",
     "repeat": {"count": 3},
     "activities": [{"name": "X", "category": "assessment", "days": "1", "cycles": "2-end"}]})"));
    INFO(listing(problems));
    CHECK(has(problems, "/phases/0/activities/0/cycles", "\"end\" is for days within an occurrence"));
}

TEST_CASE("counts: a phase until a limit ends on the limit's last day, without cycles", "[until]") {
    const std::string text = protocol_text("", maintenance_phases, maintenance_rest);
    const schedule s = plan_text(text);
    const auto m = occurrences(s, "maintenance");
    REQUIRE(m.size() == 1);
    CHECK(m[0]->first == d("2027-02-02"));
    CHECK(m[0]->last == d("2028-12-31"));
    CHECK(m[0]->days() == 699);
    CHECK_FALSE(m[0]->cycle);
    CHECK(m[0]->ending == ending_reason::none);

    std::vector<const span*> mp;
    for (const span& sp : s.spans()) {
        if (sp.activity == "Mercaptopurine") mp.push_back(&sp);
    }
    REQUIRE(mp.size() == 1);
    CHECK(mp[0]->first == d("2027-02-02"));
    CHECK(mp[0]->last == d("2028-12-31"));
    std::vector<const event*> mtx;
    for (const event& e : s.events()) {
        if (e.activity == "Methotrexate") mtx.push_back(&e);
    }
    REQUIRE(mtx.size() == 100);
    CHECK(mtx.front()->date == d("2027-02-02"));
    CHECK(mtx.back()->day == 694);
    CHECK(mtx.back()->date == d("2028-12-26"));
    CHECK_FALSE(mtx.back()->cycle);

    // No cycle numbers anywhere in the JSON schedule for it.
    const auto json = nlohmann::json::parse(to_json(s));
    for (const auto& key : {"phases", "events", "spans"}) {
        for (const auto& item : json.at(key)) {
            // Phases carry their id as "id", events and spans their phase as "phase".
            const auto& phase = item.contains("phase") ? item.at("phase") : item.at("id");
            if (phase == "maintenance") CHECK(item.at("cycle").is_null());
        }
    }

    const protocol p = parse_protocol(text);
    CHECK(parse_protocol(to_json(p)) == p);
    CHECK(to_json(p).find("\"length\": \"104w\"") != std::string::npos);
    CHECK(nlohmann::json::parse(to_json(p)).at("phases").at(1).contains("length") == false);
}

TEST_CASE("counts: an until anchor on another phase orders it first", "[until]") {
    // Listed first, but measured from the end of induction: planned after it.
    const std::string text = protocol_text(
        "",
        R"(    {"id": "rest", "name": "Rest", "until": {"length": "2w", "from": {"phase": "induction", "at": "end"}},
     "activities": [{"name": "Rest", "category": "milestone", "days": "1"}]},
    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1"}]})");
    const schedule s = plan_text(text);
    const auto r = occurrences(s, "rest");
    REQUIRE(r.size() == 1);
    // Starts on the plan start and runs to 2027-02-01 (induction's last day) + 14 days - 1.
    CHECK(r[0]->first == d("2027-01-04"));
    CHECK(r[0]->last == d("2027-02-14"));
}

TEST_CASE("counts: length and until on one phase is a located error", "[until][problems]") {
    const std::string text = protocol_text("", R"(    {"id": "m", "name": "M",
     "length": "7d", "until": {"length": "104w"},
     "activities": [{"name": "X", "category": "chemotherapy", "days": "1-end"}]})");
    const auto problems = problems_of(text);
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases/0/length");
    CHECK(problems[0].where.file == "test.json");
    CHECK(problems[0].where.line == line_with(text, "\"length\": \"7d\""));
    CHECK(problems[0].message.find("the limit gives its length") != std::string::npos);

    const auto with_repeat = problems_of(protocol_text("", R"(    {"id": "m", "name": "M",
     "until": {"length": "104w"}, "repeat": {"count": 2},
     "activities": [{"name": "X", "category": "chemotherapy", "days": "1-end"}]})"));
    INFO(listing(with_repeat));
    CHECK(has(with_repeat, "/phases/0/until", "inside \"repeat\""));
}

TEST_CASE("counts: validation finds an until-phase that no rule bounds, with the values",
          "[until][validate]") {
    const std::string text =
        protocol_text(R"({"name": "arm", "type": "choice", "choices": ["long", "short"], "default": "long"})",
                      R"(    {"id": "m", "name": "Maintenance",
     "until": {"length": "2y", "when": {"arm": "long"}},
     "activities": [{"name": "X", "category": "chemotherapy", "days": "1-end", "continuous": true}]})");
    const auto problems = check_plans(parse_protocol(text));
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases/0/until");
    CHECK(problems[0].message ==
          "phase \"m\" has no length: it runs until a limit, and no \"until\" rule applies with these "
          "parameter "
          "values (with arm=short)");

    // validate_protocol_file() gives the line of the key in the file.
    const auto path = std::filesystem::temp_directory_path() / "ttplan-test-counts-until.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    const auto located = validate_protocol_file(path);
    std::filesystem::remove(path);
    REQUIRE(located.size() == 1);
    CHECK(located[0].where.line == line_with(text, "\"until\""));
}

TEST_CASE("counts: a limit that ends before its phase starts names both dates", "[until][validate]") {
    const std::string text =
        protocol_text("", R"(    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1"}]},
    {"id": "m", "name": "Maintenance", "until": {"length": "2w"},
     "activities": [{"name": "X", "category": "chemotherapy", "days": "1-end"}]})",
                      R"(  "dependencies": [{"from": "induction", "to": "m"}])");
    const auto problems = check_plans(parse_protocol(text));
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases/1/until/0");
    CHECK(problems[0].message.find("2000-01-14") != std::string::npos);
    CHECK(problems[0].message.find("2000-01-30") != std::string::npos);
}

TEST_CASE("counts: an until anchor on a phase planned later is an error naming both", "[until][validate]") {
    const std::string text =
        protocol_text("", R"(    {"id": "a", "name": "A", "until": {"length": "2w", "from": {"phase": "b"}},
     "activities": [{"name": "X", "category": "chemotherapy", "days": "1-end"}]},
    {"id": "b", "name": "B", "length": "7d",
     "activities": [{"name": "Y", "category": "chemotherapy", "days": "1"}]})",
                      R"(  "dependencies": [{"from": "a", "to": "b"}])");
    const auto problems = check_plans(parse_protocol(text));
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == "/phases/0/until/0/from");
    CHECK(problems[0].message.find("phase \"a\"") != std::string::npos);
    CHECK(problems[0].message.find("\"b\", which is planned after it") != std::string::npos);
}
