#include <ttplan/html.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <vector>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

phase_occurrence occ(const std::string& id, const std::string& name, const char* first, const char* last,
                     std::optional<std::int32_t> cycle = {}) {
    phase_occurrence o;
    o.phase = id;
    o.name = name;
    o.cycle = cycle;
    o.first = d(first);
    o.last = d(last);
    return o;
}

event ev(const char* date, const std::string& phase, const std::string& activity, category kind,
         std::int32_t day) {
    event e;
    e.date = d(date);
    e.phase = phase;
    e.activity = activity;
    e.category = kind;
    e.day = day;
    return e;
}

const std::string hostile = "<script>alert(1)</script> \"q\" 'a' & b; c, d\n=HYPERLINK(\"http://x\")";

// Short (28 days) then long (3 cycles of 28 = 84 days), tentative from the long phase on,
// the last cycle cut, a cross-phase track, hostile names on a phase, an activity and the title.
schedule sample(const std::string& odd = hostile) {
    auto a = occ("short", "Short phase", "2027-01-04", "2027-01-31");
    std::vector<phase_occurrence> phases{a};
    const char* starts[] = {"2027-02-01", "2027-03-01", "2027-03-29"};
    const char* ends[] = {"2027-02-28", "2027-03-28", "2027-04-25"};
    for (int c = 0; c < 3; ++c) {
        auto o = occ("long", "Long " + odd, starts[c], ends[c], c + 1);
        o.tentative = true;
        if (c == 2) o.ending = ending_reason::limit;
        phases.push_back(o);
    }
    std::vector<event> events{ev("2027-01-04", "short", "Vincristine", category::chemotherapy, 1),
                              ev("2027-01-04", "short", "Lumbar puncture", category::intrathecal, 1),
                              ev("2027-01-31", "short", "Marrow check", category::assessment, 28),
                              ev("2027-02-01", "long", odd, category::chemotherapy, 1)};
    events.back().cycle = 1;
    events.back().tentative = true;
    span tki;
    tki.activity = "Imatinib";
    tki.category = category::targeted;
    tki.first = d("2027-01-18");
    tki.last = d("2027-04-25");
    return schedule(
        {segment{
            {"demo", "Demo " + odd, "1"}, {{"arm", {parameter_type::choice, odd}}}, d("2027-01-04"), {}}},
        phases, events, {tki});
}

// Extracts attribute `name` from every start tag matching `tag_pattern`.
std::vector<std::string> attribute_values(const std::string& text, const std::string& tag_pattern,
                                          const std::string& name) {
    std::vector<std::string> out;
    const std::regex tag("<" + tag_pattern + "[^>]*>");
    const std::regex attr(" " + name + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) {
        std::smatch m;
        const std::string t = it->str();
        if (std::regex_search(t, m, attr)) out.push_back(m[1]);
    }
    return out;
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// The page's timeline in one layout ("wide" or "narrow"): the page draws it twice.
std::string timeline(const std::string& html, const std::string& layout = "wide") {
    const auto at = html.find("class=\"timeline " + layout + "\"");
    if (at == std::string::npos) return {};
    const auto start = html.rfind("<svg", at);
    return html.substr(start, html.find("</svg>", at) + 6 - start);
}

// A small XML well-formedness check: tags nest and close, attribute values are quoted, no
// raw '<' or stray '&' in text. (The CLI tests run xmllint on the same output as well.)
std::string xml_problem(const std::string& doc) {
    std::vector<std::string> open;
    std::size_t i = 0;
    const std::regex attr_list(R"re((\s+[A-Za-z_:][-A-Za-z0-9_:.]*="[^"<]*")*\s*/?)re");
    const std::regex reference(R"re(&(amp|lt|gt|quot|#[0-9]+);)re");
    while (i < doc.size()) {
        if (doc[i] == '&') {
            std::smatch m;
            const std::string rest = doc.substr(i, 12);
            if (!std::regex_search(rest, m, reference) || m.position(0) != 0)
                return "stray & at " + std::to_string(i);
            i += static_cast<std::size_t>(m.length(0));
            continue;
        }
        if (doc[i] != '<') {
            ++i;
            continue;
        }
        const auto close = doc.find('>', i);
        if (close == std::string::npos) return "unclosed tag";
        const std::string tag = doc.substr(i + 1, close - i - 1);
        i = close + 1;
        if (tag.rfind("!DOCTYPE", 0) == 0) continue;
        if (tag.rfind("!--", 0) == 0) return "comment";
        if (!tag.empty() && tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
            open.pop_back();
            continue;
        }
        const auto name_end = tag.find_first_of(" \t\n/");
        const std::string name = tag.substr(0, name_end);
        if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0])))
            return "bad tag <" + tag + ">";
        const std::string attrs = name_end == std::string::npos ? "" : tag.substr(name_end);
        if (!std::regex_match(attrs, attr_list)) return "bad attributes in <" + name + ">";
        if (tag.back() != '/') open.push_back(name);
    }
    return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

double number(const std::string& s) {
    return std::stod(s);
}

}  // namespace

TEST_CASE("html: a polyglot document that parses as XML", "[html]") {
    const std::string html = to_html(sample());
    CHECK(html.rfind("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"", 0) == 0);
    CHECK(xml_problem(html).empty());
    CHECK(xml_problem(to_html(sample("plain"))).empty());
    // The checker itself rejects what it should.
    CHECK_FALSE(xml_problem("<p><b>x</p></b>").empty());
    CHECK_FALSE(xml_problem("<p a=b>x</p>").empty());
    CHECK_FALSE(xml_problem("<p>a & b</p>").empty());
}

TEST_CASE("html: hostile names are escaped, never live markup", "[html][escape]") {
    const std::string html = to_html(sample());
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("&quot;q&quot; &#39;a&#39; &amp; b; c, d&#10;=HYPERLINK(&quot;http://x&quot;)") !=
          std::string::npos);
    // No external resources of any kind.
    CHECK_FALSE(std::regex_search(html, std::regex(R"re((src|href)\s*=\s*"?https?:)re")));
    CHECK(html.find("@import") == std::string::npos);
    CHECK_FALSE(std::regex_search(html, std::regex(R"re(url\(\s*['"]?[^#'"\s])re")));
}

TEST_CASE("html: invalid UTF-8 becomes U+FFFD, control characters their pictures", "[html][escape]") {
    const std::string html = to_html(sample(std::string("bad \xC3\x28 \x01 \xED\xA0\x80 end")));
    CHECK(html.find("bad \xEF\xBF\xBD( \xE2\x90\x81 \xEF\xBF\xBD") != std::string::npos);
    CHECK(html.find('\x01') == std::string::npos);
    CHECK(xml_problem(html).empty());
}

TEST_CASE("html: C1 controls become U+FFFD, NEL a space", "[html][escape]") {
    const std::string html =
        to_html(sample(std::string("csi \xC2\x9B"
                                   "31m nel \xC2\x85 end")));
    CHECK(html.find("csi \xEF\xBF\xBD"
                    "31m nel   end") != std::string::npos);
    CHECK(html.find("\xC2\x9B") == std::string::npos);
    CHECK(html.find("\xC2\x85") == std::string::npos);
    CHECK(xml_problem(html).empty());
}

TEST_CASE("html: bars are proportional to calendar days", "[html][svg]") {
    const std::string html = timeline(to_html(sample()));
    const auto days = attribute_values(html, R"re(rect class="phase[^"]*")re", "data-days");
    const auto widths = attribute_values(html, R"re(rect class="phase[^"]*")re", "width");
    const auto phase_ids = attribute_values(html, R"re(rect class="phase[^"]*")re", "data-phase");
    REQUIRE(days.size() == 4);
    REQUIRE(widths.size() == 4);
    CHECK(phase_ids.front() == "short");
    CHECK(days[0] == "28");
    const double per_day = number(widths[0]) / 28.0;
    for (std::size_t i = 0; i < days.size(); ++i) {
        CHECK(number(widths[i]) == Approx(per_day * number(days[i])).margin(0.02));
    }
    // The 84-day long phase (three cycles side by side) is three times the 28-day short one.
    const double long_width = number(widths[1]) + number(widths[2]) + number(widths[3]);
    CHECK(long_width / number(widths[0]) == Approx(3.0).margin(0.002));
    // Cycles are adjacent: each starts where the previous one ends.
    const auto xs = attribute_values(html, R"re(rect class="phase[^"]*")re", "x");
    for (std::size_t i = 1; i + 1 < xs.size(); ++i) {
        CHECK(number(xs[i]) + number(widths[i]) == Approx(number(xs[i + 1])).margin(0.02));
    }
}

TEST_CASE("html: one lane per phase id and per continuous therapy", "[html][svg]") {
    const std::string html = timeline(to_html(sample("plain")));
    const auto lanes = attribute_values(html, R"re(text class="lane-label")re", "data-lane");
    CHECK(lanes == std::vector<std::string>{"phase:short", "phase:long", "span:Imatinib"});
    // Cycle numbers are written inside bars wide enough for them.
    CHECK(std::regex_search(html, std::regex(R"re(<text class="cycle"[^>]*>2</text>)re")));
}

TEST_CASE("html: tentative items are dashed, cut cycles marked", "[html][svg]") {
    const std::string html = timeline(to_html(sample()));
    const std::regex rect(R"re(<rect class="(phase|span)([^"]*)"[^>]*>)re");
    int tentative = 0;
    int solid = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), rect); it != std::sregex_iterator(); ++it) {
        const bool dashed = it->str().find("stroke-dasharray") != std::string::npos;
        if ((*it)[2].str().find("tentative") != std::string::npos) {
            ++tentative;
            CHECK(dashed);
        } else {
            ++solid;
            CHECK_FALSE(dashed);
        }
    }
    CHECK(tentative == 3);
    CHECK(solid == 2);  // the short phase and the track
    CHECK(std::regex_search(html, std::regex(R"re(<title>[^<]*tentative[^<]*</title>)re")));
    CHECK(attribute_values(html, R"re(rect class="phase tentative cut")re", "data-days") ==
          std::vector<std::string>{"28"});
    CHECK(html.find("class=\"cut-mark\"") != std::string::npos);
}

TEST_CASE("html: the legend names every category used, and only those", "[html][svg]") {
    const std::string html = to_html(sample());
    const auto legend_start = html.find("<g class=\"legend\"");
    REQUIRE(legend_start != std::string::npos);
    const std::string legend =
        html.substr(legend_start, html.find("</g>\n</svg>", legend_start) - legend_start);
    for (category c :
         {category::chemotherapy, category::intrathecal, category::assessment, category::targeted}) {
        CHECK(legend.find(std::string(display_name(c))) != std::string::npos);
    }
    for (category c : {category::radiation, category::transplant, category::hospital_stay}) {
        CHECK(legend.find(std::string(display_name(c))) == std::string::npos);
    }
}

TEST_CASE("html: category colours keep white text readable", "[html][contrast]") {
    const std::string html = to_html(sample());
    const auto linear = [](int channel) {
        const double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const std::regex rule(R"re(\.c-([a-z-]+) \{ background: #([0-9a-f]{6}); \})re");
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), rule); it != std::sregex_iterator(); ++it) {
        const std::string hex = (*it)[2];
        const int r = std::stoi(hex.substr(0, 2), nullptr, 16);
        const int g = std::stoi(hex.substr(2, 2), nullptr, 16);
        const int b = std::stoi(hex.substr(4, 2), nullptr, 16);
        const double lum = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        INFO((*it)[1].str() << " #" << hex);
        CHECK((1.05) / (lum + 0.05) >= 4.5);  // WCAG AA for normal text
        seen.insert((*it)[1]);
    }
    CHECK(seen.size() == std::size(all_categories));
}

TEST_CASE("html: summary in words and month calendars from start to end", "[html]") {
    const schedule s = sample("plain");
    const std::string html = to_html(s);
    CHECK(html.find(describe_length(s.start(), s.end())) != std::string::npos);
    CHECK(html.find("Demo plain") != std::string::npos);
    CHECK(html.find("For planning and education only") != std::string::npos);
    // January to April 2027, Monday first.
    CHECK(attribute_values(html, R"re(section class="month")re", "id") ==
          std::vector<std::string>{"m-2027-01", "m-2027-02", "m-2027-03", "m-2027-04"});
    CHECK(html.find("<table class=\"cal\"><thead><tr><th scope=\"col\">Mon</th>") != std::string::npos);
    // 1 Jan 2027 is a Friday: four empty cells before it.
    CHECK(html.find("<tbody>\n<tr><td class=\"out\"></td><td class=\"out\"></td><td class=\"out\"></td>"
                    "<td class=\"out\"></td><td class=\"off\"><span class=\"d\">1</span>") !=
          std::string::npos);
    // Treatment days list their activities; phase starts are noted.
    CHECK(std::regex_search(
        html,
        std::regex(
            R"re(<td id="d-2027-01-04" class="in tx"><span class="d">4</span><span class="ph">Short phase begins</span>[\s\S]*?Vincristine[\s\S]*?Lumbar puncture)re")));
    CHECK(std::regex_search(html,
                            std::regex(R"re(<td[^>]* class="in tx tent"[^>]*><span class="d">1</span>)re")));
}

TEST_CASE("html: deterministic output", "[html]") {
    CHECK(to_html(sample()) == to_html(sample()));
    CHECK(to_html(sample()) != to_html(sample("other")));
}

TEST_CASE("html: comparison puts every plan on one time axis", "[html][compare]") {
    // The second plan starts four weeks later; equal phases must have equal widths and be
    // shifted by exactly 28 days on the shared axis.
    const schedule early = sample("plain");
    std::vector<phase_occurrence> phases = early.phases();
    for (auto& p : phases) p.first += date::days{28}, p.last += date::days{28};
    const schedule late({segment{{"demo", "Demo plain", "1"}, {}, early.start() + date::days{28}, {}}},
                        phases, {}, {});
    const std::string html = to_html_comparison({{"Early <start>", early}, {"Late start", late}});
    CHECK(xml_problem(html).empty());
    CHECK(html.find("Early &lt;start&gt;") != std::string::npos);
    CHECK(html.find("<section class=\"month\"") == std::string::npos);
    // The wide layout, the first of the two drawings.
    const auto from = html.find("id=\"timeline-svg\"");
    REQUIRE(from != std::string::npos);
    const std::string wide = html.substr(from, html.find("</svg>", from) - from);
    const auto xs = attribute_values(wide, R"re(rect class="phase[^"]*")re", "x");
    const auto widths = attribute_values(wide, R"re(rect class="phase[^"]*")re", "width");
    REQUIRE(xs.size() == 8);
    const double per_day = number(widths[0]) / 28.0;
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(number(widths[i]) == Approx(number(widths[i + 4])).margin(0.02));
        CHECK(number(xs[i + 4]) - number(xs[i]) == Approx(28 * per_day).margin(0.03));
    }
    CHECK(xml_problem(to_html_comparison({})).empty());
}

TEST_CASE("html: the default protocol's plan", "[html][builtin]") {
    const protocol p = load_builtin(default_protocol_id());
    profile pr;
    pr.start = d("2027-01-04");
    const schedule s = make_schedule(p, pr);
    const std::string page = to_html(s);
    CHECK(xml_problem(page).empty());
    CHECK(page.size() < 1'500'000);
    const std::string html = timeline(page);
    std::set<std::string> ids;
    for (const auto& o : s.phases()) ids.insert("phase:" + o.phase);
    const auto lanes = attribute_values(html, R"re(text class="lane-label")re", "data-lane");
    for (const auto& id : ids) CHECK(std::find(lanes.begin(), lanes.end(), id) != lanes.end());
    // Induction (29 days) and the long maintenance cycles share one scale.
    const auto days = attribute_values(html, R"re(rect class="phase[^"]*")re", "data-days");
    const auto widths = attribute_values(html, R"re(rect class="phase[^"]*")re", "width");
    REQUIRE(days.size() == s.phases().size());
    REQUIRE(widths.size() == days.size());
    const double per_day = number(widths[0]) / number(days[0]);
    for (std::size_t i = 1; i < days.size(); ++i) {
        CHECK(number(widths[i]) == Approx(per_day * number(days[i])).margin(0.02));
    }
    // Every month from start to end has its calendar.
    const date::year_month_day a{s.start()};
    const date::year_month_day b{s.end()};
    std::size_t months = 0;
    for (auto ym = a.year() / a.month(); ym <= b.year() / b.month(); ym += date::months{1}) ++months;
    CHECK(attribute_values(page, R"re(section class="month")re", "id").size() == months);
    // The narrow layout leaves out a tick that another of its row and colour would cover, and
    // only such a tick: the first tick of every row and colour is drawn.
    const std::string narrow = timeline(page, "narrow");
    const std::regex tick(
        R"re(<rect class="tick" x="([0-9.]+)" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)" fill="([^"]+)")re");
    std::map<std::string, std::vector<double>> rows;
    for (auto it = std::sregex_iterator(narrow.begin(), narrow.end(), tick); it != std::sregex_iterator();
         ++it)
        rows[(*it)[2].str() + "/" + (*it)[3].str() + "/" + (*it)[4].str()].push_back(number((*it)[1]));
    REQUIRE(!rows.empty());
    std::size_t drawn = 0;
    for (auto& [row, xs] : rows) {
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 1; i < xs.size(); ++i) CHECK(xs[i] - xs[i - 1] >= 1 - 1e-9);
        drawn += xs.size();
    }
    const std::size_t wide_ticks = count_of(html, "class=\"tick\"");
    CHECK(drawn < wide_ticks);
    CHECK(drawn > wide_ticks / 2);
}

TEST_CASE("html: a narrow layout of the same timeline for phones", "[html][svg][phones]") {
    const std::string page = to_html(sample("plain"));
    const std::string wide = timeline(page, "wide");
    const std::string narrow = timeline(page, "narrow");
    REQUIRE(!wide.empty());
    REQUIRE(!narrow.empty());
    CHECK(xml_problem(narrow).empty());
    // 320 units wide with 14-unit text: at least 12 pixels on a 288-pixel phone column; the wide
    // one keeps 12 units in 1200. No text sets a smaller size of its own.
    CHECK(narrow.find("viewBox=\"0 0 320 ") != std::string::npos);
    CHECK(narrow.find("font-size=\"14\"") != std::string::npos);
    CHECK(wide.find("viewBox=\"0 0 1200 ") != std::string::npos);
    CHECK(wide.find("font-size=\"12\"") != std::string::npos);
    for (const std::string* svg : {&wide, &narrow}) {
        CHECK(std::count(svg->begin(), svg->end(), '<') > 10);
        CHECK(attribute_values(*svg, "text", "font-size").empty());
    }
    // The same lanes and bars, drawn to the same scale within each picture.
    CHECK(attribute_values(narrow, R"re(text class="lane-label")re", "data-lane") ==
          attribute_values(wide, R"re(text class="lane-label")re", "data-lane"));
    const auto days = attribute_values(narrow, R"re(rect class="phase[^"]*")re", "data-days");
    CHECK(days == attribute_values(wide, R"re(rect class="phase[^"]*")re", "data-days"));
    const auto widths = attribute_values(narrow, R"re(rect class="phase[^"]*")re", "width");
    REQUIRE(widths.size() == days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
        CHECK(number(widths[i]) / number(days[i]) ==
              Approx(number(widths[0]) / number(days[0])).epsilon(0.01));
    }
    // Labels above the bars: each lane's label baseline is above its first bar's top, and the
    // bars start at the left edge instead of after a label column.
    const auto label_y = attribute_values(narrow, R"re(text class="lane-label")re", "y");
    const auto bar_y = attribute_values(narrow, R"re(rect class="(phase|span)[^"]*")re", "y");
    const auto bar_x = attribute_values(narrow, R"re(rect class="(phase|span)[^"]*")re", "x");
    REQUIRE(label_y.size() == 3);
    CHECK(number(label_y[0]) < number(bar_y.front()));
    CHECK(number(bar_x.front()) < 20);
    CHECK(number(attribute_values(wide, R"re(rect class="phase[^"]*")re", "x").front()) >= 250);
    // Ticks are too thin for a finger: only the wide layout gives them tooltips.
    CHECK(std::regex_search(wide, std::regex(R"re(<rect class="tick"[^>]*><title>)re")));
    CHECK_FALSE(std::regex_search(narrow, std::regex(R"re(<rect class="tick"[^>]*><title>)re")));
}

TEST_CASE("html: every bar links to its first day in the month grids", "[html][svg][phones]") {
    const schedule s = sample("plain");
    const std::string page = to_html(s);
    for (const std::string layout : {"wide", "narrow"}) {
        const std::string svg = timeline(page, layout);
        // A link around each bar, named by the bar's description with its dates.
        // (In the narrow layout the lane's label comes first in its first link.)
        const std::regex link(
            R"re(<a href="#(d-[0-9]{4}-[0-9]{2}-[0-9]{2})"><title>([^<]*)</title>(?:<text class="lane-label"[^>]*>[^<]*(?:<title>[^<]*</title>)?</text>\n)?<rect class="(phase|span))re");
        std::vector<std::string> phase_targets;
        std::vector<std::string> span_targets;
        for (auto it = std::sregex_iterator(svg.begin(), svg.end(), link); it != std::sregex_iterator();
             ++it) {
            const std::string target = (*it)[1];
            ((*it)[3] == "phase" ? phase_targets : span_targets).push_back(target);
            CHECK(
                std::regex_search((*it)[2].str(), std::regex(" to [A-Z][a-z]{2} [0-9]+ [A-Z][a-z]{2} 2027")));
            // The target is one cell of the month grids.
            CHECK(count_of(page, "id=\"" + target + "\"") == 1);
            CHECK(page.find("<td id=\"" + target + "\"") != std::string::npos);
        }
        CHECK(phase_targets ==
              std::vector<std::string>{"d-2027-01-04", "d-2027-02-01", "d-2027-03-01", "d-2027-03-29"});
        CHECK(span_targets == std::vector<std::string>{"d-2027-01-18"});
        CHECK(count_of(svg, "<a ") == 5);
        // With links inside, the picture is a labelled group, not an image whose parts are hidden.
        CHECK(svg.find("role=\"group\" aria-labelledby=\"timeline-svg") != std::string::npos);
    }
    // In the narrow layout each lane's label is part of its first bar's link, a target a finger
    // can hit; in the wide one labels stand apart.
    const std::regex label_link(
        R"re(<a href="#d-[0-9-]+"><title>[^<]*</title><text class="lane-label" data-lane="([^"]*)")re");
    std::vector<std::string> linked;
    const std::string narrow = timeline(page, "narrow");
    for (auto it = std::sregex_iterator(narrow.begin(), narrow.end(), label_link);
         it != std::sregex_iterator(); ++it)
        linked.push_back((*it)[1]);
    CHECK(linked == std::vector<std::string>{"phase:short", "phase:long", "span:Imatinib"});
    CHECK_FALSE(std::regex_search(timeline(page, "wide"), label_link));
    // Only the days that bars link to carry an id.
    CHECK(count_of(page, "<td id=") == 5);
}

TEST_CASE("html: landmarks, section links, and no hover-only advice", "[html][a11y]") {
    const std::string page = to_html(sample("plain"));
    const auto header = page.find("</header>\n<main>\n");
    const auto main_end = page.find("</main>\n<footer>");
    REQUIRE(header != std::string::npos);
    REQUIRE(main_end != std::string::npos);
    CHECK(page.find("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"") != std::string::npos);
    CHECK(page.find("<nav aria-label=\"Sections\">") < header);
    for (const char* section : {"overview", "timeline", "lengths", "calendars"}) {
        CHECK(page.find(std::string("<a href=\"#") + section + "\">") < header);
        const auto at = page.find(std::string("<section id=\"") + section + "\">");
        CHECK((header < at && at < main_end));
    }
    CHECK(page.find("Hover") == std::string::npos);
    CHECK(page.find("hover") == std::string::npos);
    CHECK(page.find("reach it with the Tab key") != std::string::npos);
    // On a phone the table of lengths becomes one card a phase, its cells naming their column.
    const auto lengths = page.find("<table class=\"facts lengths\">");
    REQUIRE(lengths != std::string::npos);
    const std::string table = page.substr(lengths, page.find("</table>", lengths) - lengths);
    for (const char* label : {"Cycles", "Calendar days", "Share", "From", "To"})
        CHECK(count_of(table, std::string("data-label=\"") + label + "\"") >= 2);
    CHECK(page.find("td[data-label]::before { content: attr(data-label)") != std::string::npos);
}

TEST_CASE("html: the comparison page draws its timeline for phones too and names parameters in words",
          "[html][compare][phones]") {
    const protocol p = load_builtin(default_protocol_id());
    profile negative;
    negative.start = d("2027-01-04");
    profile positive = negative;
    positive.values = {{"induction_response", "mrd_positive"}};
    const std::string html = to_html_comparison(
        {{"MRD negative", make_schedule(p, negative)}, {"MRD positive", make_schedule(p, positive)}});
    CHECK(xml_problem(html).empty());
    // Both layouts of one drawing, each with a lane group per plan; the style sheet picks one.
    for (const char* id : {"id=\"timeline-svg\" class=\"timeline wide\"",
                           "id=\"timeline-svg-narrow\" class=\"timeline narrow\""}) {
        INFO(id);
        const auto from = html.find(id);
        REQUIRE(from != std::string::npos);
        const std::string svg = html.substr(from, html.find("</svg>", from) - from);
        const bool narrow = std::string_view(id).find("narrow") != std::string_view::npos;
        if (narrow) {
            // On a phone the label and the length take a line each.
            CHECK(svg.find(">MRD negative</text>\n<text class=\"group-length\" x=\"8\" y=\"") !=
                  std::string::npos);
            CHECK(svg.find(">2 years, 2 months and 4 days</text>") != std::string::npos);
        } else {
            CHECK(svg.find(">MRD negative — 2 years, 2 months and 4 days (794 days)</text>") !=
                  std::string::npos);
            CHECK(svg.find("group-length") == std::string::npos);
        }
        CHECK(svg.find(">MRD positive") != std::string::npos);
    }
    // The overview's Parameters cell reads as the page does elsewhere, not as --set takes it.
    CHECK(html.find("<td>Protecting the brain and spinal cord: chemotherapy into the spinal fluid "
                    "(intrathecal); Response at the end of induction: MRD-positive (remaining leukemia "
                    "found); ") != std::string::npos);
    CHECK(html.find("induction_response=") == std::string::npos);
}

TEST_CASE("html: the comparison page's timeline has no links", "[html][compare][phones]") {
    const std::string html = to_html_comparison({{"A", sample("plain")}});
    CHECK(html.find("<a href=\"#d-") == std::string::npos);
    CHECK(html.find("role=\"img\"") != std::string::npos);
    CHECK(html.find("</header>\n<main>\n") != std::string::npos);
    CHECK(html.find("</main>\n<footer>") != std::string::npos);
    CHECK(xml_problem(html).empty());
}
