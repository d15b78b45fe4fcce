#include "words.hpp"

#include "i18n/language.hpp"
#include "plain_words.hpp"
#include "utf8_text.hpp"

#include <ttplan/version.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <vector>

namespace ttplan::detail {

namespace {

constexpr const char* safety_english =
    N_("For planning and education only. ttplan computes no doses; check every date against the "
       "treating team's protocol.");
static_assert(std::string_view(safety_english) == std::string_view(disclaimer),
              "the safety line in the catalogs is ttplan::disclaimer");

}  // namespace

const char* safety_line() {
    return tr(safety_english);
}

namespace {

// The names in the reader's language. date_names.hpp keeps the English ones for reading input.
const char* weekday_abbrev_of(date::weekday wd) {
    switch (wd.c_encoding() % 7) {
        case 0:
            return trc("weekday abbreviation", "Sun");
        case 1:
            return trc("weekday abbreviation", "Mon");
        case 2:
            return trc("weekday abbreviation", "Tue");
        case 3:
            return trc("weekday abbreviation", "Wed");
        case 4:
            return trc("weekday abbreviation", "Thu");
        case 5:
            return trc("weekday abbreviation", "Fri");
        default:
            return trc("weekday abbreviation", "Sat");
    }
}

}  // namespace

std::string_view weekday_abbrev(day_point d) {
    return weekday_abbrev_of(date::weekday{d});
}

std::string_view month_abbrev_words(unsigned month) {
    switch (month) {
        case 1:
            return trc("month abbreviation", "Jan");
        case 2:
            return trc("month abbreviation", "Feb");
        case 3:
            return trc("month abbreviation", "Mar");
        case 4:
            return trc("month abbreviation", "Apr");
        case 5:
            return trc("month abbreviation", "May");
        case 6:
            return trc("month abbreviation", "Jun");
        case 7:
            return trc("month abbreviation", "Jul");
        case 8:
            return trc("month abbreviation", "Aug");
        case 9:
            return trc("month abbreviation", "Sep");
        case 10:
            return trc("month abbreviation", "Oct");
        case 11:
            return trc("month abbreviation", "Nov");
        default:
            return trc("month abbreviation", "Dec");
    }
}

namespace {

std::string_view month_name_words(unsigned month) {
    switch (month) {
        case 1:
            return trc("month", "January");
        case 2:
            return trc("month", "February");
        case 3:
            return trc("month", "March");
        case 4:
            return trc("month", "April");
        case 5:
            return trc("month", "May");
        case 6:
            return trc("month", "June");
        case 7:
            return trc("month", "July");
        case 8:
            return trc("month", "August");
        case 9:
            return trc("month", "September");
        case 10:
            return trc("month", "October");
        case 11:
            return trc("month", "November");
        default:
            return trc("month", "December");
    }
}

}  // namespace

std::string long_date(day_point d) {
    const date::year_month_day ymd{d};
    // TRANSLATORS: a date with its weekday, "Mon 4 Jan 2027"; each field is a short name or a number.
    return trf("{weekday} {day} {month} {year}", fmt::arg("weekday", weekday_abbrev(d)),
               fmt::arg("day", static_cast<unsigned>(ymd.day())),
               fmt::arg("month", month_abbrev_words(static_cast<unsigned>(ymd.month()))),
               fmt::arg("year", static_cast<int>(ymd.year())));
}

std::string short_date(day_point d) {
    const date::year_month_day ymd{d};
    // TRANSLATORS: a date, "4 Jan 2027".
    return trf("{day} {month} {year}", fmt::arg("day", static_cast<unsigned>(ymd.day())),
               fmt::arg("month", month_abbrev_words(static_cast<unsigned>(ymd.month()))),
               fmt::arg("year", static_cast<int>(ymd.year())));
}

std::string month_title(date::year_month ym) {
    // TRANSLATORS: a month's heading, "January 2027".
    return trf("{month} {year}", fmt::arg("month", month_name_words(static_cast<unsigned>(ym.month()))),
               fmt::arg("year", static_cast<int>(ym.year())));
}

std::string one_line(std::string_view text) {
    return one_line_text(text);
}

std::string plan_length_words(const schedule& s) {
    return trnf("From {first} to {last}: {length} ({days} day)",
                "From {first} to {last}: {length} ({days} days)", s.total_days(),
                fmt::arg("first", long_date(s.start())), fmt::arg("last", long_date(s.end())),
                fmt::arg("length", describe_length(s.start(), s.end())), fmt::arg("days", s.total_days()));
}

std::string day_range(std::int32_t first_day, std::int32_t last_day) {
    return first_day == last_day
               ? trf("Day {day}", fmt::arg("day", first_day))
               : trf("Days {first} to {last}", fmt::arg("first", first_day), fmt::arg("last", last_day));
}

std::string parameters_text(const typed_values& values, std::string_view assign, text_filter clean) {
    const auto cleaned = [&](std::string_view text) { return clean ? clean(text) : std::string(text); };
    std::vector<std::string> parts;
    parts.reserve(values.size());
    for (const auto& [name, value] : values)
        parts.push_back(fmt::format("{}{}{}", cleaned(name), assign, cleaned(value.text)));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string parameters_text(const parameter_values& values) {
    std::vector<std::string> parts;
    parts.reserve(values.size());
    for (const auto& [name, value] : values) parts.push_back(fmt::format("{}={}", name, value));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string condition_text(const condition& c) {
    std::vector<std::string> terms;
    terms.reserve(c.all_of.size());
    for (const auto& [name, values] : c.all_of)
        terms.push_back(fmt::format("{}={}", name, fmt::join(values, tr(" or "))));
    return fmt::format("{}", fmt::join(terms, tr(" and ")));
}

std::string protocol_words(const segment& seg) {
    const auto& p = seg.protocol;
    return one_line(p.title.empty() || p.title == p.id ? p.id : fmt::format("{} ({})", p.title, p.id));
}

std::string labelled_activity(std::string_view activity, category kind) {
    const std::string_view cat = display_name(kind);
    return activity == cat ? std::string(activity) : fmt::format("{} ({})", activity, cat);
}

namespace {

std::string times_list(const std::vector<clock_time>& times) {
    std::string out;
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (i > 0) out += i + 1 == times.size() ? tr(" and ") : ", ";
        out += times[i].to_string();
    }
    return out;
}

// "30 minutes", "2 hours 30 minutes", "28 days", "36 hours".
std::string span_of(std::chrono::minutes d) {
    const long long count = d.count();
    if (count >= 2 * 1440 && count % 1440 == 0)
        return trnf("{n} day", "{n} days", count / 1440, fmt::arg("n", count / 1440));
    std::string out;
    if (count >= 60) out = trnf("{n} hour", "{n} hours", count / 60, fmt::arg("n", count / 60));
    if (count % 60 != 0 || out.empty())
        out += (out.empty() ? "" : " ") +
               trnf("{n} minute", "{n} minutes", count % 60, fmt::arg("n", count % 60));
    return out;
}

// "30-minute", "24-hour", "28-day", or "" for a mixed length ("2 hours 30 minutes").
std::string compound(std::chrono::minutes d) {
    const long long count = d.count();
    // TRANSLATORS: "{n}-day infusion"; the whole phrase is "{length} infusion" below.
    if (count >= 2 * 1440 && count % 1440 == 0) return trf("{n}-day", fmt::arg("n", count / 1440));
    if (count >= 60 && count % 60 == 0) return trf("{n}-hour", fmt::arg("n", count / 60));
    if (count < 60) return trf("{n}-minute", fmt::arg("n", count));
    return {};
}

bool infused(category kind) {
    switch (kind) {
        case category::assessment:
        case category::hospital_stay:
        case category::restriction:
        case category::milestone:
        case category::radiation:
            return false;
        default:
            return true;
    }
}

}  // namespace

std::string timing_words(const timing& t, category kind, bool continuous, text_filter clean) {
    std::vector<std::string> parts;
    std::string often;
    if (t.every_hours) {
        often = *t.every_hours == 24 ? std::string(tr("once daily"))
                                     : trnf("every {n} hour", "every {n} hours", *t.every_hours,
                                            fmt::arg("n", *t.every_hours));
    } else if (t.per_day && !(*t.per_day == 1 && !t.times.empty())) {
        switch (*t.per_day) {
            case 1:
                often = tr("once daily");
                break;
            case 2:
                often = tr("twice daily");
                break;
            case 3:
                often = tr("three times daily");
                break;
            case 4:
                often = tr("four times daily");
                break;
            default:
                often = trf("{n} times daily", fmt::arg("n", *t.per_day));
        }
    }
    if (t.after) {
        parts.push_back(
            trnf("{n} hour after {activity}", "{n} hours after {activity}", t.after->hours,
                 fmt::arg("n", t.after->hours),
                 fmt::arg("activity", clean ? clean(t.after->activity) : one_line(t.after->activity))));
        if (!t.times.empty()) parts.push_back(trf("at {times}", fmt::arg("times", times_list(t.times))));
    } else if (!t.times.empty()) {
        const std::string at = trf("at {times}", fmt::arg("times", times_list(t.times)));
        parts.push_back(often.empty() ? at : often + " " + at);
    } else if (!often.empty()) {
        parts.push_back(often);
    }
    if (t.duration) {
        const std::string span = span_of(*t.duration);
        if (continuous) {
            parts.push_back(infused(kind) ? trf("continuous infusion over {length}", fmt::arg("length", span))
                                          : trf("lasting {length}", fmt::arg("length", span)));
        } else if (const std::string c = compound(*t.duration); !c.empty() && infused(kind)) {
            parts.push_back(trf("{length} infusion", fmt::arg("length", c)));
        } else {
            parts.push_back(infused(kind) ? trf("infusion over {length}", fmt::arg("length", span))
                                          : trf("lasting {length}", fmt::arg("length", span)));
        }
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string timing_suffix(const timing& t, category kind, bool continuous, text_filter clean) {
    const std::string words = timing_words(t, kind, continuous, clean);
    return words.empty() ? std::string() : " (" + words + ")";
}

std::string moved_words(const event& e, std::string (*date_text)(day_point)) {
    if (e.planned_date) return trf("moved from {date}", fmt::arg("date", date_text(*e.planned_date)));
    return e.recorded ? std::string(tr("added")) : std::string();
}

std::string ending_words(ending_reason ending, const segment* next) {
    if (ending == ending_reason::stopped) return tr("stopped early");
    return next ? trf("stopped early on switching to {protocol}",
                      fmt::arg("protocol", one_line(next->protocol.id)))
                : std::string(tr("cut at the end of treatment"));
}

}  // namespace ttplan::detail

namespace ttplan::detail {

std::string or_words(const std::vector<std::string>& items) {
    if (items.empty()) return {};
    std::string first;
    for (std::size_t i = 0; i + 1 < items.size(); ++i) first += (i > 0 ? ", " : "") + items[i];
    // TRANSLATORS: the last of alternatives: "{first} or {last}", where first may be "A, B".
    return first.empty() ? items.back()
                         : trf("{first} or {last}", fmt::arg("first", first), fmt::arg("last", items.back()));
}

std::string window_dates_words(const date_window& w, std::string (*date_text)(day_point)) {
    if (!w.is_list())
        return trf("{first} to {last}", fmt::arg("first", date_text(w.earliest)),
                   fmt::arg("last", date_text(w.latest)));
    std::vector<std::string> dates;
    dates.reserve(w.dates.size());
    for (const day_point d : w.dates) dates.push_back(date_text(d));
    return or_words(dates);
}

std::string window_words(const date_window& w, std::string (*date_text)(day_point)) {
    return trf("may be {dates}", fmt::arg("dates", window_dates_words(w, date_text)));
}

std::string length_words(const length& l) {
    const long long n = l.count;
    switch (l.units) {
        case length::unit::days:
            return trnf("{n} day", "{n} days", n, fmt::arg("n", n));
        case length::unit::weeks:
            return trnf("{n} week", "{n} weeks", n, fmt::arg("n", n));
        case length::unit::months:
            return trnf("{n} month", "{n} months", n, fmt::arg("n", n));
        case length::unit::years:
            break;
    }
    return trnf("{n} year", "{n} years", n, fmt::arg("n", n));
}

std::string range_words(const length_range& r) {
    std::string out = trf("from {shortest} to {longest}", fmt::arg("shortest", length_words(r.shortest)),
                          fmt::arg("longest", length_words(r.longest)));
    if (!r.reason.empty()) out += fmt::format(" ({})", one_line(r.reason));
    return out;
}

std::string possible_words(const std::optional<date_window>& first, const std::optional<date_window>& last) {
    if (first && last) {
        return trf("may start {first} to {last} and end {end_first} to {end_last}",
                   fmt::arg("first", long_date(first->earliest)), fmt::arg("last", long_date(first->latest)),
                   fmt::arg("end_first", long_date(last->earliest)),
                   fmt::arg("end_last", long_date(last->latest)));
    }
    if (first) {
        return trf("may start {first} to {last}", fmt::arg("first", long_date(first->earliest)),
                   fmt::arg("last", long_date(first->latest)));
    }
    if (last) {
        return trf("may end {first} to {last}", fmt::arg("first", long_date(last->earliest)),
                   fmt::arg("last", long_date(last->latest)));
    }
    return {};
}

std::string possible_words(const std::optional<date_window>& date) {
    if (!date) return {};
    return trf("may move to any date from {first} to {last}", fmt::arg("first", long_date(date->earliest)),
               fmt::arg("last", long_date(date->latest)));
}

std::string uncertain_note(const schedule& s) {
    const auto end = s.possible_end();
    const bool any = end || std::any_of(s.phases().begin(), s.phases().end(), [](const phase_occurrence& p) {
                         return p.possible_last.has_value();
                     });
    if (!any) return {};
    if (end) {
        return trf(
            "Some phase lengths are uncertain: this plan uses the expected lengths and may end from "
            "{first} to {last}; dates that can move with them are tentative.",
            fmt::arg("first", long_date(end->earliest)), fmt::arg("last", long_date(end->latest)));
    }
    return tr(
        "Some phase lengths are uncertain: this plan uses the expected lengths; dates that can move with "
        "them are tentative.");
}

std::string decision_place(const decision& d, std::string_view phase_name) {
    const std::string phase = one_line(phase_name.empty() ? std::string_view(d.phase) : phase_name);
    if (d.cycle) {
        return trf("{phase} Day {day}, cycle {cycle}", fmt::arg("phase", phase), fmt::arg("day", d.day),
                   fmt::arg("cycle", *d.cycle));
    }
    return trf("{phase} Day {day}", fmt::arg("phase", phase), fmt::arg("day", d.day));
}

std::string decision_words(const schedule& s, const decision& d) {
    const decision_terms t = decision_in_words(s, d);
    const std::string by = one_line(d.decided_by);
    const std::string parameter = one_line(t.parameter);
    if (!d.pending()) {
        // TRANSLATORS: a decision taken: "Response at the end of induction: MRD-positive, decided
        // by bone-marrow MRD assessment".
        return trf("{parameter}: {value}, decided by {by}", fmt::arg("parameter", parameter),
                   fmt::arg("value", one_line(t.value)), fmt::arg("by", by));
    }
    if (t.others.empty()) {
        return trf("{parameter}, decided by {by}: not known yet; this plan follows {assumed}",
                   fmt::arg("parameter", parameter), fmt::arg("by", by),
                   fmt::arg("assumed", one_line(t.assumed)));
    }
    std::vector<std::string> others;
    for (const auto& o : t.others) others.push_back(one_line(o));
    // TRANSLATORS: a decision not taken yet; {others} lists the other possible results, joined
    // by "; ".
    return trnf(
        "{parameter}, decided by {by}: not known yet; this plan follows {assumed}; the other possible "
        "result is {others}",
        "{parameter}, decided by {by}: not known yet; this plan follows {assumed}; the other possible "
        "results are {others}",
        others.size(), fmt::arg("parameter", parameter), fmt::arg("by", by),
        fmt::arg("assumed", one_line(t.assumed)), fmt::arg("others", fmt::join(others, "; ")));
}

std::string pending_note(const schedule& s, std::string_view marker) {
    std::vector<std::string> pending;
    for (const decision& d : s.decisions()) {
        if (d.pending()) {
            pending.push_back(trf("{parameter} on {date}",
                                  fmt::arg("parameter", one_line(decision_in_words(s, d).parameter)),
                                  fmt::arg("date", long_date(d.date))));
        }
    }
    if (pending.empty()) return {};
    if (marker.empty()) {
        return trf(
            "What comes after a decision not taken yet ({decisions}) follows the branch this plan "
            "assumes; it changes with the decision.",
            fmt::arg("decisions", fmt::join(pending, "; ")));
    }
    return trf(
        "Dates marked {marker} come after a decision not taken yet ({decisions}) and follow the branch "
        "this plan assumes; they change with the decision.",
        fmt::arg("marker", marker), fmt::arg("decisions", fmt::join(pending, "; ")));
}

}  // namespace ttplan::detail
