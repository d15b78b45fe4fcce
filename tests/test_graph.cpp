#include <ttplan/graph.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

using namespace ttplan;

namespace {

const std::string hostile = "<script>alert(1)</script> \"q\" \\ 'a' # ] | ` ;\nsecond line";

condition when(const char* name, const char* value) {
    condition c;
    c.all_of[name] = {value};
    return c;
}

// induction -> consolidation (Day 36, gated) -> maintenance (+7d) on arm a, or through
// "extra" on arm b; radiation in consolidation and a TKI track only on arm b.
protocol sample(const std::string& odd = "") {
    protocol p;
    p.id = "demo" + odd;
    p.title = "Demo " + odd;
    p.version = "1";
    parameter arm;
    arm.name = "arm";
    arm.type = parameter_type::choice;
    arm.choices = {"a", "b"};
    arm.default_value = "a";
    p.parameters = {arm};

    phase induction;
    induction.id = "induction";
    induction.name = "Induction" + odd;
    induction.duration = length{4, length::unit::weeks};
    phase consolidation;
    consolidation.id = "consolidation";
    consolidation.name = "Consolidation";
    activity radiation;
    radiation.name = "Radiation" + odd;
    radiation.category = category::radiation;
    radiation.when = when("arm", "b");
    consolidation.activities = {radiation};
    phase extra;
    extra.id = "extra";
    extra.name = "Extra";
    extra.when = when("arm", "b");
    phase maintenance;
    maintenance.id = "maintenance";
    maintenance.name = "Maintenance";
    maintenance.duration = length{12, length::unit::weeks};
    maintenance.repeat = repeat_rule{};
    maintenance.repeat->count = 3;
    p.phases = {induction, consolidation, extra, maintenance};

    dependency d1{"induction", "consolidation", dependency_type::start_to_start, 36, {}, "counts" + odd, {}};
    dependency d2{"consolidation", "extra", dependency_type::finish_to_start, 1, {}, "", {}};
    dependency d3{"consolidation",
                  "maintenance",
                  dependency_type::finish_to_start,
                  1,
                  length{7, length::unit::days},
                  "",
                  when("arm", "a")};
    dependency d4{"extra", "maintenance", dependency_type::finish_to_start, 1, {}, "", when("arm", "b")};
    p.dependencies = {d1, d2, d3, d4};

    track tki;
    tki.name = "TKI" + odd;
    tki.category = category::targeted;
    tki.from = anchor{"induction", anchor::edge::day, 15, {}};
    tki.to = anchor{"maintenance", anchor::edge::end, 0, {}};
    tki.when = when("arm", "b");
    p.tracks = {tki};
    return p;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The line with every DOT quoted string replaced by Q; nullopt when a string is malformed
// (unterminated, or an escape DOT labels do not define).
std::optional<std::string> dot_skeleton(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '"') {
            out += line[i];
            continue;
        }
        for (++i;; ++i) {
            if (i >= line.size()) return std::nullopt;
            if (line[i] == '"') break;
            if (line[i] == '\\') {
                if (++i >= line.size() || std::string("\"\\nlr").find(line[i]) == std::string::npos)
                    return std::nullopt;
            }
        }
        out += 'Q';
    }
    return out;
}

struct dot_item {
    std::string label;
    std::string cls;
};

// Nodes and edges of a DOT graph written by to_dot, after checking every line's structure.
struct dot_graph {
    std::map<std::string, dot_item> nodes;                // p0 -> ...
    std::vector<std::pair<std::string, dot_item>> edges;  // "p0 -> p1"
};

dot_graph parse_dot(const std::string& dot) {
    const std::regex attrs(R"re(\[[a-z]+=Q(, [a-z]+=Q)*\];)re");
    const std::regex node_line(R"re(  [pt][0-9]+ )re");
    const std::regex edge_line(R"re(  [pt][0-9]+ -> [pt][0-9]+ )re");
    const std::regex label(R"re(label="((?:[^"\\]|\\.)*)")re");
    const std::regex cls(R"re(class="([^"]*)")re");
    dot_graph g;
    const auto lines = lines_of(dot);
    REQUIRE(lines.size() >= 5);
    REQUIRE(dot_skeleton(lines.front()) == std::optional<std::string>("digraph Q {"));
    REQUIRE(lines.back() == "}");
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const auto skeleton = dot_skeleton(lines[i]);
        INFO(lines[i]);
        REQUIRE(skeleton);
        std::smatch head;
        const bool is_default = skeleton->rfind("  graph [", 0) == 0 || skeleton->rfind("  node [", 0) == 0 ||
                                skeleton->rfind("  edge [", 0) == 0;
        const bool is_edge = std::regex_search(*skeleton, head, edge_line) && head.position(0) == 0;
        const bool is_node =
            !is_edge && std::regex_search(*skeleton, head, node_line) && head.position(0) == 0;
        REQUIRE((is_default || is_edge || is_node));
        const std::string rest = skeleton->substr(skeleton->find('['));
        REQUIRE(std::regex_match(rest, attrs));
        if (is_default) continue;
        std::smatch l, c;
        REQUIRE(std::regex_search(lines[i], l, label));
        REQUIRE(std::regex_search(lines[i], c, cls));
        const std::string key = lines[i].substr(2, lines[i].find(" [") - 2);
        if (is_edge) g.edges.push_back({key, {l[1], c[1]}});
        if (is_node) g.nodes[key] = {l[1], c[1]};
    }
    return g;
}

const dot_item* edge(const dot_graph& g, const std::string& key) {
    for (const auto& [k, item] : g.edges) {
        if (k == key) return &item;
    }
    return nullptr;
}

// Checks every Mermaid line against the forms to_mermaid writes; returns the offending line.
std::string mermaid_problem(const std::string& text) {
    const std::regex quoted(R"re("[^"\n]*")re");
    const std::regex label_text(R"re(^"([^"<>|`#&]|#(quot|amp|lt|gt|[0-9]+);|<br/>)*"$)re");
    const std::vector<std::regex> forms{
        std::regex(R"re(flowchart TD)re"),
        std::regex(R"re(  %% [^\n]*)re"),
        std::regex(R"re(  [pt][0-9]+\[Q\])re"),
        std::regex(R"re(  [pt][0-9]+ (-->|-\.->|-\.-)\|Q\| [pt][0-9]+)re"),
        std::regex(R"re(  classDef [a-z]+ [a-z:#0-9 ,-]+)re"),
        std::regex(R"re(  class [pt][0-9]+(,[pt][0-9]+)* [a-z]+)re"),
    };
    for (const auto& line : lines_of(text)) {
        if (line.rfind("  %% ", 0) == 0) continue;
        for (auto it = std::sregex_iterator(line.begin(), line.end(), quoted); it != std::sregex_iterator();
             ++it) {
            if (!std::regex_match(it->str(), label_text)) return line;
        }
        const std::string skeleton = std::regex_replace(line, quoted, "Q");
        if (std::none_of(forms.begin(), forms.end(),
                         [&](const std::regex& r) { return std::regex_match(skeleton, r); }))
            return line;
    }
    return {};
}

}  // namespace

TEST_CASE("graph: every phase a node, every dependency an edge", "[graph][dot]") {
    const dot_graph g = parse_dot(to_dot(sample(), {}));
    REQUIRE(g.nodes.size() == 5);  // four phases and the track
    CHECK(g.nodes.at("p0").label == "Induction\\n4 weeks");
    CHECK(g.nodes.at("p0").cls == "phase active");
    CHECK(g.nodes.at("p2").cls == "phase inactive");
    CHECK(g.nodes.at("p2").label == "Extra\\n29 days\\nonly if arm=b (not in this plan)");
    CHECK(g.nodes.at("p3").label == "Maintenance\\ncycles of 12 weeks, up to 3");
    CHECK(g.nodes.at("t0").cls == "track inactive");

    int dependencies = 0;
    for (const auto& [key, item] : g.edges) dependencies += item.cls.rfind("dependency", 0) == 0;
    CHECK(dependencies == 4);
    REQUIRE(edge(g, "p0 -> p1"));
    CHECK(edge(g, "p0 -> p1")->label == "Day 36 of Induction (gated: counts)");
    CHECK(edge(g, "p0 -> p1")->cls == "dependency active");
    CHECK(edge(g, "p1 -> p3")->label == "after end +7d if arm=a");
    CHECK(edge(g, "p1 -> p3")->cls == "dependency active");
    CHECK(edge(g, "p1 -> p2")->cls == "dependency inactive");
    CHECK(edge(g, "p2 -> p3")->cls == "dependency inactive");
    CHECK(edge(g, "p0 -> t0")->label == "from Day 15");
    CHECK(edge(g, "p3 -> t0")->label == "to end");
}

TEST_CASE("graph: the other branch swaps what is dashed", "[graph][dot]") {
    const std::string a = to_dot(sample(), {{"arm", "a"}});
    const std::string b = to_dot(sample(), {{"arm", "b"}});
    CHECK(a == to_dot(sample(), {}));  // defaults filled in
    const dot_graph g = parse_dot(b);
    CHECK(g.nodes.at("p2").cls == "phase active");
    CHECK(g.nodes.at("p2").label == "Extra\\n29 days\\nif arm=b");
    CHECK(g.nodes.at("p1").label == "Consolidation\\n29 days\\n+ Radiation (if arm=b)");
    CHECK(g.nodes.at("t0").cls == "track active");
    CHECK(edge(g, "p1 -> p3")->cls == "dependency inactive");
    CHECK(edge(g, "p1 -> p2")->cls == "dependency active");
    CHECK(edge(g, "p2 -> p3")->cls == "dependency active");
    CHECK(b.find("style=\"dashed\"") != std::string::npos);
    CHECK(parse_dot(a).nodes.at("p1").label ==
          "Consolidation\\n29 days\\n- Radiation: only if arm=b (not in this plan)");
}

TEST_CASE("graph: undeclared parameters are errors", "[graph]") {
    CHECK_THROWS_AS(to_dot(sample(), {{"arms", "a"}}), parameter_error);
    CHECK_THROWS_AS(to_mermaid(sample(), {{"arm", "c"}}), parameter_error);
}

TEST_CASE("graph: hostile names stay inside their strings", "[graph][escape]") {
    const std::string dot = to_dot(sample(hostile), {{"arm", "b"}});
    const dot_graph g = parse_dot(dot);
    CHECK(g.nodes.at("p0").label ==
          "Induction<script>alert(1)</script> \\\"q\\\" \\\\ 'a' # ] | ` ;\\nsecond line\\n4 weeks");
    CHECK(dot.find('\r') == std::string::npos);

    const std::string mermaid = to_mermaid(sample(hostile), {{"arm", "b"}});
    CHECK(mermaid_problem(mermaid).empty());
    CHECK(mermaid.find("<script") == std::string::npos);
    CHECK(mermaid.find(
              "Induction#lt;script#gt;alert(1)#lt;/script#gt; #quot;q#quot; \\ 'a' #35; ] #124; #96; ; "
              "second line<br/>4 weeks") != std::string::npos);
    // Invalid UTF-8 is replaced, not copied.
    const std::string bad = to_dot(sample("\xC3\x28\x01"), {});
    CHECK(bad.find("Induction\xEF\xBF\xBD(\xE2\x90\x81") != std::string::npos);
}

TEST_CASE("graph: mermaid draws the same graph", "[graph][mermaid]") {
    const std::string text = to_mermaid(sample(), {});
    INFO(text);
    CHECK(mermaid_problem(text).empty());
    CHECK(mermaid_problem("flowchart TD\n  p0[\"a\"b\"]\n") != "");  // the checker can fail
    CHECK(text.find("  p0[\"Induction<br/>4 weeks\"]\n") != std::string::npos);
    CHECK(text.find("  p0 -->|\"Day 36 of Induction (gated: counts)\"| p1\n") != std::string::npos);
    CHECK(text.find("  p1 -.->|\"after end (not in this plan)\"| p2\n") != std::string::npos);
    CHECK(text.find("  p0 -.-|\"from Day 15\"| t0\n") != std::string::npos);
    CHECK(text.find("  class p2,t0 inactive\n") != std::string::npos);
    CHECK(to_mermaid(sample(), {{"arm", "b"}}).find("  class t0 track\n") != std::string::npos);
}

TEST_CASE("graph: the default protocol's branches", "[graph][builtin]") {
    const protocol p = load_builtin(default_protocol_id());
    const std::string base = to_dot(p, {});
    const std::string radiation = to_dot(p, {{"cns_prophylaxis", "radiation"}});
    const std::string ph = to_dot(p, {{"ph_positive", "true"}});
    const dot_graph g = parse_dot(base);
    std::size_t phase_nodes = 0;
    for (const auto& [key, item] : g.nodes) phase_nodes += key[0] == 'p';
    CHECK(phase_nodes == p.phases.size());
    std::size_t dependency_edges = 0;
    for (const auto& [key, item] : g.edges) dependency_edges += item.cls.rfind("dependency", 0) == 0;
    CHECK(dependency_edges == p.dependencies.size());
    CHECK(base != radiation);
    CHECK(base != ph);
    CHECK(std::regex_search(radiation, std::regex(R"re(\+ Cranial[^"]*radiation)re")));
    CHECK(std::regex_search(base, std::regex(R"re(- Cranial[^"]*radiation[^"]*not in this plan)re")));
    CHECK(std::regex_search(ph, std::regex(R"re(Imatinib[^\n]*class="track active")re")));
    CHECK(mermaid_problem(to_mermaid(p, {{"ph_positive", "true"}})).empty());
}
