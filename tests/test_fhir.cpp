// The FHIR library calls: what the command line does not show (error types and locations, the
// lossy result, determinism, a hostile text). The documents themselves are checked against the
// official FHIR R4 schema in tests/py/test_fhir.py.
#include <ttplan/fhir.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace ttplan;
using nlohmann::json;

namespace {

const char* cycled = R"({
  "resourceType": "PlanDefinition", "name": "cycled",
  "action": [{"id": "cycles", "title": "Cycles",
    "timingTiming": {"repeat": {"count": 2, "period": 3, "periodUnit": "wk", "dayOfWeek": ["mon"]}},
    "action": [{"title": "Drug A", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle",
      "extension": [{"url": "day", "valueInteger": 1}, {"url": "day", "valueInteger": 8}]}]}]}]
})";

}  // namespace

TEST_CASE("fhir: an unmappable part is a located validation error unless lossy", "[fhir]") {
    try {
        import_plan_definition(cycled, "cycled.json");
        FAIL("no error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        const problem& p = e.problems()[0];
        CHECK(p.where.file == "cycled.json");
        CHECK(p.where.pointer == "/action/0/timingTiming/repeat/dayOfWeek");
        CHECK(p.where.line == 4);
        CHECK(p.message.rfind("PlanDefinition.action[0].timingTiming.repeat.dayOfWeek: cannot be mapped",
                              0) == 0);
    }
    const fhir_import_result r = import_plan_definition(cycled, "cycled.json", {true});
    REQUIRE(r.unmapped.size() == 1);
    CHECK(r.unmapped[0].where.pointer == "/action/0/timingTiming/repeat/dayOfWeek");
    REQUIRE(r.result.phases.size() == 1);
    const phase& ph = r.result.phases[0];
    CHECK(ph.duration == length{3, length::unit::weeks});
    REQUIRE(ph.repeat);
    CHECK(ph.repeat->count == 2);
    CHECK(ph.activities[0].days.days() == std::vector<std::int32_t>{1, 8});
}

TEST_CASE("fhir: text that is not JSON is a parse error with line and column", "[fhir]") {
    try {
        import_plan_definition("{\n \"resourceType\": }", "bad.json");
        FAIL("no error");
    } catch (const parse_error& e) {
        CHECK(e.where().file == "bad.json");
        CHECK(e.where().line == 2);
        CHECK(e.where().column > 0);
    }
    CHECK_THROWS_AS(import_plan_definition(R"({"resourceType": "CarePlan"})"), validation_error);
    CHECK_THROWS_AS(import_plan_definition(R"([1, 2])"), validation_error);
}

TEST_CASE("fhir: days of a phase numbered from Day 0 round-trip through days counted from 1", "[fhir]") {
    protocol p = parse_protocol(R"({"format": "ttplan-protocol/2", "id": "zero", "title": "Zero",
      "phases": [{"id": "transplant", "name": "Transplant", "length": "10d", "first_day": -3,
        "activities": [{"name": "Infusion", "category": "transplant", "days": "0"},
                       {"name": "Conditioning", "category": "chemotherapy", "days": "-3..-1"}]}]})");
    const json pd = json::parse(to_plan_definition(p));
    const json& days = pd["action"][0]["action"][0]["extension"][0]["extension"];
    CHECK(days == json::parse(R"([{"url": "day", "valueInteger": 4}])"));
    const protocol back = import_plan_definition(pd.dump()).result;
    const auto start = parse_date("2027-01-04");
    CHECK(make_schedule(back, {start, {}, {}, {}}) == make_schedule(p, {start, {}, {}, {}}));
}

TEST_CASE("fhir: the Bundle is the same for the same plan and escapes protocol text", "[fhir]") {
    protocol p =
        parse_protocol(R"({"format": "ttplan-protocol/2", "id": "odd", "title": "<b>Odd</b> & \"quoted\"",
      "phases": [{"id": "a", "name": "A", "length": "7d",
        "activities": [{"name": "</div><script>x</script>", "category": "assessment", "days": "1"}]}]})");
    const schedule s = make_schedule(p, {parse_date("2027-01-04"), {}, {}, {}});
    const std::string text = to_fhir_bundle(s);
    CHECK(text == to_fhir_bundle(s));
    const json bundle = json::parse(text);
    const std::string div = bundle["entry"][0]["resource"]["text"]["div"];
    CHECK(div.find("<b>Odd") == std::string::npos);
    CHECK(div.find("&lt;b&gt;Odd&lt;/b&gt; &amp;") != std::string::npos);
    CHECK(bundle["entry"][1]["resource"]["action"][0]["action"][0]["title"] == "</div><script>x</script>");
}

TEST_CASE("fhir: an activity's relatedAction to another activity of its phase is an after offset", "[fhir]") {
    const char* text = R"({"resourceType": "PlanDefinition", "name": "rescue",
      "action": [{"id": "course", "title": "Course", "timingDuration": {"value": 7, "code": "d"},
        "action": [
          {"id": "rescue", "title": "Leucovorin rescue",
           "relatedAction": [{"actionId": "mtx", "relationship": "after-start",
                              "offsetDuration": {"value": 42, "code": "h"}}]},
          {"id": "mtx", "title": "High-dose methotrexate",
           "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle",
                          "extension": [{"url": "day", "valueInteger": 1}]}]}]}]})";
    const protocol p = import_plan_definition(text).result;
    const activity& rescue = p.phases.at(0).activities.at(0);
    REQUIRE(rescue.timing.after);
    CHECK(rescue.timing.after->activity == "High-dose methotrexate");
    CHECK(rescue.timing.after->hours == 42);
    CHECK(rescue.days.empty());
    const schedule s = make_schedule(p, {parse_date("2027-01-04"), {}, {}, {}});
    REQUIRE(s.events().size() == 2);
    CHECK(s.events()[1].activity == "Leucovorin rescue");
    CHECK(s.events()[1].date == parse_date("2027-01-05"));
}

TEST_CASE("fhir: a value of the wrong JSON type is located at its action", "[fhir]") {
    const char* text = R"({"resourceType": "PlanDefinition",
      "action": [{"id": "a", "title": "A", "action": [{"title": "B"}]},
                 {"id": "c", "title": 5, "action": [{"title": "D"}]}]})";
    try {
        import_plan_definition(text, "typed.json");
        FAIL("no error");
    } catch (const validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.pointer == "/action/1");
        CHECK(e.problems()[0].where.line == 3);
        CHECK(e.problems()[0].message.rfind("PlanDefinition.action[1]: a value of the wrong JSON type", 0) ==
              0);
    }
}
