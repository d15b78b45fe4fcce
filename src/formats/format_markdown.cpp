// Markdown for handouts and course material: a summary, a table of phases, a table of
// continuous therapy, and one table of dated activities per phase occurrence.
#include <ttplan/markdown.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"
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
using detail::tr;
using detail::trf;

std::string md(std::string_view text) {
    return detail::escape_markdown(text);
}

// "Maintenance, cycle 3 (B)" with the names escaped.
std::string occurrence_title(const occurrence_entry& entry) {
    const phase_occurrence& p = *entry.occurrence;
    std::string title = md(entry.phase_label);
    if (p.cycle) title += ", " + trf("cycle {cycle}", fmt::arg("cycle", *p.cycle));
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
    if (p.tentative) notes = tr("tentative");
    if (!p.pending.empty()) notes += (notes.empty() ? "" : "; ") + std::string(tr("pending"));
    if (p.ended_early())
        notes += (notes.empty() ? "" : "; ") + md(detail::ending_words(p.ending, entry.stopped_for));
    if (p.uncertain_length) {
        notes += (notes.empty() ? "" : "; ") +
                 md(trf("length {range}", fmt::arg("range", detail::range_words(*p.uncertain_length))));
    }
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
    out += fmt::format("\n## {}\n\n", tr("Parameters"));
    for (const auto& p : detail::parameter_lines(s.protocol(), s.parameters())) {
        out += fmt::format("- {}: {} ({}){}\n", md(p.label), md(p.value), md(p.setting),
                           p.meaning.empty() ? "" : ". " + md(p.meaning));
    }
}

void header(std::string& out, const schedule& s, const agenda& plan, const std::optional<day_point>& today) {
    const auto& info = s.protocol();
    out += "# " + md(info.title.empty() ? info.id : info.title) + "\n\n";
    out += trf("Protocol {id}, version {version}.", fmt::arg("id", md(info.id)),
               fmt::arg("version", md(info.version))) +
           "\n\n";
    // A continued plan: one list item per protocol after the first.
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out += fmt::format(
            "- {}{}: {}{}.\n", trf("Then from {date}", fmt::arg("date", long_date(seg.start))),
            seg.reason.empty() ? "" : " (" + md(seg.reason) + ")",
            trf("{title} (protocol {id}, version {version})",
                fmt::arg("title", md(seg.protocol.title.empty() ? seg.protocol.id : seg.protocol.title)),
                fmt::arg("id", md(seg.protocol.id)), fmt::arg("version", md(seg.protocol.version))),
            seg.parameters.empty()
                ? ""
                : "; " + trf("parameters: {values}", fmt::arg("values", parameters_text(seg.parameters))));
        if (i + 1 == s.segments().size()) out += "\n";
    }
    out += detail::plan_length_words(s) + ".\n\n";
    out += fmt::format("> {}\n", detail::safety_line());
    if (plan.any_tentative_phase()) {
        out +=
            "\n" +
            std::string(tr("Dates marked tentative depend on recovery (for example of blood counts) and may "
                           "move later.")) +
            "\n";
    }
    if (const std::string note = detail::pending_note(s, tr("pending")); !note.empty())
        out += "\n" + md(note) + "\n";
    if (const std::string note = detail::uncertain_note(s); !note.empty()) out += "\n" + md(note) + "\n";
    out += detail::whats_next_markdown(plan, today);
    parameter_section(out, s);
    if (s.decisions().empty()) return;
    out += fmt::format("\n## {}\n\n", tr("Decisions during treatment"));
    for (const decision& d : s.decisions()) {
        out += fmt::format("- {} ({}): {}{}\n", long_date(d.date),
                           md(detail::decision_place(d, s.phase_name(d.segment, d.phase))),
                           md(detail::decision_words(s, d)),
                           d.tentative ? fmt::format(" ({})", tr("tentative")) : "");
    }
}

// Plans of several protocols get a Protocol column (its id) after the first one.
std::string protocol_cell(const agenda& plan, std::size_t seg) {
    return plan.several() ? " " + md(plan.segments().at(seg).protocol.id) + " |" : std::string();
}

void phase_table(std::string& out, const agenda& plan) {
    out += fmt::format("\n## {}\n\n", tr("Phases"));
    if (plan.occurrences().empty()) {
        out += fmt::format("{}\n", tr("No phases."));
        return;
    }
    const std::string protocol = plan.several() ? fmt::format(" {} |", tr("Protocol")) : "";
    // TRANSLATORS: the header of the Markdown table of phases; keep the "|" between the columns.
    out += fmt::format("| {} |{} {} | {} | {} | {} | {} |\n", tr("Phase"), protocol, tr("Cycle"), tr("From"),
                       tr("To"), tr("Days"), tr("Notes"));
    out += fmt::format("| --- |{} --- | --- | --- | ---: | --- |\n", plan.several() ? " --- |" : "");
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        out += fmt::format("| {} |{} {} | {} | {} | {} | {} |\n", md(p.name.empty() ? p.phase : p.name),
                           protocol_cell(plan, p.segment), cycle_cell(p), long_date(p.first),
                           long_date(p.last), p.days(), occurrence_notes(entry));
    }
}

void span_table(std::string& out, const schedule& s, const agenda& plan) {
    out += fmt::format("\n## {}\n\n", tr("Continuous therapy"));
    if (s.spans().empty()) {
        out += fmt::format("{}\n", tr("None."));
        return;
    }
    out += fmt::format("| {} | {} | {} |{} {} | {} | {} |\n", tr("Therapy"), tr("Category"), tr("Phase"),
                       plan.several() ? fmt::format(" {} |", tr("Protocol")) : "", tr("From"), tr("To"),
                       tr("Days"));
    out += fmt::format("| --- | --- | --- |{} --- | --- | ---: |\n", plan.several() ? " --- |" : "");
    for (const auto& t : s.spans()) {
        std::string phase = tr("across phases");
        if (!t.phase.empty()) {
            const occurrence_entry* entry = plan.entry_of(t);
            const std::string name = entry ? entry->occurrence->name : s.phase_name(t.segment, t.phase);
            phase = md(name.empty() ? t.phase : name);
            if (t.cycle) phase += ", " + trf("cycle {cycle}", fmt::arg("cycle", *t.cycle));
        }
        std::string to = long_date(t.last);
        if (t.tentative) to += fmt::format(" ({})", tr("tentative"));
        // Cut spans inside a cut phase are said once, in the phase's row; a track says it here.
        if (t.ended_early() && t.phase.empty())
            to += ", " + md(detail::ending_words(t.ending, plan.stopped_for(t)));
        out += fmt::format("| {} | {} | {} |{} {} | {} | {} |\n", md(t.activity), display_name(t.category),
                           phase, protocol_cell(plan, t.segment), long_date(t.first), to, t.days());
    }
}

// The header of a table of dated activities, with its alignment row.
std::string activity_header() {
    return fmt::format("| {} | {} | {} | {} |\n| --- | --- | ---: | --- |\n", tr("Date"), tr("Weekday"),
                       tr("Day"), tr("Activities"));
}

void occurrence_section(std::string& out, const occurrence_entry& entry, const phase_words* words) {
    const phase_occurrence& p = *entry.occurrence;
    out += "\n### " + occurrence_title(entry) + "\n\n";
    out += fmt::format(
        "{} ({}){}{}.\n",
        trf("{first} to {last}", fmt::arg("first", long_date(p.first)), fmt::arg("last", long_date(p.last))),
        describe_length(p.first, p.last),
        p.ended_early() ? ", " + md(detail::ending_words(p.ending, entry.stopped_for)) : "",
        p.tentative ? ", " + std::string(tr("tentative")) : "");
    if (words != nullptr && !words->description.empty())
        out += "\n" + trf("What this phase is: {text}", fmt::arg("text", md(words->description))) + "\n";
    if (words != nullptr && !words->expect.empty())
        out += "\n" + trf("What to expect: {text}", fmt::arg("text", md(words->expect))) + "\n";
    bool any_span = false;
    for (const span* t : entry.spans) {
        out += std::string(any_span ? "" : "\n") + "- " +
               trf("Continuous: {activity} ({category}){timing}, {days}, {first} to {last}",
                   fmt::arg("activity", md(t->activity)), fmt::arg("category", display_name(t->category)),
                   fmt::arg("timing", detail::timing_suffix(t->timing, t->category, true, md)),
                   fmt::arg("days", detail::day_range(t->first_day, t->last_day)),
                   fmt::arg("first", short_date(t->first)), fmt::arg("last", short_date(t->last))) +
               "\n";
        any_span = true;
    }
    if (entry.days.empty()) {
        out += fmt::format("\n{}\n", tr("No single-day activities."));
        return;
    }
    out += "\n" + activity_header();
    for (const auto& row : entry.days) {
        std::string cell;
        for (const event* e : row.events) {
            if (!cell.empty()) cell += "; ";
            cell += fmt::format("{} ({})", md(e->activity), display_name(e->category));
            if (!e->timing.empty()) cell += ", " + detail::timing_words(e->timing, e->category, false, md);
            if (const std::string moved = detail::moved_words(*e, short_date); !moved.empty())
                cell += " " + moved;
            if (e->window) cell += " (" + detail::window_words(*e->window, short_date) + ")";
            if (e->tentative && !p.tentative) cell += ", " + std::string(tr("tentative"));
        }
        out += fmt::format("| {} | {} | {} | {} |\n", short_date(row.date), detail::weekday_abbrev(row.date),
                           row.day(), cell);
    }
}

}  // namespace

std::string to_markdown(const schedule& in, const render_options& options) {
    const detail::language_scope language(options.language);
    const detail::in_language translated(in, options.language);
    const schedule& s = translated.get();
    const agenda plan(s);
    std::string out;
    header(out, s, plan, options.today);
    phase_table(out, plan);
    span_table(out, s, plan);
    if (!plan.occurrences().empty()) out += fmt::format("\n## {}\n", tr("Dated activities"));
    std::size_t shown_segment = 0;
    detail::phase_notes notes;
    for (const auto& entry : plan.occurrences()) {
        const std::size_t seg = entry.occurrence->segment;
        if (seg != shown_segment) {
            shown_segment = seg;
            const segment& g = s.segments().at(seg);
            out += "\n" +
                   trf("From {date}: **{protocol}**.", fmt::arg("date", long_date(g.start)),
                       fmt::arg("protocol", md(detail::protocol_words(g)))) +
                   "\n";
        }
        occurrence_section(out, entry, notes.first_time(s, *entry.occurrence));
    }
    // Events outside every phase occurrence (a hand-built schedule can have them) are not lost.
    if (!plan.unplaced_events().empty()) {
        out += fmt::format("\n## {}\n\n", tr("Other dated activities")) + activity_header();
    }
    for (const event* e : plan.unplaced_events()) {
        out +=
            fmt::format("| {} | {} | {} | {} ({}) |\n", short_date(e->date), detail::weekday_abbrev(e->date),
                        e->day, md(e->activity), display_name(e->category));
    }
    return out;
}

}  // namespace ttplan
