// The readable agenda: one section per phase occurrence, its days grouped by week.
#include <ttplan/format.hpp>
#include <ttplan/version.hpp>

#include "agenda.hpp"
#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"
#include "plain_words.hpp"
#include "whats_next.hpp"
#include "words.hpp"

#include <fmt/format.h>

namespace ttplan {

namespace {

using detail::long_date;
using detail::tr;
using detail::trf;

// Appends one line: names come from the protocol and the record, so the line is made one
// line of printable text (utf8_text.hpp) as a whole, whatever field a name sits in.
void line(std::string& out, std::string_view text) {
    out += detail::one_line(text);
    out += '\n';
}

// "Then from Tue 2 May 2028 (relapse): Blinatumomab (blinatumomab, version 1), parameters ..."
std::string segment_line(const segment& seg) {
    std::string text = trf("Then from {date}", fmt::arg("date", long_date(seg.start)));
    if (!seg.reason.empty()) text += fmt::format(" ({})", seg.reason);
    const auto& p = seg.protocol;
    const std::string title = p.title.empty() ? p.id : p.title;
    text += p.version.empty() ? fmt::format(": {} ({})", title, p.id)
                              : ": " + trf("{title} ({id}, version {version})", fmt::arg("title", title),
                                           fmt::arg("id", p.id), fmt::arg("version", p.version));
    if (!seg.parameters.empty())
        text +=
            ", " + trf("parameters {values}", fmt::arg("values", detail::parameters_text(seg.parameters)));
    return text;
}

// "Day 8", padded by the caller to line up the names after it.
std::string day_label(std::int32_t day) {
    return detail::day_range(day, day);
}

std::string ending_text(const phase_occurrence& p, const segment* next) {
    return p.ended_early() ? ", " + detail::ending_words(p.ending, next) : std::string();
}

// "Philadelphia chromosome: negative (ph_positive=false)", then what the parameter means.
void parameter_section(std::string& out, const schedule& s) {
    if (s.parameters().empty()) return;
    out += fmt::format("\n{}\n", tr("Parameters"));
    for (const auto& p : detail::parameter_lines(s.protocol(), s.parameters())) {
        line(out, fmt::format("  {}: {} ({})", p.label, p.value, p.setting));
        if (!p.meaning.empty()) line(out, "    " + p.meaning);
    }
}

}  // namespace

std::string to_text(const schedule& in, const render_options& options) {
    const detail::language_scope language(options.language);
    const detail::in_language translated(in, options.language);
    const schedule& s = translated.get();
    const detail::agenda plan(s);
    std::string out;
    const auto& info = s.protocol();
    line(out, info.title);
    line(out, trf("Protocol {id} (version {version})", fmt::arg("id", info.id),
                  fmt::arg("version", info.version)));
    for (std::size_t i = 1; i < s.segments().size(); ++i) line(out, segment_line(s.segments()[i]));
    out += detail::plan_length_words(s) + "\n";
    out += fmt::format("{}\n", detail::safety_line());
    if (plan.any_tentative_phase()) {
        out += tr(
            "Dates marked (tentative) depend on recovery (for example of blood counts) and may move later.");
        out += '\n';
    }
    const std::string pending = fmt::format("({})", tr("pending"));
    const std::string tentative = fmt::format(" ({})", tr("tentative"));
    if (const std::string note = detail::pending_note(s, pending); !note.empty()) line(out, note);
    if (const std::string note = detail::uncertain_note(s); !note.empty()) out += note + "\n";
    out += detail::whats_next_text(plan, options.today);
    parameter_section(out, s);

    if (!s.decisions().empty()) out += fmt::format("\n{}\n", tr("Decisions during treatment"));
    for (const decision& d : s.decisions()) {
        line(out, fmt::format("  {} ({}): {}{}", long_date(d.date),
                              detail::decision_place(d, s.phase_name(d.segment, d.phase)),
                              detail::decision_words(s, d), d.tentative ? tentative : ""));
    }

    if (!plan.track_spans().empty()) out += fmt::format("\n{}\n", tr("Across phases"));
    for (const span* t : plan.track_spans()) {
        const std::string whose = t->segment > 0 ? " [" + s.segment_of(*t).protocol.id + "]" : std::string();
        line(out,
             fmt::format("  {}{}: {} ({}){}{}{}", t->activity, whose,
                         trf("{first} to {last}", fmt::arg("first", long_date(t->first)),
                             fmt::arg("last", long_date(t->last))),
                         describe_length(t->first, t->last),
                         t->ended_early() ? ", " + detail::ending_words(t->ending, plan.stopped_for(*t)) : "",
                         t->tentative ? tentative : "", t->pending.empty() ? "" : " " + pending));
    }

    std::size_t shown_segment = 0;
    detail::phase_notes notes;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        if (p.segment != shown_segment) {
            shown_segment = p.segment;
            const segment& seg = s.segment_of(p);
            out += '\n';
            line(out, fmt::format("== {} ==",
                                  trf("From {date}: {protocol}", fmt::arg("date", long_date(seg.start)),
                                      fmt::arg("protocol", detail::protocol_words(seg)))));
        }
        out += '\n';
        line(out, fmt::format("{}: {} ({}){}{}{}", entry.title(),
                              trf("{first} to {last}", fmt::arg("first", long_date(p.first)),
                                  fmt::arg("last", long_date(p.last))),
                              describe_length(p.first, p.last), ending_text(p, entry.stopped_for),
                              p.tentative ? tentative : "", p.pending.empty() ? "" : " " + pending));
        if (const phase_words* words = notes.first_time(s, p)) {
            if (!words->description.empty())
                line(out, "  " + trf("What this phase is: {text}", fmt::arg("text", words->description)));
            if (!words->expect.empty())
                line(out, "  " + trf("What to expect: {text}", fmt::arg("text", words->expect)));
        }
        if (p.start_window) {
            const std::string dates = detail::window_dates_words(*p.start_window);
            out += "  " +
                   (p.start_window->is_list() ? trf("May start on {dates}", fmt::arg("dates", dates))
                                              : trf("May start from {dates}", fmt::arg("dates", dates))) +
                   "\n";
        }
        if (p.uncertain_length) {
            out += "  " +
                   trf("Its length is uncertain: {range}",
                       fmt::arg("range", detail::range_words(*p.uncertain_length))) +
                   "\n";
        }
        if (const std::string w = detail::possible_words(p.possible_first, p.possible_last); !w.empty())
            out += "  " + trf("It {may}", fmt::arg("may", w)) + "\n";
        for (const span* t : entry.spans) {
            line(out, fmt::format("  {}{}: {}, {}", detail::labelled_activity(t->activity, t->category),
                                  detail::timing_suffix(t->timing, t->category, true),
                                  detail::day_range(t->first_day, t->last_day),
                                  trf("{first} to {last}", fmt::arg("first", long_date(t->first)),
                                      fmt::arg("last", long_date(t->last)))));
        }
        // A new block every Monday.
        std::optional<day_point> week;
        for (const auto& row : entry.days) {
            const auto monday = row.date - (date::weekday{row.date} - date::Monday);
            if (monday != week) {
                out += "  " + trf("Week of {date}", fmt::arg("date", long_date(monday))) + "\n";
                week = monday;
            }
            std::string items;
            for (const event* e : row.events) {
                if (!items.empty()) items += "; ";
                items += detail::labelled_activity(e->activity, e->category);
                items += detail::timing_suffix(e->timing, e->category, false);
                if (const std::string moved = detail::moved_words(*e); !moved.empty())
                    items += " [" + moved + "]";
                if (e->window) items += " [" + detail::window_words(*e->window) + "]";
            }
            line(out, fmt::format("    {:<15}  {:<8} {}", long_date(row.date), day_label(row.day()), items));
        }
    }
    // Events outside every phase occurrence (a hand-built schedule can have them) are not lost.
    if (!plan.unplaced_events().empty()) out += fmt::format("\n{}\n", tr("Other dated activities"));
    for (const event* e : plan.unplaced_events()) {
        line(out, fmt::format("    {:<15}  {:<8} {}", long_date(e->date), day_label(e->day),
                              detail::labelled_activity(e->activity, e->category)));
    }
    return out;
}

}  // namespace ttplan
