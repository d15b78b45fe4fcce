// Reminders in iCalendar: which events carry VALARMs, their triggers and descriptions, the
// lengths ttplan reads, and the calendars that must not change when none are asked for.
#include "format_samples.hpp"
#include "ical_reader.hpp"

#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/ical.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace ttplan;
using namespace ical_reader;
using namespace std::chrono_literals;
using samples::day;
using samples::default_plan;
using samples::hand_built;

namespace {

render_options with_remind(std::vector<std::chrono::minutes> remind) {
    render_options o;
    o.calendar_id = "test-cal";
    o.timestamp = 1798675200;  // 2027-01-01T00:00:00Z
    o.remind = std::move(remind);
    return o;
}

std::vector<std::string> triggers(const component& event) {
    std::vector<std::string> out;
    for (const auto& a : event.alarms) out.push_back(a.value("TRIGGER"));
    return out;
}

bool is_treatment_day(const component& event) {
    return unescape(event.value("SUMMARY")).find(" Day ") != std::string::npos &&
           event.all("DURATION").empty();
}

// hand_built() with a dose at 08:00 on its first day, which gets a timed event of its own.
schedule with_timed_dose() {
    const schedule base = hand_built();
    std::vector<event> events = base.events();
    events[0].timing.times = {clock_time::parse("08:00")};
    return schedule(base.segments(), base.phases(), std::move(events), base.spans());
}

template <class F>
error expect_value_error(F&& f) {
    try {
        f();
    } catch (const value_error& e) {
        return e;
    } catch (...) {
        FAIL("not a value_error");
    }
    FAIL("no error");
    return error("");
}

}  // namespace

TEST_CASE("remind: lengths in minutes, hours, days and weeks", "[remind]") {
    CHECK(parse_remind("30m") == 30min);
    CHECK(parse_remind("30min") == 30min);
    CHECK(parse_remind("2h") == 120min);
    CHECK(parse_remind("1d") == 24h);
    CHECK(parse_remind("1w") == 7 * 24h);
    CHECK(parse_remind("4w") == max_remind);
    CHECK(parse_remind("28d") == max_remind);
    CHECK(parse_remind("40320m") == max_remind);

    CHECK(format_remind(30min) == "30m");
    CHECK(format_remind(90min) == "90m");
    CHECK(format_remind(36h) == "36h");
    CHECK(format_remind(48h) == "2d");
    CHECK(format_remind(14 * 24h) == "2w");
    for (const char* text : {"1m", "59m", "90m", "1h", "25h", "1d", "6d", "1w", "3w"}) {
        CHECK(format_remind(parse_remind(text)) == text);
    }
}

TEST_CASE("remind: zero, signs, other units and more than 4 weeks are refused, naming the text", "[remind]") {
    const auto refused = [](const char* text, const char* says) {
        INFO(text);
        const error e = expect_value_error([&] { parse_remind(text); });
        CHECK_THAT(e.message(), Catch::Contains(std::string("\"") + text + "\"") && Catch::Contains(says));
    };
    refused("0d", "zero");
    refused("0m", "zero");
    refused("-1d", "without a sign");
    refused("+1d", "without a sign");
    refused("1x", "unknown unit");
    refused("1D", "unknown unit");
    refused("1 d", "unknown unit");
    refused("1", "missing unit");
    refused("d", "expected a number");
    refused("", "empty");
    refused("1mo", "months");
    refused("1y", "years");
    refused("1.5h", "whole number");
    refused("5w", "more than 4 weeks");
    refused("29d", "more than 4 weeks");
    refused("40321m", "more than 4 weeks");
    refused("99999999999999999999d", "more than 4 weeks");
}

TEST_CASE("remind: each treatment day gets one VALARM per length, longest first", "[remind][ical]") {
    const auto cal = parse(to_ical(hand_built(), with_remind({2h, 24h, 30min, 7 * 24h})));
    int days = 0;
    for (const auto& e : cal.events) {
        INFO(e.value("SUMMARY"));
        if (!is_treatment_day(e)) {
            CHECK(e.alarms.empty());
            continue;
        }
        ++days;
        CHECK(triggers(e) == std::vector<std::string>{"-P1W", "-P1D", "-PT2H", "-PT30M"});
        for (const auto& a : e.alarms) {
            CHECK(a.lines.size() == 3);
            CHECK(a.value("ACTION") == "DISPLAY");
            CHECK_THAT(unescape(a.value("DESCRIPTION")),
                       Catch::EndsWith(": " + unescape(e.value("SUMMARY"))));
        }
        CHECK(unescape(e.alarms[0].value("DESCRIPTION")).starts_with("In 1 week: "));
        CHECK(unescape(e.alarms[1].value("DESCRIPTION")).starts_with("In 1 day: "));
        CHECK(unescape(e.alarms[2].value("DESCRIPTION")).starts_with("In 2 hours: "));
        CHECK(unescape(e.alarms[3].value("DESCRIPTION")).starts_with("In 30 minutes: "));
    }
    // Induction Day 1 and Day 8, and the maintenance cycle's Day -7.
    CHECK(days == 3);
}

TEST_CASE("remind: phases, spans, tracks and timed doses get no alarm", "[remind][ical]") {
    const auto cal = parse(to_ical(with_timed_dose(), with_remind({24h})));
    int phases = 0, spans = 0, doses = 0;
    for (const auto& e : cal.events) {
        const std::string summary = unescape(e.value("SUMMARY"));
        INFO(summary);
        if (e.value("CATEGORIES") == "Treatment phase") {
            ++phases;
            CHECK(e.alarms.empty());
        } else if (summary == "Imatinib" || summary.ends_with(": Mercaptopurine")) {
            ++spans;
            CHECK(e.alarms.empty());
        } else if (!e.all("DURATION").empty()) {
            ++doses;
            CHECK(e.one("DTSTART").value == "20270104T080000");
            CHECK(e.alarms.empty());
        } else {
            CHECK(triggers(e) == std::vector<std::string>{"-P1D"});
        }
    }
    CHECK(phases == 2);
    CHECK(spans == 2);
    CHECK(doses == 1);
}

TEST_CASE("remind: the decisions of a plan get no alarm", "[remind][ical]") {
    const schedule s = default_plan();
    REQUIRE(!s.decisions().empty());
    const auto cal = parse(to_ical(s, with_remind({24h})));
    int days = 0;
    for (const auto& e : cal.events) {
        INFO(e.value("SUMMARY"));
        if (unescape(e.value("SUMMARY")).starts_with("Decision: ")) CHECK(e.alarms.empty());
        if (!e.alarms.empty()) {
            ++days;
            CHECK(is_treatment_day(e));
        }
    }
    CHECK(days > 20);
}

TEST_CASE("remind: cancelled events of earlier revisions carry no alarm", "[remind][ical]") {
    const schedule before = hand_built();
    // The next revision has lost the induction's Day 8.
    std::vector<event> events = before.events();
    events.erase(events.begin() + 2);
    const schedule after(before.segments(), before.phases(), std::move(events), before.spans());
    render_options o = with_remind({24h});
    o.previous.push_back(&before);
    o.sequence = 1;
    const auto cal = parse(to_ical(after, o));
    int cancelled = 0;
    for (const auto& e : cal.events) {
        INFO(e.value("SUMMARY"));
        if (e.value("STATUS") == "CANCELLED") {
            ++cancelled;
            CHECK(e.value("DTSTART") == "20270111");
            CHECK(e.alarms.empty());
        } else if (is_treatment_day(e)) {
            CHECK(triggers(e) == std::vector<std::string>{"-P1D"});
        }
    }
    CHECK(cancelled == 1);
}

TEST_CASE("remind: RFC 5545 durations for every length", "[remind][ical]") {
    const auto first_triggers = [](std::vector<std::chrono::minutes> remind) {
        const auto cal = parse(to_ical(hand_built(), with_remind(std::move(remind))));
        for (const auto& e : cal.events) {
            if (is_treatment_day(e)) return triggers(e);
        }
        return std::vector<std::string>{};
    };
    CHECK(first_triggers({1min}) == std::vector<std::string>{"-PT1M"});
    CHECK(first_triggers({90min}) == std::vector<std::string>{"-PT1H30M"});
    CHECK(first_triggers({36h}) == std::vector<std::string>{"-PT36H"});
    CHECK(first_triggers({48h}) == std::vector<std::string>{"-P2D"});
    CHECK(first_triggers({max_remind}) == std::vector<std::string>{"-P4W"});
    // Equal lengths, however written, make one alarm.
    CHECK(first_triggers({24h, parse_remind("1d"), parse_remind("1440m")}) ==
          std::vector<std::string>{"-P1D"});
}

TEST_CASE("remind: long descriptions are folded, and the output is byte-identical", "[remind][ical]") {
    const std::string long_name(120, 'x');
    const render_options o = with_remind({24h, 2h});
    const std::string text = to_ical(hand_built(long_name + " \xC3\xA9\xC3\xA9\xC3\xA9"), o);
    for (const auto& line : physical_lines(text)) CHECK(line.size() <= 75);
    const auto cal = parse(text);
    bool found = false;
    for (const auto& e : cal.events) {
        for (const auto& a : e.alarms) {
            const std::string description = unescape(a.value("DESCRIPTION"));
            if (description.find(long_name) != std::string::npos) found = true;
        }
    }
    CHECK(found);
    CHECK(to_ical(hand_built(long_name + " \xC3\xA9\xC3\xA9\xC3\xA9"), o) == text);
    // The order reminders are given in does not change the bytes.
    CHECK(to_ical(hand_built(), with_remind({2h, 24h})) == to_ical(hand_built(), with_remind({24h, 2h})));
}

TEST_CASE("remind: without reminders the calendar is unchanged", "[remind][ical]") {
    const std::string plain = to_ical(default_plan(), with_remind({}));
    CHECK(plain.find("VALARM") == std::string::npos);
    const std::string reminded = to_ical(default_plan(), with_remind({24h}));
    // The alarms are all that is added.
    std::string stripped;
    std::size_t pos = 0;
    while (pos < reminded.size()) {
        const auto begin = reminded.find("BEGIN:VALARM\r\n", pos);
        if (begin == std::string::npos) {
            stripped += reminded.substr(pos);
            break;
        }
        stripped += reminded.substr(pos, begin - pos);
        pos = reminded.find("END:VALARM\r\n", begin) + std::string("END:VALARM\r\n").size();
    }
    CHECK(stripped == plain);
}

TEST_CASE("remind: lengths out of range are value errors located at remind[i]", "[remind][ical]") {
    const schedule s = hand_built();
    for (const std::chrono::minutes bad : {0min, std::chrono::minutes{-24h}, max_remind + 1min}) {
        INFO(bad.count());
        const error e = expect_value_error([&] { to_ical(s, with_remind({24h, bad})); });
        CHECK(e.where().file == "remind[1]");
        CHECK_THAT(e.message(), Catch::Contains("from 1 minute to 4 weeks"));
        CHECK_THROWS_AS(check_remind({24h, bad}), value_error);
    }
    std::vector<std::chrono::minutes> many;
    for (int i = 1; i <= static_cast<int>(max_remind_count); ++i) many.emplace_back(i);
    CHECK_NOTHROW(to_ical(s, with_remind(many)));
    many.push_back(many.back());  // merged: still max_remind_count different ones
    CHECK_NOTHROW(check_remind(many));
    many.emplace_back(60);
    const error e = expect_value_error([&] { to_ical(s, with_remind(many)); });
    CHECK(e.where().file == "remind");
    CHECK_THAT(e.message(), Catch::Contains("at most 10"));
}

TEST_CASE("remind: only the ics format takes reminders", "[remind][formats]") {
    const schedule s = hand_built();
    const render_options o = with_remind({24h});
    CHECK(render(s, "ics", o) == to_ical(s, o));
    for (const auto name : format_names()) {
        if (name == "ics") continue;
        INFO(name);
        const error e = expect_value_error([&] { render(s, name, o); });
        CHECK(e.where().file == "remind");
        CHECK_THAT(e.message(), Catch::Contains("ics"));
    }
    // An unknown format is still named as such.
    CHECK_THROWS_WITH(render(s, "docx", o), Catch::Contains("unknown format"));
}
