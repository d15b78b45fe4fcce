// Markdown output: the handout's sections and tables, inert protocol text, golden files.
#include "format_samples.hpp"
#include "golden.hpp"

#include <ttplan/format.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/version.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

using namespace ttplan;
using samples::default_plan;
using samples::hand_built;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Table cells of a row "| a | b |", split at pipes that are not backslash-escaped.
std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::string cell;
    for (std::size_t i = 1; i < row.size(); ++i) {
        if (row[i] == '\\' && i + 1 < row.size()) {
            cell += row[i];
            cell += row[++i];
        } else if (row[i] == '|') {
            out.push_back(cell.substr(1, cell.size() >= 2 ? cell.size() - 2 : 0));
            cell.clear();
        } else {
            cell += row[i];
        }
    }
    return out;
}

// What a reader sees of escaped text: backslash escapes and the three entities undone.
std::string unescape(const std::string& md) {
    std::string out;
    for (std::size_t i = 0; i < md.size(); ++i) {
        if (md[i] == '\\' && i + 1 < md.size()) {
            out += md[++i];
        } else if (md.compare(i, 4, "&lt;") == 0) {
            out += '<', i += 3;
        } else if (md.compare(i, 4, "&gt;") == 0) {
            out += '>', i += 3;
        } else if (md.compare(i, 5, "&amp;") == 0) {
            out += '&', i += 4;
        } else {
            out += md[i];
        }
    }
    return out;
}

// The rows of the table that follows the line `heading` (header row first).
std::vector<std::vector<std::string>> table_after(const std::string& doc, const std::string& heading) {
    const auto lines = lines_of(doc);
    std::size_t i = 0;
    while (i < lines.size() && lines[i] != heading) ++i;
    while (i < lines.size() && lines[i].rfind("| ", 0) != 0) ++i;
    std::vector<std::vector<std::string>> rows;
    for (; i < lines.size() && lines[i].rfind("|", 0) == 0; ++i) {
        if (lines[i].rfind("| ---", 0) != 0) rows.push_back(cells(lines[i]));
    }
    return rows;
}

}  // namespace

TEST_CASE("markdown: title, protocol, parameters, dates in words and the disclaimer", "[markdown]") {
    const std::string doc = to_markdown(hand_built());
    CHECK(doc.rfind("# Demo protocol\n\nProtocol demo, version 1.\n\nFrom Mon 4 Jan 2027", 0) == 0);
    // A parameter the schedule has no words for reads by its name and value.
    CHECK(doc.find("\n## Parameters\n\n- ph\\_positive: true (ph\\_positive=true)\n") != std::string::npos);
    CHECK(doc.find("From Mon 4 Jan 2027 to Sun 7 Mar 2027: 2 months and 4 days (63 days).") !=
          std::string::npos);
    CHECK(doc.find(std::string("> ") + disclaimer + "\n") != std::string::npos);
    CHECK(doc.find("Dates marked tentative depend on recovery") != std::string::npos);
}

TEST_CASE("markdown: a table of phase occurrences", "[markdown]") {
    const auto rows = table_after(to_markdown(hand_built()), "## Phases");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"Phase", "Cycle", "From", "To", "Days", "Notes"});
    CHECK(rows[1] == std::vector<std::string>{"Induction", "", "Mon 4 Jan 2027", "Mon 1 Feb 2027", "29", ""});
    CHECK(rows[2] == std::vector<std::string>{"Maintenance", "1 (A)", "Mon 8 Feb 2027", "Sun 7 Mar 2027",
                                              "28", "tentative"});
}

TEST_CASE("markdown: a table of continuous therapy", "[markdown]") {
    const auto rows = table_after(to_markdown(hand_built()), "## Continuous therapy");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == std::vector<std::string>{"Therapy", "Category", "Phase", "From", "To", "Days"});
    CHECK(rows[1] == std::vector<std::string>{"Imatinib", "Targeted therapy", "across phases",
                                              "Mon 18 Jan 2027", "Sun 7 Mar 2027", "49"});
    CHECK(rows[2] == std::vector<std::string>{"Mercaptopurine", "Chemotherapy", "Maintenance, cycle 1",
                                              "Mon 15 Feb 2027", "Sun 7 Mar 2027 (tentative)", "21"});
}

TEST_CASE("markdown: one table of dated events per occurrence, one row per date", "[markdown]") {
    const std::string doc = to_markdown(hand_built());
    const auto induction = table_after(doc, "### Induction");
    REQUIRE(induction.size() == 3);
    CHECK(induction[0] == std::vector<std::string>{"Date", "Weekday", "Day", "Activities"});
    CHECK(induction[1] ==
          std::vector<std::string>{"4 Jan 2027", "Mon", "1",
                                   "Vincristine (Chemotherapy); Lumbar puncture (Intrathecal therapy)"});
    CHECK(induction[2] == std::vector<std::string>{"11 Jan 2027", "Mon", "8", "Vincristine (Chemotherapy)"});
    const auto maintenance = table_after(doc, "### Maintenance, cycle 1 (A)");
    REQUIRE(maintenance.size() == 2);
    CHECK(maintenance[1] == std::vector<std::string>{"8 Feb 2027", "Mon", "-7", "Admission (Hospital stay)"});
    CHECK(
        doc.find("- Continuous: Mercaptopurine (Chemotherapy), Days 0 to 20, 15 Feb 2027 to 7 Mar 2027\n") !=
        std::string::npos);
}

TEST_CASE("markdown: hostile names stay text and keep the table shape", "[markdown][injection]") {
    const std::vector<std::string> names{"<script>alert(1)</script>",
                                         "a | b",
                                         "two\nlines",
                                         "semi;colon, comma",
                                         "say \"hi\" & 'bye'",
                                         "=HYPERLINK(\"http://x\",\"y\")",
                                         "*bold* _em_ `code` [link](http://x) ~~gone~~",
                                         "back\\slash",
                                         "# not a heading",
                                         "<img src=x onerror=alert(1)>"};
    for (const auto& name : names) {
        CAPTURE(name);
        const std::string doc = to_markdown(hand_built(name, name));
        CHECK(doc.find('<') == std::string::npos);
        CHECK(doc.find('>') == doc.find("> For planning"));  // only the disclaimer's quote marker
        std::string flat = name;
        for (char& c : flat) c = c == '\n' ? ' ' : c;
        const auto phases = table_after(doc, "## Phases");
        REQUIRE(phases.size() == 3);
        CHECK(phases[1].size() == 6);
        CHECK(unescape(phases[1][0]) == flat);
        const auto dated = table_after(doc, "### " + phases[1][0]);
        REQUIRE(dated.size() == 3);
        CHECK(dated[1].size() == 4);
        CHECK(unescape(dated[1][3]) == flat + " (Chemotherapy); Lumbar puncture (Intrathecal therapy)");
    }
}

TEST_CASE("markdown: control characters, C1 included, are made printable; invalid UTF-8 U+FFFD",
          "[markdown][injection]") {
    const std::string name =
        "csi\xC2\x9B"
        "31m nel\xC2\x85"
        "esc\x1B"
        "bad\xC0\xAF"
        "end";
    const std::string doc = to_markdown(hand_built(name, name));
    CHECK(doc.find("\xC2\x9B") == std::string::npos);
    CHECK(doc.find("\xC2\x85") == std::string::npos);
    CHECK(doc.find('\x1B') == std::string::npos);
    const auto phases = table_after(doc, "## Phases");
    REQUIRE(phases.size() == 3);
    CHECK(unescape(phases[1][0]) ==
          "csi\xEF\xBF\xBD"
          "31m nel esc\xE2\x90\x9B"
          "bad\xEF\xBF\xBD\xEF\xBF\xBD"
          "end");
}

TEST_CASE("markdown: render dispatches by name; identical inputs give identical bytes", "[markdown]") {
    CHECK(render(hand_built(), "md") == to_markdown(hand_built()));
    CHECK(to_markdown(default_plan()) == to_markdown(default_plan()));
}

TEST_CASE("markdown: every occurrence of a real plan gets its section", "[markdown]") {
    const auto s = default_plan();
    const std::string doc = to_markdown(s);
    std::size_t sections = 0;
    for (const auto& line : lines_of(doc)) sections += line.rfind("### ", 0) == 0 ? 1 : 0;
    CHECK(sections == s.phases().size());
    CHECK(table_after(doc, "## Phases").size() == s.phases().size() + 1);
    CHECK(table_after(doc, "## Continuous therapy").size() == s.spans().size() + 1);
}

TEST_CASE("markdown: golden files of the default protocol", "[markdown][golden]") {
    golden::check("all-overview.md", to_markdown(default_plan()));
    golden::check("all-overview-ph-dasatinib.md", to_markdown(default_plan(samples::ph_dasatinib)));
}
