// The words of `ttplan show` and `ttplan summary`, and lengths in words (calendar.hpp).
#include <ttplan/calendar.hpp>
#include <ttplan/describe.hpp>
#include <ttplan/version.hpp>

#include "formats/words.hpp"
#include "i18n/language.hpp"
#include "utf8_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <vector>

namespace ttplan {

namespace {

using parameter_decl = ttplan::parameter;

// Every line these texts write quotes the protocol, so each is made printable text as a whole
// (utf8_text.hpp): a line of its own, or, for the text that has paragraphs, lines.
void line(std::string& out, std::string_view text) {
    out += detail::one_line_text(text);
    out += '\n';
}

void lines(std::string& out, std::string_view text) {
    out += detail::lines_text(text);
    out += '\n';
}

enum class length_unit : std::uint8_t { days, weeks, months, years };

std::string unit_text(std::int64_t n, length_unit unit) {
    using detail::trnf;
    switch (unit) {
        case length_unit::days:
            return trnf("{n} day", "{n} days", n, fmt::arg("n", n));
        case length_unit::weeks:
            return trnf("{n} week", "{n} weeks", n, fmt::arg("n", n));
        case length_unit::months:
            return trnf("{n} month", "{n} months", n, fmt::arg("n", n));
        case length_unit::years:
            break;
    }
    return trnf("{n} year", "{n} years", n, fmt::arg("n", n));
}

// "2 years, 2 months and 3 days"
std::string join_words(const std::vector<std::string>& parts) {
    if (parts.empty()) return unit_text(0, length_unit::days);
    std::string first = parts.front();
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) first += ", " + parts[i];
    if (parts.size() == 1) return first;
    // TRANSLATORS: the last part of a length in words: "{first} and {last}", "2 years, 2 months and 3 days".
    return detail::trf("{first} and {last}", fmt::arg("first", first), fmt::arg("last", parts.back()));
}

// "ph_positive, Philadelphia chromosome (true or false; default false)": the name as --set takes
// it, the label readers see, the values it takes.
std::string parameter_line(const parameter& p) {
    const std::string name = p.label.empty() ? p.name : fmt::format("{}, {}", p.name, p.label);
    switch (p.type) {
        case parameter_type::boolean:
            return fmt::format("{} (true or false; default {})", name, p.default_value);
        case parameter_type::choice:
            return fmt::format("{} (one of {}; default {})", name, fmt::join(p.choices, ", "),
                               p.default_value);
        case parameter_type::integer:
            return fmt::format("{} (integer {} to {}; default {})", name, p.minimum, p.maximum,
                               p.default_value);
    }
    return name;
}

// "values in words: false = negative, true = positive", for the values the protocol labels; empty
// when it labels none.
std::string value_labels_line(const parameter& p) {
    std::vector<std::string> labelled;
    for (const std::string& v : p.options()) {
        if (const auto it = p.value_labels.find(v); it != p.value_labels.end())
            labelled.push_back(fmt::format("{} = {}", v, it->second));
    }
    return labelled.empty() ? std::string() : fmt::format("values in words: {}", fmt::join(labelled, ", "));
}

std::string anchor_text(const anchor& a) {
    if (a.phase.empty()) return "the plan start";
    std::string cycle = a.cycle ? fmt::format(" cycle {}", *a.cycle) : std::string();
    switch (a.at) {
        case anchor::edge::start:
            return fmt::format("the start of {}{}", a.phase, cycle);
        case anchor::edge::end:
            return fmt::format("the end of {}{}", a.phase, cycle);
        case anchor::edge::day:
            return fmt::format("{}{} Day {}", a.phase, cycle, a.day);
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
    if (total <= 0) return unit_text(0, length_unit::days);
    std::vector<std::string> parts;
    if (total < 61) {
        const std::int64_t weeks = total / 7;
        const std::int64_t days = total % 7;
        if (weeks > 0) parts.push_back(unit_text(weeks, length_unit::weeks));
        if (days > 0) parts.push_back(unit_text(days, length_unit::days));
        return join_words(parts);
    }
    // Count whole months with the same clamping rule the planner uses, so that a phase of
    // "2y" reads back as "2 years".
    std::int32_t months = 0;
    while (add(first, length{months + 1, length::unit::months}) <= end) ++months;
    const day_point after_months = add(first, length{months, length::unit::months});
    const std::int64_t days = (end - after_months).count();
    if (months / 12 > 0) parts.push_back(unit_text(months / 12, length_unit::years));
    if (months % 12 > 0) parts.push_back(unit_text(months % 12, length_unit::months));
    if (days > 0) parts.push_back(unit_text(days, length_unit::days));
    return join_words(parts);
}

std::string describe(const protocol& p) {
    std::string out;
    line(out, p.title);
    line(out, fmt::format("{} (version {})", p.id, p.version));
    if (!p.summary.empty()) line(out, p.summary);
    if (!p.description.empty()) lines(out, "\n" + p.description);
    out += "\nParameters\n";
    if (p.parameters.empty()) out += "  (none)\n";
    for (const auto& param : p.parameters) {
        line(out, "  " + parameter_line(param));
        if (const std::string words = value_labels_line(param); !words.empty()) line(out, "      " + words);
        if (param.decided) {
            line(out, fmt::format("      decided during treatment, at {}, by {}",
                                  anchor_text(param.decided->at), param.decided->decided_by));
        }
        if (!param.description.empty()) lines(out, "      " + param.description);
    }
    out += "\nPhases\n";
    for (const auto& ph : p.phases) {
        std::string text = fmt::format("  {} ({}): ", ph.id, ph.name);
        if (ph.until.empty()) {
            text += ph.duration.to_string();
            for (const auto& c : ph.length_when)
                text += fmt::format(" ({} if {})", c.duration.to_string(), detail::condition_text(c.when));
        } else {
            text += until_text(ph.until);
        }
        text += fmt::format(", numbered from Day {}", ph.first_day);
        if (ph.repeat) {
            const auto& r = *ph.repeat;
            for (const auto& c : r.count_when) {
                text += fmt::format(", {} if {}", count_text(p, c.count, c.parameter),
                                    detail::condition_text(c.when));
            }
            if (r.count || !r.count_parameter.empty()) {
                text += fmt::format(", {}{}", r.count_when.empty() ? "" : "otherwise ",
                                    count_text(p, r.count, r.count_parameter));
            }
            if (!r.until.empty()) text += ", " + until_text(r.until);
            if (r.first_cycle) text += fmt::format(", first cycle {}", r.first_cycle->to_string());
            if (!r.variants.empty()) text += fmt::format(", alternating {}", fmt::join(r.variants, "/"));
        }
        if (!ph.when.empty()) text += " — only if " + detail::condition_text(ph.when);
        line(out, text);
    }
    out += "\nDependencies\n";
    if (p.dependencies.empty()) out += "  (none)\n";
    for (const auto& d : p.dependencies) {
        std::string text;
        if (d.type == dependency_type::start_to_start) {
            text += fmt::format("  {} starts on Day {} of {}", d.to, d.on_day, d.from);
        } else {
            text += fmt::format("  {} starts after {} ends", d.to, d.from);
        }
        if (d.lag.count != 0) text += fmt::format(", plus {}", d.lag.to_string());
        if (!d.gate.empty()) text += fmt::format(" ({})", d.gate);
        if (!d.when.empty()) text += " — only if " + detail::condition_text(d.when);
        line(out, text);
    }
    if (!p.tracks.empty()) {
        out += "\nAcross phases\n";
        for (const auto& t : p.tracks) {
            std::string text = fmt::format("  {} ({}): from {} to {}", t.name, display_name(t.category),
                                           anchor_text(t.from), anchor_text(t.to));
            if (!t.when.empty()) text += " — only if " + detail::condition_text(t.when);
            line(out, text);
        }
    }
    if (!p.notes.empty()) lines(out, "\nNotes\n  " + p.notes);
    if (!p.sources.empty()) {
        out += "\nSources\n";
        for (const auto& s : p.sources) {
            line(out, fmt::format("  [{}] {}{}", s.key, s.title, s.url.empty() ? "" : " — " + s.url));
        }
    }
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

std::string summary_text(const schedule& s) {
    std::string out;
    line(out, fmt::format("{} ({})", s.protocol().title, s.protocol().id));
    if (!s.parameters().empty()) line(out, "Parameters: " + detail::parameters_text(s.parameters()));
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        line(out, fmt::format("Then from {}: {} ({}), {}", format_date(seg.start), seg.protocol.title,
                              seg.protocol.id, seg.reason));
    }
    auto totals = s.totals_by_phase();
    // Phases of a continuation say which protocol they belong to. Names are made printable
    // before the column is measured.
    for (auto& t : totals) {
        const std::string& protocol = s.segment_of(t).protocol.id;
        if (s.segments().size() > 1 && protocol != s.protocol().id) t.name += " [" + protocol + "]";
        t.name = detail::one_line_text(t.name);
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
    out += fmt::format("\n  Whole treatment: {} to {}, {} days\n", format_date(s.start()),
                       format_date(s.end()), s.total_days());
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
        line(out, fmt::format("  Decision on {} ({}): {}", format_date(d.date),
                              detail::decision_place(d, s.phase_name(d.segment, d.phase)),
                              detail::decision_words(s, d)));
    }
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

}  // namespace ttplan
