#include "words.hpp"

#include "utf8_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <vector>

namespace ttplan::detail {

std::string_view weekday_abbrev(day_point d) {
    return weekday_abbrev(date::weekday{d});
}

std::string long_date(day_point d) {
    return fmt::format("{} {}", weekday_abbrev(d), short_date(d));
}

std::string short_date(day_point d) {
    const date::year_month_day ymd{d};
    return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                       month_abbrev(static_cast<unsigned>(ymd.month())), static_cast<int>(ymd.year()));
}

std::string month_title(date::year_month ym) {
    return fmt::format("{} {}", month_name(static_cast<unsigned>(ym.month())), static_cast<int>(ym.year()));
}

std::string one_line(std::string_view text) {
    return one_line_text(text);
}

std::string day_range(std::int32_t first_day, std::int32_t last_day) {
    return first_day == last_day ? fmt::format("Day {}", first_day)
                                 : fmt::format("Days {} to {}", first_day, last_day);
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
        terms.push_back(fmt::format("{}={}", name, fmt::join(values, " or ")));
    return fmt::format("{}", fmt::join(terms, " and "));
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
        if (i > 0) out += i + 1 == times.size() ? " and " : ", ";
        out += times[i].to_string();
    }
    return out;
}

// "30 minutes", "2 hours 30 minutes", "28 days", "36 hours".
std::string span_of(std::chrono::minutes d) {
    const auto count = d.count();
    const auto plural = [](long long n, std::string_view unit) {
        return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
    };
    if (count >= 2 * 1440 && count % 1440 == 0) return plural(count / 1440, "day");
    std::string out;
    if (count >= 60) out = plural(count / 60, "hour");
    if (count % 60 != 0 || out.empty()) out += (out.empty() ? "" : " ") + plural(count % 60, "minute");
    return out;
}

// "30-minute", "24-hour", "28-day", or "" for a mixed length ("2 hours 30 minutes").
std::string compound(std::chrono::minutes d) {
    const auto count = d.count();
    if (count >= 2 * 1440 && count % 1440 == 0) return fmt::format("{}-day", count / 1440);
    if (count >= 60 && count % 60 == 0) return fmt::format("{}-hour", count / 60);
    if (count < 60) return fmt::format("{}-minute", count);
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
        often = *t.every_hours == 24 ? "once daily" : fmt::format("every {} hours", *t.every_hours);
    } else if (t.per_day && !(*t.per_day == 1 && !t.times.empty())) {
        static constexpr std::string_view words[] = {"", "once daily", "twice daily", "three times daily",
                                                     "four times daily"};
        often = *t.per_day >= 1 && *t.per_day <= 4 ? std::string(words[*t.per_day])
                                                   : fmt::format("{} times daily", *t.per_day);
    }
    if (t.after) {
        parts.push_back(fmt::format("{} hour{} after {}", t.after->hours, t.after->hours == 1 ? "" : "s",
                                    clean ? clean(t.after->activity) : one_line(t.after->activity)));
        if (!t.times.empty()) parts.push_back("at " + times_list(t.times));
    } else if (!t.times.empty()) {
        parts.push_back((often.empty() ? "" : often + " ") + "at " + times_list(t.times));
    } else if (!often.empty()) {
        parts.push_back(often);
    }
    if (t.duration) {
        if (continuous) {
            parts.push_back(infused(kind) ? "continuous infusion over " + span_of(*t.duration)
                                          : "lasting " + span_of(*t.duration));
        } else if (const std::string c = compound(*t.duration); !c.empty() && infused(kind)) {
            parts.push_back(c + " infusion");
        } else {
            parts.push_back((infused(kind) ? "infusion over " : "lasting ") + span_of(*t.duration));
        }
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string timing_suffix(const timing& t, category kind, bool continuous, text_filter clean) {
    const std::string words = timing_words(t, kind, continuous, clean);
    return words.empty() ? std::string() : " (" + words + ")";
}

std::string moved_words(const event& e, std::string (*date_text)(day_point)) {
    if (e.planned_date) return "moved from " + date_text(*e.planned_date);
    return e.recorded ? "added" : std::string();
}

std::string ending_words(ending_reason ending, const segment* next) {
    if (ending == ending_reason::stopped) return "stopped early";
    return next ? "stopped early on switching to " + one_line(next->protocol.id)
                : "cut at the end of treatment";
}

}  // namespace ttplan::detail

namespace ttplan::detail {

std::string or_words(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
        out += items[i];
    }
    return out;
}

std::string window_dates_words(const date_window& w, std::string (*date_text)(day_point)) {
    if (!w.is_list()) return fmt::format("{} to {}", date_text(w.earliest), date_text(w.latest));
    std::vector<std::string> dates;
    dates.reserve(w.dates.size());
    for (const day_point d : w.dates) dates.push_back(date_text(d));
    return or_words(dates);
}

std::string window_words(const date_window& w) {
    return "may be " + window_dates_words(w);
}

std::string length_words(const length& l) {
    static constexpr std::string_view units[] = {"day", "week", "month", "year"};
    return fmt::format("{} {}{}", l.count, units[static_cast<std::size_t>(l.units)], l.count == 1 ? "" : "s");
}

std::string range_words(const length_range& r) {
    std::string out = fmt::format("from {} to {}", length_words(r.shortest), length_words(r.longest));
    if (!r.reason.empty()) out += fmt::format(" ({})", one_line(r.reason));
    return out;
}

std::string possible_words(const std::optional<date_window>& first, const std::optional<date_window>& last) {
    std::string out;
    if (first) out = fmt::format("may start {} to {}", long_date(first->earliest), long_date(first->latest));
    if (last) {
        out += out.empty() ? "may end " : " and end ";
        out += fmt::format("{} to {}", long_date(last->earliest), long_date(last->latest));
    }
    return out;
}

std::string possible_words(const std::optional<date_window>& date) {
    if (!date) return {};
    return fmt::format("may move to any date from {} to {}", long_date(date->earliest),
                       long_date(date->latest));
}

std::string uncertain_note(const schedule& s) {
    const auto end = s.possible_end();
    const bool any = end || std::any_of(s.phases().begin(), s.phases().end(), [](const phase_occurrence& p) {
                         return p.possible_last.has_value();
                     });
    if (!any) return {};
    std::string out = "Some phase lengths are uncertain: this plan uses the expected lengths";
    if (end)
        out += fmt::format(" and may end from {} to {}", long_date(end->earliest), long_date(end->latest));
    return out + "; dates that can move with them are tentative.";
}

std::string decision_place(const decision& d, std::string_view phase_name) {
    std::string out = fmt::format(
        "{} Day {}", one_line(phase_name.empty() ? std::string_view(d.phase) : phase_name), d.day);
    if (d.cycle) out += fmt::format(", cycle {}", *d.cycle);
    return out;
}

std::string decision_words(const decision& d) {
    const std::string by = one_line(d.decided_by);
    const std::string parameter = one_line(d.parameter);
    if (!d.pending()) return fmt::format("{} = {}, decided by {}", parameter, one_line(*d.value), by);
    std::vector<std::string> options;
    for (const auto& o : d.options) options.push_back(one_line(o));
    return fmt::format("{}, decided by {}: not known yet; this plan follows {} (options: {})", parameter, by,
                       one_line(d.assumed), fmt::join(options, ", "));
}

std::string pending_note(const schedule& s, std::string_view marker) {
    std::vector<std::string> pending;
    for (const decision& d : s.decisions()) {
        if (d.pending()) pending.push_back(fmt::format("{} on {}", one_line(d.parameter), long_date(d.date)));
    }
    if (pending.empty()) return {};
    if (marker.empty()) {
        return fmt::format(
            "What comes after a decision not taken yet ({}) follows the branch this plan assumes; "
            "it changes with the decision.",
            fmt::join(pending, "; "));
    }
    return fmt::format(
        "Dates marked {} come after a decision not taken yet ({}) and follow the branch this plan "
        "assumes; they change with the decision.",
        marker, fmt::join(pending, "; "));
}

}  // namespace ttplan::detail
