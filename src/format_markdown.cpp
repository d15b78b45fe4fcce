// Markdown for handouts and course material: a summary, a table of phases, a table of
// continuous therapy, and one table of dated activities per phase occurrence.
#include <ttplan/markdown.hpp>
#include <ttplan/version.hpp>

#include "format_words.hpp"
#include "markup_escape.hpp"

#include <fmt/format.h>

#include <map>

namespace ttplan {

namespace {

std::string md(std::string_view text) {
    return detail::escape_markdown(text);
}

// "4 Jan 2027"
std::string short_date(day_point d) {
    const date::year_month_day ymd{d};
    return fmt::format("{} {} {}", static_cast<unsigned>(ymd.day()),
                       detail::month_abbrev(static_cast<unsigned>(ymd.month())),
                       static_cast<int>(ymd.year()));
}

std::string occurrence_title(const phase_occurrence& p) {
    std::string title = md(p.name.empty() ? p.phase : p.name);
    if (p.cycle) title += fmt::format(", cycle {}", *p.cycle);
    if (!p.variant.empty()) title += " (" + md(p.variant) + ")";
    return title;
}

std::string cycle_cell(const phase_occurrence& p) {
    std::string cell = p.cycle ? std::to_string(*p.cycle) : std::string();
    if (!p.variant.empty()) cell += (cell.empty() ? "" : " ") + ("(" + md(p.variant) + ")");
    return cell;
}

std::string occurrence_notes(const phase_occurrence& p) {
    std::string notes;
    if (p.tentative) notes = "tentative";
    if (p.cut) notes += std::string(notes.empty() ? "" : "; ") + "cut at the end of treatment";
    return notes;
}

std::string day_range(const span& t) {
    return t.first_day == t.last_day ? fmt::format("Day {}", t.first_day)
                                     : fmt::format("Days {} to {}", t.first_day, t.last_day);
}

void header(std::string& out, const schedule& s) {
    const auto& info = s.protocol();
    out += "# " + md(info.title.empty() ? info.id : info.title) + "\n\n";
    out += "Protocol " + md(info.id) + ", version " + md(info.version) + ".\n\n";
    if (!s.parameters().empty()) {
        std::string params;
        for (const auto& [name, value] : s.parameters()) {
            params += (params.empty() ? "" : ", ") + md(name) + " = " + md(value);
        }
        out += "Parameters: " + params + ".\n\n";
    }
    out += fmt::format("From {} to {}: {} ({} days).\n\n", detail::long_date(s.start()),
                       detail::long_date(s.end()), describe_length(s.start(), s.end()), s.total_days());
    out += fmt::format("> {}\n", disclaimer);
    bool any_tentative = false;
    for (const auto& p : s.phases()) any_tentative = any_tentative || p.tentative;
    if (any_tentative) {
        out +=
            "\nDates marked tentative depend on recovery (for example of blood counts) and may move later.\n";
    }
}

void phase_table(std::string& out, const schedule& s) {
    out += "\n## Phases\n\n";
    if (s.phases().empty()) {
        out += "No phases.\n";
        return;
    }
    out += "| Phase | Cycle | From | To | Days | Notes |\n";
    out += "| --- | --- | --- | --- | ---: | --- |\n";
    for (const auto& p : s.phases()) {
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md(p.name.empty() ? p.phase : p.name),
                           cycle_cell(p), detail::long_date(p.first), detail::long_date(p.last), p.days(),
                           occurrence_notes(p));
    }
}

void span_table(std::string& out, const schedule& s) {
    out += "\n## Continuous therapy\n\n";
    if (s.spans().empty()) {
        out += "None.\n";
        return;
    }
    out += "| Therapy | Category | Phase | From | To | Days |\n";
    out += "| --- | --- | --- | --- | --- | ---: |\n";
    for (const auto& t : s.spans()) {
        std::string phase = "across phases";
        if (!t.phase.empty()) {
            const std::string name = s.phase_name(t.phase);
            phase = md(name.empty() ? t.phase : name);
            if (t.cycle) phase += fmt::format(", cycle {}", *t.cycle);
        }
        std::string to = detail::long_date(t.last);
        if (t.tentative) to += " (tentative)";
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md(t.activity), display_name(t.kind), phase,
                           detail::long_date(t.first), to, t.days());
    }
}

void occurrence_section(std::string& out, const schedule& s, const phase_occurrence& p) {
    out += "\n### " + occurrence_title(p) + "\n\n";
    out += fmt::format("{} to {} ({}){}{}.\n", detail::long_date(p.first), detail::long_date(p.last),
                       describe_length(p.first, p.last), p.cut ? ", cut at the end of treatment" : "",
                       p.tentative ? ", tentative" : "");
    bool any_span = false;
    for (const auto& t : s.spans()) {
        if (t.phase != p.phase || t.cycle != p.cycle) continue;
        out += std::string(any_span ? "" : "\n") +
               fmt::format("- Continuous: {} ({}), {}, {} to {}\n", md(t.activity), display_name(t.kind),
                           day_range(t), short_date(t.first), short_date(t.last));
        any_span = true;
    }
    std::map<day_point, std::vector<const event*>> by_date;
    for (const auto& e : s.events()) {
        if (e.phase == p.phase && e.cycle == p.cycle) by_date[e.date].push_back(&e);
    }
    if (by_date.empty()) {
        out += "\nNo single-day activities.\n";
        return;
    }
    out += "\n| Date | Weekday | Day | Activities |\n";
    out += "| --- | --- | ---: | --- |\n";
    for (const auto& [d, events] : by_date) {
        std::string cell;
        for (const event* e : events) {
            if (!cell.empty()) cell += "; ";
            cell += fmt::format("{} ({})", md(e->activity), display_name(e->kind));
            if (e->planned_date) cell += " moved from " + short_date(*e->planned_date);
            if (e->tentative && !p.tentative) cell += ", tentative";
        }
        out += fmt::format("| {} | {} | {} | {} |\n", short_date(d), detail::weekday_abbrev(d),
                           events.front()->day, cell);
    }
}

}  // namespace

std::string to_markdown(const schedule& s) {
    std::string out;
    header(out, s);
    phase_table(out, s);
    span_table(out, s);
    if (!s.phases().empty()) out += "\n## Dated activities\n";
    for (const auto& p : s.phases()) occurrence_section(out, s, p);
    // Events outside every phase occurrence (a hand-built schedule can have them) are not lost.
    std::string orphans;
    for (const auto& e : s.events()) {
        bool placed = false;
        for (const auto& p : s.phases()) placed = placed || (p.phase == e.phase && p.cycle == e.cycle);
        if (placed) continue;
        orphans += fmt::format("| {} | {} | {} | {} ({}) |\n", short_date(e.date),
                               detail::weekday_abbrev(e.date), e.day, md(e.activity), display_name(e.kind));
    }
    if (!orphans.empty()) {
        out +=
            "\n## Other dated activities\n\n| Date | Weekday | Day | Activities |\n| --- | --- | ---: | --- "
            "|\n";
        out += orphans;
    }
    return out;
}

}  // namespace ttplan
