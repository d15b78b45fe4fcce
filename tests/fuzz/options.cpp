// Option strings: the words and values users type on the command line and give the C API and
// Python as text. The first byte chooses the reader, the rest is its text. A value that reads
// is written back and must read as the same value.
#include "fuzz.hpp"

#include <ttplan/calendar.hpp>
#include <ttplan/clinic_calendar.hpp>
#include <ttplan/fact_text.hpp>
#include <ttplan/facts.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/model.hpp>
#include <ttplan/record.hpp>

#include <cstdint>
#include <string>

namespace {

// The days a pattern is laid out over: -4000..4000.
constexpr std::int32_t max_pattern_day = 4000;

void date_text(std::string_view text) {
    const ttplan::day_point d = ttplan::parse_date(text);
    const std::string written = ttplan::format_date(d);
    TTPLAN_FUZZ_CHECK(ttplan::parse_date(written) == d);
    TTPLAN_FUZZ_CHECK(!ttplan::describe_length(d, d).empty());
    // The same date as a holiday and an actual start.
    ttplan::clinic_calendar calendar;
    calendar.holidays.insert(d);
    TTPLAN_FUZZ_CHECK(!calendar.is_open(d));
}

void length_text(std::string_view text) {
    const ttplan::length len = ttplan::length::parse(text);
    TTPLAN_FUZZ_CHECK(ttplan::length::parse(len.to_string()) == len);
    const auto from = date::sys_days{date::year{2027} / date::January / 31};
    try {
        const ttplan::day_point to = ttplan::add(from, len);
        TTPLAN_FUZZ_CHECK(ttplan::days_in(from, len) == (to - from).count());
        if (to >= from && to <= ttplan::max_date) {
            TTPLAN_FUZZ_CHECK(!ttplan::describe_length(from, to).empty());
        }
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
}

void pattern_text(std::string_view text) {
    const ttplan::day_pattern pattern = ttplan::day_pattern::parse(text);
    TTPLAN_FUZZ_CHECK(ttplan::day_pattern::parse(pattern.to_string()) == pattern);
    // Days from -1,000,000 on parse; listing them is the caller's choice of bound.
    for (const auto& part : pattern.parts) {
        if (part.first < -max_pattern_day) return;
    }
    const auto days = pattern.days_through(max_pattern_day);
    for (std::size_t i = 1; i < days.size(); ++i) {
        TTPLAN_FUZZ_CHECK(days[i - 1] < days[i]);
    }
    TTPLAN_FUZZ_CHECK(days.empty() || days.back() <= max_pattern_day);
    if (!pattern.uses_end()) {
        // days() lists every day; only for patterns that stay within the bound.
        bool small = true;
        for (const auto& part : pattern.parts) {
            small = small && part.last <= max_pattern_day;
        }
        if (small) {
            TTPLAN_FUZZ_CHECK(pattern.days() == days);
        }
    }
}

void weekday_text(std::string_view text) {
    const date::weekday w = ttplan::parse_weekday(text);
    TTPLAN_FUZZ_CHECK(w.ok());
    TTPLAN_FUZZ_CHECK(ttplan::parse_weekday(ttplan::weekday_names[w.c_encoding()]) == w);
}

void shift_text(std::string_view text) {
    ttplan::clinic_calendar calendar;
    calendar.set_shift(text);
    const auto rule = ttplan::parse_shift_rule(text.substr(text.find('=') + 1));
    TTPLAN_FUZZ_CHECK(ttplan::parse_shift_rule(ttplan::to_string(rule)) == rule);
}

void fact_text(std::uint8_t selector, std::string_view text) {
    const auto form = ttplan::all_fact_forms[selector % ttplan::all_fact_forms.size()];
    const ttplan::record_fact fact = ttplan::parse_fact(form, text, "fuzz");
    TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(ttplan::to_string(fact)));
    TTPLAN_FUZZ_CHECK(!ttplan::kind_of(fact).empty());
    ttplan::treatment_facts facts;
    try {
        ttplan::add_fact(facts, fact);
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
}

void named_fact_text(std::string_view text) {
    // "form text", as `ttplan record add --form text`.
    const auto space = text.find(' ');
    const auto name = text.substr(0, space);
    const auto rest = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    const auto form = ttplan::parse_fact_form(name);
    try {
        const ttplan::record_fact fact = ttplan::parse_fact(name, rest);
        TTPLAN_FUZZ_CHECK(form.has_value());
        TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(ttplan::to_string(fact)));
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
}

void event_key_text(std::string_view text) {
    const ttplan::event_key key = ttplan::parse_event_key(text);
    TTPLAN_FUZZ_CHECK(ttplan::parse_event_key(ttplan::to_string(key)) == key);
}

void time_text(std::string_view text) {
    const auto t = ttplan::clock_time::parse(text);
    TTPLAN_FUZZ_CHECK(t.ok());
    TTPLAN_FUZZ_CHECK(ttplan::clock_time::parse(t.to_string()) == t);
}

void duration_text(std::string_view text) {
    const auto d = ttplan::parse_duration(text);
    TTPLAN_FUZZ_CHECK(ttplan::parse_duration(ttplan::format_duration(d)) == d);
    TTPLAN_FUZZ_CHECK(!ttplan::iso_duration(d).empty());
}

void remind_text(std::string_view text) {
    const auto before = ttplan::parse_remind(text);
    TTPLAN_FUZZ_CHECK(before.count() >= 1 && before <= ttplan::max_remind);
    TTPLAN_FUZZ_CHECK(ttplan::parse_remind(ttplan::format_remind(before)) == before);
    ttplan::check_remind({before});
}

void category_text(std::string_view text) {
    if (const auto c = ttplan::parse_category(text)) {
        TTPLAN_FUZZ_CHECK(ttplan::to_string(*c) == text);
    }
    if (const auto form = ttplan::parse_fact_form(text)) {
        TTPLAN_FUZZ_CHECK(ttplan::parse_fact_form(ttplan::to_string(*form)) == form);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    // Readable seeds: "P1-5, 29-33" is a day pattern, "F2induction:22:Vincristine=2027-01-26"
    // a fact of the third form (given); any other first byte picks a reader too.
    constexpr std::string_view readers = "DLPWSFNKTURC";
    constexpr std::string_view forms = "0123456789a";
    const auto pick = [](std::string_view letters, std::uint8_t byte) {
        const auto at = letters.find(static_cast<char>(byte));
        return at != std::string_view::npos ? at : byte % letters.size();
    };
    const auto selector = static_cast<std::uint8_t>(pick(forms, data[1]));
    const std::string_view text = ttplan::fuzz::as_text(data + 1, size - 1);
    try {
        switch (pick(readers, data[0])) {
            case 0:
                date_text(text);
                break;
            case 1:
                length_text(text);
                break;
            case 2:
                pattern_text(text);
                break;
            case 3:
                weekday_text(text);
                break;
            case 4:
                shift_text(text);
                break;
            case 5:
                fact_text(selector, text.substr(1));
                break;
            case 6:
                named_fact_text(text);
                break;
            case 7:
                event_key_text(text);
                break;
            case 8:
                time_text(text);
                break;
            case 9:
                duration_text(text);
                break;
            case 10:
                remind_text(text);
                break;
            default:
                category_text(text);
                break;
        }
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
    return 0;
}
