// Decisions taken during treatment: a parameter decided at a phase day. 2027-01-04 is a Monday;
// induction Day 29 is 2027-02-01.
#include <ttplan/continuation.hpp>
#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

// Induction, consolidation, then an intensified block for MRD-positive patients only, then
// maintenance; a track runs from induction Day 15 to the end of maintenance.
std::string mrd_protocol(const std::string& decided = R"({"at": {"phase": "induction", "day": 29},
                  "by": "Bone-marrow MRD on induction Day 29"})") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "mrd",
  "title": "MRD-directed",
  "parameters": [
    {"name": "induction_response", "type": "choice", "choices": ["mrd_negative", "mrd_positive"],
     "default": "mrd_negative",
     "decided": )" +
           decided + R"(},
    {"name": "ph_positive", "type": "bool", "default": false}
  ],
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"},
                    {"name": "Bone marrow", "category": "assessment", "days": "29"}]},
    {"id": "consolidation", "name": "Consolidation", "length": "4w",
     "activities": [{"name": "Mercaptopurine", "category": "chemotherapy", "days": "1-28", "continuous": true}]},
    {"id": "augmented", "name": "Augmented consolidation", "length": "8w",
     "when": {"induction_response": "mrd_positive"},
     "activities": [{"name": "Cyclophosphamide", "category": "chemotherapy", "days": "1,29"}]},
    {"id": "maintenance", "name": "Maintenance", "length": "12w",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,29,57"}]}
  ],
  "dependencies": [
    {"from": "induction", "to": "consolidation"},
    {"from": "consolidation", "to": "augmented"},
    {"from": "augmented", "to": "maintenance"}
  ],
  "tracks": [
    {"activity": "Imatinib", "category": "targeted", "from": {"phase": "induction", "day": 15},
     "to": {"phase": "maintenance", "at": "end"}}
  ]
}
)";
}

const phase_occurrence* find_phase(const schedule& s, const std::string& id) {
    const auto it = std::find_if(s.phases().begin(), s.phases().end(),
                                 [&](const phase_occurrence& p) { return p.phase == id; });
    return it == s.phases().end() ? nullptr : &*it;
}

const std::vector<std::string> waits{"induction_response"};

}  // namespace

TEST_CASE("decisions: a decided parameter is read, checked and written back") {
    const protocol p = parse_protocol(mrd_protocol(), "mrd.json");
    const parameter& param = p.parameters.front();
    REQUIRE(param.decided);
    CHECK(param.decided->at.phase == "induction");
    CHECK(param.decided->at.at == anchor::edge::day);
    CHECK(param.decided->at.day == 29);
    CHECK(param.decided->decided_by == "Bone-marrow MRD on induction Day 29");
    CHECK(param.options() == std::vector<std::string>{"mrd_negative", "mrd_positive"});
    CHECK_FALSE(p.parameters.back().decided);
    CHECK(p.parameters.back().options() == std::vector<std::string>{"false", "true"});
    CHECK(parse_protocol(to_json(p)) == p);
    CHECK(to_json(p).find(R"("by": "Bone-marrow MRD on induction Day 29")") != std::string::npos);
}

TEST_CASE("decisions: bad decision points are located problems") {
    const auto problems = [](const std::string& decided) {
        try {
            parse_protocol(mrd_protocol(decided), "mrd.json");
        } catch (const validation_error& e) {
            return e.problems();
        }
        return std::vector<problem>{};
    };
    const auto has = [](const std::vector<problem>& ps, const std::string& pointer, const std::string& text) {
        return std::any_of(ps.begin(), ps.end(), [&](const problem& p) {
            return p.where.pointer == pointer && p.message.find(text) != std::string::npos &&
                   p.where.line > 0;
        });
    };
    CHECK(has(problems(R"({"at": {"phase": "inductoin", "day": 29}, "by": "MRD"})"),
              "/parameters/0/decided/at/phase", "unknown phase \"inductoin\""));
    CHECK(has(problems(R"({"at": {"phase": "induction", "day": 0}, "by": "MRD"})"),
              "/parameters/0/decided/at/day", "outside phase \"induction\""));
    CHECK(has(problems(R"({"at": {"day": 29}, "by": "MRD"})"), "/parameters/0/decided/at/phase",
              "needs the phase"));
    CHECK(has(problems(R"({"at": {"phase": "induction", "day": 29}, "by": ""})"), "/parameters/0/decided/by",
              "say what decides it"));
    CHECK(has(problems(R"({"at": {"phase": "induction", "day": 29}})"), "/parameters/0/decided",
              "missing required key \"by\""));
    CHECK(has(problems(R"({"at": {"phase": "induction", "day": 29}, "by": "MRD", "on": 1})"),
              "/parameters/0/decided/on", "unknown key \"on\""));

    // Only bool and choice parameters can be decided: the plan follows one option or another.
    std::string text = mrd_protocol();
    text.replace(text.find(R"({"name": "ph_positive", "type": "bool", "default": false})"), 57,
                 R"({"name": "blocks", "type": "integer", "minimum": 1, "maximum": 3, "default": 1,
      "decided": {"at": {"phase": "induction", "at": "end"}, "by": "MRD"}})");
    try {
        parse_protocol(text, "mrd.json");
        FAIL("an integer decision was accepted");
    } catch (const validation_error& e) {
        CHECK(std::any_of(e.problems().begin(), e.problems().end(), [](const problem& p) {
            return p.where.pointer.starts_with("/parameters/1/decided") &&
                   p.message.find("unknown key") != std::string::npos;
        }));
    }
}

TEST_CASE("decisions: until the value is given the plan follows the default and what comes after waits") {
    const protocol p = parse_protocol(mrd_protocol());
    const schedule s = planner(p, {}).plan(d("2027-01-04"));

    REQUIRE(s.decisions().size() == 1);
    const decision& dec = s.decisions().front();
    CHECK(dec.parameter == "induction_response");
    CHECK(dec.date == d("2027-02-01"));
    CHECK(dec.phase == "induction");
    CHECK(dec.day == 29);
    CHECK_FALSE(dec.cycle);
    CHECK(dec.decided_by == "Bone-marrow MRD on induction Day 29");
    CHECK(dec.options == std::vector<std::string>{"mrd_negative", "mrd_positive"});
    CHECK(dec.pending());
    CHECK_FALSE(dec.value);
    CHECK(dec.assumed == "mrd_negative");
    CHECK(s.has_pending());

    // The default branch: no augmented block, maintenance straight after consolidation.
    CHECK(find_phase(s, "augmented") == nullptr);
    REQUIRE(find_phase(s, "maintenance"));
    CHECK(find_phase(s, "maintenance")->first == d("2027-03-02"));

    // Induction ends on the decision day: it does not wait. Everything after does.
    CHECK(find_phase(s, "induction")->pending.empty());
    CHECK(find_phase(s, "consolidation")->pending == waits);
    CHECK(find_phase(s, "maintenance")->pending == waits);
    for (const event& e : s.events()) {
        INFO(e.activity << " " << format_date(e.date));
        CHECK(e.pending == (e.date > dec.date ? waits : std::vector<std::string>{}));
    }
    // The track starts before the decision but ends after it.
    REQUIRE(s.spans().size() == 2);
    for (const span& sp : s.spans()) CHECK(sp.pending == waits);
}

TEST_CASE("decisions: a given value is followed and nothing waits") {
    const protocol p = parse_protocol(mrd_protocol());
    const schedule s = planner(p, {{"induction_response", "mrd_positive"}}).plan(d("2027-01-04"));
    REQUIRE(s.decisions().size() == 1);
    CHECK_FALSE(s.decisions().front().pending());
    CHECK(s.decisions().front().value == "mrd_positive");
    CHECK(s.decisions().front().assumed == "mrd_positive");
    CHECK_FALSE(s.has_pending());
    REQUIRE(find_phase(s, "augmented"));
    CHECK(find_phase(s, "augmented")->first == d("2027-03-02"));
    CHECK(find_phase(s, "augmented")->last == d("2027-04-26"));
    CHECK(find_phase(s, "maintenance")->first == d("2027-04-27"));
    CHECK(find_phase(s, "maintenance")->last == d("2027-07-19"));
    for (const auto& ph : s.phases()) CHECK(ph.pending.empty());
    for (const auto& e : s.events()) CHECK(e.pending.empty());
    for (const auto& sp : s.spans()) CHECK(sp.pending.empty());

    // Giving the default value: the same dates as the pending plan, but nothing waits.
    const schedule pending = planner(p, {}).plan(d("2027-01-04"));
    const schedule known = planner(p, {{"induction_response", "mrd_negative"}}).plan(d("2027-01-04"));
    CHECK(known.decisions().front().value == "mrd_negative");
    REQUIRE(known.events().size() == pending.events().size());
    for (std::size_t i = 0; i < known.events().size(); ++i)
        CHECK(known.events()[i].date == pending.events()[i].date);
    CHECK(known.end() == pending.end());
}

TEST_CASE("decisions: a decision at a phase's end, in a repeated phase, after a gate") {
    std::string text =
        mrd_protocol(R"({"at": {"phase": "consolidation", "at": "end"}, "by": "MRD after consolidation"})");
    text.replace(text.find(R"({"from": "induction", "to": "consolidation"})"), 44,
                 R"({"from": "induction", "to": "consolidation", "gate": "counts recover"})");
    text.replace(text.find(R"("length": "4w",)"), 15, R"("length": "2w", "repeat": {"count": 2},)");
    text.replace(text.find(R"("days": "1-28", "continuous": true)"), 34,
                 R"("days": "1-14", "continuous": true)");
    const schedule s = planner(parse_protocol(text), {}).plan(d("2027-01-04"));
    REQUIRE(s.decisions().size() == 1);
    const decision& dec = s.decisions().front();
    // Consolidation: cycle 1 2027-02-02..02-15, cycle 2 02-16..03-01; its last day is Day 14 of cycle 2.
    CHECK(dec.date == d("2027-03-01"));
    CHECK(dec.phase == "consolidation");
    CHECK(dec.cycle == 2);
    CHECK(dec.day == 14);
    CHECK(dec.tentative);
    // Consolidation cycle 2 ends on the decision day: it does not wait.
    for (const auto& ph : s.phases()) {
        if (ph.phase == "consolidation") CHECK(ph.pending.empty());
    }
}

TEST_CASE("decisions: the JSON schedule lists decisions and what waits on them") {
    const protocol p = parse_protocol(mrd_protocol());
    const auto doc = nlohmann::json::parse(to_json(planner(p, {}).plan(d("2027-01-04"))));
    CHECK(doc["format"] == "ttplan-schedule/4");
    REQUIRE(doc["decisions"].size() == 1);
    const auto& dec = doc["decisions"][0];
    CHECK(dec["parameter"] == "induction_response");
    CHECK(dec["date"] == "2027-02-01");
    CHECK(dec["phase"] == "induction");
    CHECK(dec["day"] == 29);
    CHECK(dec["cycle"].is_null());
    CHECK(dec["options"] == nlohmann::json::array({"mrd_negative", "mrd_positive"}));
    CHECK(dec["value"].is_null());
    CHECK(dec["assumed"] == "mrd_negative");
    CHECK(dec["pending"] == true);
    CHECK(doc["phases"][0]["pending"] == nlohmann::json::array());
    CHECK(doc["phases"][1]["pending"] == nlohmann::json::array({"induction_response"}));

    const auto known = nlohmann::json::parse(
        to_json(planner(p, {{"induction_response", "mrd_positive"}}).plan(d("2027-01-04"))));
    CHECK(known["decisions"][0]["value"] == "mrd_positive");
    CHECK(known["decisions"][0]["pending"] == false);
    for (const auto& e : known["events"]) CHECK(e["pending"] == nlohmann::json::array());

    // A bool decision lists its options as booleans.
    std::string text = mrd_protocol();
    text.replace(text.find(R"({"name": "ph_positive", "type": "bool", "default": false})"), 57,
                 R"({"name": "ph_positive", "type": "bool", "default": false,
      "decided": {"at": {"phase": "induction", "day": 15}, "by": "Cytogenetics"}})");
    const auto two = nlohmann::json::parse(to_json(planner(parse_protocol(text), {}).plan(d("2027-01-04"))));
    REQUIRE(two["decisions"].size() == 2);
    CHECK(two["decisions"][0]["parameter"] == "ph_positive");
    CHECK(two["decisions"][0]["options"] == nlohmann::json::array({false, true}));
    CHECK(two["decisions"][0]["assumed"] == false);
    // Waiting on both, in decision order.
    CHECK(two["phases"][1]["pending"] == nlohmann::json::array({"ph_positive", "induction_response"}));
}

TEST_CASE("decisions: continuations keep the decisions met before the switch") {
    const protocol p = parse_protocol(mrd_protocol());
    const schedule first = planner(p, {}).plan(d("2027-01-04"));
    const planner next(parse_protocol(mrd_protocol()), {{"induction_response", "mrd_positive"}});

    // Switched before the decision: it is never met.
    const schedule early = continue_with(first, switch_point::on(d("2027-01-20")), next);
    REQUIRE(early.decisions().size() == 1);
    CHECK(early.decisions().front().segment == 1);
    CHECK_FALSE(early.decisions().front().pending());

    // After maintenance: the switch date moves with the pending branch, so the next protocol waits too.
    const schedule later = continue_with(first, switch_point::after("maintenance"), next);
    REQUIRE(later.decisions().size() == 2);
    CHECK(later.decisions()[0].pending());
    CHECK(later.decisions()[0].segment == 0);
    CHECK(later.decisions()[1].segment == 1);
    for (const auto& ph : later.phases()) {
        if (ph.segment == 1) CHECK(ph.pending == waits);
    }
    // On a fixed date it does not.
    const schedule fixed = continue_with(first, switch_point::on(d("2027-06-01")), next);
    for (const auto& ph : fixed.phases()) {
        if (ph.segment == 1) CHECK(ph.pending.empty());
    }
}

TEST_CASE("decisions: every human format says when a decision falls and what waits on it") {
    const protocol p = parse_protocol(mrd_protocol());
    const schedule pending = planner(p, {}).plan(d("2027-01-04"));
    const schedule known = planner(p, {{"induction_response", "mrd_positive"}}).plan(d("2027-01-04"));
    const std::string place = "Mon 1 Feb 2027 (Induction Day 29)";
    const std::string open =
        "induction_response, decided by Bone-marrow MRD on induction Day 29: not known yet; "
        "this plan follows mrd_negative; the other possible result is mrd_positive";
    // The month calendar wraps its lines: compare with line breaks taken out.
    const auto flat = [](std::string text) {
        for (std::size_t at = 0; (at = text.find("\n  ", at)) != std::string::npos;) text.replace(at, 3, " ");
        std::replace(text.begin(), text.end(), '\n', ' ');
        for (const std::string tag : {"<strong>", "</strong>"}) {
            for (std::size_t at = 0; (at = text.find(tag, at)) != std::string::npos;)
                text.erase(at, tag.size());
        }
        return text;
    };
    for (const char* name : {"text", "calendar", "html"}) {
        INFO(name);
        const std::string out = flat(render(pending, name));
        CHECK(out.find(place) != std::string::npos);
        CHECK(out.find(open) != std::string::npos);
        CHECK(out.find("a decision not taken yet (induction_response on Mon 1 Feb 2027)") !=
              std::string::npos);
        const std::string given = flat(render(known, name));
        CHECK(given.find("induction_response: mrd_positive, decided by Bone-marrow MRD") !=
              std::string::npos);
        CHECK(given.find("not taken yet") == std::string::npos);
    }
    // Text marks each phase that waits; Markdown says so in its notes column.
    const std::string text = render(pending, "text");
    CHECK(text.find("\nInduction: Mon 4 Jan 2027 to Mon 1 Feb 2027 (4 weeks and 1 day)\n") !=
          std::string::npos);
    CHECK(text.find("\nConsolidation: Tue 2 Feb 2027 to Mon 1 Mar 2027 (4 weeks) (pending)\n") !=
          std::string::npos);
    const std::string md = render(pending, "md");
    CHECK(md.find("| Consolidation |  | Tue 2 Feb 2027 | Mon 1 Mar 2027 | 28 | pending |") !=
          std::string::npos);
    CHECK(md.find("## Decisions during treatment") != std::string::npos);
    CHECK(render(known, "md").find("| pending |") == std::string::npos);

    // The timeline draws the decision's day, open or taken.
    const std::string html = render(pending, "html");
    CHECK(html.find(R"(<line class="decision pending" data-parameter="induction_response")") != std::string::npos);
    CHECK(html.find("Dotted line: a decision during treatment") != std::string::npos);
    CHECK(render(known, "html").find(R"(<line class="decision" data-parameter="induction_response")") !=
          std::string::npos);
}

TEST_CASE("decisions: a hand-built schedule may list a decision its segment does not declare") {
    decision dec;
    dec.parameter = "arm";
    dec.date = d("2027-01-10");
    dec.phase = "a";
    dec.options = {"x", "y"};
    dec.assumed = "x";
    const schedule s({segment{{"p", "P", "1"}, {}, d("2027-01-04"), {}}}, {}, {}, {}, {dec});
    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["decisions"][0]["options"] == nlohmann::json::array({"x", "y"}));
    CHECK(doc["decisions"][0]["value"].is_null());
    CHECK(render(s, "text").find("arm, decided by") != std::string::npos);
}
