// The words of `ttplan show` and `ttplan summary`, and lengths in words (calendar.hpp).
#include <ttplan/calendar.hpp>
#include <ttplan/describe.hpp>
#include <ttplan/version.hpp>

#include "formats/words.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

namespace ttplan {

namespace {

using parameter_decl = ttplan::parameter;

std::string unit_text(std::int64_t n, const char* singular) {
    return fmt::format("{} {}{}", n, singular, n == 1 ? "" : "s");
}

std::string join_words(const std::vector<std::string>& parts) {
    if (parts.empty()) return "0 days";
    std::string out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) {
        out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::string parameter_line(const parameter& p) {
    switch (p.type) {
    case parameter_type::boolean:
        return fmt::format("{} (true or false; default {})", p.name, p.default_value);
    case parameter_type::choice:
        return fmt::format("{} (one of {}; default {})", p.name, fmt::join(p.choices, ", "), p.default_value);
    case parameter_type::integer:
        return fmt::format("{} (integer {} to {}; default {})", p.name, p.minimum, p.maximum, p.default_value);
    }
    return p.name;
}

std::string anchor_text(const anchor& a) {
    if (a.phase.empty()) return "the plan start";
    std::string cycle = a.cycle ? fmt::format(" cycle {}", *a.cycle) : std::string();
    switch (a.at) {
    case anchor::edge::start: return fmt::format("the start of {}{}", a.phase, cycle);
    case anchor::edge::end: return fmt::format("the end of {}{}", a.phase, cycle);
    case anchor::edge::day: return fmt::format("{}{} Day {}", a.phase, cycle, a.day);
    }
    return a.phase;
}

// "up to 6 cycles", "cycles: from parameter blinatumomab_cycles (2-5)".
std::string count_text(const protocol& p, const std::optional<std::int32_t>& count,
                       const std::string& parameter) {
    if (parameter.empty()) return fmt::format("up to {} cycle{}", count.value_or(0), count == 1 ? "" : "s");
    const parameter_decl* param = p.find_parameter(parameter);
    if (param == nullptr) return fmt::format("cycles: from parameter {}", parameter);
    return fmt::format("cycles: from parameter {} ({}-{})", parameter, param->minimum, param->maximum);
}

// "until 104w from the plan start", with each rule's condition.
std::string until_text(const std::vector<until_rule>& rules) {
    std::string out;
    for (const auto& u : rules) {
        if (!out.empty()) out += ", ";
        out += fmt::format("until {} from {}", u.limit.to_string(), anchor_text(u.from));
        if (!u.when.empty()) out += " if " + detail::condition_text(u.when);
    }
    return out;
}

}  // namespace

std::string describe_length(day_point first, day_point last) {
    const day_point end = last + date::days{1};  // exclusive
    const std::int64_t total = (end - first).count();
    if (total <= 0) return "0 days";
    std::vector<std::string> parts;
    if (total < 61) {
        const std::int64_t weeks = total / 7;
        const std::int64_t days = total % 7;
        if (weeks > 0) parts.push_back(unit_text(weeks, "week"));
        if (days > 0) parts.push_back(unit_text(days, "day"));
        return join_words(parts);
    }
    // Count whole months with the same clamping rule the planner uses, so that a phase of
    // "2y" reads back as "2 years".
    std::int32_t months = 0;
    while (add(first, length{months + 1, length::unit::months}) <= end) ++months;
    const day_point after_months = add(first, length{months, length::unit::months});
    const std::int64_t days = (end - after_months).count();
    if (months / 12 > 0) parts.push_back(unit_text(months / 12, "year"));
    if (months % 12 > 0) parts.push_back(unit_text(months % 12, "month"));
    if (days > 0) parts.push_back(unit_text(days, "day"));
    return join_words(parts);
}

std::string describe(const protocol& p) {
    std::string out = fmt::format("{}\n{} (version {})\n", p.title, p.id, p.version);
    if (!p.summary.empty()) out += p.summary + "\n";
    if (!p.description.empty()) out += "\n" + p.description + "\n";
    out += "\nParameters\n";
    if (p.parameters.empty()) out += "  (none)\n";
    for (const auto& param : p.parameters) {
        out += "  " + parameter_line(param) + "\n";
        if (param.decided) {
            out += fmt::format("      decided during treatment, at {}, by {}\n",
                               anchor_text(param.decided->at), param.decided->decided_by);
        }
        if (!param.description.empty()) out += "      " + param.description + "\n";
    }
    out += "\nPhases\n";
    for (const auto& ph : p.phases) {
        out += fmt::format("  {} ({}): ", ph.id, ph.name);
        if (ph.until.empty()) {
            out += ph.duration.to_string();
            for (const auto& c : ph.length_when)
                out += fmt::format(" ({} if {})", c.duration.to_string(), detail::condition_text(c.when));
        } else {
            out += until_text(ph.until);
        }
        out += fmt::format(", numbered from Day {}", ph.first_day);
        if (ph.repeat) {
            const auto& r = *ph.repeat;
            for (const auto& c : r.count_when) {
                out += fmt::format(", {} if {}", count_text(p, c.count, c.parameter),
                                   detail::condition_text(c.when));
            }
            if (r.count || !r.count_parameter.empty()) {
                out += fmt::format(", {}{}", r.count_when.empty() ? "" : "otherwise ",
                                   count_text(p, r.count, r.count_parameter));
            }
            if (!r.until.empty()) out += ", " + until_text(r.until);
            if (r.first_cycle) out += fmt::format(", first cycle {}", r.first_cycle->to_string());
            if (!r.variants.empty()) out += fmt::format(", alternating {}", fmt::join(r.variants, "/"));
        }
        if (!ph.when.empty()) out += " — only if " + detail::condition_text(ph.when);
        out += "\n";
    }
    out += "\nDependencies\n";
    if (p.dependencies.empty()) out += "  (none)\n";
    for (const auto& d : p.dependencies) {
        if (d.type == dependency_type::start_to_start) {
            out += fmt::format("  {} starts on Day {} of {}", d.to, d.on_day, d.from);
        } else {
            out += fmt::format("  {} starts after {} ends", d.to, d.from);
        }
        if (d.lag.count != 0) out += fmt::format(", plus {}", d.lag.to_string());
        if (!d.gate.empty()) out += fmt::format(" ({})", d.gate);
        if (!d.when.empty()) out += " — only if " + detail::condition_text(d.when);
        out += "\n";
    }
    if (!p.tracks.empty()) {
        out += "\nAcross phases\n";
        for (const auto& t : p.tracks) {
            out += fmt::format("  {} ({}): from {} to {}", t.name, display_name(t.category),
                               anchor_text(t.from), anchor_text(t.to));
            if (!t.when.empty()) out += " — only if " + detail::condition_text(t.when);
            out += "\n";
        }
    }
    if (!p.notes.empty()) out += "\nNotes\n  " + p.notes + "\n";
    if (!p.sources.empty()) {
        out += "\nSources\n";
        for (const auto& s : p.sources) {
            out += fmt::format("  [{}] {}{}\n", s.key, s.title, s.url.empty() ? "" : " — " + s.url);
        }
    }
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

std::string summary_text(const schedule& s) {
    std::string out = fmt::format("{} ({})\n", s.protocol().title, s.protocol().id);
    if (!s.parameters().empty()) {
        out += fmt::format("Parameters: {}\n", detail::parameters_text(s.parameters()));
    }
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out += fmt::format("Then from {}: {} ({}), {}\n", format_date(seg.start), seg.protocol.title,
                           seg.protocol.id, seg.reason);
    }
    auto totals = s.totals_by_phase();
    // Phases of a continuation say which protocol they belong to.
    for (auto& t : totals) {
        const std::string& protocol = s.segment_of(t).protocol.id;
        if (s.segments().size() > 1 && protocol != s.protocol().id) t.name += " [" + protocol + "]";
    }
    const double total = static_cast<double>(s.total_days());
    std::size_t width = 5;
    for (const auto& t : totals) width = std::max(width, t.name.size());
    out += fmt::format("\n  {:<{}}  {:>6}  {:>5}  {}\n", "Phase", width, "Days", "Share", "From - to");
    for (const auto& t : totals) {
        std::string cycles = t.occurrences > 1 ? fmt::format(" ({} cycles)", t.occurrences) : std::string();
        out += fmt::format("  {:<{}}  {:>6}  {:>4.0f}%  {} - {}{}\n", t.name, width, t.days,
                           100.0 * static_cast<double>(t.days) / total, format_date(t.first),
                           format_date(t.last), cycles);
    }
    out += fmt::format("\n  Whole treatment: {} to {}, {} days\n", format_date(s.start()), format_date(s.end()),
                       s.total_days());
    std::string words = describe_length(s.start(), s.end());
    if (!totals.empty()) {
        const auto longest = std::max_element(totals.begin(), totals.end(),
                                              [](const auto& a, const auto& b) { return a.days < b.days; });
        words += fmt::format("; {} is {:.0f}% of it", longest->name,
                             100.0 * static_cast<double>(longest->days) / total);
    }
    out += "  In words: " + words + ".\n";
    if (const auto end = s.possible_end()) {
        // Uncertain lengths: how long it may be at the shortest and the longest.
        out +=
            fmt::format("  It may end from {} to {}: {} to {}, with phase lengths that are uncertain.\n",
                        format_date(end->earliest), format_date(end->latest),
                        describe_length(s.start(), end->earliest), describe_length(s.start(), end->latest));
    }
    out += fmt::format("  Treatment days (days with a dated activity or continuous therapy): {}\n",
                       s.treatment_days());
    out += fmt::format("  Clinic days (days with a dated activity to attend): {}\n", s.clinic_days());
    for (const decision& d : s.decisions()) {
        out += fmt::format("  Decision on {} ({}): {}\n", format_date(d.date),
                           detail::decision_place(d, s.phase_name(d.segment, d.phase)),
                           detail::decision_words(d));
    }
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

}  // namespace ttplan
