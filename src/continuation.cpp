// Continuations: cut a schedule at a switch date and append the plan of another protocol.
// docs/continuation.md states these rules for readers; keep the two together.
#include <ttplan/continuation.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace ttplan {

namespace {

// "induction, consolidation, maintenance" (each id once, in plan order).
std::string phase_list(const schedule& s) {
    std::vector<std::string> ids;
    for (const auto& ph : s.phases()) {
        if (std::find(ids.begin(), ids.end(), ph.phase) == ids.end()) ids.push_back(ph.phase);
    }
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out.empty() ? "none" : out;
}

// The latest-ending occurrence of a phase id, or nullptr.
const phase_occurrence* last_occurrence(const schedule& s, const std::string& phase_id) {
    const phase_occurrence* found = nullptr;
    for (const auto& ph : s.phases()) {
        if (ph.phase == phase_id && (!found || ph.last >= found->last)) found = &ph;
    }
    return found;
}

// Whether the date the next protocol starts on may still move later.
bool tentative_switch(const schedule& so_far, const switch_point& at) {
    switch (at.at) {
        case switch_point::kind::on_date:
            return false;
        case switch_point::kind::after_phase:
            // An uncertain length may move its end too.
            return last_occurrence(so_far, at.phase)->tentative ||
                   last_occurrence(so_far, at.phase)->possible_last.has_value();
        case switch_point::kind::after_end:
            break;
    }
    const day_point end = so_far.end();
    return std::any_of(so_far.phases().begin(), so_far.phases().end(),
                       [&](const phase_occurrence& p) {
                           return p.last == end && (p.tentative || p.possible_last.has_value());
                       }) ||
           std::any_of(so_far.events().begin(), so_far.events().end(),
                       [&](const event& e) { return e.date == end && e.tentative; }) ||
           std::any_of(so_far.spans().begin(), so_far.spans().end(), [&](const span& t) {
               return t.last == end && (t.tentative || t.possible_last.has_value());
           });
}

std::string default_reason(const schedule& so_far, const switch_point& at, day_point d) {
    switch (at.at) {
        case switch_point::kind::on_date:
            return fmt::format("switch on {}", format_date(d));
        case switch_point::kind::after_phase: {
            const phase_occurrence& last = *last_occurrence(so_far, at.phase);
            return fmt::format("after {} ({})", last.name.empty() ? last.phase : last.name,
                               so_far.segment_of(last).protocol.id);
        }
        case switch_point::kind::after_end:
            break;
    }
    return "after the end of the plan so far";
}

}  // namespace

day_point switch_date(const schedule& so_far, const switch_point& at) {
    switch (at.at) {
        case switch_point::kind::on_date:
            if (at.date < so_far.start())
                throw planning_error(fmt::format("the switch date {} is before the plan starts on {}",
                                                 format_date(at.date), format_date(so_far.start())));
            return at.date;
        case switch_point::kind::after_phase: {
            const phase_occurrence* last = last_occurrence(so_far, at.phase);
            if (!last)
                throw planning_error(
                    fmt::format("no phase \"{}\" in the plan so far to switch after; its phases: {}",
                                at.phase, phase_list(so_far)));
            if (last->last == max_date)
                throw planning_error(
                    fmt::format("phase \"{}\" ends on 9999-12-31: nothing can follow it", at.phase));
            return last->last + date::days{1};
        }
        case switch_point::kind::after_end:
            break;
    }
    if (so_far.end() == max_date) throw planning_error("the plan ends on 9999-12-31: nothing can follow it");
    return so_far.end() + date::days{1};
}

schedule continue_with(const schedule& so_far, const switch_point& at, const planner& next,
                       const std::vector<actual_start>& actuals, const clinic_calendar& cal) {
    const day_point d = switch_date(so_far, at);
    const day_point before = d - date::days{1};
    // Segments after the first that start on or after D are dropped, with their items: being
    // in date order, they are the last ones.
    std::vector<segment> segments = so_far.segments();
    segments.erase(std::remove_if(segments.begin() + 1, segments.end(),
                                  [&](const segment& seg) { return seg.start >= d; }),
                   segments.end());
    const std::size_t kept = segments.size();

    std::vector<phase_occurrence> phases;
    for (phase_occurrence p : so_far.phases()) {
        if (p.first >= d || p.segment >= kept) continue;
        if (p.last >= d) {
            p.last = before;
            p.ending = ending_reason::switched;
        }
        phases.push_back(std::move(p));
    }
    std::vector<event> events;
    for (const event& e : so_far.events()) {
        if (e.date < d && e.segment < kept) events.push_back(e);
    }
    std::vector<span> spans;
    for (span t : so_far.spans()) {
        if (t.first >= d || t.segment >= kept) continue;
        if (t.last >= d) {
            // Day numbers only count within a phase; tracks keep their 0/0.
            if (!t.phase.empty()) t.last_day -= static_cast<std::int32_t>((t.last - before).count());
            t.last = before;
            t.ending = ending_reason::switched;
        }
        spans.push_back(std::move(t));
    }

    // Decisions kept are those met before the switch.
    std::vector<decision> decisions;
    for (const decision& dec : so_far.decisions()) {
        if (dec.date < d && dec.segment < kept) decisions.push_back(dec);
    }
    // A switch after a phase or at the end moves with every branch before it: while one of
    // those decisions is pending, so is everything the next protocol plans.
    std::vector<std::string> inherited;
    if (at.at != switch_point::kind::on_date) {
        for (const decision& dec : decisions) {
            if (dec.pending()) inherited.push_back(dec.parameter);
        }
    }
    const auto inherit = [&](std::vector<std::string>& pending) {
        pending.insert(pending.begin(), inherited.begin(), inherited.end());
    };

    const schedule more =
        tentative_switch(so_far, at) ? next.plan_tentative(d, actuals, cal) : next.plan(d, actuals, cal);
    // The next plan's items move to its segment, after the ones kept.
    for (phase_occurrence p : more.phases()) {
        p.segment += kept;
        inherit(p.pending);
        phases.push_back(std::move(p));
    }
    for (event e : more.events()) {
        e.segment += kept;
        inherit(e.pending);
        events.push_back(std::move(e));
    }
    for (span t : more.spans()) {
        t.segment += kept;
        inherit(t.pending);
        spans.push_back(std::move(t));
    }
    for (decision dec : more.decisions()) {
        dec.segment += kept;
        decisions.push_back(std::move(dec));
    }
    segments.push_back(segment{more.protocol(), more.parameters(), d,
                               at.reason.empty() ? default_reason(so_far, at, d) : at.reason});

    return schedule(std::move(segments), std::move(phases), std::move(events), std::move(spans),
                    std::move(decisions));
}

}  // namespace ttplan
