#include <ttplan/model.hpp>

#include "../src/phase_graph.hpp"

#include <catch2/catch.hpp>

using namespace ttplan;

namespace {

using days_t = std::vector<std::int32_t>;

parameter bool_param(std::string name, std::string def) {
    parameter p;
    p.name = std::move(name);
    p.type = parameter_type::boolean;
    p.default_value = std::move(def);
    return p;
}

parameter choice_param(std::string name, std::vector<std::string> choices, std::string def) {
    parameter p;
    p.name = std::move(name);
    p.type = parameter_type::choice;
    p.choices = std::move(choices);
    p.default_value = std::move(def);
    return p;
}

parameter int_param(std::string name, std::int64_t lo, std::int64_t hi, std::string def) {
    parameter p;
    p.name = std::move(name);
    p.type = parameter_type::integer;
    p.minimum = lo;
    p.maximum = hi;
    p.default_value = std::move(def);
    return p;
}

protocol with_parameters() {
    protocol p;
    p.id = "demo";
    p.parameters = {bool_param("cns3", "false"), choice_param("tki", {"imatinib", "dasatinib"}, "imatinib"),
                    int_param("cycles", 1, 10, "4")};
    return p;
}

}  // namespace

TEST_CASE("model: category names round-trip", "[category]") {
    for (const category c : all_categories) {
        CAPTURE(to_string(c));
        CHECK(parse_category(to_string(c)) == c);
        CHECK_FALSE(display_name(c).empty());
    }
    CHECK(to_string(category::cell_therapy) == "cell-therapy");
    CHECK(to_string(category::hospital_stay) == "hospital-stay");
    CHECK(display_name(category::hospital_stay) == "Hospital stay");
    CHECK(display_name(category::cell_therapy) == "Cell therapy");
    CHECK(parse_category("chemotherapy") == category::chemotherapy);
    CHECK_FALSE(parse_category("Hospital stay").has_value());
    CHECK_FALSE(parse_category("cell_therapy").has_value());
}

TEST_CASE("model: conditions need every listed parameter to match", "[condition]") {
    const parameter_values values{{"cns3", "true"}, {"tki", "dasatinib"}};
    CHECK(condition{}.matches(values));
    CHECK(condition{{{"cns3", {"true"}}}}.matches(values));
    CHECK(condition{{{"tki", {"imatinib", "dasatinib"}}}}.matches(values));
    CHECK_FALSE(condition{{{"tki", {"imatinib"}}}}.matches(values));
    CHECK_FALSE(condition{{{"cns3", {"true"}}, {"tki", {"imatinib"}}}}.matches(values));
    CHECK_FALSE(condition{{{"risk", {"high"}}}}.matches(values));  // a value nobody gave
}

TEST_CASE("model: day patterns list, range and step", "[pattern]") {
    CHECK(day_pattern::parse("1,8,15,22").days() == days_t{1, 8, 15, 22});
    CHECK(day_pattern::parse("1-28").days().size() == 28);
    CHECK(day_pattern::parse("-7..-1").days() == days_t{-7, -6, -5, -4, -3, -2, -1});
    CHECK(day_pattern::parse("-7--1") == day_pattern::parse("-7..-1"));
    CHECK(day_pattern::parse("-3-2").days() == days_t{-3, -2, -1, 0, 1, 2});
    // 8, 15, ..., 78: (78 - 8) / 7 + 1 = 11 days.
    const auto weekly = day_pattern::parse("every 7 from 8 to 78").days();
    CHECK(weekly.size() == 11);
    CHECK(weekly.front() == 8);
    CHECK(weekly.back() == 78);
    CHECK(day_pattern::parse(" 1 - 3 ,29..30, every 28 from 57 to 113 ").days() ==
          days_t{1, 2, 3, 29, 30, 57, 85, 113});
    CHECK(day_pattern::parse("3-5,1-4,4").days() == days_t{1, 2, 3, 4, 5});  // sorted, no duplicates
    CHECK(day_pattern::parse("0").days() == days_t{0});
    CHECK(day_pattern::parse("").empty());
}

TEST_CASE("model: day pattern errors", "[pattern]") {
    for (const char* bad : {"5-1", "every 0 from 1 to 5", "every 7 from 9 to 8", "1,,2", "abc", "1-", "1..",
                            "every 7 from 8", "3 4", "1-2000000000", ",1", "1,", "everyday", "1.5"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(day_pattern::parse(bad), value_error);
    }
    CHECK_THROWS_WITH(day_pattern::parse("5-1"), Catch::Contains("\"5-1\"") && Catch::Contains("backwards"));
}

TEST_CASE("model: day pattern canonical text reads back", "[pattern]") {
    CHECK(day_pattern::parse("1,8, 15").to_string() == "1, 8, 15");
    CHECK(day_pattern::parse("1..28").to_string() == "1-28");
    CHECK(day_pattern::parse("-7--1").to_string() == "-7..-1");
    CHECK(day_pattern::parse("every 7 from 8 to 78").to_string() == "every 7 from 8 to 78");
    for (const char* text : {"1,8,15,22", "-7..-1", "0-5, every 2 from -4 to 10", "-3-2", "every 7 from 8 to 8"}) {
        const auto p = day_pattern::parse(text);
        CAPTURE(text, p.to_string());
        CHECK(day_pattern::parse(p.to_string()) == p);
    }
}

TEST_CASE("model: lookups by id and name", "[protocol]") {
    protocol p = with_parameters();
    phase a;
    a.id = "induction";
    p.phases.push_back(a);
    REQUIRE(p.find_phase("induction") != nullptr);
    CHECK(p.find_phase("induction")->id == "induction");
    CHECK(p.find_phase("maintenance") == nullptr);
    REQUIRE(p.find_parameter("tki") != nullptr);
    CHECK(p.find_parameter("tki")->choices.size() == 2);
    CHECK(p.find_parameter("risk") == nullptr);
}

TEST_CASE("model: resolve_parameters fills defaults", "[parameters]") {
    const auto values = resolve_parameters(with_parameters(), {});
    CHECK(values == parameter_values{{"cns3", "false"}, {"cycles", "4"}, {"tki", "imatinib"}});
}

TEST_CASE("model: bool parameters are canonicalised", "[parameters]") {
    const protocol p = with_parameters();
    CHECK(resolve_parameters(p, {{"cns3", "yes"}}).at("cns3") == "true");
    CHECK(resolve_parameters(p, {{"cns3", "1"}}).at("cns3") == "true");
    CHECK(resolve_parameters(p, {{"cns3", "true"}}).at("cns3") == "true");
    CHECK(resolve_parameters(p, {{"cns3", "no"}}).at("cns3") == "false");
    CHECK(resolve_parameters(p, {{"cns3", "0"}}).at("cns3") == "false");
    CHECK(resolve_parameters(p, {{"cns3", "False"}}).at("cns3") == "false");
    CHECK_THROWS_AS(resolve_parameters(p, {{"cns3", "maybe"}}), parameter_error);
    CHECK_THROWS_WITH(resolve_parameters(p, {{"cns3", "maybe"}}), Catch::Contains("allowed: true, false"));
}

TEST_CASE("model: an unknown parameter lists the declared names", "[parameters]") {
    try {
        resolve_parameters(with_parameters(), {{"risk", "high"}});
        FAIL("no error");
    } catch (const parameter_error& e) {
        CHECK(e.message() == "unknown parameter \"risk\" for protocol \"demo\"; declared: cns3, tki, cycles");
        CHECK(e.where().file == "parameters");
        CHECK(e.where().pointer == "/risk");
    }
    protocol bare;
    bare.id = "bare";
    CHECK_THROWS_WITH(resolve_parameters(bare, {{"x", "1"}}), Catch::Contains("declared: (none)"));
}

TEST_CASE("model: an unknown value lists the allowed values", "[parameters]") {
    const protocol p = with_parameters();
    try {
        resolve_parameters(p, {{"tki", "nilotinib"}});
        FAIL("no error");
    } catch (const parameter_error& e) {
        CHECK(e.message() == "unknown value \"nilotinib\" for parameter \"tki\"; allowed: imatinib, dasatinib");
        CHECK(e.where().file == "parameters");
        CHECK(e.where().pointer == "/tki");
    }
    CHECK(resolve_parameters(p, {{"tki", "dasatinib"}}).at("tki") == "dasatinib");
}

TEST_CASE("model: integer parameters are range-checked", "[parameters]") {
    const protocol p = with_parameters();
    CHECK(resolve_parameters(p, {{"cycles", "10"}}).at("cycles") == "10");
    CHECK(resolve_parameters(p, {{"cycles", "+7"}}).at("cycles") == "7");
    for (const char* bad : {"0", "11", "-1", "four", "", "3.5", "99999999999999999999"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(resolve_parameters(p, {{"cycles", bad}}), parameter_error);
    }
    CHECK_THROWS_WITH(resolve_parameters(p, {{"cycles", "11"}}), Catch::Contains("from 1 to 10"));
}

TEST_CASE("model: dependency cycles are named in order", "[graph]") {
    protocol p;
    for (const char* id : {"a", "b", "c", "d"}) {
        phase ph;
        ph.id = id;
        p.phases.push_back(ph);
    }
    auto dep = [](const char* from, const char* to) {
        dependency x;
        x.from = from;
        x.to = to;
        return x;
    };
    const auto cycle = [](const protocol& q) {
        const auto found = detail::find_active_cycle(q);
        return found ? found->phases : std::vector<std::string>{};
    };
    p.dependencies = {dep("d", "a"), dep("a", "b"), dep("b", "c")};
    CHECK(cycle(p).empty());

    p.dependencies.push_back(dep("c", "a"));  // closes a -> b -> c -> a
    CHECK(cycle(p) == std::vector<std::string>{"a", "b", "c"});
    CHECK(detail::find_active_cycle(p)->dependencies == std::vector<std::size_t>{1, 2, 3});
    CHECK(detail::find_active_cycle(p)->values.empty());

    // Entered from the middle (b listed first), still reported from a, in dependency order.
    p.dependencies = {dep("c", "a"), dep("b", "c"), dep("a", "b")};
    std::swap(p.phases[0], p.phases[1]);  // b, a, c, d: b is now first in protocol order
    CHECK(cycle(p) == std::vector<std::string>{"b", "c", "a"});
    CHECK(detail::find_active_cycle(p)->dependencies == std::vector<std::size_t>{1, 0, 2});

    // A phase depending on itself and dangling references are check()'s to report on their
    // dependency; they close no cycle here.
    p.dependencies = {dep("d", "d"), dep("a", "nowhere")};
    CHECK(cycle(p).empty());
}
