// Markdown for handouts and course material: a summary, a table of phases, a table of
// continuous therapy, and one table of dated activities per phase occurrence.
#include <ttplan/markdown.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "markup_escape.hpp"
#include "plain_words.hpp"
#include "whats_next.hpp"
#include "words.hpp"

#include <fmt/format.h>

namespace ttplan {

namespace {

using detail::agenda;
using detail::long_date;
using detail::occurrence_entry;
using detail::short_date;

std::string md(std::string_view text) {
    return detail::escape_markdown(text);
}

// "Maintenance, cycle 3 (B)" with the names escaped.
std::string occurrence_title(const occurrence_entry& entry) {
    const phase_occurrence& p = *entry.occurrence;
    std::string title = md(entry.phase_label);
    if (p.cycle) title += fmt::format(", cycle {}", *p.cycle);
    if (!p.variant.empty()) title += " (" + md(p.variant) + ")";
    return title;
}

std::string cycle_cell(const phase_occurrence& p) {
    std::string cell = p.cycle ? std::to_string(*p.cycle) : std::string();
    if (!p.variant.empty()) cell += (cell.empty() ? "" : " ") + ("(" + md(p.variant) + ")");
    return cell;
}

std::string occurrence_notes(const occurrence_entry& entry) {
    const phase_occurrence& p = *entry.occurrence;
    std::string notes;
    if (p.tentative) notes = "tentative";
    if (!p.pending.empty()) notes += notes.empty() ? "pending" : "; pending";
    if (p.ended_early()) notes += (notes.empty() ? "" : "; ") + md(detail::ending_words(p.ending, entry.stopped_for));
    if (p.uncertain_length)
        notes += (notes.empty() ? "length " : "; length ") + md(detail::range_words(*p.uncertain_length));
    if (const std::string w = detail::possible_words(p.possible_first, p.possible_last); !w.empty())
        notes += (notes.empty() ? "" : "; ") + md(w);
    return notes;
}

std::string parameters_text(const typed_values& values) {
    return detail::parameters_text(values, " = ", detail::escape_markdown);
}

// "- Philadelphia chromosome: negative (ph_positive=false). What it means." Plain list items: the
// only emphasis and links in the document are none, so protocol text cannot pass for them.
void parameter_section(std::string& out, const schedule& s) {
    if (s.parameters().empty()) return;
    out += "\n## Parameters\n\n";
    for (const auto& p : detail::parameter_lines(s.protocol(), s.parameters())) {
        out += fmt::format("- {}: {} ({}){}\n", md(p.label), md(p.value), md(p.setting),
                           p.meaning.empty() ? "" : ". " + md(p.meaning));
    }
}

void header(std::string& out, const schedule& s, const agenda& plan, const std::optional<day_point>& today) {
    const auto& info = s.protocol();
    out += "# " + md(info.title.empty() ? info.id : info.title) + "\n\n";
    out += "Protocol " + md(info.id) + ", version " + md(info.version) + ".\n\n";
    // A continued plan: one list item per protocol after the first.
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out += fmt::format("- Then from {}{}: {} (protocol {}, version {}){}.\n", long_date(seg.start),
                           seg.reason.empty() ? "" : " (" + md(seg.reason) + ")",
                           md(seg.protocol.title.empty() ? seg.protocol.id : seg.protocol.title),
                           md(seg.protocol.id), md(seg.protocol.version),
                           seg.parameters.empty() ? "" : "; parameters: " + parameters_text(seg.parameters));
        if (i + 1 == s.segments().size()) out += "\n";
    }
    out += fmt::format("From {} to {}: {} ({} days).\n\n", long_date(s.start()), long_date(s.end()),
                       describe_length(s.start(), s.end()), s.total_days());
    out += fmt::format("> {}\n", detail::safety_line());
    if (plan.any_tentative_phase()) {
        out +=
            "\nDates marked tentative depend on recovery (for example of blood counts) and may move later.\n";
    }
    if (const std::string note = detail::pending_note(s, "pending"); !note.empty())
        out += "\n" + md(note) + "\n";
    if (const std::string note = detail::uncertain_note(s); !note.empty()) out += "\n" + md(note) + "\n";
    out += detail::whats_next_markdown(plan, today);
    parameter_section(out, s);
    if (s.decisions().empty()) return;
    out += "\n## Decisions during treatment\n\n";
    for (const decision& d : s.decisions()) {
        out += fmt::format("- {} ({}): {}{}\n", long_date(d.date),
                           md(detail::decision_place(d, s.phase_name(d.segment, d.phase))),
                           md(detail::decision_words(d)), d.tentative ? " (tentative)" : "");
    }
}

// Plans of several protocols get a Protocol column (its id) after the first one.
std::string protocol_cell(const agenda& plan, std::size_t seg) {
    return plan.several() ? " " + md(plan.segments().at(seg).protocol.id) + " |" : std::string();
}

void phase_table(std::string& out, const agenda& plan) {
    out += "\n## Phases\n\n";
    if (plan.occurrences().empty()) {
        out += "No phases.\n";
        return;
    }
    const char* protocol = plan.several() ? " Protocol |" : "";
    out += fmt::format("| Phase |{} Cycle | From | To | Days | Notes |\n", protocol);
    out += fmt::format("| --- |{} --- | --- | --- | ---: | --- |\n", plan.several() ? " --- |" : "");
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        out += fmt::format("| {} |{} {} | {} | {} | {} | {} |\n", md(p.name.empty() ? p.phase : p.name),
                           protocol_cell(plan, p.segment), cycle_cell(p), long_date(p.first),
                           long_date(p.last), p.days(), occurrence_notes(entry));
    }
}

void span_table(std::string& out, const schedule& s, const agenda& plan) {
    out += "\n## Continuous therapy\n\n";
    if (s.spans().empty()) {
        out += "None.\n";
        return;
    }
    out += fmt::format("| Therapy | Category | Phase |{} From | To | Days |\n",
                       plan.several() ? " Protocol |" : "");
    out += fmt::format("| --- | --- | --- |{} --- | --- | ---: |\n", plan.several() ? " --- |" : "");
    for (const auto& t : s.spans()) {
        std::string phase = "across phases";
        if (!t.phase.empty()) {
            const occurrence_entry* entry = plan.entry_of(t);
            const std::string name = entry ? entry->occurrence->name : s.phase_name(t.segment, t.phase);
            phase = md(name.empty() ? t.phase : name);
            if (t.cycle) phase += fmt::format(", cycle {}", *t.cycle);
        }
        std::string to = long_date(t.last);
        if (t.tentative) to += " (tentative)";
        // Cut spans inside a cut phase are said once, in the phase's row; a track says it here.
        if (t.ended_early() && t.phase.empty()) to += ", " + md(detail::ending_words(t.ending, plan.stopped_for(t)));
        out += fmt::format("| {} | {} | {} |{} {} | {} | {} |\n", md(t.activity), display_name(t.category),
                           phase, protocol_cell(plan, t.segment), long_date(t.first), to, t.days());
    }
}

void occurrence_section(std::string& out, const occurrence_entry& entry, const phase_words* words) {
    const phase_occurrence& p = *entry.occurrence;
    out += "\n### " + occurrence_title(entry) + "\n\n";
    out += fmt::format("{} to {} ({}){}{}.\n", long_date(p.first), long_date(p.last),
                       describe_length(p.first, p.last),
                       p.ended_early() ? ", " + md(detail::ending_words(p.ending, entry.stopped_for)) : "",
                       p.tentative ? ", tentative" : "");
    if (words != nullptr && !words->description.empty())
        out += "\nWhat this phase is: " + md(words->description) + "\n";
    if (words != nullptr && !words->expect.empty()) out += "\nWhat to expect: " + md(words->expect) + "\n";
    bool any_span = false;
    for (const span* t : entry.spans) {
        out += std::string(any_span ? "" : "\n") +
               fmt::format("- Continuous: {} ({}){}, {}, {} to {}\n", md(t->activity),
                           display_name(t->category), detail::timing_suffix(t->timing, t->category, true, md),
                           detail::day_range(t->first_day, t->last_day), short_date(t->first),
                           short_date(t->last));
        any_span = true;
    }
    if (entry.days.empty()) {
        out += "\nNo single-day activities.\n";
        return;
    }
    out += "\n| Date | Weekday | Day | Activities |\n";
    out += "| --- | --- | ---: | --- |\n";
    for (const auto& row : entry.days) {
        std::string cell;
        for (const event* e : row.events) {
            if (!cell.empty()) cell += "; ";
            cell += fmt::format("{} ({})", md(e->activity), display_name(e->category));
            if (!e->timing.empty()) cell += ", " + detail::timing_words(e->timing, e->category, false, md);
            if (const std::string moved = detail::moved_words(*e, short_date); !moved.empty()) cell += " " + moved;
            if (e->window) cell += " (may be " + detail::window_dates_words(*e->window, short_date) + ")";
            if (e->tentative && !p.tentative) cell += ", tentative";
        }
        out += fmt::format("| {} | {} | {} | {} |\n", short_date(row.date), detail::weekday_abbrev(row.date),
                           row.day(), cell);
    }
}

}  // namespace

std::string to_markdown(const schedule& s, const render_options& options) {
    const agenda plan(s);
    std::string out;
    header(out, s, plan, options.today);
    phase_table(out, plan);
    span_table(out, s, plan);
    if (!plan.occurrences().empty()) out += "\n## Dated activities\n";
    std::size_t shown_segment = 0;
    detail::phase_notes notes;
    for (const auto& entry : plan.occurrences()) {
        const std::size_t seg = entry.occurrence->segment;
        if (seg != shown_segment) {
            shown_segment = seg;
            const segment& g = s.segments().at(seg);
            out += fmt::format("\nFrom {}: **{}**.\n", long_date(g.start), md(detail::protocol_words(g)));
        }
        occurrence_section(out, entry, notes.first_time(s, *entry.occurrence));
    }
    // Events outside every phase occurrence (a hand-built schedule can have them) are not lost.
    if (!plan.unplaced_events().empty()) {
        out +=
            "\n## Other dated activities\n\n| Date | Weekday | Day | Activities |\n| --- | --- | ---: | --- "
            "|\n";
    }
    for (const event* e : plan.unplaced_events()) {
        out +=
            fmt::format("| {} | {} | {} | {} ({}) |\n", short_date(e->date), detail::weekday_abbrev(e->date),
                        e->day, md(e->activity), display_name(e->category));
    }
    return out;
}

}  // namespace ttplan
