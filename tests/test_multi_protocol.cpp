// Every format on plans that continue with other protocols: the protocols' phases with the same
// ids stay apart, labels name the right protocol, and "cut" says why an item stopped early.
// Dates: see continued_samples.hpp.
#include "continued_samples.hpp"
#include "format_samples.hpp"

#include <ttplan/csv.hpp>
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/month_calendar.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ttplan;
using continued::clash_chain;
using continued::relapse_chain;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The paragraph (up to a blank line) whose first line starts with `title`.
std::string block(const std::string& text, const std::string& title) {
    const auto at = text.find("\n" + title);
    REQUIRE(at != std::string::npos);
    const auto end = text.find("\n\n", at + 1);
    return text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

}  // namespace

TEST_CASE("multi text: the header lists every protocol, a heading marks where each begins", "[text]") {
    const std::string text = to_text(relapse_chain());
    CHECK(text.find("\nThen from Tue 2 May 2028 (switch on 2028-05-02): Blinatumomab") != std::string::npos);
    CHECK(text.find("(blinatumomab, version 2), parameters setting=relapsed-refractory\n") !=
          std::string::npos);
    CHECK(text.find("\nThen from Tue 30 Oct 2029 (after the end of the plan so far): Allogeneic") !=
          std::string::npos);
    CHECK(count(text, "\n== From ") == 2);
    // The headings come in plan order, each before its protocol's first phase.
    const auto blina = text.find("\n== From Tue 2 May 2028: Blinatumomab");
    const auto hsct = text.find("\n== From Tue 30 Oct 2029: Allogeneic");
    REQUIRE(blina != std::string::npos);
    REQUIRE(hsct != std::string::npos);
    CHECK(text.rfind("\nMaintenance, cycle 4:", blina) != std::string::npos);
    CHECK(text.find("\nCycles 1-5 (1-4 when MRD-positive), cycle 1:", blina) < hsct);
    CHECK(text.find("\nConditioning:", hsct) != std::string::npos);
}

TEST_CASE("multi text: a cycle cut by a switch says so and one cut by the end of treatment too", "[text]") {
    const std::string text = to_text(relapse_chain());
    CHECK(block(text, "Maintenance, cycle 4:")
              .rfind("Maintenance, cycle 4: Mon 1 May 2028 to Mon 1 May 2028 (1 day), stopped early on "
                     "switching to "
                     "blinatumomab (tentative) (pending)\n",
                     0) == 0);
    CHECK(text.find("cut at the end of treatment") == std::string::npos);

    // The same cycle cut by an until limit, with nothing after it.
    const schedule chain = relapse_chain();
    std::vector<phase_occurrence> phases;
    for (auto p : chain.phases()) {
        if (p.segment != 0) continue;
        if (p.ended_early()) p.ending = ending_reason::limit;
        phases.push_back(p);
    }
    const schedule alone({segment{{"all-overview", "ALL", "1"}, {}, parse_date("2027-01-04"), {}}}, phases,
                         {}, {});
    CHECK(block(to_text(alone), "Maintenance, cycle 4:").find(", cut at the end of treatment") !=
          std::string::npos);
}

TEST_CASE("multi formats: a cycle an until limit cut stays cut short when another protocol follows",
          "[text][markdown][calendar][html][ical]") {
    // The default protocol's last maintenance cycle is cut by the two-year limit; allo-hsct
    // starts the next day. The switch stopped nothing.
    const schedule base = continued::default_plan();
    const schedule s = continued::then_after_end(base, "allo-hsct");
    const phase_occurrence& last = base.phases().back();
    REQUIRE(last.ending == ending_reason::limit);
    REQUIRE(s.segments().at(1).start == last.last + date::days{1});
    for (const auto& p : s.phases()) CHECK(p.ending != ending_reason::switched);

    const std::string text = to_text(s);
    CHECK(text.find("stopped early") == std::string::npos);
    CHECK(block(text, fmt::format("Maintenance, cycle {}:", *last.cycle))
              .find(", cut at the end of treatment") != std::string::npos);
    const std::string md = to_markdown(s);
    CHECK(md.find("stopped early") == std::string::npos);
    CHECK(md.find("cut at the end of treatment") != std::string::npos);
    const std::string cal = to_month_calendar(s);
    CHECK(cal.find("stopped") == std::string::npos);
    CHECK(cal.find("cut") != std::string::npos);
    const std::string html = to_html(s);
    CHECK(html.find("stopped early") == std::string::npos);
    CHECK(html.find("cut at the end of treatment") != std::string::npos);
    std::string ics = to_ical(s);
    for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) ics.erase(at, 3);
    CHECK(ics.find("Stopped early") == std::string::npos);
    CHECK(ics.find("This last cycle is cut short at the end of treatment.") != std::string::npos);
    const auto json = nlohmann::json::parse(to_json(s));
    const auto& phases = json["phases"];
    const auto last_own = std::find_if(phases.rbegin(), phases.rend(),
                                       [](const auto& p) { return p["protocol"] == "all-overview"; });
    REQUIRE(last_own != phases.rend());
    CHECK((*last_own)["ending"] == "limit");
    CHECK((*last_own)["segment"] == 0);
}

TEST_CASE("multi text: two protocols' induction and maintenance stay apart", "[text]") {
    const std::string text = to_text(clash_chain());
    const std::string first = block(text, "Induction:");
    const std::string second = block(text, "Induction [second-line]:");
    CHECK(first.find("Vincristine") != std::string::npos);
    CHECK(first.find("Second-line drug") == std::string::npos);
    CHECK(first.find("Hospital stay: Days 1 to 7") != std::string::npos);
    CHECK(second.find("Vincristine") == std::string::npos);
    CHECK(count(second, "Second-line drug") == 4);
    CHECK(second.find("Hospital stay: Days 1 to 5, Tue 2 May 2028 to Sat 6 May 2028") != std::string::npos);
    CHECK(second.find("Hospital stay: Days 1 to 7") == std::string::npos);
    // Cycle 1 of each maintenance holds only its own protocol's events.
    const std::string own = block(text, "Maintenance, cycle 1:");
    const std::string other = block(text, "Maintenance [second-line], cycle 1:");
    CHECK(own.find("Weekly tablet") == std::string::npos);
    CHECK(count(other, "Weekly tablet") == 4);
    CHECK(other.find("Mercaptopurine") == std::string::npos);
    // Every event is listed exactly once.
    CHECK(count(text, "Second-line drug") == 4);
    CHECK(count(text, "Weekly tablet") == 8);
    // Phases of the first protocol keep their plain names.
    CHECK(text.find("[all-overview]") == std::string::npos);
}

TEST_CASE("multi markdown: protocol column, headings and activities of each protocol's phases",
          "[markdown]") {
    const std::string md = to_markdown(clash_chain());
    CHECK(md.find("- Then from Tue 2 May 2028 (switch on 2028-05-02): Second-line test protocol (protocol "
                  "second-line, version test.1).\n") != std::string::npos);
    CHECK(md.find("| Phase | Protocol | Cycle | From | To | Days | Notes |\n") != std::string::npos);
    CHECK(md.find("| Induction | all-overview |  | Mon 4 Jan 2027 |") != std::string::npos);
    CHECK(md.find("| Induction | second-line |  | Tue 2 May 2028 |") != std::string::npos);
    CHECK(md.find("| Maintenance | all-overview | 4 | Mon 1 May 2028 | Mon 1 May 2028 | 1 | tentative; "
                  "pending; stopped "
                  "early on switching to second-line |\n") != std::string::npos);
    CHECK(md.find("| Hospital stay | Hospital stay | Induction | second-line | Tue 2 May 2028 | Sat 6 May "
                  "2028 | 5 |") != std::string::npos);

    auto section = [&](const std::string& heading) {
        const auto at = md.find("\n" + heading + "\n");
        REQUIRE(at != std::string::npos);
        const auto end = md.find("\n### ", at + 1);
        return md.substr(at, end == std::string::npos ? std::string::npos : end - at);
    };
    const std::string own = section("### Induction");
    const std::string other = section("### Induction \\[second-line\\]");
    CHECK(own.find("Vincristine") != std::string::npos);
    CHECK(own.find("Second-line drug") == std::string::npos);
    CHECK(count(other, "Second-line drug") == 4);
    CHECK(other.find("Vincristine") == std::string::npos);
    CHECK(other.find("- Continuous: Hospital stay (Hospital stay), Days 1 to 5, 2 May 2028 to 6 May 2028") !=
          std::string::npos);
    CHECK(count(section("### Maintenance \\[second-line\\], cycle 2"), "Weekly tablet") == 4);
    CHECK(section("### Maintenance, cycle 1").find("Weekly tablet") == std::string::npos);
    CHECK(md.find("## Other dated activities") == std::string::npos);
    CHECK(md.find("\nFrom Tue 2 May 2028: **Second-line test protocol (second-line)**.\n") <
          md.find("### Induction \\[second-line\\]"));
}

TEST_CASE("multi markdown: the relapse chain names blinatumomab where maintenance stopped", "[markdown]") {
    const std::string md = to_markdown(relapse_chain());
    CHECK(md.find("Mon 1 May 2028 to Mon 1 May 2028 (1 day), stopped early on switching to blinatumomab, "
                  "tentative.\n") != std::string::npos);
    CHECK(md.find("cut at the end of treatment") == std::string::npos);
    CHECK(md.find("### Cycles 1-5 (1-4 when MRD-positive), cycle 1\n") !=
          std::string::npos);  // no id clash: no label
}

namespace {

// Wrapped lines joined again: words separated by single spaces.
std::string words(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    std::string w;
    while (in >> w) out += (out.empty() ? "" : " ") + w;
    return out;
}

}  // namespace

TEST_CASE("multi calendar: continuations in the header and in their month, labelled phases", "[calendar]") {
    const std::string cal = to_month_calendar(clash_chain());
    std::istringstream lines(cal);
    for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 80);
    const std::string flat = words(cal);
    CHECK(
        flat.find("Then from Tue 2 May 2028 (switch on 2028-05-02): Second-line test protocol (second-line), "
                  "version test.1 Then from Tue 25 Jul 2028") != std::string::npos);
    CHECK(flat.find("January 2027 Induction from 4 Jan Continuous:") != std::string::npos);
    CHECK(flat.find(
              "May 2028 Maintenance cycle 4 1 May (stopped early, tentative); From 2 May: Second-line test "
              "protocol (second-line); Induction [second-line] 2-29 May; Maintenance [second-line] cycle 1 "
              "from 30 May") != std::string::npos);
    CHECK(flat.find("From 25 Jul: Allogeneic stem cell transplant") != std::string::npos);
    CHECK(flat.find("[all-overview]") == std::string::npos);
    CHECK(flat.find("cut short") == std::string::npos);
}

namespace {

std::vector<std::string> all_of(const std::string& text, const std::string& pattern) {
    std::vector<std::string> found;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
        found.push_back((*it)[1].str());
    }
    return found;
}

}  // namespace

TEST_CASE("multi html: one lane per phase of each protocol, switches drawn and named", "[html][svg]") {
    const std::string html = to_html(clash_chain());
    // The page draws the timeline twice, wide and narrow, from the same lanes: read the wide one.
    const std::string wide = html.substr(html.find("<svg"), html.find("</svg>") - html.find("<svg"));
    REQUIRE(wide.find("class=\"timeline wide\"") != std::string::npos);
    const std::string narrow = html.substr(html.rfind("<svg"), html.rfind("</svg>") - html.rfind("<svg"));
    REQUIRE(narrow.find("class=\"timeline narrow\"") != std::string::npos);
    CHECK(all_of(narrow, R"re(data-lane="(phase:[^"]*)")re") ==
          all_of(wide, R"re(data-lane="(phase:[^"]*)")re"));
    CHECK(all_of(narrow, R"re(class="segment-label" data-protocol="([^"]*)")re") ==
          all_of(wide, R"re(class="segment-label" data-protocol="([^"]*)")re"));
    const auto lanes = all_of(wide, R"re(data-lane="(phase:[^"]*)")re");
    CHECK(lanes == std::vector<std::string>{"phase:induction", "phase:consolidation",
                                            "phase:interim_maintenance_1", "phase:delayed_intensification",
                                            "phase:interim_maintenance_2", "phase:maintenance",
                                            "phase:second-line/induction", "phase:second-line/maintenance",
                                            "phase:allo-hsct/conditioning", "phase:allo-hsct/transplant"});
    // Bars: each protocol's maintenance cycles in its own lane, named by data-protocol.
    CHECK(all_of(wide, R"re(data-phase="maintenance" data-protocol="(all-overview)")re").size() == 4);
    CHECK(all_of(wide, R"re(data-phase="maintenance" data-protocol="(second-line)")re").size() == 2);
    CHECK(all_of(wide, R"re(data-phase="induction" data-protocol="([^"]*)")re") ==
          std::vector<std::string>{"all-overview", "second-line"});
    CHECK(html.find(">Induction [second-line]<") != std::string::npos);  // lane label
    // Ticks of the second protocol's induction name it, none of the first one's carry its drug.
    CHECK(html.find("Tue 2 May 2028, Induction [second-line] Day 1: Second-line drug (Chemotherapy)") !=
          std::string::npos);
    CHECK(html.find("Induction Day 1: Second-line drug") == std::string::npos);
    // The switch: labels for every protocol, a dashed line at each later start.
    CHECK(all_of(wide, R"re(class="segment-label" data-protocol="([^"]*)")re") ==
          std::vector<std::string>{"all-overview", "second-line", "allo-hsct"});
    CHECK(all_of(wide, R"re(class="segment-start" data-protocol="([^"]*)")re") ==
          std::vector<std::string>{"second-line", "allo-hsct"});
    CHECK(html.find(
              "Maintenance, cycle 4: Mon 1 May 2028 to Mon 1 May 2028, 1 day; stopped early on switching to "
              "second-line") != std::string::npos);
    CHECK(html.find("Maintenance, cycle 4 begins and ends (stopped early)") != std::string::npos);
    CHECK(html.find("<span class=\"ph seg\">Switch to Second-line test protocol (second-line)</span>") !=
          std::string::npos);
    CHECK(html.find(
              "Then from <strong>Tue 2 May 2028</strong> (switch on 2028-05-02): Second-line test protocol "
              "(<code>second-line</code>, version test.1).") != std::string::npos);
    CHECK(html.find("<caption>Parameters of allo-hsct</caption>") != std::string::npos);
    CHECK(html.find("<p>second-line has no parameters.</p>") != std::string::npos);
}

TEST_CASE("multi html: a plan of one protocol draws no protocol marks", "[html][svg]") {
    const std::string html = to_html(continued::default_plan());
    CHECK(html.find("data-protocol") == std::string::npos);
    CHECK(html.find("segment-") == std::string::npos);
    CHECK(html.find("Switch to") == std::string::npos);
}

namespace {

struct vevent {
    std::string uid, summary, description;  // TEXT values as written (escaped)
};

std::vector<vevent> vevents(std::string ics) {
    for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) ics.erase(at, 3);
    std::vector<vevent> out;
    std::istringstream lines(ics);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        auto value = [&](const char* name) { return line.substr(std::string(name).size()); };
        if (line == "BEGIN:VEVENT") out.emplace_back();
        if (line.rfind("UID:", 0) == 0) out.back().uid = value("UID:");
        if (line.rfind("SUMMARY:", 0) == 0) out.back().summary = value("SUMMARY:");
        if (line.rfind("DESCRIPTION:", 0) == 0) out.back().description = value("DESCRIPTION:");
    }
    return out;
}

const vevent& titled(const std::vector<vevent>& events, const std::string& summary) {
    std::vector<const vevent*> found;
    for (const auto& e : events) {
        if (e.summary == summary) found.push_back(&e);
    }
    REQUIRE(found.size() == 1);
    return *found.front();
}

std::set<std::string> uids(const std::vector<vevent>& events) {
    std::set<std::string> out;
    for (const auto& e : events) out.insert(e.uid);
    return out;
}

}  // namespace

TEST_CASE("multi ical: each protocol's phases, cycle counts and protocol lines", "[ical]") {
    const auto events = vevents(to_ical(clash_chain()));
    CHECK(uids(events).size() == events.size());
    const vevent& own = titled(events, "Maintenance\\, cycle 4");
    CHECK(own.description.rfind("Maintenance\\, cycle 4 of 4\\n", 0) == 0);
    CHECK(own.description.find(
              "\\nStopped early: the plan switches to Second-line test protocol (second-line) on "
              "2028-05-02.\\n") != std::string::npos);
    CHECK(own.description.find("cut short at the end of treatment") == std::string::npos);
    CHECK(own.description.find("Protocol: ALL therapy overview") != std::string::npos);
    const vevent& other = titled(events, "Maintenance [second-line]\\, cycle 2");
    CHECK(other.description.rfind("Maintenance [second-line]\\, cycle 2 of 2\\n", 0) == 0);
    CHECK(
        other.description.find("\\nProtocol: Second-line test protocol (second-line\\, version test.1)\\n") !=
        std::string::npos);
    CHECK(other.description.find("all-overview") == std::string::npos);
    // Treatment days: the second protocol's induction holds its own drug, under its own name.
    const vevent& day1 = titled(events, "Induction [second-line] Day 1: Second-line drug");
    CHECK(day1.description.find("Protocol: Second-line test protocol") != std::string::npos);
    CHECK(
        titled(events, "Induction Day 15: Vincristine").description.find("Protocol: ALL therapy overview") !=
        std::string::npos);
    CHECK(titled(events, "Induction [second-line]: Hospital stay").description.find("Days 1 to 5") !=
          std::string::npos);
}

TEST_CASE("multi ical: each protocol's part keeps the UIDs it has on its own", "[ical][uid]") {
    // One calendar id for every plan compared: the derived one differs between them.
    render_options o;
    o.calendar_id = "relapse-7";
    const auto to_ical = [&](const schedule& s) { return ttplan::to_ical(s, o); };
    const auto chain = vevents(to_ical(relapse_chain()));
    CHECK(uids(chain).size() == chain.size());
    // Blinatumomab planned alone from the switch day: every item of it appears with its UID.
    const auto alone =
        vevents(to_ical(planner(load_builtin("blinatumomab"), {}).plan(continued::switch_day)));
    std::set<std::string> in_chain = uids(chain);
    for (const auto& e : alone) {
        CAPTURE(e.summary);
        CHECK(in_chain.count(e.uid) == 1);
    }
    // The default protocol's items before the switch keep theirs (the cut cycle's item too).
    const auto first = vevents(to_ical(continued::default_plan()));
    CHECK(uids(chain).count(titled(first, "Induction").uid) == 1);
    CHECK(uids(chain).count(titled(first, "Maintenance\\, cycle 4").uid) == 1);
    CHECK(titled(chain, "Maintenance\\, cycle 4").uid == titled(first, "Maintenance\\, cycle 4").uid);
}

TEST_CASE("multi formats: items keep the segment they were given, whatever their dates",
          "[text][markdown][csv][ical][html][agenda]") {
    // A protocol that follows itself, and an event of the first segment dated after the second
    // segment starts (a hand-built schedule can say so): only the segment index tells where it
    // belongs; a guess from dates would give it to the second induction.
    const segment first{{"p", "P", "1"}, {}, samples::day("2027-01-04"), {}};
    const segment again{{"p", "P", "1"}, {}, samples::day("2027-01-18"), "relapse"};
    phase_occurrence a = samples::occurrence("induction", "Induction", "2027-01-04", "2027-01-17");
    a.ending = ending_reason::switched;
    phase_occurrence b = samples::occurrence("induction", "Induction", "2027-01-18", "2027-01-31");
    b.segment = 1;
    event moved = samples::dated("2027-01-20", "induction", 10, "Late marrow", category::assessment);
    event second = samples::dated("2027-01-18", "induction", 1, "Second start");
    second.segment = 1;
    const schedule s({first, again}, {a, b}, {moved, second}, {});

    const std::string text = to_text(s);
    const std::string own = block(text, "Induction: Mon 4 Jan 2027");
    CHECK(own.find("Late marrow") != std::string::npos);
    CHECK(own.find("Second start") == std::string::npos);
    CHECK(own.find("stopped early on switching to p") != std::string::npos);
    const std::string next = block(text, "Induction: Mon 18 Jan 2027");
    CHECK(next.find("Late marrow") == std::string::npos);
    CHECK(next.find("Second start") != std::string::npos);

    const std::string md = to_markdown(s);
    const auto first_section = md.find("### Induction\n\nMon 4 Jan 2027");
    const auto second_section = md.find("### Induction\n\nMon 18 Jan 2027");
    REQUIRE(first_section != std::string::npos);
    REQUIRE(second_section != std::string::npos);
    const auto marrow = md.find("| 20 Jan 2027 | Wed | 10 | Late marrow (Assessment) |");
    CHECK((first_section < marrow && marrow < second_section));
    CHECK(md.find("## Other dated activities") == std::string::npos);

    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["events"][0]["activity"] == "Second start");
    CHECK(doc["events"][0]["segment"] == 1);
    CHECK(doc["events"][1]["segment"] == 0);
    CHECK(doc["phases"][0]["ending"] == "switch");

    // iCalendar: the late day is described under the first induction, cut by the switch.
    std::string ics = to_ical(s);
    for (auto at = ics.find("\r\n "); at != std::string::npos; at = ics.find("\r\n ", at)) ics.erase(at, 3);
    CHECK(ics.find("SUMMARY:Induction Day 10: Late marrow") != std::string::npos);
    CHECK(count(ics, "Stopped early: the plan switches to P (p) on 2027-01-18.") == 1);
    CHECK(count(ics, "SUMMARY:Induction Day") == 2);
}
