// A record's plan written out: its own calendar id and revision, and what earlier revisions had
// cancelled; the changes since a revision. 2027-01-04 is a Monday.
#include <ttplan/ical.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/record.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace ttplan;

namespace {

day_point d(const char* text) {
    return parse_date(text);
}

const std::string protocol_text = R"({
  "format": "ttplan-protocol/2",
  "id": "render-test",
  "title": "Render test",
  "version": "1.0",
  "phases": [
    {"id": "induction", "name": "Induction", "length": "28d",
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "consolidation", "name": "Consolidation", "length": "28d",
     "activities": [{"name": "Cyclophosphamide", "category": "chemotherapy", "days": "1,15"}]}
  ],
  "dependencies": [{"from": "induction", "to": "consolidation"}]
}
)";

const std::string id = "00112233445566778899aabbccddeeff";
constexpr std::int64_t jan_4_9am = 1799053200;  // 2027-01-04T09:00:00Z

// Revision 1: the plan; 2: Day 22 held; 3: consolidation a week late.
treatment_record three_revisions() {
    treatment_record r = create_record(parse_protocol(protocol_text, "render-test.json"), "render-test.json",
                                       d("2027-01-04"), {}, jan_4_9am, id);
    r = add_revision(r, {event_held{parse_event_key("induction:22:Vincristine")}}, jan_4_9am + 86400);
    return add_revision(r, {actual_start{"consolidation", std::nullopt, std::nullopt, 7}}, jan_4_9am + 2 * 86400);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("record render: the calendar is the record's, at its last revision", "[record][render]") {
    const treatment_record r = three_revisions();
    const std::string ics = render(r, "ics");
    CHECK(count(ics, "SEQUENCE:3\r\n") == count(ics, "BEGIN:VEVENT"));
    // DTSTAMP is the time of the last revision unless given.
    CHECK(ics.find("DTSTAMP:20270106T090000Z") != std::string::npos);
    render_options at_noon;
    at_noon.timestamp = jan_4_9am + 3 * 3600;
    CHECK(render(r, "ics", at_noon).find("DTSTAMP:20270104T120000Z") != std::string::npos);

    // The same bytes as the schedule written with the record's options by hand.
    render_options by_hand;
    by_hand.calendar_id = r.calendar_id;
    by_hand.sequence = 3;
    by_hand.timestamp = r.history.back().recorded_at;
    const schedule first = plan_at(r, 1);
    const schedule second = plan_at(r, 2);
    by_hand.previous = {&first, &second};
    CHECK(ics == render(plan(r), "ics", by_hand));
    // Other formats are the plan as render() writes it.
    CHECK(render(r, "json") == render(plan(r), "json", by_hand));
}

TEST_CASE("record render: what an earlier revision had is cancelled, once", "[record][render]") {
    const std::string ics = render(three_revisions(), "ics");
    // Induction Day 22 (2027-01-25) was held in revision 2; consolidation moved a week in 3.
    CHECK(count(ics, "STATUS:CANCELLED") == 1);
    const auto cancelled = ics.find("STATUS:CANCELLED");
    const auto begin = ics.rfind("BEGIN:VEVENT", cancelled);
    const auto end = ics.find("END:VEVENT", cancelled);
    const std::string item = ics.substr(begin, end - begin);
    CHECK(item.find("DTSTART;VALUE=DATE:20270125") != std::string::npos);
    CHECK(item.find("Vincristine") != std::string::npos);
    // A record with one revision cancels nothing.
    const treatment_record only = create_record(parse_protocol(protocol_text, "render-test.json"),
                                                "render-test.json", d("2027-01-04"), {}, jan_4_9am, id);
    CHECK(count(render(only, "ics"), "STATUS:CANCELLED") == 0);
}

TEST_CASE("record render: what the record gives cannot be given again", "[record][render][errors]") {
    const treatment_record r = three_revisions();
    render_options o;
    o.calendar_id = "another";
    CHECK_THROWS_WITH(render(r, "ics", o), "a treatment record gives its calendar's id: leave it unset");
    o = {};
    o.sequence = 7;
    CHECK_THROWS_WITH(render(r, "ics", o),
                      "a treatment record gives its calendar's sequence (its last revision): leave it unset");
    o = {};
    const schedule s = plan(r);
    o.previous = {&s};
    CHECK_THROWS_AS(render(r, "ics", o), value_error);
    CHECK_THROWS_AS(render(r, "docx"), error);
}

TEST_CASE("record render: changes since a revision, by the calendar's UIDs", "[record][changes]") {
    const treatment_record r = three_revisions();
    const auto since_2 = changes_since(r, 2);
    // The week's delay moves both consolidation days and the phase; nothing is added or removed.
    REQUIRE_FALSE(since_2.empty());
    for (const change& c : since_2) CHECK(c.kind == change_kind::moved);
    render_options o;
    o.calendar_id = r.calendar_id;
    CHECK(since_2 == changes(plan_at(r, 2), plan(r), o));
    const auto since_1 = changes_since(r, 1);
    CHECK(since_1.size() == since_2.size() + 1);
    CHECK(changes_since(r, 3).empty());
    // Without a revision: what the last revision changed, against the one before it.
    CHECK(changes_since(r) == since_2);
    CHECK(changes_since(create_record(parse_protocol(protocol_text, "render-test.json"), "render-test.json",
                                      d("2027-01-04"), {}, jan_4_9am, id))
              .empty());
    CHECK_THROWS_WITH(changes_since(r, 4), "the record has no revision 4: its revisions are 1 to 3");
}

TEST_CASE("record render: the last revision alone, for clients that keep no UIDs", "[record][render]") {
    const treatment_record r = three_revisions();
    const std::string alone = render(r, "ics", {}, {}, earlier_revisions::left_out);
    CHECK(count(alone, "STATUS:CANCELLED") == 0);
    render_options by_hand;
    by_hand.calendar_id = r.calendar_id;
    by_hand.sequence = 3;
    by_hand.timestamp = r.history.back().recorded_at;
    CHECK(alone == render(plan(r), "ics", by_hand));
    // Formats without cancelled events are the same either way.
    CHECK(render(r, "csv", {}, {}, earlier_revisions::left_out) == render(r, "csv"));
}
