// Today and what's next: render_options::today gives the text, Markdown and HTML formats a
// "What's next" section, a today line on the timeline and today marked in the month grids;
// unset, and in every other format, nothing changes.
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/markdown.hpp>

#include "format_samples.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <string>

using namespace ttplan;
using samples::day;
using samples::default_plan;

namespace {

render_options on(const char* iso) {
    render_options o;
    o.today = day(iso);
    return o;
}

// The "What's next" section of the text agenda, up to the next section.
std::string next_section(const std::string& text) {
    const auto from = text.find("\nWhat's next (today: ");
    if (from == std::string::npos) return {};
    const auto to = text.find("\n\n", from + 1);
    return text.substr(from + 1, to == std::string::npos ? std::string::npos : to - from);
}

double attribute(const std::string& element, const std::string& name) {
    std::smatch m;
    const std::regex re(" " + name + "=\"([-0-9.]+)\"");
    REQUIRE(std::regex_search(element, m, re));
    return std::stod(m[1]);
}

std::string element(const std::string& html, const std::string& pattern) {
    std::smatch m;
    REQUIRE(std::regex_search(html, m, std::regex(pattern)));
    return m[0];
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("whats next: before the start, the days to go and what comes first", "[text]") {
    const std::string next = next_section(to_text(default_plan(), on("2026-12-25")));
    CHECK(next ==
          "What's next (today: Fri 25 Dec 2026)\n"
          "  Treatment starts in 10 days, on Mon 4 Jan 2027.\n"
          "  Next treatment days:\n"
          "    Mon 4 Jan 2027 (in 10 days), Induction Day 1: Intrathecal cytarabine (diagnostic lumbar puncture) "
          "(Intrathecal therapy); Vincristine (Chemotherapy)\n"
          "    Thu 7 Jan 2027 (in 13 days), Induction Day 4: Pegaspargase (Chemotherapy)\n"
          "    Mon 11 Jan 2027 (in 17 days), Induction Day 8: Vincristine (Chemotherapy); Intrathecal methotrexate "
          "(Intrathecal therapy); Blood MRD test (Assessment)\n"
          "  Next hospital stay:\n"
          "    From Mon 4 Jan 2027 (in 10 days) to Sun 10 Jan 2027 (7 days) (Induction)\n"
          "  Next decision:\n"
          "    Mon 1 Feb 2027 (in 38 days), Induction Day 29: Response at the end of induction, decided by "
          "bone-marrow MRD assessment on induction Day 29: not known yet; this plan follows MRD-negative (no "
          "remaining leukemia found); the other possible result is MRD-positive (remaining leukemia found)\n");
    CHECK(next_section(to_text(default_plan(), on("2027-01-03"))).find("Treatment starts tomorrow, Mon 4 Jan 2027.") !=
          std::string::npos);
}

TEST_CASE("whats next: during treatment, the phase and its day, what runs, what comes", "[text]") {
    const std::string next = next_section(to_text(default_plan(), on("2027-01-11")));
    CHECK(next.find("  Today is Day 8 of Induction. The plan ends on ") != std::string::npos);
    CHECK(next.find("  Running today:\n    Dexamethasone (Chemotherapy) (twice daily), until Sun 31 Jan 2027\n") != std::string::npos);
    CHECK(next.find("    Mon 11 Jan 2027 (today), Induction Day 8: Vincristine") != std::string::npos);
    CHECK(next.find("    Thu 14 Jan 2027 (in 3 days)") == std::string::npos);  // not a treatment day
    CHECK(next.find("  Next hospital stay:\n    None planned\n") != std::string::npos);
    CHECK(count(next, " Day ") >= 3);

    // In the first week's hospital stay.
    const std::string stay = next_section(to_text(default_plan(), on("2027-01-05")));
    CHECK(stay.find("Today is Day 2 of Induction.") != std::string::npos);
    CHECK(stay.find("    In hospital now, until Sun 10 Jan 2027 (Induction)\n") != std::string::npos);

    // A maintenance cycle says which.
    const schedule s = default_plan();
    const phase_occurrence* third = nullptr;
    for (const auto& p : s.phases()) {
        if (p.phase == "maintenance" && p.cycle == 3) third = &p;
    }
    REQUIRE(third != nullptr);
    render_options o;
    o.today = third->first + date::days{9};
    CHECK(next_section(to_text(s, o)).find("Today is Day 10 of Maintenance, cycle 3.") != std::string::npos);
}

TEST_CASE("whats next: a decision past its day and still pending is still to be given", "[text]") {
    const std::string next = next_section(to_text(default_plan(), on("2027-02-10")));
    CHECK(next.find("  Next decision:\n    Still to be given (due Mon 1 Feb 2027): Induction Day 29: "
                    "Response at the end of induction") != std::string::npos);
}

TEST_CASE("whats next: after the end, only that it ended", "[text][markdown][html]") {
    const schedule s = default_plan();
    const render_options o = on("2031-06-01");
    const std::string next = next_section(to_text(s, o));
    CHECK(next.rfind("What's next (today: Sun 1 Jun 2031)\n  The plan ended on ", 0) == 0);
    CHECK(count(next, "\n") == 2);  // nothing else
    // The last day of the plan, as the header gives it.
    std::smatch last;
    const std::string text = to_text(s);
    REQUIRE(std::regex_search(text, last, std::regex("\nFrom Mon 4 Jan 2027 to ([^:]+):")));
    CHECK(next.find("The plan ended on " + last[1].str() + ".\n") != std::string::npos);
    const std::string html = to_html(s, o);
    CHECK(html.find("The plan ended on") != std::string::npos);
    CHECK(html.find("<h3>Next treatment days</h3>") == std::string::npos);
    CHECK(html.find("class=\"today\"") == std::string::npos);  // off the timeline's axis
    CHECK(to_markdown(s, o).find("\n## What's next (today: Sun 1 Jun 2031)\n\nThe plan ended on") != std::string::npos);
}

TEST_CASE("whats next: the today line sits in the middle of today on the timeline", "[html][svg]") {
    const std::string html = to_html(default_plan(), on("2027-01-04"));
    const std::string bar = element(html, "<rect class=\"phase\" data-phase=\"induction\"[^>]*>");
    const std::string line = element(html, "<g class=\"today\" data-date=\"2027-01-04\"><title>Today: Mon 4 Jan 2027</title><line [^>]*>");
    const double per_day = attribute(bar, "width") / 29;
    CHECK(attribute(line, "x1") == Approx(attribute(bar, "x") + per_day / 2).margin(0.01));
    CHECK(attribute(line, "x2") == attribute(line, "x1"));

    // A week later, a week of days to the right.
    const std::string later = element(to_html(default_plan(), on("2027-01-11")), "<g class=\"today\"[^>]*><title>[^<]*</title><line [^>]*>");
    CHECK(attribute(later, "x1") - attribute(line, "x1") == Approx(7 * per_day).margin(0.01));
    CHECK(html.find("Red line: today, Mon 4 Jan 2027") != std::string::npos);
}

TEST_CASE("whats next: today is marked once in the month grids", "[html][calendar]") {
    const std::string html = to_html(default_plan(), on("2027-01-11"));
    CHECK(count(html, "aria-current=\"date\"") == 1);
    const auto cell = html.find("aria-current=\"date\"");
    const auto open = html.rfind("<td ", cell);
    CHECK(html.substr(open, cell - open).find(" today\"") != std::string::npos);
    CHECK(html.substr(cell, 80).find("<span class=\"d\">11</span><span class=\"now\">Today</span>") !=
          std::string::npos);
    CHECK(html.find("id=\"m-2027-01\"") < cell);
    CHECK(html.find("id=\"m-2027-02\"") > cell);
    // The box comes first, before the overview.
    CHECK(html.find("<section id=\"next\"") < html.find("<section id=\"overview\""));
}

TEST_CASE("whats next: unset shows nothing, and other formats ignore it", "[formats]") {
    const schedule s = default_plan();
    const render_options o = on("2027-01-11");
    CHECK(to_text(s) == to_text(s, render_options{}));
    CHECK(to_text(s).find("What's next") == std::string::npos);
    CHECK(to_html(s).find("What's next") == std::string::npos);
    CHECK(to_html(s).find("aria-current") == std::string::npos);
    CHECK(to_markdown(s).find("What's next") == std::string::npos);
    for (const char* format : {"json", "csv", "ics", "calendar"}) {
        INFO(format);
        CHECK(render(s, format, o) == render(s, format));
    }
    // The same day gives the same bytes.
    for (const char* format : {"text", "md", "html"}) {
        INFO(format);
        CHECK(render(s, format, o) == render(s, format, on("2027-01-11")));
        CHECK(render(s, format, o) != render(s, format, on("2027-01-12")));
    }
}

TEST_CASE("whats next: names from the protocol stay inert", "[safety]") {
    const schedule s = samples::hand_built("<img src=x onerror=alert(1)>\n[x](http://e.example)", "Ind<b>");
    const render_options o = on("2027-01-04");
    const std::string html = to_html(s, o);
    const auto box = html.substr(html.find("<section id=\"next\""), html.find("<section id=\"overview\"") -
                                                                         html.find("<section id=\"next\""));
    CHECK(box.find("<img") == std::string::npos);
    CHECK(box.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(box.find("Ind&lt;b&gt;") != std::string::npos);
    const std::string text = next_section(to_text(s, o));
    CHECK(text.find("<img src=x onerror=alert(1)> [x](http://e.example)") != std::string::npos);  // one line
    const std::string md = to_markdown(s, o);
    CHECK(md.find("<img") == std::string::npos);
    CHECK(md.find("[x](http") == std::string::npos);  // no link
    CHECK(md.find("\\[x\\]") != std::string::npos);
}
