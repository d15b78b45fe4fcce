// Validation by planning: check_plans() and validate_protocol_file() find the problems that
// only some parameter values meet, located by pointer and line, with those values named.
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

std::string listing(const std::vector<ttplan::problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
}

// A protocol text around `parameters`, `phases` and the rest (dependencies, tracks).
std::string protocol_text(const std::string& parameters, const std::string& phases,
                          const std::string& rest = "") {
    return "{\n"
           "  \"format\": \"ttplan-protocol/1\",\n"
           "  \"id\": \"validated\",\n"
           "  \"title\": \"Validated\",\n"
           "  \"parameters\": [\n" +
           parameters + "\n  ],\n  \"phases\": [\n" + phases + "\n  ]" + (rest.empty() ? "" : ",\n" + rest) +
           "\n}\n";
}

const std::string induction = R"(    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]})";

// The problems validate_protocol_file() finds in `text`, written to a file.
std::vector<ttplan::problem> validate(const std::string& text, const std::string& name) {
    const auto path = std::filesystem::temp_directory_path() / ("ttplan-test-validate-" + name + ".json");
    {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    auto problems = ttplan::validate_protocol_file(path);
    std::filesystem::remove(path);
    return problems;
}

// The line of the first line of `text` holding `needle` (1-based).
int line_with(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
           1;
}

// `problems` has exactly one problem: at `pointer` on `line`, with exactly `message`.
void require_only(const std::vector<ttplan::problem>& problems, const std::string& pointer, int line,
                  const std::string& message) {
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.pointer == pointer);
    CHECK(problems[0].where.line == line);
    CHECK(problems[0].where.file.find("ttplan-test-validate-") != std::string::npos);
    CHECK(problems[0].message == message);
}

ttplan::planning_error planning_error_of(const ttplan::protocol& p, const ttplan::parameter_values& values) {
    try {
        ttplan::planner(p, values).plan(ttplan::plan_check_start);
    } catch (const ttplan::planning_error& e) {
        return e;
    }
    FAIL("expected a planning_error");
    return ttplan::planning_error("");
}

}  // namespace

TEST_CASE("validate: a repeat that no until rule bounds for one choice", "[validate]") {
    const std::string text = protocol_text(
        R"(    {"name": "arm", "type": "choice", "choices": ["short", "long"], "default": "long"})",
        induction + R"(,
    {"id": "maintenance", "name": "Maintenance", "length": "12w",
     "repeat": {"until": {"length": "2y", "when": {"arm": "long"}}},
     "activities": [{"name": "Mercaptopurine", "category": "chemotherapy", "days": "1-84", "continuous": true}]})",
        R"(  "dependencies": [{"from": "induction", "to": "maintenance"}])");
    // Planning with the default says nothing; the short arm fails, and `plan` says where.
    const ttplan::protocol p = ttplan::parse_protocol(text);
    CHECK_NOTHROW(ttplan::planner(p, {}).plan(ttplan::plan_check_start));
    const auto e = planning_error_of(p, {{"arm", "short"}});
    CHECK(e.where().pointer == "/phases/1/repeat");
    CHECK(e.message() ==
          "phase \"maintenance\" repeats without a bound: it has no count and no \"until\" rule applies with "
          "these "
          "parameter values");

    require_only(
        validate(text, "arm"), "/phases/1/repeat", line_with(text, "\"repeat\""),
        "phase \"maintenance\" repeats without a bound: it has no count and no \"until\" rule applies with "
        "these parameter values (with arm=short)");
}

TEST_CASE("validate: an until limit anchored on a phase one branch plans later", "[validate]") {
    const std::string text =
        protocol_text(R"(    {"name": "late", "type": "bool", "default": false})",
                      R"(    {"id": "maint", "name": "Maintenance", "length": "4w",
     "repeat": {"until": {"length": "1y", "from": {"phase": "follow"}}},
     "activities": [{"name": "Methotrexate", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "follow", "name": "Follow-up", "length": "1w",
     "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]})",
                      R"(  "dependencies": [{"from": "maint", "to": "follow", "when": {"late": true}}])");
    // The model's pointer has the list index of the one rule; the file's has none.
    const ttplan::protocol p = ttplan::parse_protocol(text);
    CHECK(planning_error_of(p, {{"late", "true"}}).where().pointer == "/phases/0/repeat/until/0/from");
    require_only(
        validate(text, "anchor"), "/phases/0/repeat/until/from", line_with(text, "\"from\": {\"phase\""),
        "phase \"maint\" is measured from phase \"follow\", which is planned after it (with late=true)");
}

TEST_CASE("validate: a track that ends before it starts for some integer values", "[validate]") {
    const std::string text = protocol_text(
        R"(    {"name": "age", "type": "integer", "minimum": 1, "maximum": 30, "default": 10})",
        induction + R"(,
    {"id": "consolidation", "name": "Consolidation", "length": "1w",
     "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1-4"}]})",
        R"(  "dependencies": [{"from": "induction", "to": "consolidation", "when": {"age": [18, 19]}}],
  "tracks": [
    {"activity": "Imatinib", "category": "targeted",
     "from": {"phase": "consolidation"}, "to": {"phase": "induction", "at": "end"}}
  ])");
    const ttplan::protocol p = ttplan::parse_protocol(text);
    CHECK(planning_error_of(p, {{"age", "18"}}).where().pointer == "/tracks/0");
    require_only(validate(text, "track"), "/tracks/0", line_with(text, "{\"activity\": \"Imatinib\""),
                 "track \"Imatinib\" ends on 2000-01-29, before it starts on 2000-01-30 (with age=18 or 19)");
}

TEST_CASE("validate: dates past 9999-12-31 for one value", "[validate][range]") {
    const std::string text =
        protocol_text(R"(    {"name": "extended", "type": "bool", "default": false})", induction + R"(,
    {"id": "follow_up", "name": "Follow-up", "length": "10y", "when": {"extended": true},
     "repeat": {"count": 1000},
     "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]})",
                      R"(  "dependencies": [{"from": "induction", "to": "follow_up"}])");
    require_only(validate(text, "range"), "/phases/1", line_with(text, "{\"id\": \"follow_up\""),
                 "phase \"follow_up\": dates past 9999-12-31 cannot be planned (with extended=true)");
}

TEST_CASE("validate: every problem once, with what its combinations share", "[validate]") {
    // Unbounded when x and y differ: no one value of either causes it.
    const std::string text = protocol_text(
        R"(    {"name": "x", "type": "bool", "default": false},
    {"name": "y", "type": "bool", "default": false},
    {"name": "age", "type": "integer", "minimum": 1, "maximum": 99, "default": 40},
    {"name": "arm", "type": "choice", "choices": ["a", "b", "c"], "default": "a"})",
        R"(    {"id": "odd", "name": "Odd", "length": "4w",
     "repeat": {"until": [{"length": "1y", "when": {"x": true, "y": true}}, {"length": "1y", "when": {"x": false, "y": false}}]},
     "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]},
    {"id": "aged", "name": "Aged", "length": "4w",
     "repeat": {"until": {"length": "1y", "when": {"age": [5, 6]}}},
     "activities": [{"name": "Visit", "category": "assessment", "days": "1", "when": {"arm": ["b", "c"]}}]})");
    const auto problems = validate(text, "shared");
    INFO(listing(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].where.pointer == "/phases/0/repeat");
    CHECK(problems[0].message ==
          "phase \"odd\" repeats without a bound: it has no count and no \"until\" rule applies with these "
          "parameter "
          "values (in 2 combinations: x=true, y=false; x=false, y=true)");
    // Every integer no condition names behaves alike: "other than" the ones that do.
    CHECK(problems[1].where.pointer == "/phases/1/repeat");
    CHECK(problems[1].message ==
          "phase \"aged\" repeats without a bound: it has no count and no \"until\" rule applies with these "
          "parameter "
          "values (with age other than 5 or 6)");
}

TEST_CASE("validate: too many combinations are said, and a reduced set is planned", "[validate][bound]") {
    // Thirteen bools named in conditions: 8192 combinations, more than the bound.
    std::string parameters;
    std::string activities;
    for (int i = 0; i < 13; ++i) {
        const std::string name = "flag_" + std::to_string(i);
        parameters += (i ? ",\n" : "") + std::string(R"(    {"name": ")") + name +
                      R"(", "type": "bool", "default": false})";
        activities += R"(, {"name": "Drug )" + std::to_string(i) +
                      R"(", "category": "chemotherapy", "days": "1", "when": {")" + name + R"(": true}})";
    }
    const std::string text =
        protocol_text(parameters, R"(    {"id": "maint", "name": "Maintenance", "length": "4w",
     "repeat": {"until": {"length": "1y", "when": {"flag_12": false}}},
     "activities": [{"name": "Visit", "category": "assessment", "days": "1"})" +
                                      activities + "]}");
    STATIC_REQUIRE(ttplan::plan_check_max_combinations == 4096);
    const auto problems = validate(text, "bound");
    INFO(listing(problems));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].where.pointer == "/parameters");
    CHECK(problems[0].where.line == line_with(text, "\"parameters\""));
    CHECK(problems[0].message ==
          "the parameters have 8192 combinations of the values that change a plan, more than the 4096 "
          "validation "
          "plans: only the defaults and each parameter's values one at a time were planned (14 plans)");
    // The reduced set still finds what one value alone causes.
    CHECK(problems[1].where.pointer == "/phases/0/repeat");
    CHECK(problems[1].message.find("without a bound") != std::string::npos);
    CHECK(problems[1].message.find("flag_12=true") != std::string::npos);
}

TEST_CASE("validate: check_plans gives check()'s problems for an invalid protocol", "[validate]") {
    ttplan::protocol p = ttplan::load_builtin("all-overview");
    p.phases[0].duration = ttplan::length{0, ttplan::length::unit::days};
    const auto problems = ttplan::check_plans(p);
    REQUIRE_FALSE(problems.empty());
    const auto checked = ttplan::check(p);
    REQUIRE(problems.size() == checked.size());
    for (std::size_t i = 0; i < problems.size(); ++i)
        CHECK(problems[i].to_string() == checked[i].to_string());
}

TEST_CASE("validate: planning errors the inputs cause carry no pointer", "[validate][location]") {
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    try {
        ttplan::planner(p, {}).plan(ttplan::parse_date("2027-01-04"),
                                    {{"nowhere", std::nullopt, std::nullopt, 3}});
        FAIL("expected a planning_error");
    } catch (const ttplan::planning_error& e) {
        CHECK(e.where().pointer.empty());
    }
    CHECK_THROWS_AS(ttplan::planner(p, {}).plan(ttplan::parse_date("9999-06-01")), ttplan::planning_error);
}

TEST_CASE("validate: every built-in protocol and test protocol validates clean", "[validate][catalog]") {
    for (const auto& entry : ttplan::builtin_protocols()) {
        INFO(entry.id);
        const auto problems = ttplan::check_plans(ttplan::load_builtin(entry.id));
        INFO(listing(problems));
        CHECK(problems.empty());
    }
    for (const char* dir : {TTPLAN_SOURCE_DIR "/protocols", TTPLAN_TEST_DATA}) {
        for (const auto& file : std::filesystem::recursive_directory_iterator(dir)) {
            if (file.path().extension() != ".json") continue;
            INFO(file.path().string());
            const auto problems = ttplan::validate_protocol_file(file.path());
            INFO(listing(problems));
            CHECK(problems.empty());
        }
    }
}
