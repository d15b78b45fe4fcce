// The readable agenda and the JSON schedule document: content, order, types, determinism,
// hostile text, and golden files of the default protocol.
#include "format_samples.hpp"
#include "golden.hpp"

#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/version.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace ttplan;
using samples::default_plan;
using samples::hand_built;

TEST_CASE("json: the documented keys, in order, with ISO dates", "[json]") {
    const auto doc = nlohmann::ordered_json::parse(to_json(hand_built()));
    std::vector<std::string> keys;
    for (const auto& item : doc.items()) keys.push_back(item.key());
    CHECK(keys == std::vector<std::string>{"format", "protocol", "parameters", "start", "end", "total_days",
                                           "segments", "phases", "events", "spans", "decisions",
                                           "disclaimer"});
    CHECK(doc["protocol"] == nlohmann::json{{"id", "demo"}, {"title", "Demo protocol"}, {"version", "1"}});
    CHECK(doc["start"] == "2027-01-04");
    CHECK(doc["end"] == "2027-03-07");  // the last day of the maintenance cycle and of both spans
    CHECK(doc["total_days"] == 63);     // 28 days of January + 28 of February + 7 of March
    CHECK(doc["disclaimer"] == disclaimer);
}

TEST_CASE("json: parameters come back typed as declared", "[json]") {
    const typed_values values{{"flag", {parameter_type::boolean, "true"}},
                              {"off", {parameter_type::boolean, "false"}},
                              {"age", {parameter_type::integer, "12"}},
                              {"tki", {parameter_type::choice, "imatinib"}},
                              // Choices that look like a number or a boolean stay strings.
                              {"rules", {parameter_type::choice, "2025"}},
                              {"answer", {parameter_type::choice, "true"}}};
    const schedule s({segment{{"p", "P", "1"}, values, samples::day("2027-01-04"), {}}},
                     {samples::occurrence("a", "A", "2027-01-04", "2027-01-04")}, {}, {});
    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["parameters"]["flag"] == true);
    CHECK(doc["parameters"]["off"] == false);
    CHECK(doc["parameters"]["age"] == 12);
    CHECK(doc["parameters"]["tki"] == "imatinib");
    CHECK(doc["parameters"]["rules"] == "2025");
    CHECK(doc["parameters"]["answer"] == "true");
    CHECK(doc["segments"][0]["parameters"] == doc["parameters"]);
}

TEST_CASE("json: a built-in choice that looks like a number is a string with every value",
          "[json][catalog]") {
    // car-t declares label_rules as a choice of "2025" and "pre-2025".
    const protocol p = load_builtin("car-t");
    const parameter* rules = p.find_parameter("label_rules");
    REQUIRE(rules != nullptr);
    REQUIRE(rules->type == parameter_type::choice);
    for (const auto& choice : rules->choices) {
        const schedule s = planner(p, {{"label_rules", choice}}).plan(samples::day("2027-01-04"));
        CHECK(s.parameters().at("label_rules") == typed_value{parameter_type::choice, choice});
        const auto doc = nlohmann::json::parse(to_json(s));
        CHECK(doc["parameters"]["label_rules"].is_string());
        CHECK(doc["parameters"]["label_rules"] == choice);
    }
    // Every parameter of every built-in protocol: the JSON type follows the declared type.
    for (const auto& entry : builtin_protocols()) {
        const protocol q = load_builtin(entry.id);
        const auto doc = nlohmann::json::parse(to_json(planner(q, {}).plan(samples::day("2027-01-04"))));
        for (const auto& param : q.parameters) {
            const auto& v = doc["parameters"][param.name];
            switch (param.type) {
                case parameter_type::boolean:
                    CHECK(v.is_boolean());
                    break;
                case parameter_type::integer:
                    CHECK(v.is_number_integer());
                    break;
                case parameter_type::choice:
                    CHECK(v.is_string());
                    break;
            }
        }
    }
}

TEST_CASE("json: phases, events and spans carry cycle, day, category and marks", "[json]") {
    const auto doc = nlohmann::json::parse(to_json(hand_built()));
    REQUIRE(doc["phases"].size() == 2);
    CHECK(doc["phases"][0]["cycle"].is_null());
    CHECK(doc["phases"][1]["cycle"] == 1);
    CHECK(doc["phases"][1]["variant"] == "A");
    CHECK(doc["phases"][1]["first_day"] == -7);
    CHECK(doc["phases"][1]["tentative"] == true);
    CHECK(doc["phases"][0]["days"] == 29);

    REQUIRE(doc["events"].size() == 4);
    CHECK(doc["events"][3]["day"] == -7);
    CHECK(doc["events"][3]["category"] == "hospital-stay");
    CHECK(doc["events"][1]["category"] == "intrathecal");

    REQUIRE(doc["spans"].size() == 2);
    CHECK(doc["spans"][0]["phase"].is_null());
    CHECK(doc["spans"][0]["category"] == "targeted");
    CHECK(doc["spans"][1]["phase"] == "maintenance");
}

TEST_CASE("json: a moved event keeps its planned date", "[json]") {
    auto phases = std::vector<phase_occurrence>{samples::occurrence("a", "A", "2027-01-04", "2027-01-31")};
    auto e = samples::dated("2027-01-11", "a", 8, "X");
    e.planned_date = samples::day("2027-01-09");
    const schedule s({segment{{"p", "P", "1"}, {}, samples::day("2027-01-04"), {}}}, phases, {e}, {});
    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["events"][0]["date"] == "2027-01-11");
    CHECK(doc["events"][0]["planned_date"] == "2027-01-09");
}

TEST_CASE("json: hostile names are preserved as JSON strings", "[json][hostile]") {
    const std::string hostile = "Line1\nLine2; a,b \"q\" <script>alert(1)</script> =HYPERLINK(\"x\")";
    const auto text = to_json(hand_built(hostile, hostile));
    const auto doc = nlohmann::json::parse(text);
    CHECK(doc["events"][0]["activity"] == hostile);
    CHECK(doc["phases"][0]["name"] == hostile);
    CHECK(text.find("Line1\nLine2") == std::string::npos);  // the newline is escaped, not raw
}

TEST_CASE("json: invalid UTF-8 from a caller does not throw", "[json][hostile]") {
    const std::string broken = std::string("Bad \xC3\x28 byte");
    const auto doc = nlohmann::json::parse(to_json(hand_built(broken)));
    CHECK(doc["events"][0]["activity"].get<std::string>().rfind("Bad ", 0) == 0);
}

TEST_CASE("text: a readable agenda by phase and week", "[text]") {
    const std::string text = to_text(hand_built());
    CHECK(text.find("Demo protocol\n") == 0);
    CHECK(text.find("From Mon 4 Jan 2027 to Sun 7 Mar 2027: 2 months and 4 days (63 days)") != std::string::npos);
    CHECK(text.find(disclaimer) != std::string::npos);
    CHECK(text.find("Induction: Mon 4 Jan 2027 to Mon 1 Feb 2027 (4 weeks and 1 day)") != std::string::npos);
    CHECK(text.find("Maintenance, cycle 1 (A): Mon 8 Feb 2027 to Sun 7 Mar 2027 (4 weeks) (tentative)") !=
          std::string::npos);
    CHECK(text.find("  Week of Mon 11 Jan 2027\n    Mon 11 Jan 2027  Day 8    Vincristine (Chemotherapy)") !=
          std::string::npos);
    CHECK(text.find("Vincristine (Chemotherapy); Lumbar puncture (Intrathecal therapy)") != std::string::npos);
    CHECK(text.find("Imatinib: Mon 18 Jan 2027 to Sun 7 Mar 2027") != std::string::npos);
    CHECK(text.find("may move later") != std::string::npos);
}

TEST_CASE("text: a moved event says where it came from", "[text]") {
    auto phases = std::vector<phase_occurrence>{samples::occurrence("a", "A", "2027-01-04", "2027-01-31")};
    auto e = samples::dated("2027-01-11", "a", 8, "X");
    e.planned_date = samples::day("2027-01-09");
    const schedule s({segment{{"p", "P", "1"}, {}, samples::day("2027-01-04"), {}}}, phases, {e}, {});
    CHECK(to_text(s).find("X (Chemotherapy) [moved from Sat 9 Jan 2027]") != std::string::npos);
}

TEST_CASE("render: names dispatch, unknown names list the formats", "[render]") {
    const auto s = hand_built();
    CHECK(render(s, "json") == to_json(s));
    CHECK(render(s, "text") == to_text(s));
    const auto names = format_names();
    CHECK(std::find(names.begin(), names.end(), "json") != names.end());
    try {
        (void)render(s, "docx");
        FAIL("an unknown format must throw");
    } catch (const error& e) {
        const std::string message = e.what();
        CHECK(message.find("\"docx\"") != std::string::npos);
        for (auto n : names) CHECK(message.find(std::string(n)) != std::string::npos);
    }
}

TEST_CASE("text and json: golden files of the default protocol", "[golden]") {
    golden::check("all-overview.txt", to_text(default_plan()));
    golden::check("all-overview.json", to_json(default_plan()));
    golden::check("all-overview-ph-dasatinib.txt", to_text(default_plan(samples::ph_dasatinib)));
    golden::check("all-overview-ph-dasatinib.json", to_json(default_plan(samples::ph_dasatinib)));
    CHECK(to_json(default_plan()) == to_json(default_plan()));
}
