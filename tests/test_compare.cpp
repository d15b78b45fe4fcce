// Comparisons: every figure is counted here again, independently, from the schedule itself.
#include "format_samples.hpp"

#include <ttplan/compare.hpp>
#include <ttplan/continuation.hpp>
#include <ttplan/version.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

using namespace ttplan;
using samples::day;

namespace {

// Distinct dates of the events and spans of a category.
std::int64_t distinct_days(const schedule& s, category c) {
    std::set<day_point> dates;
    for (const auto& e : s.events()) {
        if (e.category == c) dates.insert(e.date);
    }
    for (const auto& t : s.spans()) {
        if (t.category != c) continue;
        for (day_point x = t.first; x <= t.last; x += date::days{1}) dates.insert(x);
    }
    return static_cast<std::int64_t>(dates.size());
}

std::int64_t phase_days(const schedule& s, const std::string& phase_id) {
    std::set<day_point> dates;
    for (const auto& p : s.phases()) {
        if (p.phase != phase_id) continue;
        for (day_point x = p.first; x <= p.last; x += date::days{1}) dates.insert(x);
    }
    return static_cast<std::int64_t>(dates.size());
}

void check_against_schedule(const schedule& s, const variant_summary& sum) {
    std::set<day_point> event_dates;
    std::int64_t it = 0;
    for (const auto& e : s.events()) {
        event_dates.insert(e.date);
        if (e.category == category::intrathecal) ++it;
    }
    CHECK(sum.clinic_days == static_cast<std::int64_t>(event_dates.size()));
    // Treatment days add the days of continuous therapy; a restriction is not therapy.
    std::set<day_point> treated = event_dates;
    for (const auto& t : s.spans()) {
        if (t.category == category::restriction) continue;
        for (day_point x = t.first; x <= t.last; x += date::days{1}) treated.insert(x);
    }
    CHECK(sum.treatment_days == static_cast<std::int64_t>(treated.size()));
    CHECK(sum.intrathecal_procedures == it);
    CHECK(sum.hospital_days == distinct_days(s, category::hospital_stay));
    CHECK(sum.radiation_days == distinct_days(s, category::radiation));
    CHECK(sum.targeted_days == distinct_days(s, category::targeted));
    CHECK(sum.total_days == (s.end() - s.start()).count() + 1);
    for (const auto& p : sum.phases) CHECK(p.days == phase_days(s, p.phase));
}

labelled_schedules branches() {
    return {{"ph_positive=false", samples::default_plan({{"ph_positive", "false"}})},
            {"ph_positive=true", samples::default_plan({{"ph_positive", "true"}})},
            {"cns_prophylaxis=radiation", samples::default_plan({{"cns_prophylaxis", "radiation"}})}};
}

}  // namespace

TEST_CASE("compare: summary of a hand-built schedule", "[compare]") {
    // Induction 01-04..02-01 (29 days), maintenance 02-08..03-07 (28); events on 01-04 (two),
    // 01-11 and 02-08 (a hospital admission); imatinib 01-18..03-07 = 14 + 28 + 7 = 49 days.
    const schedule s = samples::hand_built();
    const variant_summary sum = summarize(s);
    REQUIRE(sum.phases.size() == 2);
    CHECK(sum.phases[0].phase == "induction");
    CHECK(sum.phases[0].protocol == "demo");
    CHECK(sum.phases[0].days == 29);
    CHECK(sum.phases[1].days == 28);
    CHECK(sum.phases[1].cycles == 1);
    // Days with an event: 01-04, 01-11, 02-08; with the imatinib span 01-18..03-07 (49 days).
    CHECK(sum.clinic_days == 3);
    CHECK(sum.treatment_days == 51);
    CHECK(sum.hospital_days == 1);
    CHECK(sum.intrathecal_procedures == 1);
    CHECK(sum.radiation_days == 0);
    CHECK(sum.targeted_days == 49);
    CHECK(sum.total_days == 63);  // 2027-01-04..2027-03-07
    CHECK(sum.length_in_words == describe_length(day("2027-01-04"), day("2027-03-07")));
    REQUIRE(sum.longest() != nullptr);
    CHECK(sum.longest()->phase == "induction");
    CHECK(variant_summary{}.longest() == nullptr);
    check_against_schedule(s, sum);
}

TEST_CASE("compare: branches of the default protocol", "[compare]") {
    const auto plans = branches();
    std::vector<variant_summary> sums;
    for (const auto& [label, s] : plans) {
        sums.push_back(summarize(s));
        check_against_schedule(s, sums.back());
    }
    // Ph+ adds the TKI; radiation replaces later intrathecal therapy.
    CHECK(sums[0].targeted_days == 0);
    CHECK(sums[1].targeted_days > 0);
    CHECK(sums[2].radiation_days > 0);
    CHECK(sums[2].intrathecal_procedures < sums[0].intrathecal_procedures);
}

TEST_CASE("compare: text and Markdown tables show the same figures", "[compare]") {
    const auto plans = branches();
    const std::string text = comparison_text(plans);
    const std::string md = comparison_markdown(plans);
    CHECK(text == comparison_text(branches()));
    for (const auto& [label, s] : plans) {
        CHECK(text.find(label) != std::string::npos);
        const auto sum = summarize(s);
        CHECK(text.find(sum.length_in_words) != std::string::npos);
        CHECK(md.find(std::to_string(sum.intrathecal_procedures)) != std::string::npos);
    }
    CHECK(text.find("Protocol: ALL therapy overview") != std::string::npos);
    CHECK(text.find("Start: Mon 4 Jan 2027") != std::string::npos);
    CHECK(text.find(disclaimer) != std::string::npos);

    // The row for intrathecal procedures lists the three counts in column order.
    std::string expected = "Intrathecal procedures";
    for (const auto& [label, s] : plans)
        expected += "\\s+" + std::to_string(summarize(s).intrathecal_procedures);
    CHECK(std::regex_search(text, std::regex(expected)));
    CHECK(std::regex_search(md, std::regex("\\| Intrathecal procedures \\| \\d+ \\| \\d+ \\| \\d+ \\|")));

    // Every table line of the Markdown has one cell per plan plus the label.
    std::size_t table_lines = 0;
    std::size_t start = 0;
    while (start < md.size()) {
        const auto end = md.find('\n', start);
        const std::string line = md.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] != '|') continue;
        ++table_lines;
        std::size_t pipes = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
        }
        CHECK(pipes == plans.size() + 2);
    }
    CHECK(table_lines > 10);
}

TEST_CASE("compare: hostile labels stay text", "[compare]") {
    labelled_schedules plans{{"<b>x</b> | *y*", samples::hand_built()}, {"plain", samples::hand_built()}};
    const std::string md = comparison_markdown(plans);
    CHECK(md.find("<b>") == std::string::npos);
    CHECK(md.find("&lt;b&gt;x&lt;/b&gt; \\| \\*y\\*") != std::string::npos);
    const std::string html = comparison_html(plans);
    CHECK(html.find("<b>x") == std::string::npos);
    CHECK(html.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
    // The table is the page's last section, before the footer.
    const auto table = html.find("<section id=\"comparison\">");
    REQUIRE(table != std::string::npos);
    CHECK(table < html.find("<footer>"));
    CHECK(html.find("<section id=\"timeline\">") < table);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("compare: phases of different protocols are kept apart", "[compare]") {
    const schedule base = samples::default_plan();
    const schedule chained =
        continue_with(base, switch_point::on(day("2028-05-02")), planner(load_builtin("blinatumomab"), {}));
    const auto sum = summarize(chained);
    const auto blina = std::count_if(sum.phases.begin(), sum.phases.end(),
                                     [](const phase_length& p) { return p.protocol == "blinatumomab"; });
    CHECK(blina == 2);
    const std::string text = comparison_text({{"first line", base}, {"after relapse", chained}});
    CHECK(text.find("(blinatumomab)") != std::string::npos);
    CHECK(text.find("then from 2028-05-02 blinatumomab") != std::string::npos);
    check_against_schedule(chained, sum);
}

TEST_CASE("compare: plans of different protocols name every protocol above the table", "[compare]") {
    const schedule base = samples::default_plan();
    const schedule blina = planner(load_builtin("blinatumomab"), {}).plan(base.start());
    const labelled_schedules plans{{"first", base}, {"second", blina}};
    const std::string protocols = fmt::format("{} ({}); {} ({})", base.protocol().title, base.protocol().id,
                                              blina.protocol().title, blina.protocol().id);
    const std::string text = comparison_text(plans);
    CHECK(text.find("\nProtocols: " + protocols + "\n") != std::string::npos);
    CHECK(text.find("\nProtocol: ") == std::string::npos);
    const std::string md = comparison_markdown(plans);
    // Titles are Markdown-escaped; the ids name both protocols in order on one line.
    const auto line_at = md.find("\nProtocols: **");
    REQUIRE(line_at != std::string::npos);
    const std::string line = md.substr(line_at + 1, md.find('\n', line_at + 1) - line_at - 1);
    CHECK(line.find("** (all-overview); **") != std::string::npos);
    CHECK(line.substr(line.size() - std::string("** (blinatumomab)  ").size()) == "** (blinatumomab)  ");
    // One protocol twice: named once, as before.
    CHECK(comparison_text({{"a", base}, {"b", base}}).find("\nProtocol: " + base.protocol().title) !=
          std::string::npos);
}
