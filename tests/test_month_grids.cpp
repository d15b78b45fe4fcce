// Hospital stays and continuous therapy in both month grids (the `calendar` text and the HTML
// page): every day they cover is marked, days they don't are not, overlapping ones show each,
// and each output explains its marks once.
#include "format_samples.hpp"

#include <ttplan/html.hpp>
#include <ttplan/month_calendar.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ttplan;
using samples::day;
using samples::default_plan;

namespace {

constexpr std::size_t grid_width = 34;  // 7 cells of 4 columns and 6 spaces
constexpr std::size_t right_grid = 38;  // where the second month of a pair starts

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string trim(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    return s;
}

// The marks on the line under a day of the calendar text ("Ha"); "" for none. Fails when the
// day is not in the grid. The grids are ASCII, so columns are bytes.
std::string marks_under(const std::string& calendar, const std::string& month_title, unsigned day) {
    const auto lines = lines_of(calendar);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto at = lines[i].find(month_title);
        // A grid's title line holds only titles: the line under it is the weekday header.
        if (at == std::string::npos || i + 1 >= lines.size() || lines[i + 1].rfind("Mo   Tu", 0) != 0)
            continue;
        const std::size_t offset = at < grid_width ? 0 : right_grid;
        for (std::size_t j = i + 2; j + 1 < lines.size() && j < i + 14; ++j) {
            for (std::size_t k = 0; k < 7; ++k) {
                const std::size_t col = offset + k * 5;
                std::string cell = (lines[j] + std::string(80, ' ')).substr(col, 2);
                if (trim(cell) != std::to_string(day)) continue;
                return trim((lines[j + 1] + std::string(80, ' ')).substr(col, 4));
            }
        }
    }
    FAIL("no day " << day << " in " << month_title);
    return {};
}

// The cell of a day in the HTML page's month section `id` ("m-2027-01"): from its <td> to </td>.
std::string cell(const std::string& html, const std::string& id, unsigned day) {
    const auto section = html.find("<section class=\"month\" id=\"" + id + "\">");
    REQUIRE(section != std::string::npos);
    const auto end = html.find("</section>", section);
    const std::string marker = "<span class=\"d\">" + std::to_string(day) + "</span>";
    const auto at = html.find(marker, section);
    REQUIRE(at < end);
    const auto open = html.rfind("<td", at);
    return html.substr(open, html.find("</td>", at) - open);
}

// "January 2028" and "m-2028-01" for a date.
std::string month_title(const date::year_month_day& ymd) {
    static const char* const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    return std::string(names[static_cast<unsigned>(ymd.month()) - 1]) + " " +
           std::to_string(static_cast<int>(ymd.year()));
}

std::string section_id(const date::year_month_day& ymd) {
    char id[16];
    std::snprintf(id, sizeof id, "m-%04d-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    return id;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("month grids: calendar text marks every day of the induction stay and dexamethasone",
          "[calendar][spans]") {
    const std::string out = to_month_calendar(default_plan());
    // Hospital stay Days 1-7 (4-10 Jan 2027), dexamethasone Days 1-28 (4-31 Jan).
    for (unsigned d = 4; d <= 10; ++d) CHECK(marks_under(out, "January 2027", d) == "Ha");
    for (unsigned d = 11; d <= 31; ++d) CHECK(marks_under(out, "January 2027", d) == "a");
    // Before the start, and between induction and consolidation, nothing runs.
    CHECK(marks_under(out, "January 2027", 3).empty());
    for (unsigned d = 1; d <= 7; ++d) CHECK(marks_under(out, "February 2027", d).empty());
    CHECK(marks_under(out, "February 2027", 8) == "b");
    // Day numbers and their activity letters are unchanged.
    CHECK(out.find("\n 4CI  5    6    7C   8    9   10       8CI  9   10   11   12   13   14\n"
                   "Ha   Ha   Ha   Ha   Ha   Ha   Ha      b    b    b    b    b    b    b\n") !=
          std::string::npos);
}

TEST_CASE("month grids: calendar text has a key to every mark it uses, once", "[calendar][spans]") {
    const std::string out = to_month_calendar(default_plan());
    CHECK(count(out, "Under a day number, hospital stays and continuous therapy") == 1);
    const std::vector<std::string> key{
        "  H  in hospital (Hospital stay)", "  a  Dexamethasone (Chemotherapy)",
        "  b  Mercaptopurine (daily oral) (Chemotherapy)", "  c  Dexamethasone (daily) (Chemotherapy)",
        "  d  Dexamethasone pulse (Chemotherapy)"};
    const auto lines = lines_of(out);
    for (const auto& line : key) CHECK(std::count(lines.begin(), lines.end(), line) == 1);
    // Nothing past d is used, and no day has more than four: no "+" line.
    CHECK(out.find("\n  e  ") == std::string::npos);
    CHECK(out.find("\n  +  ") == std::string::npos);
    // The notes under the months name the marks with their dates.
    CHECK(out.find("Continuous: [H] Hospital stay 4-10 Jan; [a] Dexamethasone\n") != std::string::npos);
}

TEST_CASE("month grids: overlapping therapy shows each, in key order", "[calendar][html][spans]") {
    // Maintenance: daily mercaptopurine with dexamethasone pulses, and with ph_positive the TKI.
    const schedule s = default_plan(samples::ph_dasatinib);
    const auto pulse = std::find_if(s.spans().begin(), s.spans().end(),
                                    [](const span& t) { return t.activity == "Dexamethasone pulse"; });
    REQUIRE(pulse != s.spans().end());
    const date::year_month_day first{pulse->first};
    const auto title = month_title(first);
    const auto d = static_cast<unsigned>(first.day());
    // H, a Dexamethasone, b Dasatinib, c Mercaptopurine, d Dexamethasone (daily), e the pulse.
    CHECK(marks_under(to_month_calendar(s), title, d) == "bce");

    const std::string html = to_html(s);
    const std::string c = cell(html, section_id(first), d);
    CHECK(count(c, "<span class=\"bar") == 3);
    CHECK(c.find("Dasatinib (daily)") < c.find("Mercaptopurine (daily oral)"));
    CHECK(c.find("Mercaptopurine (daily oral)") < c.find("Dexamethasone pulse starts"));
}

TEST_CASE("month grids: the HTML page marks every day of the induction stay and dexamethasone",
          "[html][spans]") {
    const std::string html = to_html(default_plan());
    const std::string stay = R"(<span class="k c-hospital-stay" aria-hidden="true">H</span>)";
    const std::string dex = R"(<span class="k c-chemotherapy" aria-hidden="true">a</span>)";
    CHECK(cell(html, "m-2027-01", 4)
              .find(R"(<span class="bar stay from">)" + stay +
                    R"(<span class="nm"> In hospital starts</span></span>)") != std::string::npos);
    for (unsigned d = 5; d <= 9; ++d) {
        CAPTURE(d);
        const std::string c = cell(html, "m-2027-01", d);
        // Words a screen reader reads, not only a colour or a letter.
        CHECK(c.find(R"(<span class="bar stay">)" + stay +
                     R"(<span class="nm"> In hospital</span></span>)") != std::string::npos);
        CHECK(
            c.find(
                R"(<span class="bar">)" + dex +
                R"(<span class="nm"> <span class="vh">Continuous: </span>Dexamethasone (twice daily)</span>)") !=
            std::string::npos);
        // No dated activity (but Pegaspargase on the 7th): no heavy border.
        if (d != 7) CHECK(c.find("<td class=\"in\">") == 0);
    }
    CHECK(cell(html, "m-2027-01", 10).find("<span class=\"bar stay to\">") != std::string::npos);
    CHECK(cell(html, "m-2027-01", 11).find("bar stay") == std::string::npos);
    CHECK(cell(html, "m-2027-01", 31).find("Dexamethasone (twice daily) ends") != std::string::npos);
    // Outside every span: before the start and between induction and consolidation.
    CHECK(cell(html, "m-2027-01", 3).find("class=\"bar") == std::string::npos);
    for (unsigned d = 1; d <= 7; ++d)
        CHECK(cell(html, "m-2027-02", d).find("class=\"bar") == std::string::npos);
}

TEST_CASE("month grids: the HTML page explains every mark once, above the grids", "[html][spans]") {
    const std::string html = to_html(default_plan());
    REQUIRE(count(html, "<ul class=\"key\">") == 1);
    const auto key_at = html.find("<ul class=\"key\">");
    CHECK(key_at > html.find("<section id=\"calendars\">"));
    CHECK(key_at < html.find("<section class=\"month\""));
    const std::string key = html.substr(key_at, html.find("</ul>", key_at) - key_at);
    CHECK(key.find("In hospital</span> Every day of a hospital stay (Hospital stay)</li>") !=
          std::string::npos);
    CHECK(key.find("Heavy border: a day with dated activities") != std::string::npos);
    CHECK(key.find("Thick ends</span> The first and last day") != std::string::npos);
    CHECK(key.find("Dashed border: tentative") != std::string::npos);
    // Every key letter a cell uses is in the key, and the key lists no other.
    const std::regex letter(R"re(class="k c-[a-z-]+" aria-hidden="true">(.)</span>)re");
    std::set<std::string> in_key;
    std::set<std::string> in_cells;
    for (auto it = std::sregex_iterator(key.begin(), key.end(), letter); it != std::sregex_iterator(); ++it)
        in_key.insert((*it)[1]);
    const std::string grids = html.substr(html.find("<section class=\"month\""));
    for (auto it = std::sregex_iterator(grids.begin(), grids.end(), letter); it != std::sregex_iterator();
         ++it)
        in_cells.insert((*it)[1]);
    CHECK(in_key == std::set<std::string>{"H", "a", "b", "c", "d"});
    CHECK(in_cells == in_key);
}

TEST_CASE("month grids: more marks than a day's line holds end in +; the page lists them all",
          "[calendar][html][spans]") {
    const schedule base = samples::hand_built();
    std::vector<span> spans;
    for (const char* name : {"One", "Two", "Three", "Four"})
        spans.push_back(samples::stretch(name, category::chemotherapy, "2027-01-11", "2027-01-12"));
    spans.push_back(samples::stretch("Five", category::chemotherapy, "2027-01-12", "2027-01-12"));
    spans.push_back(samples::stretch("Ward", category::hospital_stay, "2027-01-12", "2027-01-12"));
    const schedule s(base.segments(), base.phases(), base.events(), spans);
    const std::string out = to_month_calendar(s);
    CHECK(marks_under(out, "January 2027", 11) == "abcd");
    CHECK(marks_under(out, "January 2027", 12) == "Hab+");
    CHECK(marks_under(out, "January 2027", 13).empty());
    CHECK(out.find("\n  +  more than four that day: the first three are shown\n") != std::string::npos);
    CHECK(count(cell(to_html(s), "m-2027-01", 12), "<span class=\"bar") == 6);
}

TEST_CASE("month grids: a hostile therapy name stays text in the key and the cells",
          "[calendar][html][spans]") {
    const schedule base = samples::hand_built();
    auto spans = base.spans();
    spans[0].activity = "<script>x</script>\x1b[2J\nnext";
    const schedule s(base.segments(), base.phases(), base.events(), spans);
    const std::string out = to_month_calendar(s);
    CHECK(out.find("\n  a  <script>x</script>\xE2\x90\x9B[2J next (Targeted therapy)\n") !=
          std::string::npos);
    for (const auto& line : lines_of(out)) {
        CHECK(line.size() <= 80 * 3);
        CHECK(std::none_of(line.begin(), line.end(), [](char c) { return c == '\x1b' || c == '\r'; }));
    }
    const std::string html = to_html(s);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
}
