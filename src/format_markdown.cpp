// Markdown for handouts and course material: a summary, a table of phases, a table of
// continuous therapy, and one table of dated activities per phase occurrence.
#include <ttplan/markdown.hpp>
#include <ttplan/version.hpp>

#include "format_words.hpp"
#include "markup_escape.hpp"
#include "plan_segments.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

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

using detail::occurrence_key;
using detail::plan_segments;

std::string occurrence_title(const plan_segments& segs, const phase_occurrence& p) {
    std::string title = md(segs.phase_label(p));
    if (p.cycle) title += fmt::format(", cycle {}", *p.cycle);
    if (!p.variant.empty()) title += " (" + md(p.variant) + ")";
    return title;
}

std::string cycle_cell(const phase_occurrence& p) {
    std::string cell = p.cycle ? std::to_string(*p.cycle) : std::string();
    if (!p.variant.empty()) cell += (cell.empty() ? "" : " ") + ("(" + md(p.variant) + ")");
    return cell;
}

std::string occurrence_notes(const plan_segments& segs, const phase_occurrence& p) {
    std::string notes;
    if (p.tentative) notes = "tentative";
    if (p.ended_early()) notes += (notes.empty() ? "" : "; ") + md(segs.cut_words(p));
    return notes;
}

std::string day_range(const span& t) {
    return t.first_day == t.last_day ? fmt::format("Day {}", t.first_day)
                                     : fmt::format("Days {} to {}", t.first_day, t.last_day);
}

std::string parameters_text(const typed_values& values) {
    std::string params;
    for (const auto& [name, value] : values)
        params += (params.empty() ? "" : ", ") + md(name) + " = " + md(value.text);
    return params;
}

void header(std::string& out, const schedule& s) {
    const auto& info = s.protocol();
    out += "# " + md(info.title.empty() ? info.id : info.title) + "\n\n";
    out += "Protocol " + md(info.id) + ", version " + md(info.version) + ".\n\n";
    if (!s.parameters().empty()) out += "Parameters: " + parameters_text(s.parameters()) + ".\n\n";
    // A continued plan: one list item per protocol after the first.
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out +=
            fmt::format("- Then from {}{}: {} (protocol {}, version {}){}.\n", detail::long_date(seg.start),
                        seg.reason.empty() ? "" : " (" + md(seg.reason) + ")",
                        md(seg.protocol.title.empty() ? seg.protocol.id : seg.protocol.title),
                        md(seg.protocol.id), md(seg.protocol.version),
                        seg.parameters.empty() ? "" : "; parameters: " + parameters_text(seg.parameters));
        if (i + 1 == s.segments().size()) out += "\n";
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

// Plans of several protocols get a Protocol column (its id) after the first one.
std::string protocol_cell(const plan_segments& segs, std::size_t seg) {
    return segs.several() ? " " + md(segs.at(seg).protocol.id) + " |" : std::string();
}

void phase_table(std::string& out, const schedule& s, const plan_segments& segs) {
    out += "\n## Phases\n\n";
    if (s.phases().empty()) {
        out += "No phases.\n";
        return;
    }
    const char* protocol = segs.several() ? " Protocol |" : "";
    out += fmt::format("| Phase |{} Cycle | From | To | Days | Notes |\n", protocol);
    out += fmt::format("| --- |{} --- | --- | --- | ---: | --- |\n", segs.several() ? " --- |" : "");
    for (const auto& p : s.phases()) {
        out += fmt::format("| {} |{} {} | {} | {} | {} | {} |\n", md(p.name.empty() ? p.phase : p.name),
                           protocol_cell(segs, segs.of(p)), cycle_cell(p), detail::long_date(p.first),
                           detail::long_date(p.last), p.days(), occurrence_notes(segs, p));
    }
}

void span_table(std::string& out, const schedule& s, const plan_segments& segs) {
    out += "\n## Continuous therapy\n\n";
    if (s.spans().empty()) {
        out += "None.\n";
        return;
    }
    out += fmt::format("| Therapy | Category | Phase |{} From | To | Days |\n",
                       segs.several() ? " Protocol |" : "");
    out += fmt::format("| --- | --- | --- |{} --- | --- | ---: |\n", segs.several() ? " --- |" : "");
    for (const auto& t : s.spans()) {
        const std::size_t seg = segs.of(t);
        std::string phase = "across phases";
        if (!t.phase.empty()) {
            const std::string name = segs.phase_name(seg, t.phase);
            phase = md(name.empty() ? t.phase : name);
            if (t.cycle) phase += fmt::format(", cycle {}", *t.cycle);
        }
        std::string to = detail::long_date(t.last);
        if (t.tentative) to += " (tentative)";
        // Cut spans inside a cut phase are said once, in the phase's row; a track says it here.
        if (t.ended_early() && t.phase.empty()) to += ", " + md(segs.cut_words(t));
        out += fmt::format("| {} | {} | {} |{} {} | {} | {} |\n", md(t.activity), display_name(t.kind), phase,
                           protocol_cell(segs, seg), detail::long_date(t.first), to, t.days());
    }
}

using events_by_date = std::map<day_point, std::vector<const event*>>;

void occurrence_section(std::string& out, const plan_segments& segs, const phase_occurrence& p,
                        const std::vector<const span*>& spans, const events_by_date& by_date) {
    out += "\n### " + occurrence_title(segs, p) + "\n\n";
    out += fmt::format("{} to {} ({}){}{}.\n", detail::long_date(p.first), detail::long_date(p.last),
                       describe_length(p.first, p.last), p.ended_early() ? ", " + md(segs.cut_words(p)) : "",
                       p.tentative ? ", tentative" : "");
    bool any_span = false;
    for (const span* sp : spans) {
        const span& t = *sp;
        out += std::string(any_span ? "" : "\n") +
               fmt::format("- Continuous: {} ({}), {}, {} to {}\n", md(t.activity), display_name(t.kind),
                           day_range(t), short_date(t.first), short_date(t.last));
        any_span = true;
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
    const plan_segments segs(s);
    std::string out;
    header(out, s);
    phase_table(out, s, segs);
    span_table(out, s, segs);
    // Events by occurrence: a protocol's `induction` never collects another's.
    std::map<occurrence_key, events_by_date> events_of;
    for (const auto& e : s.events()) events_of[segs.key(e)][e.date].push_back(&e);
    // Spans by occurrence too: a plan can have thousands of occurrences and spans.
    std::map<occurrence_key, std::vector<const span*>> spans_of;
    for (const auto& t : s.spans()) {
        if (!t.phase.empty()) spans_of[segs.key(t)].push_back(&t);
    }
    if (!s.phases().empty()) out += "\n## Dated activities\n";
    std::set<occurrence_key> placed;
    std::size_t shown_segment = 0;
    for (const auto& p : s.phases()) {
        const occurrence_key key = segs.key(p);
        if (key.segment != shown_segment) {
            shown_segment = key.segment;
            const segment& seg = segs.at(key.segment);
            out += fmt::format("\nFrom {}: **{}**.\n", detail::long_date(seg.start),
                               md(plan_segments::protocol_words(seg)));
        }
        occurrence_section(out, segs, p, spans_of[key], events_of[key]);
        placed.insert(key);
    }
    // Events outside every phase occurrence (a hand-built schedule can have them) are not lost.
    std::string orphans;
    for (const auto& e : s.events()) {
        if (placed.count(segs.key(e)) != 0) continue;
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
