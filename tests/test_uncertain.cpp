// Uncertain lengths: "until counts recover, usually 2 weeks", "about 3-4 weeks". The plan uses
// the expected length and carries the earliest and latest dates of everything that moves with
// it. 2027-01-04 is a Monday.
#include <ttplan/describe.hpp>
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

std::string protocol_text(
    const std::string& recovery_length =
        R"({"expected": "2w", "shortest": "1w", "longest": "6w", "reason": "until counts recover"})",
    const std::string& courses_length = R"("21d")") {
    return R"({
  "format": "ttplan-protocol/2",
  "id": "uncertain",
  "title": "Uncertain lengths",
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "recovery", "name": "Count recovery", "length": )" +
           recovery_length + R"(,
     "activities": [{"name": "Blood count", "category": "assessment", "days": "1,8,15,22,29,36"}]},
    {"id": "courses", "name": "Courses", "length": )" +
           courses_length + R"(, "repeat": {"count": 3},
     "activities": [{"name": "Cytarabine", "category": "chemotherapy", "days": "1"},
                    {"name": "Hospital stay", "category": "hospital-stay", "days": "1-3", "continuous": true}]}
  ],
  "dependencies": [{"from": "induction", "to": "recovery"}, {"from": "recovery", "to": "courses"}],
  "tracks": [{"activity": "Imatinib", "category": "targeted", "from": {"phase": "induction", "day": 15},
              "to": {"phase": "courses", "at": "end"}}]
}
)";
}

const event& find_event(const schedule& s, const std::string& activity, std::int32_t day,
                        std::optional<std::int32_t> cycle = std::nullopt) {
    const auto it = std::find_if(s.events().begin(), s.events().end(), [&](const event& e) {
        return e.activity == activity && e.day == day && e.cycle == cycle;
    });
    REQUIRE(it != s.events().end());
    return *it;
}

const phase_occurrence& find_phase(const schedule& s, const std::string& id,
                                   std::optional<std::int32_t> cycle = std::nullopt) {
    const auto it = std::find_if(s.phases().begin(), s.phases().end(), [&](const phase_occurrence& p) {
        return p.phase == id && p.cycle == cycle;
    });
    REQUIRE(it != s.phases().end());
    return *it;
}

std::vector<problem> problems_of(const std::string& text) {
    return protocol_problems::problems_of(text, "uncertain.json");
}

}  // namespace

TEST_CASE("uncertain lengths: read, written back and checked") {
    const protocol p = parse_protocol(protocol_text(), "uncertain.json");
    const phase& rec = p.phases[1];
    REQUIRE(rec.range);
    CHECK(rec.duration == length{2, length::unit::weeks});
    CHECK(rec.range->shortest == length{1, length::unit::weeks});
    CHECK(rec.range->longest == length{6, length::unit::weeks});
    CHECK(rec.range->reason == "until counts recover");
    CHECK_FALSE(p.phases[0].range);
    CHECK(parse_protocol(to_json(p)) == p);
    CHECK(to_json(p).find(R"("length": {)") != std::string::npos);

    // Located at the part that is wrong, with the file's line.
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "shortest": "3w", "longest": "6w"})")),
              "/phases/1/length/expected", "must lie from 3w to 6w"));
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "shortest": "2w", "longest": "2w"})")),
              "/phases/1/length/longest", "must be longer than the shortest"));
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "shortest": "0d", "longest": "6w"})")),
              "/phases/1/length/shortest", "must be positive"));
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "longest": "6w"})")), "/phases/1/length",
              "missing required key \"shortest\""));
    CHECK(has(
        problems_of(protocol_text(R"({"expected": "2w", "shortest": "1w", "longest": "6w", "usually": 1})")),
        "/phases/1/length/usually", "unknown key"));
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "shortest": 7, "longest": "6w"})")),
              "/phases/1/length/shortest", "a length such as"));
    // Days up to the longest length are allowed; past it they are not.
    CHECK(problems_of(protocol_text()).empty());
    CHECK(has(problems_of(protocol_text(R"({"expected": "2w", "shortest": "1w", "longest": "4w"})")),
              "/phases/1/activities/0/days", "after the phase's last day (28)"));
}

TEST_CASE("uncertain lengths: the plan uses the expected length and carries what moves") {
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"));

    // Induction lies before the uncertain length: nothing moves.
    const phase_occurrence& ind = find_phase(s, "induction");
    CHECK_FALSE(ind.possible_first);
    CHECK_FALSE(ind.possible_last);
    CHECK_FALSE(ind.tentative);
    CHECK_FALSE(find_event(s, "Vincristine", 22).possible_date);

    // Its own start is fixed; its end lies from the shortest to the longest length.
    const phase_occurrence& rec = find_phase(s, "recovery");
    CHECK(rec.first == d("2027-02-02"));
    CHECK(rec.last == d("2027-02-15"));  // 2 weeks
    CHECK_FALSE(rec.possible_first);
    REQUIRE(rec.possible_last);
    CHECK(rec.possible_last->earliest == d("2027-02-08"));  // 1 week
    CHECK(rec.possible_last->latest == d("2027-03-15"));    // 6 weeks
    CHECK_FALSE(rec.tentative);

    // Its Day 1 always happens; Day 8 only when it lasts more than a week: tentative, not moved.
    CHECK_FALSE(find_event(s, "Blood count", 1).tentative);
    const event& day8 = find_event(s, "Blood count", 8);
    CHECK(day8.tentative);
    CHECK_FALSE(day8.possible_date);
    // Days past the expected length are not planned.
    CHECK(std::none_of(s.events().begin(), s.events().end(),
                       [](const event& e) { return e.activity == "Blood count" && e.day > 14; }));

    // What follows moves by -1 to +4 weeks and is tentative.
    const phase_occurrence& c1 = find_phase(s, "courses", 1);
    CHECK(c1.first == d("2027-02-16"));
    CHECK(c1.tentative);
    REQUIRE(c1.possible_first);
    CHECK(c1.possible_first->earliest == d("2027-02-09"));
    CHECK(c1.possible_first->latest == d("2027-03-16"));
    const event& cyt3 = find_event(s, "Cytarabine", 1, 3);
    CHECK(cyt3.date == d("2027-03-30"));
    CHECK(cyt3.tentative);
    REQUIRE(cyt3.possible_date);
    CHECK(cyt3.possible_date->earliest == d("2027-03-23"));
    CHECK(cyt3.possible_date->latest == d("2027-04-27"));

    // A track that starts before and ends after: only its end moves.
    const auto track = std::find_if(s.spans().begin(), s.spans().end(),
                                    [](const span& sp) { return sp.activity == "Imatinib"; });
    REQUIRE(track != s.spans().end());
    CHECK_FALSE(track->possible_first);
    CHECK_FALSE(track->tentative);
    REQUIRE(track->possible_last);
    CHECK(track->possible_last->earliest == d("2027-04-12"));
    CHECK(track->possible_last->latest == d("2027-05-17"));

    // The plan's end.
    CHECK(s.end() == d("2027-04-19"));
    REQUIRE(s.possible_end());
    CHECK(s.possible_end()->earliest == d("2027-04-12"));
    CHECK(s.possible_end()->latest == d("2027-05-17"));
}

TEST_CASE("uncertain lengths: a repeated phase's cycles each move, and the spread grows") {
    // "about 3-4 weeks" per course: course k may start up to 7*(k-1) days late.
    const schedule s = planner(parse_protocol(protocol_text(
                                   R"("6w")", R"({"expected": "21d", "shortest": "21d", "longest": "28d"})")),
                               {})
                           .plan(d("2027-01-04"));
    const phase_occurrence& c1 = find_phase(s, "courses", 1);
    CHECK_FALSE(c1.possible_first);
    REQUIRE(c1.possible_last);
    CHECK(c1.possible_last->latest - c1.possible_last->earliest == date::days{7});
    const phase_occurrence& c3 = find_phase(s, "courses", 3);
    REQUIRE(c3.possible_first);
    CHECK(c3.possible_first->earliest == c3.first);
    CHECK(c3.possible_first->latest - c3.first == date::days{14});
    CHECK(c3.tentative);
    const span& stay3 = *std::find_if(s.spans().begin(), s.spans().end(), [](const span& sp) {
        return sp.activity == "Hospital stay" && sp.cycle == 3;
    });
    REQUIRE(stay3.possible_first);
    CHECK(stay3.possible_first->latest - stay3.first == date::days{14});
    REQUIRE(stay3.possible_last);
    CHECK(stay3.possible_last->latest - stay3.last == date::days{14});
}

TEST_CASE("uncertain lengths: an actual date fixes what it starts") {
    const planner pl(parse_protocol(protocol_text()), {});
    const schedule s = pl.plan(d("2027-01-04"), {actual_start{"courses", std::nullopt, d("2027-03-01"), 0}});
    const phase_occurrence& c1 = find_phase(s, "courses", 1);
    CHECK(c1.first == d("2027-03-01"));
    CHECK_FALSE(c1.possible_first);
    CHECK_FALSE(c1.tentative);
    CHECK_FALSE(find_event(s, "Cytarabine", 1, 3).possible_date);
    // The recovery phase itself still has its uncertain end.
    CHECK(find_phase(s, "recovery").possible_last);
}

TEST_CASE("uncertain lengths: a phase left out by its condition carries nothing") {
    std::string text = protocol_text();
    text.replace(text.find(R"("id": "recovery", "name": "Count recovery",)"),
                 std::string(R"("id": "recovery", "name": "Count recovery",)").size(),
                 R"("id": "recovery", "name": "Count recovery", "when": {"slow": true},)");
    text.replace(text.find(R"("phases": [)"), std::string(R"("phases": [)").size(),
                 R"("parameters": [{"name": "slow", "type": "bool", "default": false}], "phases": [)");
    const protocol p = parse_protocol(text);
    const schedule fast = planner(p, {}).plan(d("2027-01-04"));
    CHECK_FALSE(fast.possible_end());
    CHECK(
        std::none_of(fast.events().begin(), fast.events().end(), [](const event& e) { return e.tentative; }));
    const schedule slow = planner(p, {{"slow", "true"}}).plan(d("2027-01-04"));
    CHECK(slow.possible_end());
}

TEST_CASE("uncertain lengths: the JSON schedule carries earliest and latest dates") {
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"));
    const auto doc = nlohmann::json::parse(to_json(s));
    CHECK(doc["earliest_end"] == "2027-04-12");
    CHECK(doc["latest_end"] == "2027-05-17");
    bool recovery = false;
    for (const auto& ph : doc["phases"]) {
        if (ph["id"] == "induction") {
            CHECK_FALSE(ph.contains("earliest_end"));
            CHECK_FALSE(ph.contains("earliest_start"));
        }
        if (ph["id"] == "recovery") {
            recovery = true;
            CHECK_FALSE(ph.contains("earliest_start"));
            CHECK(ph["earliest_end"] == "2027-02-08");
            CHECK(ph["latest_end"] == "2027-03-15");
        }
        if (ph["id"] == "courses" && ph["cycle"] == 1) {
            CHECK(ph["earliest_start"] == "2027-02-09");
            CHECK(ph["latest_start"] == "2027-03-16");
            CHECK(ph["tentative"] == true);
        }
    }
    CHECK(recovery);
    for (const auto& ev : doc["events"]) {
        if (ev["activity"] == "Cytarabine" && ev["cycle"] == 3) {
            CHECK(ev["earliest_date"] == "2027-03-23");
            CHECK(ev["latest_date"] == "2027-04-27");
        }
        if (ev["activity"] == "Vincristine") CHECK_FALSE(ev.contains("earliest_date"));
    }
}

TEST_CASE("uncertain lengths: every human format says what may move") {
    const schedule s = planner(parse_protocol(protocol_text()), {}).plan(d("2027-01-04"));
    const std::string note = "may end from Mon 12 Apr 2027 to Mon 17 May 2027";
    const std::string text = render(s, "text");
    CHECK(text.find(note) != std::string::npos);
    CHECK(text.find("Its length is uncertain: from 1 week to 6 weeks (until counts recover)") !=
          std::string::npos);
    CHECK(text.find("It may end Mon 8 Feb 2027 to Mon 15 Mar 2027") != std::string::npos);
    CHECK(text.find("It may start Tue 9 Feb 2027 to Tue 16 Mar 2027 and end") != std::string::npos);
    // Induction lies before it: its block says nothing of it.
    const std::string induction =
        text.substr(text.find("\nInduction:"), text.find("\nCount recovery:") - text.find("\nInduction:"));
    CHECK(induction.find("may") == std::string::npos);

    CHECK(render(s, "md").find("length from 1 week to 6 weeks (until counts recover)") != std::string::npos);
    CHECK(render(s, "md").find(note) != std::string::npos);
    CHECK(render(s, "calendar").find("Some phase lengths are uncertain") != std::string::npos);

    const std::string html = render(s, "html");
    CHECK(html.find("<p class=\"uncertain\">") != std::string::npos);
    CHECK(html.find("<path class=\"range\"") != std::string::npos);
    CHECK(html.find("Whisker: uncertain end") != std::string::npos);

    std::string ics = render(s, "ics");
    // Unfolded (RFC 5545 folds long lines with CRLF and a space).
    for (std::size_t at; (at = ics.find("\r\n ")) != std::string::npos;) ics.erase(at, 3);
    CHECK(ics.find("Its length is uncertain: from 1 week to 6 weeks (until counts") != std::string::npos);
    CHECK(ics.find("With the uncertain lengths this day may move to any date from") != std::string::npos);

    const std::string summary = summary_text(s);
    CHECK(summary.find("It may end from 2027-04-12 to 2027-05-17") != std::string::npos);

    // A plan without uncertain lengths says none of it.
    std::string fixed = protocol_text(R"("6w")");
    const schedule f = planner(parse_protocol(fixed), {}).plan(d("2027-01-04"));
    CHECK(render(f, "text").find("lengths are uncertain") == std::string::npos);
    CHECK(render(f, "text").find("length is uncertain") == std::string::npos);
    CHECK(render(f, "html").find("class=\"range\"") == std::string::npos);
    CHECK(render(f, "ics").find("With the uncertain") == std::string::npos);
    CHECK(summary_text(f).find("may end") == std::string::npos);
}

TEST_CASE("uncertain lengths: a length_when case that applies gives a fixed length") {
    std::string text = protocol_text();
    const std::string from = R"("name": "Count recovery", "length": )";
    text.replace(
        text.find(from), from.size(),
        R"("name": "Count recovery", "length_when": [{"when": {"short": true}, "length": "10d"}], "length": )");
    text.replace(text.find(R"("phases": [)"), std::string(R"("phases": [)").size(),
                 R"("parameters": [{"name": "short", "type": "bool", "default": false}], "phases": [)");
    const protocol p = parse_protocol(text);
    CHECK(parse_protocol(to_json(p)) == p);
    const schedule fixed = planner(p, {{"short", "true"}}).plan(d("2027-01-04"));
    CHECK(find_phase(fixed, "recovery").days() == 10);
    CHECK_FALSE(find_phase(fixed, "recovery").uncertain_length);
    CHECK_FALSE(fixed.possible_end());
    const schedule ranged = planner(p, {}).plan(d("2027-01-04"));
    CHECK(find_phase(ranged, "recovery").uncertain_length);
    CHECK(ranged.possible_end());
}

TEST_CASE("uncertain lengths: a phase until a limit from the plan start ends where it ends") {
    std::string text = protocol_text();
    const std::string from =
        R"("id": "courses", "name": "Courses", "length": "21d", "repeat": {"count": 3},)";
    text.replace(text.find(from), from.size(),
                 R"("id": "courses", "name": "Courses", "until": {"length": "26w"},)");
    text.replace(text.find(R"("days": "1-3", "continuous": true)"),
                 std::string(R"("days": "1-3", "continuous": true)").size(),
                 R"("days": "1-end", "continuous": true)");
    const schedule s = planner(parse_protocol(text), {}).plan(d("2027-01-04"));
    const phase_occurrence& c = find_phase(s, "courses");
    CHECK(c.last == d("2027-07-04"));
    REQUIRE(c.possible_first);
    CHECK_FALSE(c.possible_last);
    CHECK(c.tentative);
}
