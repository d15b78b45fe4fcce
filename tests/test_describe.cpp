// The texts of `ttplan show` and `ttplan summary`, from the library: what each section says,
// what is left out when a protocol lacks it, and golden files of real protocols and plans.
#include <ttplan/describe.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/version.hpp>

#include "continued_samples.hpp"
#include "format_samples.hpp"
#include "golden.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace ttplan;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool ends_with(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// One phase, no parameters, dependencies, tracks, notes or sources.
protocol bare_protocol() {
    protocol p;
    p.id = "bare";
    p.title = "Bare protocol";
    p.version = "1";
    phase only;
    only.id = "only";
    only.name = "Only phase";
    only.duration = length::parse("2w");
    p.phases.push_back(only);
    return p;
}

}  // namespace

TEST_CASE("describe: golden files of a built-in and of every feature", "[describe][golden]") {
    golden::check("all-overview.show.txt", describe(load_builtin("all-overview")));
    golden::check("every-feature.show.txt",
                  describe(load_protocol_file(TTPLAN_TEST_DATA "/every-feature.json")));
}

TEST_CASE("describe: a protocol without optional parts says (none) and leaves sections out", "[describe]") {
    const std::string text = describe(bare_protocol());
    CHECK(text.rfind("Bare protocol\nbare (version 1)\n\nParameters\n  (none)\n", 0) == 0);
    CHECK(has(text, "\nPhases\n  only (Only phase): 2w, numbered from Day 1\n"));
    CHECK(has(text, "\nDependencies\n  (none)\n"));
    for (const char* section : {"Across phases", "Notes", "Sources"}) CHECK_FALSE(has(text, section));
    CHECK(ends_with(text, "\n\n" + std::string(disclaimer) + "\n"));
}

TEST_CASE("describe: parameters list their values, conditions join with or and and", "[describe]") {
    protocol p = bare_protocol();
    parameter arm;
    arm.name = "arm";
    arm.type = parameter_type::choice;
    arm.choices = {"left", "right", "centre"};
    arm.default_value = "right";
    arm.label = "Arm of the study";
    arm.value_labels = {{"centre", "in the middle"}, {"left", "to the left"}};
    parameter age;
    age.name = "age";
    age.type = parameter_type::integer;
    age.minimum = 1;
    age.maximum = 120;
    age.default_value = "10";
    age.description = "Years.";
    p.parameters = {arm, age};
    p.phases[0].when.all_of = {{"arm", {"left", "centre"}}, {"age", {"3"}}};
    p.phases[0].repeat = repeat_rule{};
    p.phases[0].repeat->count = 4;
    p.phases[0].repeat->variants = {"A", "B", "C"};

    const std::string text = describe(p);
    // The name --set takes, then the label readers see; the labelled values in declaration order.
    CHECK(has(text, "\n  arm, Arm of the study (one of left, right, centre; default right)\n"
                    "      values in words: left = to the left, centre = in the middle\n"));
    CHECK(has(text, "\n  age (integer 1 to 120; default 10)\n      Years.\n"));
    // Conditions name their parameters in name order.
    CHECK(has(text, ", up to 4 cycles, alternating A/B/C — only if age=3 and arm=left or centre\n"));
}

TEST_CASE("describe: an invalid protocol is described as it stands", "[describe]") {
    protocol p = bare_protocol();
    p.phases[0].duration = length{-3, length::unit::days};
    dependency d;
    d.from = "only";
    d.to = "missing";
    p.dependencies.push_back(d);
    REQUIRE_FALSE(check(p).empty());
    const std::string text = describe(p);
    CHECK(has(text, "only (Only phase): -3d,"));
    CHECK(has(text, "\n  missing starts after only ends\n"));
}

TEST_CASE("summary_text: golden files of a plan and of a continued plan", "[summary][golden]") {
    golden::check("all-overview.summary.txt", summary_text(samples::default_plan()));
    golden::check("relapse-chain.summary.txt", summary_text(continued::relapse_chain()));
}

TEST_CASE("summary_text: one row per phase with its share, parameters only when there are some",
          "[summary]") {
    const schedule s = samples::hand_built();
    const std::string text = summary_text(s);
    CHECK(text.rfind("Demo protocol (demo)\nParameters: ph_positive=true\n", 0) == 0);
    // 29 of the plan's 63 days (4 Jan to 7 Mar 2027) are induction: 46%.
    REQUIRE(s.total_days() == 63);
    CHECK(has(text, "\n  Phase          Days  Share  From - to\n"
                    "  Induction        29    46%  2027-01-04 - 2027-02-01\n"));
    CHECK(has(text, "In words: 2 months and 4 days; Induction is 46% of it.\n"));
    CHECK_FALSE(has(text, "cycles)"));
    CHECK_FALSE(has(text, "Then from"));
    CHECK(ends_with(text, "\n\n" + std::string(disclaimer) + "\n"));

    const schedule plain({segment{{"demo", "Demo protocol", "1"}, {}, s.start(), {}}}, s.phases(), s.events(), s.spans());
    CHECK(summary_text(plain).rfind("Demo protocol (demo)\n\n  Phase", 0) == 0);
}

TEST_CASE("summary_text: a continued plan names each protocol and tags its phases", "[summary]") {
    const std::string text = summary_text(continued::relapse_chain());
    CHECK(has(text, "\nThen from 2028-05-02: "));
    CHECK(has(text, "(blinatumomab), "));
    CHECK(has(text, "(allo-hsct), "));
    CHECK(has(text, "\n  Conditioning [allo-hsct] "));
    // The main protocol's phases carry no tag.
    CHECK(has(text, "\n  Induction "));
    CHECK_FALSE(has(text, "[all-overview]"));
}
