// Windows that list their days: "vincristine Day 8 or Day 15" (an activity's alternatives) and
// "consolidation starts 1 or 2 weeks later" (a dependency's list of lengths). 2027-01-04 is a
// Monday.
#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include "protocol_problems.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ttplan;
using protocol_problems::listing;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

std::vector<day_point> dates(std::initializer_list<const char*> texts) {
    std::vector<day_point> out;
    for (const char* t : texts) out.push_back(d(t));
    return out;
}

// Induction (2027-01-04..02-01) with vincristine on Day 8 "or Day 15", `window` being the one
// under test; consolidation after it, `dep_extra` added to that dependency.
std::string protocol_text(const std::string& window = R"({"alternatives": [7]})",
                          const std::string& dep_extra = "") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "allowed",
  "title": "Allowed days",
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [
       {"name": "Vincristine", "category": "chemotherapy", "days": "8",
        "window": )" +
           window + R"(},
       {"name": "Dexamethasone", "category": "chemotherapy", "days": "1", "window": {"alternatives": [-1, 7]}},
       {"name": "Asparaginase", "category": "chemotherapy", "days": "15", "window": {"alternatives": [7, -7]}},
       {"name": "Marrow", "category": "assessment", "days": "29", "window": {"alternatives": [7, -30]}}]},
    {"id": "consolidation", "name": "Consolidation", "length": "4w",
     "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1"}]}
  ],
  "dependencies": [{"from": "induction", "to": "consolidation")" +
           dep_extra + R"(}]
}
)";
}

const event& find_event(const schedule& s, const std::string& activity) {
    const auto it = std::find_if(s.events().begin(), s.events().end(),
                                 [&](const event& e) { return e.activity == activity; });
    REQUIRE(it != s.events().end());
    return *it;
}
// The reference points into the schedule: it must outlive it.
const event& find_event(schedule&&, const std::string&) = delete;

std::vector<problem> problems_of(const std::string& text) {
    return protocol_problems::problems_of(text, "allowed.json");
}

// The 1-based line of the first line of `text` that holds `needle`.
int line_with(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
           1;
}

// The problems of `text` are exactly one: at `pointer`, on the line holding `needle`, saying `words`.
void only(const std::string& text, const std::string& pointer, const std::string& needle,
          const std::string& words) {
    const auto ps = problems_of(text);
    INFO(listing(ps));
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].where.file == "allowed.json");
    CHECK(ps[0].where.pointer == pointer);
    CHECK(ps[0].where.line == line_with(text, needle));
    CHECK(ps[0].message.find(words) != std::string::npos);
}

}  // namespace

TEST_CASE("allowed days: read, written back and checked") {
    const protocol p = parse_protocol(protocol_text(), "allowed.json");
    REQUIRE(p.phases[0].activities[0].window);
    CHECK(p.phases[0].activities[0].window->alternatives == std::vector<std::int32_t>{7});
    CHECK(p.phases[0].activities[0].window->before == 0);
    CHECK(p.phases[0].activities[0].window->after == 0);
    CHECK(p.phases[0].activities[2].window->alternatives == std::vector<std::int32_t>{7, -7});  // as written
    const std::string written = to_json(p);
    CHECK(written.find("\"alternatives\"") != std::string::npos);
    CHECK(parse_protocol(written) == p);

    const protocol q =
        parse_protocol(protocol_text(R"({"alternatives": [7]})", R"(, "window": ["1w", "2w"])"));
    CHECK_FALSE(q.dependencies[0].window);
    CHECK(q.dependencies[0].window_alternatives ==
          std::vector<length>{{1, length::unit::weeks}, {2, length::unit::weeks}});
    CHECK(nlohmann::json::parse(to_json(q))["dependencies"][0]["window"] == nlohmann::json{"1w", "2w"});
    CHECK(parse_protocol(to_json(q)) == q);
}

TEST_CASE("allowed days: located errors") {
    const auto vincristine = [](const std::string& window) { return protocol_text(window); };
    only(vincristine(R"({"alternatives": [7], "after": 2})"), "/phases/0/activities/0/window",
         R"("alternatives": [7], "after")", "not both");
    only(vincristine(R"({"before": 1, "alternatives": [7]})"), "/phases/0/activities/0/window",
         R"("before": 1)", "not both");
    only(vincristine(R"({"alternatives": [0]})"), "/phases/0/activities/0/window/alternatives/0", "[0]",
         "the planned day itself");
    only(vincristine(R"({"alternatives": [7, 400]})"), "/phases/0/activities/0/window/alternatives/1", "400",
         "-366 to 366");
    only(vincristine(R"({"alternatives": [-367]})"), "/phases/0/activities/0/window/alternatives/0", "-367",
         "-366 to 366");
    only(vincristine(R"({"alternatives": [7, 7]})"), "/phases/0/activities/0/window/alternatives/1", "[7, 7]",
         "listed twice");
    only(vincristine(R"({"alternatives": []})"), "/phases/0/activities/0/window/alternatives", "[]",
         "lists no alternatives");
    only(vincristine(R"({"alternatives": "7"})"), "/phases/0/activities/0/window/alternatives", R"("7")",
         "expected a list");
    only(vincristine(R"({"alternatives": ["x"]})"), "/phases/0/activities/0/window/alternatives/0",
         R"(["x"])", "expected an integer");
    only(vincristine(R"({"alternatives": [7]}, "continuous": true)"), "/phases/0/activities/0/window",
         R"("continuous")", "a continuous activity has no window");

    const auto dependency = [](const std::string& window) {
        return protocol_text(R"({"alternatives": [7]})", R"(, "window": )" + window);
    };
    only(dependency("[]"), "/dependencies/0/window", R"("window": [])", "lists no lengths");
    only(dependency(R"(["1w", "0d"])"), "/dependencies/0/window/1", R"("0d")", "window must be positive");
    only(dependency(R"(["1w", "11y"])"), "/dependencies/0/window/1", R"("11y")", "longer than 10 years");
    only(dependency(R"(["1w", "1w"])"), "/dependencies/0/window/1", R"(["1w", "1w"])", "listed twice");
    only(dependency(R"(["1w", 3])"), "/dependencies/0/window/1", R"(["1w", 3])", "expected a length");
    only(dependency(R"(["soon"])"), "/dependencies/0/window/0", R"(["soon"])", "soon");

    // A model built in C++ can hold both forms; check() says which.
    protocol both = parse_protocol(protocol_text(R"({"alternatives": [7]})", R"(, "window": ["1w"])"));
    both.phases[0].activities[0].window->after = 2;
    both.dependencies[0].window = length{1, length::unit::months};
    const auto ps = check(both);
    INFO(listing(ps));
    const auto at = [&](const std::string& pointer, const std::string& words) {
        return std::any_of(ps.begin(), ps.end(), [&](const problem& x) {
            return x.where.pointer == pointer && x.message.find(words) != std::string::npos;
        });
    };
    CHECK(at("/phases/0/activities/0/window", "not both"));
    CHECK(at("/dependencies/0/window", "not both"));
}

TEST_CASE("allowed days: the plan uses the day and lists the others") {
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"));
    const event& vcr = find_event(s, "Vincristine");
    CHECK(vcr.date == d("2027-01-11"));
    REQUIRE(vcr.window);
    CHECK(vcr.window->earliest == d("2027-01-11"));
    CHECK(vcr.window->latest == d("2027-01-18"));
    CHECK(vcr.window->dates == dates({"2027-01-11", "2027-01-18"}));

    // Sorted, the planned date among them.
    const event& asp = find_event(s, "Asparaginase");
    CHECK(asp.date == d("2027-01-18"));
    REQUIRE(asp.window);
    CHECK(asp.window->dates == dates({"2027-01-11", "2027-01-18", "2027-01-25"}));

    // Day 1 "or the day before": Day 0 is before induction, so only "or a week later" is left.
    const event& dex = find_event(s, "Dexamethasone");
    REQUIRE(dex.window);
    CHECK(dex.window->dates == dates({"2027-01-04", "2027-01-11"}));
    CHECK(dex.window->earliest == d("2027-01-04"));

    // Day 29 + 7 is past the occurrence and Day 29 - 30 before it: nothing is left to choose.
    CHECK_FALSE(find_event(s, "Marrow").window);

    const auto doc = nlohmann::json::parse(to_json(s));
    const auto json_event = [&](const char* activity) {
        return *std::find_if(doc["events"].begin(), doc["events"].end(),
                             [&](const auto& x) { return x["activity"] == activity; });
    };
    CHECK(json_event("Vincristine")["window"] == nlohmann::json{{"earliest", "2027-01-11"},
                                                                {"latest", "2027-01-18"},
                                                                {"dates", {"2027-01-11", "2027-01-18"}}});
    CHECK(json_event("Asparaginase")["window"]["dates"] ==
          nlohmann::json{"2027-01-11", "2027-01-18", "2027-01-25"});
    CHECK_FALSE(json_event("Marrow").contains("window"));
    CHECK_FALSE(json_event("Cytarabine").contains("window"));
}

TEST_CASE("allowed days: the clinic calendar moves an event to an allowed date first") {
    const planner pl(parse_protocol(protocol_text()), {});
    clinic_calendar cal;
    cal.default_rule = shift_rule::next_open;

    // The planned date closed: the next allowed date, a week later, not the next day.
    cal.holidays.insert(d("2027-01-11"));
    const schedule one = pl.plan(d("2027-01-04"), treatment_facts{}, cal);
    const event& moved = find_event(one, "Vincristine");
    CHECK(moved.date == d("2027-01-18"));
    CHECK(moved.planned_date == d("2027-01-11"));
    CHECK(moved.window->dates == dates({"2027-01-11", "2027-01-18"}));  // the window stays as planned

    // The first alternative closed as well: no allowed date is open, so the rule moves it off
    // the list from its planned date, to the next open day.
    cal.holidays.insert(d("2027-01-18"));
    const schedule none_open = pl.plan(d("2027-01-04"), treatment_facts{}, cal);
    const event& off = find_event(none_open, "Vincristine");
    CHECK(off.date == d("2027-01-12"));
    CHECK(off.planned_date == d("2027-01-11"));

    // "previous" looks at the earlier allowed dates first, then the later ones: asparaginase on
    // Day 15 (2027-01-18, closed) goes to Day 8 (2027-01-11) when that is open ...
    clinic_calendar back;
    back.default_rule = shift_rule::previous_open;
    back.holidays.insert(d("2027-01-18"));
    const schedule day8 = pl.plan(d("2027-01-04"), treatment_facts{}, back);
    CHECK(find_event(day8, "Asparaginase").date == d("2027-01-11"));
    // ... to Day 22 (2027-01-25) when Day 8 is closed too ...
    back.holidays.insert(d("2027-01-11"));
    const schedule day22 = pl.plan(d("2027-01-04"), treatment_facts{}, back);
    CHECK(find_event(day22, "Asparaginase").date == d("2027-01-25"));
    // ... and off the list, to the day before the planned one, when every allowed date is closed.
    back.holidays.insert(d("2027-01-25"));
    const schedule off_list = pl.plan(d("2027-01-04"), treatment_facts{}, back);
    CHECK(find_event(off_list, "Asparaginase").date == d("2027-01-17"));
}

TEST_CASE("allowed days: a dependency's list of lengths lists the start dates") {
    const planner pl(parse_protocol(protocol_text(R"({"alternatives": [7]})", R"(, "window": ["1w", "2w"])")),
                     {});
    const schedule s = pl.plan(d("2027-01-04"));
    const auto& cons = s.phases()[1];
    CHECK(cons.first == d("2027-02-02"));
    REQUIRE(cons.start_window);
    CHECK(cons.start_window->earliest == d("2027-02-02"));
    CHECK(cons.start_window->latest == d("2027-02-16"));
    CHECK(cons.start_window->dates == dates({"2027-02-02", "2027-02-09", "2027-02-16"}));
    CHECK_FALSE(s.phases()[0].start_window);

    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["phases"][1]["start_window"] ==
          nlohmann::json{{"earliest", "2027-02-02"},
                         {"latest", "2027-02-16"},
                         {"dates", {"2027-02-02", "2027-02-09", "2027-02-16"}}});

    // Once it has started, the window is spent.
    actual_start started;
    started.phase = "consolidation";
    started.start = d("2027-02-09");
    CHECK_FALSE(pl.plan(d("2027-01-04"), {started}).phases()[1].start_window);
}

TEST_CASE("allowed days: several dependencies") {
    // a: 2027-01-04..02-01; b: from a's Day 8, a week (01-11..01-17); c after both: a gives
    // 02-02, b gives 01-18 (and the lengths in `a_window` and `b_window` later).
    const auto text = [](const std::string& a_window, const std::string& b_window) {
        return R"({"format": "ttplan-protocol/2", "id": "joined", "title": "Joined", "phases": [
          {"id": "a", "name": "A", "length": "29d", "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]},
          {"id": "b", "name": "B", "length": "7d", "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]},
          {"id": "c", "name": "C", "length": "7d", "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]}],
         "dependencies": [
          {"from": "a", "to": "b", "type": "start-to-start", "day": 8},
          {"from": "a", "to": "c")" +
               a_window + R"(},
          {"from": "b", "to": "c")" +
               b_window + R"(}]})";
    };
    const auto start_window = [](const std::string& protocol) {
        const schedule s = planner(parse_protocol(protocol), {}).plan(d("2027-01-04"));
        const auto it = std::find_if(s.phases().begin(), s.phases().end(),
                                     [](const phase_occurrence& p) { return p.phase == "c"; });
        REQUIRE(it != s.phases().end());
        CHECK(it->first == d("2027-02-02"));
        return it->start_window;
    };

    // Lists only: every date they give or list from the start on (b's 01-18 and 01-25 are earlier).
    const auto lists = start_window(text(R"(, "window": ["1w"])", R"(, "window": ["1w", "4w"])"));
    REQUIRE(lists);
    CHECK(lists->dates == dates({"2027-02-02", "2027-02-09", "2027-02-15"}));
    CHECK(lists->earliest == d("2027-02-02"));
    CHECK(lists->latest == d("2027-02-15"));

    // A range among them: a range to the latest date any of them allows.
    const auto mixed = start_window(text(R"(, "window": ["1w"])", R"(, "window": "4w")"));
    REQUIRE(mixed);
    CHECK(mixed->dates.empty());
    CHECK(mixed->earliest == d("2027-02-02"));
    CHECK(mixed->latest == d("2027-02-15"));

    // A list that leaves only the start: nothing to choose, no window.
    CHECK_FALSE(start_window(text("", R"(, "window": ["1w"])")));
}

TEST_CASE("allowed days: the formats say the list") {
    const schedule s =
        planner(parse_protocol(protocol_text(R"({"alternatives": [7]})", R"(, "window": ["1w", "2w"])")), {})
            .plan(d("2027-01-04"));
    const std::string text = render(s, "text");
    CHECK(text.find("Vincristine (Chemotherapy) [may be Mon 11 Jan 2027 or Mon 18 Jan 2027]") !=
          std::string::npos);
    CHECK(text.find(
              "Asparaginase (Chemotherapy) [may be Mon 11 Jan 2027, Mon 18 Jan 2027 or Mon 25 Jan 2027]") !=
          std::string::npos);
    CHECK(text.find("  May start on Tue 2 Feb 2027, Tue 9 Feb 2027 or Tue 16 Feb 2027\n") !=
          std::string::npos);
    CHECK(render(s, "md").find("Vincristine (Chemotherapy) (may be 11 Jan 2027 or 18 Jan 2027)") !=
          std::string::npos);
    CHECK(render(s, "html").find(
              "Vincristine <span class=\"dn\">(Day 8)</span> <span class=\"dn\">(window Days 8 "
              "or 15)</span>") != std::string::npos);
    CHECK(render(s, "html").find("<span class=\"dn\">(window Days 8, 15 or 22)</span>") != std::string::npos);
    std::string ics = render(s, "ics");
    for (std::size_t at = 0; (at = ics.find("\r\n ", at)) != std::string::npos;) ics.erase(at, 3);  // unfold
    CHECK(ics.find("[it may be given on 2027-01-11 or 2027-01-18]") != std::string::npos);
}

TEST_CASE("allowed days: a moved event's window keeps its day numbers in HTML") {
    // Moved within its window, the event keeps its Day and the window is still Days 8 or 15.
    clinic_calendar cal;
    cal.default_rule = shift_rule::next_open;
    cal.holidays.insert(d("2027-01-11"));
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"), treatment_facts{}, cal);
    CHECK(render(s, "html").find("<span class=\"dn\">(window Days 8 or 15)</span>") != std::string::npos);
}
