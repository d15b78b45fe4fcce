// Windows: "pegaspargase Day 4, 5 or 6", "every 10 (+/- 2) days", "within 1 month". 2027-01-04
// is a Monday.
#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include "protocol_problems.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace ttplan;
using protocol_problems::has;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

std::string protocol_text(const std::string& window = R"({"after": 2})", const std::string& dep_extra = "") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "windows",
  "title": "Windows",
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Pegaspargase", "category": "chemotherapy", "days": "4", "window": )" +
           window + R"(},
                    {"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "consolidation", "name": "Consolidation", "length": "4w",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,11,21", "window": {"before": 2, "after": 2}}]}
  ],
  "dependencies": [{"from": "induction", "to": "consolidation")" +
           dep_extra + R"(}]
}
)";
}

const event& find_event(const schedule& s, const std::string& activity, std::int32_t day,
                        const std::string& phase) {
    const auto it = std::find_if(s.events().begin(), s.events().end(), [&](const event& e) {
        return e.activity == activity && e.day == day && e.phase == phase;
    });
    REQUIRE(it != s.events().end());
    return *it;
}

std::vector<problem> problems_of(const std::string& text) {
    return protocol_problems::problems_of(text, "windows.json");
}

}  // namespace

TEST_CASE("windows: read, written back and checked") {
    const protocol p = parse_protocol(protocol_text(), "windows.json");
    REQUIRE(p.phases[0].activities[0].window);
    CHECK(p.phases[0].activities[0].window->before == 0);
    CHECK(p.phases[0].activities[0].window->after == 2);
    CHECK(parse_protocol(to_json(p)) == p);
    const protocol q = parse_protocol(protocol_text(R"({"after": 2})", R"(, "window": "1mo")"));
    REQUIRE(q.dependencies[0].window);
    CHECK(q.dependencies[0].window->to_string() == "1mo");
    CHECK(parse_protocol(to_json(q)) == q);

    CHECK(has(problems_of(protocol_text(R"({"after": -1})")), "/phases/0/activities/0/window/after",
              "0 to 366"));
    CHECK(has(problems_of(protocol_text(R"({"before": 400})")), "/phases/0/activities/0/window/before",
              "0 to 366"));
    CHECK(has(problems_of(protocol_text(R"({})")), "/phases/0/activities/0/window", "the window is empty"));
    CHECK(has(problems_of(protocol_text(R"({"later": 2})")), "/phases/0/activities/0/window/later",
              "unknown key"));
    CHECK(has(problems_of(protocol_text(R"({"after": 2}, "continuous": true)")),
              "/phases/0/activities/0/window", "a continuous activity has no window"));
    CHECK(has(problems_of(protocol_text(R"({"after": 2})", R"(, "window": "0d")")), "/dependencies/0/window",
              "window must be positive"));
    CHECK(has(problems_of(protocol_text(R"({"after": 2})", R"(, "window": "soon")")),
              "/dependencies/0/window", ""));
}

TEST_CASE("windows: the plan uses the day and carries the dates it may move to") {
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"));
    const event& peg = find_event(s, "Pegaspargase", 4, "induction");
    CHECK(peg.date == d("2027-01-07"));
    REQUIRE(peg.window);
    CHECK(peg.window->earliest == d("2027-01-07"));
    CHECK(peg.window->latest == d("2027-01-09"));
    CHECK_FALSE(find_event(s, "Vincristine", 8, "induction").window);

    // +/- 2 days, but never outside the occurrence: consolidation runs 2027-02-02..03-01.
    const event& first = find_event(s, "Vincristine", 1, "consolidation");
    REQUIRE(first.window);
    CHECK(first.window->earliest == d("2027-02-02"));
    CHECK(first.window->latest == d("2027-02-04"));
    const event& eleventh = find_event(s, "Vincristine", 11, "consolidation");
    CHECK(eleventh.window->earliest == d("2027-02-10"));
    CHECK(eleventh.window->latest == d("2027-02-14"));

    const auto doc = nlohmann::json::parse(to_json(s));
    const auto& e = *std::find_if(doc["events"].begin(), doc["events"].end(),
                                  [](const auto& x) { return x["activity"] == "Pegaspargase"; });
    CHECK(e["window"] == nlohmann::json{{"earliest", "2027-01-07"}, {"latest", "2027-01-09"}});
    CHECK_FALSE(doc["events"][0].contains("window"));

    CHECK(render(s, "text").find("Pegaspargase (Chemotherapy) [may be Thu 7 Jan 2027 to Sat 9 Jan 2027]") !=
          std::string::npos);
    CHECK(render(s, "md").find("Pegaspargase (Chemotherapy) (may be 7 Jan 2027 to 9 Jan 2027)") !=
          std::string::npos);
    CHECK(render(s, "html").find(
              "Pegaspargase <span class=\"dn\">(Day 4)</span> <span class=\"dn\">(window Days 4 "
              "to 6)</span>") != std::string::npos);
    std::string ics = render(s, "ics");
    for (std::size_t at = 0; (at = ics.find("\r\n ", at)) != std::string::npos;) ics.erase(at, 3);  // unfold
    CHECK(ics.find("[it may be given from 2027-01-07 to 2027-01-09]") != std::string::npos);
}

TEST_CASE("windows: the clinic calendar moves an event within its window instead of off it") {
    const planner pl(parse_protocol(protocol_text()), {});
    clinic_calendar cal;
    cal.holidays.insert(d("2027-01-07"));  // Day 4, Thursday
    cal.default_rule = shift_rule::previous_open;
    // The window opens on Day 4 itself, so "previous" finds no open day in it: the next one, Friday.
    const schedule closed_thursday = pl.plan(d("2027-01-04"), treatment_facts{}, cal);
    const event& moved = find_event(closed_thursday, "Pegaspargase", 4, "induction");
    CHECK(moved.date == d("2027-01-08"));
    CHECK(moved.planned_date == d("2027-01-07"));

    // With Friday and Saturday closed too, the window has no open day: the rule moves it off it.
    cal.holidays.insert(d("2027-01-08"));
    cal.holidays.insert(d("2027-01-09"));
    const schedule off = pl.plan(d("2027-01-04"), treatment_facts{}, cal);
    CHECK(find_event(off, "Pegaspargase", 4, "induction").date == d("2027-01-06"));

    // Without a window, "previous" moves it to Wednesday.
    const planner plain(parse_protocol(R"({"format": "ttplan-protocol/2", "id": "p", "title": "P", "phases": [
      {"id": "induction", "name": "Induction", "length": "29d",
       "activities": [{"name": "Pegaspargase", "category": "chemotherapy", "days": "4"}]}]})"),
                        {});
    clinic_calendar one;
    one.holidays.insert(d("2027-01-07"));
    one.default_rule = shift_rule::previous_open;
    CHECK(find_event(plain.plan(d("2027-01-04"), treatment_facts{}, one), "Pegaspargase", 4, "induction").date ==
          d("2027-01-06"));
}

TEST_CASE("windows: a dependency's window lets the next phase start later") {
    const planner pl(parse_protocol(protocol_text(R"({"after": 2})", R"(, "window": "1mo")")), {});
    const schedule s = pl.plan(d("2027-01-04"));
    const auto& cons = s.phases()[1];
    CHECK(cons.first == d("2027-02-02"));
    REQUIRE(cons.start_window);
    CHECK(cons.start_window->earliest == d("2027-02-02"));
    CHECK(cons.start_window->latest == d("2027-03-02"));
    CHECK_FALSE(s.phases()[0].start_window);
    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["phases"][1]["start_window"] ==
          nlohmann::json{{"earliest", "2027-02-02"}, {"latest", "2027-03-02"}});
    CHECK(render(s, "text").find("  May start from Tue 2 Feb 2027 to Tue 2 Mar 2027\n") != std::string::npos);

    // Once it has started, the window is spent.
    actual_start started;
    started.phase = "consolidation";
    started.start = d("2027-02-15");
    CHECK_FALSE(pl.plan(d("2027-01-04"), {started}).phases()[1].start_window);
}
