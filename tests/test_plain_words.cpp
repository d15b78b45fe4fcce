// Plain words: parameter labels and value labels, what each phase is and what to expect, read
// from protocol files with located errors, written back, and shown by the human formats.
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace ttplan;

namespace {

constexpr const char* ph_labels = R"(, "value_labels": {"true": "positive", "false": "negative"})";

// A small protocol with labels; `param_extra` goes into the ph_positive parameter, `phase_extra`
// into the induction phase, so each test changes one thing.
std::string protocol_text(const std::string& param_extra = ph_labels, const std::string& phase_extra = "") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "worded",
  "title": "Worded",
  "parameters": [
    {"name": "ph_positive", "type": "bool", "default": true, "label": "Philadelphia chromosome",
     "description": "Adds a daily tablet.")" +
           param_extra + R"(},
    {"name": "tki", "type": "choice", "choices": ["imatinib", "dasatinib"], "default": "dasatinib",
     "label": "Tablet", "value_labels": {"dasatinib": "Dasatinib"}},
    {"name": "weeks", "type": "integer", "minimum": 1, "maximum": 9, "default": 2}
  ],
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",
     "description": "About a month to bring the leukemia into remission.",
     "expect": "Weekly visits; a bone-marrow test on Day 29.")" +
           phase_extra + R"(,
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "maintenance", "name": "Maintenance", "length": "28d", "repeat": {"count": 3},
     "description": "Lower-intensity therapy, mostly at home.",
     "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]}
  ],
  "dependencies": [{"from": "induction", "to": "maintenance"}]
})";
}

schedule plan_of(const protocol& p) {
    profile pr;
    pr.start = parse_date("2027-01-04");
    return make_schedule(p, pr);
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

bool has_problem(const std::string& text, const std::string& pointer, const std::string& words) {
    for (const problem& p : validate_protocol(text)) {
        if (p.where.pointer == pointer && p.message.find(words) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("plain words: labels, value labels and expect texts read and write back", "[read][roundtrip]") {
    const protocol p = parse_protocol(protocol_text());
    const parameter& ph = *p.find_parameter("ph_positive");
    CHECK(ph.label == "Philadelphia chromosome");
    CHECK(ph.value_words("true") == "positive");
    CHECK(ph.value_words("false") == "negative");
    const parameter& tki = *p.find_parameter("tki");
    CHECK(tki.value_words("dasatinib") == "Dasatinib");
    CHECK(tki.value_words("imatinib") == "imatinib");  // no label: the value itself
    const parameter& weeks = *p.find_parameter("weeks");
    CHECK(weeks.label_or_name() == "weeks");
    CHECK(weeks.value_words("3") == "3");
    CHECK(p.find_phase("induction")->expect == "Weekly visits; a bone-marrow test on Day 29.");
    CHECK(p.find_phase("maintenance")->expect.empty());

    const std::string written = to_json(p);
    CHECK(written.find(R"("value_labels": {
        "false": "negative",
        "true": "positive"
      })") != std::string::npos);  // in the order of the parameter's values
    CHECK(parse_protocol(written) == p);
}

TEST_CASE("plain words: an unlabelled bool reads yes or no", "[words]") {
    parameter flag;
    flag.name = "cns3";
    flag.type = parameter_type::boolean;
    CHECK(flag.value_words("true") == "yes");
    CHECK(flag.value_words("false") == "no");
    CHECK(flag.label_or_name() == "cns3");
}

TEST_CASE("plain words: bad labels are errors located in the file", "[read][problems]") {
    CHECK(has_problem(protocol_text(R"(, "value_labels": {"maybe": "perhaps"})"),
                      "/parameters/0/value_labels/maybe", "not a value of this parameter (allowed: false, true)"));
    CHECK(has_problem(protocol_text(R"(, "value_labels": {"true": 1})"), "/parameters/0/value_labels/true",
                      "a non-empty string"));
    CHECK(has_problem(protocol_text(R"(, "value_labels": {"true": ""})"), "/parameters/0/value_labels/true",
                      "a non-empty string"));
    CHECK(has_problem(protocol_text(R"(, "value_labels": ["positive"])"), "/parameters/0/value_labels",
                      "an object mapping values to words"));
    CHECK(has_problem(protocol_text(R"(, "label": ["Ph"])"), "/parameters/0/label", "a string"));
    CHECK(has_problem(protocol_text(ph_labels, R"(, "expect": 3)"), "/phases/0/expect", "a string"));
    // Integers have no values to label.
    std::string text = protocol_text();
    const std::string integer = R"("default": 2})";
    text.replace(text.find(integer), integer.size(), R"("default": 2, "value_labels": {"2": "two"}})");
    CHECK(has_problem(text, "/parameters/2/value_labels", "unknown key \"value_labels\""));
    CHECK(validate_protocol(protocol_text()).empty());
}

TEST_CASE("plain words: the plan remembers the protocol's words", "[schedule]") {
    const protocol p = parse_protocol(protocol_text());
    const schedule s = plan_of(p);
    CHECK(s.protocol() == info_of(p));
    REQUIRE(s.protocol().find_parameter("ph_positive") != nullptr);
    CHECK(s.protocol().find_parameter("ph_positive")->label == "Philadelphia chromosome");
    REQUIRE(s.protocol().find_phase("induction") != nullptr);
    CHECK(s.protocol().find_phase("induction")->description ==
          "About a month to bring the leukemia into remission.");
    CHECK(s.protocol().find_phase("nowhere") == nullptr);
}

TEST_CASE("plain words: text says what parameters and phases mean, each phase once", "[text]") {
    const std::string text = to_text(plan_of(parse_protocol(protocol_text())));
    CHECK(text.find("\nParameters\n  Philadelphia chromosome: positive (ph_positive=true)\n"
                    "    Adds a daily tablet.\n  Tablet: Dasatinib (tki=dasatinib)\n  weeks: 2 (weeks=2)\n") !=
          std::string::npos);
    CHECK(text.find("  What this phase is: About a month to bring the leukemia into remission.\n"
                    "  What to expect: Weekly visits; a bone-marrow test on Day 29.\n") != std::string::npos);
    // Three maintenance cycles, one description.
    CHECK(count(text, "What this phase is: Lower-intensity therapy, mostly at home.") == 1);
    CHECK(count(text, "What to expect:") == 1);
}

TEST_CASE("plain words: Markdown says the same, escaped", "[markdown]") {
    const std::string md = to_markdown(plan_of(parse_protocol(protocol_text())));
    CHECK(md.find("## Parameters\n\n- Philadelphia chromosome: positive (ph\\_positive=true). Adds a daily "
                  "tablet.\n") != std::string::npos);
    CHECK(md.find("\nWhat this phase is: About a month to bring the leukemia into remission.\n") !=
          std::string::npos);
    CHECK(md.find("\nWhat to expect: Weekly visits; a bone-marrow test on Day 29.\n") != std::string::npos);
    CHECK(count(md, "What this phase is: Lower-intensity") == 1);
}

TEST_CASE("plain words: HTML has a parameter table in words and a section per phase", "[html]") {
    const std::string html = to_html(plan_of(parse_protocol(protocol_text())));
    CHECK(html.find("<tr><th scope=\"row\">Philadelphia chromosome</th><td><strong>positive</strong> "
                    "<code class=\"set\">ph_positive=true</code><span class=\"meaning\">Adds a daily "
                    "tablet.</span></td></tr>") != std::string::npos);
    CHECK(html.find("<tr><th scope=\"row\">weeks</th><td><strong>2</strong> <code class=\"set\">weeks=2</code>"
                    "</td></tr>") != std::string::npos);
    CHECK(html.find("<section id=\"phases\" class=\"phase-words\">") != std::string::npos);
    CHECK(html.find("<h3>Maintenance</h3>\n<p class=\"when\">Tue 2 Feb 2027 to Mon 26 Apr 2027, 3 cycles</p>\n"
                    "<p><strong>What this phase is:</strong> Lower-intensity therapy, mostly at home.</p>\n") !=
          std::string::npos);
    CHECK(html.find("<p><strong>What to expect:</strong> Weekly visits; a bone-marrow test on Day 29.</p>") !=
          std::string::npos);
}

TEST_CASE("plain words: a protocol without them shows no phase section", "[html][text]") {
    protocol p = parse_protocol(protocol_text());
    for (phase& ph : p.phases) ph.description.clear(), ph.expect.clear();
    const schedule s = plan_of(p);
    CHECK(to_html(s).find("id=\"phases\"") == std::string::npos);
    CHECK(to_text(s).find("What this phase is") == std::string::npos);
}

TEST_CASE("plain words: protocol text stays inert in every format", "[safety]") {
    protocol p = parse_protocol(protocol_text());
    p.parameters[0].label = "<b>Ph</b>\nline";
    p.parameters[0].value_labels["true"] = "[pos](http://x.example)";
    p.phases[0].expect = "<script>alert(1)</script>\x1b[31m";
    const schedule s = plan_of(p);
    const std::string html = to_html(s);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&lt;b&gt;Ph&lt;/b&gt;") != std::string::npos);
    const std::string text = to_text(s);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find("<b>Ph</b> line: [pos](http://x.example)") != std::string::npos);  // one line
    const std::string md = to_markdown(s);
    CHECK(md.find("<script>") == std::string::npos);
    CHECK(md.find("](http://") == std::string::npos);
}

TEST_CASE("plain words: every built-in labels its parameters; the default explains every phase",
          "[builtin]") {
    for (const auto& entry : builtin_protocols()) {
        const protocol p = load_builtin(entry.id);
        for (const parameter& param : p.parameters) {
            INFO(entry.id << " " << param.name);
            CHECK(!param.label.empty());
            CHECK(!param.description.empty());
            for (const std::string& v : param.options()) CHECK(param.value_labels.count(v) == 1);
        }
    }
    const protocol def = load_builtin(default_protocol_id());
    for (const phase& ph : def.phases) {
        INFO(ph.id);
        CHECK(!ph.description.empty());
        CHECK(!ph.expect.empty());
    }
}
