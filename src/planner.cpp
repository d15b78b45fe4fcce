// The planner: turns a protocol, its parameter values and a start date into a schedule.
// docs/semantics.md is the user-facing version of these rules; keep the two together.
//
// Graph. Every phase is a vertex; every dependency whose `when` holds is an edge. Phases
// whose `when` fails stay in the graph as pass-through vertices ("collapsed"): they take no
// days, their date is what their predecessors give, and any dependency out of them (finish-
// to-start or start-to-start) hands that same date, plus its lag, to the successor. So a
// conditional phase can be left out without breaking the chain. Only active phases appear in
// the schedule. Phases are planned in topological order, ties broken by protocol order; an
// "until" anchor on another phase (a repeat's or an until-phase's) adds an ordering edge so
// the anchor is planned first.
//
// Start date. A phase without incoming edges starts on the plan start. Otherwise each edge
// proposes a date and the latest wins (a join):
//   finish_to_start  the day after the predecessor's last occurrence ends, plus the lag;
//   start_to_start   the date of day `on_day` of the predecessor's first occurrence (day
//                    numbers counted from the phase's first_day), plus the lag.
// Lags are added with add(), so "1mo" is a calendar month.
//
// Tentative. An edge with a gate ("when counts recover") proposes its earliest date and
// marks the successor tentative; tentativeness flows along every outgoing edge, including
// through collapsed phases, to all phases downstream and to their events and spans. An
// actual date for a cycle is a fact: it clears tentativeness for that cycle and later ones.
//
// Cycles. A phase is days_in(start, L) days long, numbered first_day, first_day+1..., where L
// is the length of the first length_when case whose `when` holds, else `duration`.
// A repeated phase runs cycle k the day after cycle k-1 ends; cycle 1 may have first_cycle's
// length; cycle k runs variants[(k-1) % n]. It stops after `count` cycles and/or at the first
// "until" rule whose `when` holds: limit_last = add(anchor date, limit) - 1 day; no cycle
// starts after limit_last and the cycle crossing it is cut there (cut = true, its later days
// dropped). The count is that of the first count_when case whose `when` holds, else `count`;
// a count given as {"parameter": p} is p's value. No count and no applicable until rule is an
// error at "/phases/i/repeat". An until anchor on the phase itself may only be its own start
// (or a day of its first cycle); an anchor on a phase not yet planned is an error naming both.
//
// Until-phases. A phase without a repeat may run "until" a limit instead of having a length:
// one occurrence, no cycle number, from its start to limit_last of the first rule whose
// `when` holds (anchors as for a repeat's until, and ordering edges likewise). It ends there
// in the ordinary way (not `limit`: only a repeat's cut cycle is). No applicable rule is an
// error at "/phases/i/until"; limit_last before the phase's start is one at "/phases/i/until/k"
// giving both dates; so is an occurrence longer than 7306 days (an actual start far before
// the anchor).
//
// Activities. In each occurrence an activity applies when its `when` holds, its `cycles` is
// empty or lists the cycle (a phase that does not repeat is cycle 1) and its `variants` is
// empty or lists the occurrence's variant. `end` in a day pattern is the occurrence's last day
// number (of a cut cycle, the day it was cut on). Days outside the occurrence are skipped
// (they are for longer cycles, or were cut). One event per day, or, for continuous
// activities, one span per run of consecutive days.
//
// Tracks. Anchors resolve to dates: start = first day of the given cycle (default first),
// end = last day of the given cycle (default last), day = that day number of the given cycle
// (default first); an anchor on a collapsed phase gives its collapsed date.
//
// Tentative start. plan_tentative() treats the plan start like a gated date: every phase
// (and every track anchored on the start) is tentative until an actual date clears it.
//
// Actuals. An actual start (a date, or a delay added to the planned date) for a phase or for
// one of its cycles replaces that cycle's start; later cycles and downstream phases follow,
// upstream phases stay where they were.
//
// Facts (treatment_facts, docs/semantics.md). A cycle number names the cycle of a repeated
// phase; an absent one is cycle 1, which a phase that does not repeat has alone.
//   pause    from its date on, the occurrence's days come N days later and it ends N days
//            later (before an until limit cuts it); day numbers skip the pause, continuous
//            therapy is split around it. Pauses of one occurrence may not overlap.
//   stop     the occurrence that holds the date ends there (ending `stopped`), its later days
//            dropped; with a cycle, the next cycle follows as usual; without, no cycle follows.
//   gate     a gated dependency into the phase proposes the later of its date and the gate's,
//            and is no longer tentative on account of the gate.
//   moved    the event's date is the given one (recorded, planned_date the planned one); the
//            clinic calendar leaves it there; "after" events follow it.
//   held     the event is left out, and so are the "after" events that follow it.
//   added    an event on a date within the named occurrence, day number counted from its first
//            day as for its own events (recorded, no planned_date).
//   track    a track starts or stops (ending `stopped`) on the given date instead of its anchor.
// A fact that names nothing in the plan (an unknown or inactive phase, a cycle it does not
// have, an event it does not plan, a date outside the occurrence) is a planning_error naming
// it. The runs with the shortest and longest uncertain lengths apply what they can and skip
// the rest: only the plan itself is checked.
//
// Times within a day. Events and spans carry their activity's timing (per_day filled in from
// every_hours or the count of clock times). An activity given "after" another has one event
// per event of the activities of that name in the same occurrence, on the reference's date
// plus the offset's whole days, counted from the reference's first clock time when it has
// one (which then gives the event its clock time); it keeps the reference's cycle, counts day
// numbers on past the cycle's end and follows its reference where the clinic calendar moved
// it. "after" activities are placed once what they follow is placed (check() rules out circles).
//
// Clinic calendar. An event on a closed day moves per its category's rule (keep, next open
// day, previous open day); planned_date keeps the original. Phases and spans never move, and
// neither does an "after" event on its own. An
// event with a window moves within it where it can: the nearest open day in the rule's
// direction, else in the other (of a window that lists its days, the nearest open listed
// date); only when the window has no open day does the rule move it past it, from its planned
// date as for an event without one.
//
// Windows. An activity's window gives each of its events the dates from `before` days
// earlier to `after` days later, within its occurrence, or the planned date and the dates each
// alternative moves it to (a list; those outside the occurrence are dropped, and a list with
// nothing left is no window). A dependency's window lets the successor's first cycle start up
// to that much after the date it gives, or on that date plus one of its lengths (a list); over
// several dependencies the window runs from the start to the latest date any of them allows,
// and is a list when no dependency's window is a range: every date one of them gives or lists,
// from the start on (none when only the start is left). The plan uses the earliest date and
// carries the window.
//
// Decisions. A parameter with `decided` is decided during treatment, at an anchor. Its anchor
// resolves like a track's. Given a value, the plan follows it and nothing waits; without one,
// the plan follows the default and every phase occurrence, event and span that ends after the
// decision's date is pending on it (parameter names in decision order).
//
// Uncertain lengths. A phase whose length is a range is planned with its expected length; the
// plan is laid out again with every such length at its shortest and at its longest, and what
// the three disagree on carries its earliest and latest dates (see carry_uncertainty).
//
// Range. Every date must lie in 0001-01-01..9999-12-31; anything else is a planning_error
// naming the phase or track, computed in 64 bits so it can never overflow.
//
// Errors. A planning_error that the protocol causes is located by the JSON pointer of the
// element at fault, in the model's form as check() gives it ("/phases/3/repeat",
// "/phases/3/repeat/until/0/from", "/phases/4/until", "/tracks/1"); one the inputs cause (the start, actual
// dates, the clinic calendar) has none.
#include <ttplan/planner.hpp>

#include "plan_facts.hpp"
#include "phase_index.hpp"
#include "plan_parts.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <queue>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace ttplan {

namespace {

using detail::carry_uncertainty;
using detail::cycle_words;
using detail::date_of;
using detail::day_number;
using detail::fact_words;
using detail::trim_pauses;
using detail::plan_parts;

// Edges carry the dependency's index, or no_dependency for an ordering-only edge.
constexpr std::size_t no_dependency = static_cast<std::size_t>(-1);
struct edge_info {
    std::size_t dependency = no_dependency;
};
using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property, edge_info>;

constexpr std::int64_t serial(day_point d) { return d.time_since_epoch().count(); }
constexpr day_point min_date = date::sys_days{date::year{1} / 1 / 1};
// The longest a phase that runs until a limit may be: its limit is at most 20 years (check()).
constexpr std::int64_t max_limited_days = 7306;
// The longest pause a fact may give: a year.
constexpr std::int32_t max_fact_days = 366;

// What is being planned: its name for every message ("phase \"maintenance\"") and the
// pointer of the protocol element an error is located at (empty for the plan's inputs).
struct subject {
    std::string label;
    std::string pointer;

    subject at(std::string element) const { return {label, std::move(element)}; }
    [[noreturn]] void fail(const std::string& message) const {
        throw planning_error(fmt::format("{}{}", label, message), location{"", pointer, 0, 0});
    }
};

day_point offset(day_point d, std::int64_t n, const subject& who) {
    const std::int64_t r = serial(d) + n;
    if (r > serial(max_date)) who.fail(": dates past 9999-12-31 cannot be planned");
    if (r < serial(min_date)) who.fail(": dates before 0001-01-01 cannot be planned");
    return day_point{date::days{static_cast<int>(r)}};
}

day_point plus(day_point d, const length& len, const subject& who) {
    try {
        return offset(add(d, len), 0, who);
    } catch (const value_error&) {
        who.fail(": dates past 9999-12-31 cannot be planned");
    }
}

subject phase_subject(const protocol& p, std::size_t i) {
    return {fmt::format("phase \"{}\"", p.phases[i].id), fmt::format("/phases/{}", i)};
}

// Kahn's algorithm with a min-heap, so independent phases are planned in protocol order.
// Returns fewer vertices than the graph has when it is cyclic.
std::vector<std::size_t> topological_order(const graph& g) {
    const std::size_t n = boost::num_vertices(g);
    std::vector<std::size_t> pending(n);
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
    for (std::size_t v = 0; v < n; ++v) {
        pending[v] = boost::in_degree(v, g);
        if (pending[v] == 0) ready.push(v);
    }
    std::vector<std::size_t> order;
    while (!ready.empty()) {
        const std::size_t v = ready.top();
        ready.pop();
        order.push_back(v);
        for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
            const std::size_t w = boost::target(*e, g);
            if (--pending[w] == 0) ready.push(w);
        }
    }
    return order;
}

// What a planner computes once per protocol and parameter values.
struct plan_data {
    protocol proto;
    parameter_values values;
    std::vector<bool> active;                        // per phase
    std::vector<std::vector<std::size_t>> incoming;  // per phase: dependencies whose `when` holds
    std::vector<const until_rule*> until;            // per phase: the applicable rule, if any
    std::vector<std::optional<std::int32_t>> count;  // per repeating phase: the count that applies
    std::vector<length> lengths;                     // per phase: the length that applies
    std::vector<bool> ranged;                        // per phase: its own uncertain length applies
    std::vector<std::size_t> plan_order;             // every phase, collapsed ones included
    std::vector<std::string> active_order;
    std::set<std::string, std::less<>> given;  // parameters the caller gave a value for
    bool uncertain = false;                    // an active phase has an uncertain length

    std::optional<detail::phase_index> ids;    // over proto, once it is in place

    std::size_t index_of(std::string_view id) const { return ids->index(id).value_or(no_dependency); }
};

// One phase's result for a single plan() call.
struct planned {
    bool done = false;
    std::vector<phase_occurrence> occurrences;  // empty when collapsed
    day_point collapsed{};                      // the date a collapsed phase passes on
    bool collapsed_tentative = false;
};

struct anchored {
    day_point date;
    bool tentative = false;
};

// Which length an uncertain phase gets in one run.
enum class length_pick : std::uint8_t { expected, shortest, longest };


class run {
public:
    run(const plan_data& plan, day_point start, bool start_tentative, const treatment_facts& facts,
        const clinic_calendar& calendar, length_pick pick = length_pick::expected)
        : p_(plan),
          start_(start),
          start_tentative_(start_tentative),
          calendar_(calendar),
          pick_(pick),
          facts_(facts),
          state_(plan.proto.phases.size()) {
        for (const auto& a : facts.actuals) record_actual(a);
        for (const auto& f : facts.paused) {
            const std::size_t i = fact_phase(f.phase, fact_words(f));
            if (f.days < 1 || f.days > max_fact_days)
                throw planning_error(fmt::format("{}: a pause lasts 1 to {} days", fact_words(f), max_fact_days));
            pauses_[{i, f.cycle.value_or(1)}].push_back(&f);
        }
        for (auto& [key, list] : pauses_) {
            std::stable_sort(list.begin(), list.end(),
                             [](const phase_paused* a, const phase_paused* b) { return a->from < b->from; });
        }
        for (std::size_t k = 0; k < facts.stopped.size(); ++k)
            stops_[fact_phase(facts.stopped[k].phase, fact_words(facts.stopped[k]))].push_back(k);
        for (const auto& f : facts.gates) {
            if (!gates_.emplace(fact_phase(f.phase, fact_words(f)), &f).second)
                throw planning_error(fmt::format("{}: the gate into phase \"{}\" is resolved twice", fact_words(f),
                                                 f.phase));
        }
        for (std::size_t k = 0; k < facts.moved.size(); ++k) {
            const event_key& e = facts.moved[k].event;
            fact_phase(e.phase, fact_words(facts.moved[k]));
            if (!event_facts_.emplace(key_of(e), event_fact{&facts.moved[k], nullptr}).second)
                throw planning_error(fmt::format("{}: the event has another fact already", fact_words(facts.moved[k])));
        }
        for (std::size_t k = 0; k < facts.held.size(); ++k) {
            const event_key& e = facts.held[k].event;
            fact_phase(e.phase, fact_words(facts.held[k]));
            if (!event_facts_.emplace(key_of(e), event_fact{nullptr, &facts.held[k]}).second)
                throw planning_error(fmt::format("{}: the event has another fact already", fact_words(facts.held[k])));
        }
        for (const auto& f : facts.added) fact_phase(f.phase, fact_words(f));
        used_moved_.assign(facts.moved.size(), false);
        used_held_.assign(facts.held.size(), false);
        used_stops_.assign(facts.stopped.size(), false);
        used_pauses_.assign(facts.paused.size(), false);
        used_gates_.assign(facts.gates.size(), false);
    }

    plan_parts parts() {
        offset(start_, 0, subject{"the plan start", ""});
        for (const std::size_t i : p_.plan_order) plan_phase(i);

        plan_parts out;
        for (std::size_t i = 0; i < state_.size(); ++i) {
            for (const auto& occ : state_[i].occurrences) {
                out.phases.push_back(occ);
                add_activities(p_.proto.phases[i], occ, out.events, out.spans);
            }
        }
        for (const auto& f : facts_.added) add_event(f, out.events);
        std::vector<bool> used_tracks(facts_.tracks.size(), false);
        for (std::size_t t = 0; t < p_.proto.tracks.size(); ++t) {
            if (p_.proto.tracks[t].when.matches(p_.values)) out.spans.push_back(track_span(t, used_tracks));
        }
        out.decisions = decisions_met();
        if (strict()) check_used(used_tracks);
        return out;
    }

private:
    // The plan itself, not one of the runs that only measure how far uncertain lengths reach.
    bool strict() const { return pick_ == length_pick::expected; }

    // One more of what `n` counts (occurrences_, events_, spans_): past max_plan_items, the plan
    // stops with an error at `who`, the phase or activity that passes the bound.
    static void count_one(std::size_t& n, std::string_view what, const subject& who) {
        if (++n <= max_plan_items) return;
        who.fail(fmt::format(": the plan would have more than {} {}, the most one plan may have (docs/limits.md)",
                             max_plan_items, what));
    }

    subject activity_subject(const phase& ph, std::size_t k) const {
        const std::size_t i = static_cast<std::size_t>(&ph - p_.proto.phases.data());
        return {fmt::format("activity \"{}\" of phase \"{}\"", ph.activities[k].name, ph.id),
                fmt::format("/phases/{}/activities/{}", i, k)};
    }

    // The index of the phase a fact names, which must be active in this plan.
    std::size_t fact_phase(const std::string& phase, const std::string& what) const {
        const std::size_t i = p_.index_of(phase);
        if (i == no_dependency) throw planning_error(fmt::format("{}: unknown phase \"{}\"", what, phase));
        if (!p_.active[i])
            throw planning_error(fmt::format(
                "{}: phase \"{}\" is not part of this plan with these parameter values", what, phase));
        return i;
    }

    using event_id = std::tuple<std::string, std::int32_t, std::int32_t, std::string>;
    static event_id key_of(const event_key& e) { return {e.phase, e.cycle.value_or(1), e.day, e.activity}; }
    static event_id key_of(const event& e) { return {e.phase, e.cycle.value_or(1), e.day, e.activity}; }
    struct event_fact {
        const event_moved* moved = nullptr;
        const event_held* held = nullptr;
    };

    // Applies a moved or held fact to a new event. Returns false when it is held.
    bool apply_event_facts(event& ev) const {
        // Most plans have none: no key is built for them.
        if (event_facts_.empty()) return true;
        const auto it = event_facts_.find(key_of(ev));
        if (it == event_facts_.end()) return true;
        if (it->second.held) {
            used_held_[static_cast<std::size_t>(it->second.held - facts_.held.data())] = true;
            return false;
        }
        const event_moved& m = *it->second.moved;
        used_moved_[static_cast<std::size_t>(&m - facts_.moved.data())] = true;
        ev.planned_date = ev.date;
        ev.date = offset(m.date, 0, subject{fact_words(m), ""});
        ev.recorded = true;
        return true;
    }

    // The occurrence of phase i a fact's cycle names, if the plan has it.
    const phase_occurrence* occurrence_of(std::size_t i, const std::optional<std::int32_t>& cycle) const {
        const auto& occs = state_[i].occurrences;
        const std::int32_t k = cycle.value_or(1);
        for (const auto& occ : occs) {
            if (occ.cycle.value_or(1) == k) return &occ;
        }
        return nullptr;
    }

    void add_event(const event_added& f, std::vector<event>& events) const {
        const std::size_t i = p_.index_of(f.phase);
        const phase_occurrence* occ = occurrence_of(i, f.cycle);
        if (occ == nullptr || f.date < occ->first || f.date > occ->last) {
            if (!strict()) return;
            if (occ == nullptr)
                throw planning_error(fmt::format("{}: the plan has no such cycle of it", fact_words(f)));
            throw planning_error(fmt::format("{}: the date is not within it ({} to {})", fact_words(f),
                                             format_date(occ->first), format_date(occ->last)));
        }
        event ev{f.date, f.phase, occ->cycle, day_number(*occ, f.date), f.activity, f.category, occ->tentative,
                 std::nullopt, f.note};
        ev.recorded = true;
        count_one(events_, "events", subject{fact_words(f), ""});
        events.push_back(std::move(ev));
    }

    // Every fact must have found what it names.
    void check_used(const std::vector<bool>& used_tracks) const {
        for (std::size_t k = 0; k < used_moved_.size(); ++k) {
            if (!used_moved_[k])
                throw planning_error(fmt::format("{}: the plan has no such event", fact_words(facts_.moved[k])));
        }
        for (std::size_t k = 0; k < used_held_.size(); ++k) {
            if (!used_held_[k])
                throw planning_error(fmt::format("{}: the plan has no such event", fact_words(facts_.held[k])));
        }
        for (std::size_t k = 0; k < used_pauses_.size(); ++k) {
            if (!used_pauses_[k])
                throw planning_error(
                    fmt::format("{}: the plan has no such cycle of the phase", fact_words(facts_.paused[k])));
        }
        for (std::size_t k = 0; k < used_stops_.size(); ++k) {
            if (!used_stops_[k])
                throw planning_error(fmt::format("{}: no occurrence of the phase{} holds that date",
                                                 fact_words(facts_.stopped[k]),
                                                 facts_.stopped[k].cycle ? " cycle" : ""));
        }
        for (std::size_t k = 0; k < used_gates_.size(); ++k) {
            if (!used_gates_[k])
                throw planning_error(fmt::format("{}: no gated dependency leads into it in this plan",
                                                 fact_words(facts_.gates[k])));
        }
        for (std::size_t k = 0; k < used_tracks.size(); ++k) {
            if (!used_tracks[k])
                throw planning_error(fmt::format("{}: the plan has no such track", fact_words(facts_.tracks[k])));
        }
    }

    void record_actual(const actual_start& a) {
        const std::size_t i = fact_phase(a.phase, fmt::format("actual start{}", cycle_words(a.cycle)));
        const std::int32_t cycle = a.cycle.value_or(1);
        if (cycle < 1) throw planning_error(fmt::format("actual date for phase \"{}\": no cycle {}", a.phase, cycle));
        if (!actuals_.emplace(std::pair{i, cycle}, &a).second)
            throw planning_error(fmt::format("two actual dates for phase \"{}\" cycle {}", a.phase, cycle));
    }

    // The date a dependency proposes for its successor, and whether it is tentative.
    anchored proposal(const dependency& dep) const {
        const std::size_t from = p_.index_of(dep.from);
        const planned& pred = state_[from];
        const subject who = phase_subject(p_.proto, p_.index_of(dep.to));
        anchored out{pred.collapsed, pred.collapsed_tentative};
        if (!pred.occurrences.empty()) {
            if (dep.type == dependency_type::finish_to_start) {
                const auto& last = pred.occurrences.back();
                out = {offset(last.last, 1, who), last.tentative};
            } else {
                const auto& first = pred.occurrences.front();
                offset(first.first, std::int64_t{dep.on_day} - first.first_day, who);
                out = {offset(date_of(first, dep.on_day), 0, who), first.tentative};
            }
        }
        out.date = plus(out.date, dep.lag, who);
        if (dep.gate.empty()) return out;
        // A resolved gate is a fact: the later of the two dates, no longer tentative for it.
        const auto g = gates_.find(p_.index_of(dep.to));
        if (g == gates_.end()) {
            out.tentative = true;
        } else {
            used_gates_[static_cast<std::size_t>(g->second - facts_.gates.data())] = true;
            out.date = std::max(out.date, g->second->date);
        }
        return out;
    }

    void plan_phase(std::size_t i) {
        const phase& ph = p_.proto.phases[i];
        const subject who = phase_subject(p_.proto, i);
        planned& st = state_[i];

        anchored begin{start_, start_tentative_};
        bool joined = false;
        std::optional<day_point> latest_start;  // a dependency's window: the latest it may start
        bool windowed = false;
        bool ranged = false;            // some dependency's window is a range
        std::vector<day_point> listed;  // every later date a dependency lists
        for (const std::size_t d : p_.incoming[i]) {
            const dependency& dep = p_.proto.dependencies[d];
            const anchored a = proposal(dep);
            begin.date = joined ? std::max(begin.date, a.date) : a.date;
            begin.tentative = begin.tentative || a.tentative;
            joined = true;
            windowed = windowed || dep.window || !dep.window_alternatives.empty();
            ranged = ranged || dep.window.has_value();
            day_point latest = dep.window ? plus(a.date, *dep.window, who) : a.date;
            for (const length& len : dep.window_alternatives) {
                listed.push_back(plus(a.date, len, who));
                latest = std::max(latest, listed.back());
            }
            latest_start = latest_start ? std::max(*latest_start, latest) : latest;
        }
        // Without a window on any dependency there is nothing to carry. With lists only, the
        // dates they give from the start on; a range among them makes the whole window one.
        std::optional<date_window> start_window;
        if (windowed) {
            start_window = date_window{begin.date, *latest_start};
            if (!ranged) {
                // The dates the dependencies give themselves are the start or before it.
                listed.push_back(begin.date);
                std::sort(listed.begin(), listed.end());
                listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
                std::erase_if(listed, [&](day_point x) { return x < begin.date; });
                // A list that leaves only the start (another dependency gives a later one) has no
                // choice to carry.
                if (listed.size() < 2)
                    start_window.reset();
                else
                    start_window->dates = std::move(listed);
            }
        }
        st.done = true;
        st.collapsed = begin.date;
        st.collapsed_tentative = begin.tentative;
        if (!p_.active[i]) return;

        const repeat_rule* rep = ph.repeat ? &*ph.repeat : nullptr;
        const std::optional<std::int32_t> count = p_.count[i];
        const until_rule* rule = p_.until[i];
        // A phase without a repeat that runs until a limit: one occurrence, to the limit's last day.
        const bool limited = !rep && !ph.until.empty();
        if (rep && !count && !rule)
            who.at(who.pointer + "/repeat")
                .fail(
                    " repeats without a bound: it has no count and no \"until\" rule applies with these "
                    "parameter values");
        if (limited && !rule)
            who.at(who.pointer + "/until")
                .fail(
                    " has no length: it runs until a limit, and no \"until\" rule applies with these "
                    "parameter "
                    "values");
        const subject limit_who =
            !rule ? who
            : rep ? who.at(fmt::format("{}/repeat/until/{}", who.pointer, rule - rep->until.data()))
                  : who.at(fmt::format("{}/until/{}", who.pointer, rule - ph.until.data()));
        const bool self_anchored = rule && rule->from.phase == ph.id;
        std::optional<day_point> limit_last;
        if (rule && !self_anchored)
            limit_last =
                limit(*rule, resolve(rule->from, limit_who.at(limit_who.pointer + "/from")).date, limit_who);

        day_point cur = begin.date;
        bool tentative = begin.tentative;
        for (std::int32_t k = 1;; ++k) {
            if (!rep && k > 1) break;
            if (rep && count && k > *count) break;
            if (const auto it = actuals_.find({i, k}); it != actuals_.end()) {
                const actual_start& a = *it->second;
                cur = a.start ? offset(*a.start, 0, who) : offset(cur, a.delay_days, who);
                tentative = false;
                // Nothing is given before the plan starts: such a date is a typing mistake (a
                // year, a sign), and a plan whose phases precede its own start contradicts itself.
                if (cur < start_) {
                    const std::string what = fmt::format("phase \"{}\"{}", a.phase, cycle_words(a.cycle));
                    throw planning_error(
                        a.start ? fmt::format("actual start of {} on {}: before the plan starts on {}", what,
                                              format_date(cur), format_date(start_))
                                : fmt::format("delay of {} by {} days: it would start on {}, before the plan "
                                              "starts on {}",
                                              what, a.delay_days, format_date(cur), format_date(start_)));
                }
            }
            if (k == 1 && self_anchored)
                limit_last =
                    limit(*rule, own_anchor(ph, rule->from, cur, limit_who.at(limit_who.pointer + "/from")),
                          limit_who);
            if (limited && cur > *limit_last)
                limit_who.fail(
                    fmt::format(": it runs until {}, the last day of its \"until\" limit, but starts "
                                "after it, on {}",
                                format_date(*limit_last), format_date(cur)));
            if (limit_last && cur > *limit_last) break;
            offset(cur, 0, who);  // a cycle that would start past 9999-12-31

            std::int64_t n = 0;
            if (limited) {
                n = serial(*limit_last) - serial(cur) + 1;
                // An actual start long before the anchor could stretch it without bound.
                if (n > max_limited_days)
                    limit_who.fail(
                        fmt::format(": it runs {} days, from {} to {}, more than the {} days of 20 years", n,
                                    format_date(cur), format_date(*limit_last), max_limited_days));
            } else {
                const length len = (k == 1 && rep && rep->first_cycle) ? *rep->first_cycle : cycle_length(i);
                try {
                    n = days_in(cur, len);
                } catch (const value_error&) {
                    who.fail(": dates past 9999-12-31 cannot be planned");
                }
                if (n < 1)
                    who.fail(fmt::format(": cycle {} is {} long, which has no days", k, len.to_string()));
            }
            phase_occurrence occ;
            occ.phase = ph.id;
            occ.name = ph.name.empty() ? ph.id : ph.name;
            occ.kind = ph.kind;
            if (rep) occ.cycle = k;
            if (rep && !rep->variants.empty())
                occ.variant = rep->variants[static_cast<std::size_t>(k - 1) % rep->variants.size()];
            occ.first = cur;
            occ.last = offset(cur, n - 1, who);
            occ.first_day = ph.first_day;
            occ.tentative = tentative;
            if (p_.ranged[i] && !limited && !(k == 1 && rep && rep->first_cycle))
                occ.uncertain_length = ph.range;
            // An actual start is a fact: no window is left for it.
            if (k == 1 && start_window && !actuals_.contains({i, 1})) occ.start_window = start_window;
            apply_pauses(i, k, occ, who);
            const bool ends_phase = apply_stops(i, occ);
            if (limit_last && occ.last > *limit_last) {
                occ.last = *limit_last;
                occ.ending = ending_reason::limit;
                trim_pauses(occ);
            }
            count_one(occurrences_, "phase occurrences", who);
            st.occurrences.push_back(occ);
            if (occ.ended_early() && (occ.ending != ending_reason::stopped || ends_phase)) break;
            cur = occ.last + date::days{1};  // range-checked at the top of the next cycle
        }

        for (const auto& [key, a] : actuals_) {
            if (key.first == i && static_cast<std::size_t>(key.second) > st.occurrences.size())
                throw planning_error(
                    fmt::format("actual date for {} cycle {}, but it has {} cycle(s) in this plan", who.label,
                                key.second, st.occurrences.size()));
        }
    }

    // Pauses of cycle k of phase i: each from a date within the occurrence as it stands, for
    // its days; the occurrence ends that much later.
    void apply_pauses(std::size_t i, std::int32_t k, phase_occurrence& occ, const subject& who) const {
        const auto it = pauses_.find({i, k});
        if (it == pauses_.end()) return;
        for (const phase_paused* f : it->second) {
            if (f->from < occ.first || f->from > occ.last ||
                (!occ.paused.empty() && f->from <= occ.paused.back().latest)) {
                if (!strict()) continue;
                throw planning_error(
                    fmt::format("{}: the date is not within {}{} ({} to {}){}", fact_words(*f), who.label,
                                cycle_words(occ.cycle), format_date(occ.first), format_date(occ.last),
                                occ.paused.empty() ? "" : " or falls in an earlier pause"));
            }
            used_pauses_[static_cast<std::size_t>(f - facts_.paused.data())] = true;
            occ.paused.push_back(date_window{f->from, offset(f->from, f->days - 1, who)});
            occ.last = offset(occ.last, f->days, who);
        }
    }

    // Stops of the occurrence: the earliest stop whose date it holds ends it there. Returns
    // whether that stop ends the phase (it names no cycle).
    bool apply_stops(std::size_t i, phase_occurrence& occ) const {
        bool whole = false;
        const auto mine = stops_.find(i);
        if (mine == stops_.end()) return false;
        for (const std::size_t s : mine->second) {
            const phase_stopped& f = facts_.stopped[s];
            if (f.cycle && *f.cycle != occ.cycle.value_or(1)) continue;
            if (f.on < occ.first || f.on > occ.last) continue;
            used_stops_[s] = true;
            if (occ.ending == ending_reason::stopped && f.on >= occ.last) continue;
            occ.last = f.on;
            occ.ending = ending_reason::stopped;
            whole = !f.cycle;
        }
        trim_pauses(occ);
        return whole;
    }

    // The length of a cycle of phase i (of the phase, if it does not repeat) in this run.
    length cycle_length(std::size_t i) const {
        if (!p_.ranged[i] || pick_ == length_pick::expected) return p_.lengths[i];
        const length_range& r = *p_.proto.phases[i].range;
        return pick_ == length_pick::shortest ? r.shortest : r.longest;
    }

    // The limit's last day; add() first, so a limit ending exactly on 10000-01-01 still works.
    day_point limit(const until_rule& rule, day_point anchor_date, const subject& who) const {
        try {
            return offset(add(anchor_date, rule.limit), -1, who);
        } catch (const value_error&) {
            who.fail(": dates past 9999-12-31 cannot be planned");
        }
    }

    // An until rule measured from the repeating phase itself: only its start is known before
    // its cycles are laid out.
    // `who` is located at the anchor.
    day_point own_anchor(const phase& ph, const anchor& a, day_point first_start, const subject& who) const {
        if (a.at == anchor::edge::end || a.cycle.value_or(1) != 1)
            who.fail(
                fmt::format(": its \"until\" limit is measured from its own {}, which depends on that limit; "
                            "measure from its start instead",
                            a.at == anchor::edge::end ? "end" : "later cycle"));
        if (a.at == anchor::edge::start) return first_start;
        return offset(first_start, std::int64_t{a.day} - ph.first_day, who);
    }

    // `who` is located at the anchor.
    anchored resolve(const anchor& a, const subject& who) const {
        if (a.phase.empty()) return {start_, start_tentative_};
        const std::size_t i = p_.index_of(a.phase);
        if (i == no_dependency) who.fail(fmt::format(" refers to unknown phase \"{}\"", a.phase));
        const planned& st = state_[i];
        if (!st.done)
            who.fail(fmt::format(" is measured from phase \"{}\", which is planned after it", a.phase));
        if (st.occurrences.empty()) return {st.collapsed, st.collapsed_tentative};

        const phase_occurrence* occ = a.at == anchor::edge::end ? &st.occurrences.back() : &st.occurrences.front();
        if (a.cycle) {
            if (*a.cycle < 1 || static_cast<std::size_t>(*a.cycle) > st.occurrences.size())
                who.fail(fmt::format(" refers to cycle {} of phase \"{}\", which has {} cycle(s)", *a.cycle,
                                     a.phase, st.occurrences.size()));
            occ = &st.occurrences[static_cast<std::size_t>(*a.cycle - 1)];
        }
        switch (a.at) {
        case anchor::edge::start: return {occ->first, occ->tentative};
        case anchor::edge::end: return {occ->last, occ->tentative};
        case anchor::edge::day:
            // Day numbers skip a pause of the occurrence.
            offset(occ->first, std::int64_t{a.day} - occ->first_day, who);
            return {offset(date_of(*occ, a.day), 0, who), occ->tentative};
        }
        return {occ->first, occ->tentative};
    }

    static bool lists(const std::vector<std::int32_t>& sorted, std::int32_t n) {
        return std::binary_search(sorted.begin(), sorted.end(), n);
    }

    // What an event or span carries of its activity's timing: per_day is filled in from
    // every_hours or the number of clock times when the protocol does not give it.
    static timing planned_timing(const timing& t) {
        timing out = t;
        if (!out.per_day && out.every_hours && *out.every_hours > 0) out.per_day = 24 / *out.every_hours;
        if (!out.per_day && !out.times.empty()) out.per_day = static_cast<std::int32_t>(out.times.size());
        return out;
    }

    // The dates a window that lists its days allows day d of occ, the day itself among them;
    // alternatives outside the occurrence are dropped, as a range stops at its edges. Nothing
    // when none is left.
    static std::optional<date_window> listed_window(const day_window& w, std::int32_t d,
                                                    const phase_occurrence& occ, std::int64_t last_day) {
        std::vector<day_point> dates{date_of(occ, d)};
        for (const std::int32_t alt : w.alternatives) {
            const std::int64_t to = std::int64_t{d} + alt;
            if (to >= occ.first_day && to <= last_day) dates.push_back(date_of(occ, to));
        }
        std::sort(dates.begin(), dates.end());
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
        if (dates.size() < 2) return std::nullopt;
        return date_window{dates.front(), dates.back(), std::move(dates)};
    }

    void add_activities(const phase& ph, const phase_occurrence& occ, std::vector<event>& events,
                        std::vector<span>& spans) const {
        const std::int32_t cycle = occ.cycle.value_or(1);
        const std::int64_t last_day = day_number(occ, occ.last);
        const auto& acts = ph.activities;
        // Per activity, its events, so that an activity given "after" another can follow them;
        // output keeps protocol order.
        std::vector<std::vector<event>> made(acts.size());
        std::vector<bool> waiting(acts.size(), false);
        for (std::size_t k = 0; k < acts.size(); ++k) {
            const activity& act = acts[k];
            if (!act.when.matches(p_.values)) continue;
            if (!act.cycles.empty() && !lists(act.cycles.days(), cycle)) continue;
            if (!act.variants.empty() &&
                std::find(act.variants.begin(), act.variants.end(), occ.variant) == act.variants.end())
                continue;
            if (act.timing.after) {
                waiting[k] = true;
                continue;
            }

            // `end` is the occurrence's last day; days before the first are for no occurrence.
            std::vector<std::int32_t> days = act.days.days_through(static_cast<std::int32_t>(last_day));
            std::erase_if(days, [&](std::int32_t d) { return d < occ.first_day; });
            if (act.weekdays_only) {
                std::erase_if(days, [&](std::int32_t d) {
                    const date::weekday wd{date_of(occ, d)};
                    return wd == date::Saturday || wd == date::Sunday;
                });
            }
            if (act.at_most && days.size() > static_cast<std::size_t>(*act.at_most))
                days.resize(static_cast<std::size_t>(*act.at_most));
            const timing when = planned_timing(act.timing);
            if (!act.continuous) {
                for (const std::int32_t d : days) {
                    event ev{date_of(occ, d), ph.id,         occ.cycle,    d,       act.name,
                             act.category,    occ.tentative, std::nullopt, act.note};
                    ev.timing = when;
                    if (act.window && !act.window->alternatives.empty()) {
                        ev.window = listed_window(*act.window, d, occ, last_day);
                    } else if (act.window) {
                        // Within the occurrence: a window never reaches into another cycle.
                        const std::int64_t from =
                            std::max<std::int64_t>(d - act.window->before, occ.first_day);
                        const std::int64_t to =
                            std::min<std::int64_t>(std::int64_t{d} + act.window->after, last_day);
                        ev.window = date_window{date_of(occ, from), date_of(occ, to)};
                    }
                    if (!apply_event_facts(ev)) continue;
                    if (!ev.recorded) apply_calendar(ev);
                    count_one(events_, "events", activity_subject(ph, k));
                    made[k].push_back(std::move(ev));
                }
                continue;
            }
            for (std::size_t j = 0; j < days.size();) {
                // A run of consecutive days on consecutive dates: a pause splits it.
                std::size_t k2 = j;
                while (k2 + 1 < days.size() && days[k2 + 1] == days[k2] + 1 &&
                       date_of(occ, days[k2 + 1]) == date_of(occ, days[k2]) + date::days{1})
                    ++k2;
                span t{act.name,  act.category, date_of(occ, days[j]), date_of(occ, days[k2]), ph.id,
                       occ.cycle, days[j],      days[k2],              occ.tentative,          act.note};
                t.timing = when;
                count_one(spans_, "spans", activity_subject(ph, k));
                spans.push_back(std::move(t));
                j = k2 + 1;
            }
        }
        place_followers(ph, acts, waiting, made);
        for (auto& list : made) std::move(list.begin(), list.end(), std::back_inserter(events));
    }

    // "after" activities, each once every activity of the name it follows is placed (check()
    // rules out circles). Names are counted rather than scanned, so that a long chain of
    // followers is placed in time linear in the phase.
    void place_followers(const phase& ph, const std::vector<activity>& acts, const std::vector<bool>& waiting,
                         std::vector<std::vector<event>>& made) const {
        if (std::find(waiting.begin(), waiting.end(), true) == waiting.end()) return;
        std::unordered_map<std::string_view, std::vector<std::size_t>> by_name;  // every activity
        std::unordered_map<std::string_view, std::size_t> pending;              // followers not placed
        std::unordered_map<std::string_view, std::vector<std::size_t>> waiters;  // followers of a name
        for (std::size_t k = 0; k < acts.size(); ++k) {
            by_name[acts[k].name].push_back(k);
            if (!waiting[k]) continue;
            ++pending[acts[k].name];
            waiters[acts[k].timing.after->activity].push_back(k);
        }
        std::vector<std::size_t> ready;
        for (std::size_t k = 0; k < acts.size(); ++k) {
            if (waiting[k] && !pending.contains(acts[k].timing.after->activity)) ready.push_back(k);
        }
        while (!ready.empty()) {
            const std::size_t k = ready.back();
            ready.pop_back();
            const auto followed = by_name.find(acts[k].timing.after->activity);
            follow(ph, acts[k], followed != by_name.end() ? followed->second : std::vector<std::size_t>{}, made,
                   made[k]);
            if (--pending.at(acts[k].name) > 0) continue;
            const auto next = waiters.find(acts[k].name);
            if (next != waiters.end()) ready.insert(ready.end(), next->second.begin(), next->second.end());
        }
    }

    // One event per event of the activity `act` follows: the reference's date plus the whole
    // days of the offset, counted from its first clock time when it has one (which then gives
    // this event its clock time). It keeps its reference's phase, cycle and tentativeness, and
    // counts the day number on past the end of a cycle; the clinic calendar does not move it:
    // it follows the reference, moved or not.
    // `followed` are the indices of the activities of the name it follows.
    void follow(const phase& ph, const activity& act, const std::vector<std::size_t>& followed,
                const std::vector<std::vector<event>>& made, std::vector<event>& out) const {
        const after_rule& rule = *act.timing.after;
        const subject who{fmt::format("event \"{}\" of phase \"{}\"", act.name, ph.id), ""};
        std::vector<const event*> refs;
        for (const std::size_t j : followed) {
            for (const event& e : made[j]) refs.push_back(&e);
        }
        std::stable_sort(refs.begin(), refs.end(),
                         [](const event* a, const event* b) { return a->date < b->date; });
        for (const event* r : refs) {
            std::int64_t minutes = std::int64_t{rule.hours} * 60;
            const bool timed = !r->timing.times.empty();
            if (timed) minutes += r->timing.times.front().since_midnight().count();
            const std::int64_t days = minutes / (24 * 60);
            event ev{offset(r->date, days, who),
                     ph.id,
                     r->cycle,
                     static_cast<std::int32_t>(r->day + days),
                     act.name,
                     act.category,
                     r->tentative,
                     std::nullopt,
                     act.note};
            if (r->planned_date) ev.planned_date = offset(*r->planned_date, days, who);
            ev.timing.duration = act.timing.duration;
            ev.timing.after = rule;
            if (timed) ev.timing.times.push_back(clock_time{std::chrono::minutes{minutes % (24 * 60)}});
            if (!apply_event_facts(ev)) continue;
            count_one(events_, "events",
                      activity_subject(ph, static_cast<std::size_t>(&act - ph.activities.data())));
            out.push_back(std::move(ev));
        }
    }

    span track_span(std::size_t t, std::vector<bool>& used) const {
        const track& tr = p_.proto.tracks[t];
        const subject who{fmt::format("track \"{}\"", tr.name), fmt::format("/tracks/{}", t)};
        anchored from = resolve(tr.from, who.at(who.pointer + "/from"));
        anchored to = resolve(tr.to, who.at(who.pointer + "/to"));
        bool stopped = false;
        std::string changed;  // the fact that gives a date, for the message when they cross
        for (std::size_t k = 0; k < facts_.tracks.size(); ++k) {
            const track_changed& f = facts_.tracks[k];
            if (f.track != tr.name) continue;
            used[k] = true;
            const anchored fact{offset(f.date, 0, subject{fact_words(f), ""}), false};
            if (f.what == track_changed::change::started) {
                from = fact;
            } else {
                to = fact;
                stopped = true;
            }
            changed = fact_words(f);
        }
        if (to.date < from.date) {
            if (!changed.empty())
                throw planning_error(fmt::format("{}: the track would end on {}, before it starts on {}", changed,
                                                 format_date(to.date), format_date(from.date)));
            who.fail(fmt::format(" ends on {}, before it starts on {}", format_date(to.date),
                                 format_date(from.date)));
        }
        span out{
            tr.name, tr.category, from.date, to.date, {}, std::nullopt, 0, 0, from.tentative || to.tentative,
            tr.note};
        if (stopped) out.ending = ending_reason::stopped;
        return out;
    }

    // Every parameter decided during treatment, where the plan meets it, by date.
    std::vector<decision> decisions_met() const {
        std::vector<decision> out;
        for (std::size_t k = 0; k < p_.proto.parameters.size(); ++k) {
            const parameter& param = p_.proto.parameters[k];
            if (!param.decided) continue;
            const anchor& a = param.decided->at;
            const anchored when =
                resolve(a, subject{fmt::format("the decision on \"{}\"", param.name),
                                   fmt::format("/parameters/{}/decided/at", k)});
            decision d;
            d.parameter = param.name;
            d.date = when.date;
            d.tentative = when.tentative;
            d.phase = a.phase;
            d.day = anchor_day(a);
            d.cycle = anchor_cycle(a);
            d.decided_by = param.decided->decided_by;
            d.options = param.options();
            d.assumed = p_.values.at(param.name);
            if (p_.given.contains(param.name)) d.value = d.assumed;
            out.push_back(std::move(d));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const decision& x, const decision& y) { return x.date < y.date; });
        return out;
    }

    // The day number an anchor on a phase stands for (its first or last day, or the day given).
    std::int32_t anchor_day(const anchor& a) const {
        if (a.at == anchor::edge::day) return a.day;
        const std::size_t i = p_.index_of(a.phase);
        const auto& occs = state_[i].occurrences;
        if (occs.empty()) return p_.proto.phases[i].first_day;
        if (a.at == anchor::edge::start) return occs.front().first_day;
        const phase_occurrence& occ = a.cycle ? occs[static_cast<std::size_t>(*a.cycle - 1)] : occs.back();
        return static_cast<std::int32_t>(occ.first_day + occ.days() - 1);
    }

    std::optional<std::int32_t> anchor_cycle(const anchor& a) const {
        const auto& occs = state_[p_.index_of(a.phase)].occurrences;
        if (occs.empty() || !occs.front().cycle) return std::nullopt;
        if (a.cycle) return a.cycle;
        return a.at == anchor::edge::end ? occs.back().cycle : occs.front().cycle;
    }

public:
    // What ends after a pending decision waits on it: the plan shows the default branch there.
    static void mark_pending(const std::vector<decision>& decisions, std::vector<phase_occurrence>& phases,
                             std::vector<event>& events, std::vector<span>& spans) {
        for (const decision& d : decisions) {
            if (!d.pending()) continue;
            for (auto& ph : phases) {
                if (ph.last > d.date) ph.pending.push_back(d.parameter);
            }
            for (auto& ev : events) {
                if (ev.date > d.date) ev.pending.push_back(d.parameter);
            }
            for (auto& sp : spans) {
                if (sp.last > d.date) sp.pending.push_back(d.parameter);
            }
        }
    }

private:
    void apply_calendar(event& ev) const {
        if (calendar_.is_open(ev.date)) return;
        const auto rule = calendar_.rules.find(ev.category);
        const shift_rule how = rule == calendar_.rules.end() ? calendar_.default_rule : rule->second;
        if (how == shift_rule::keep) return;
        const std::int64_t step = how == shift_rule::next_open ? 1 : -1;
        const subject who{fmt::format("event \"{}\" of phase \"{}\"", ev.activity, ev.phase), ""};
        const auto move_to = [&](day_point d) {
            ev.planned_date = ev.date;
            ev.date = d;
        };
        // Within its window first: the nearest open day in the rule's direction, then the other;
        // of a window that lists its days, the nearest listed one.
        if (ev.window && ev.window->is_list()) {
            const auto& dates = ev.window->dates;
            for (const std::int64_t dir : {step, -step}) {
                if (dir > 0) {
                    for (auto it = std::upper_bound(dates.begin(), dates.end(), ev.date); it != dates.end();
                         ++it) {
                        if (calendar_.is_open(*it)) return move_to(*it);
                    }
                } else {
                    for (auto it = std::lower_bound(dates.begin(), dates.end(), ev.date);
                         it != dates.begin();) {
                        --it;
                        if (calendar_.is_open(*it)) return move_to(*it);
                    }
                }
            }
        } else if (ev.window) {
            for (const std::int64_t dir : {step, -step}) {
                for (day_point d = ev.date;;) {
                    if (dir > 0 ? d >= ev.window->latest : d <= ev.window->earliest) break;
                    d = offset(d, dir, who);
                    if (calendar_.is_open(d)) return move_to(d);
                }
            }
        }
        // Every run of closed days is at most a week of closed weekdays plus the holidays.
        const std::size_t bound = calendar_.holidays.size() + 8;
        day_point d = ev.date;
        for (std::size_t tries = 0; tries < bound; ++tries) {
            d = offset(d, step, who);
            if (calendar_.is_open(d)) return move_to(d);
        }
        throw planning_error(
            fmt::format("{}: the clinic calendar has no open day near {}", who.label, format_date(ev.date)));
    }

    const plan_data& p_;
    day_point start_;
    bool start_tentative_;  // the start itself is an earliest date (a continuation after a gate)
    const clinic_calendar& calendar_;
    length_pick pick_;
    const treatment_facts& facts_;
    std::vector<planned> state_;
    std::map<std::pair<std::size_t, std::int32_t>, const actual_start*> actuals_;
    std::map<std::pair<std::size_t, std::int32_t>, std::vector<const phase_paused*>> pauses_;
    std::map<std::size_t, const gate_resolved*> gates_;
    std::map<std::size_t, std::vector<std::size_t>> stops_;  // per phase: indices into facts_.stopped
    std::map<event_id, event_fact> event_facts_;
    // Which facts found what they name (the planning functions are const; these are the
    // bookkeeping of one run).
    mutable std::vector<bool> used_moved_, used_held_, used_stops_, used_gates_, used_pauses_;
    // What this run holds so far, against max_plan_items.
    mutable std::size_t occurrences_ = 0;
    mutable std::size_t events_ = 0;
    mutable std::size_t spans_ = 0;
};

schedule plan_with(const plan_data& m, day_point start, bool start_tentative, const treatment_facts& facts,
                   const clinic_calendar& calendar) {
    plan_parts plan = run(m, start, start_tentative, facts, calendar).parts();
    if (m.uncertain) {
        const plan_parts lo = run(m, start, start_tentative, facts, calendar, length_pick::shortest).parts();
        const plan_parts hi = run(m, start, start_tentative, facts, calendar, length_pick::longest).parts();
        carry_uncertainty(plan, lo, hi);
    }
    run::mark_pending(plan.decisions, plan.phases, plan.events, plan.spans);
    const auto& pr = m.proto;
    return schedule(
        {segment{info_of(pr), typed_parameters(pr, m.values), start, {}}},
        std::move(plan.phases), std::move(plan.events), std::move(plan.spans), std::move(plan.decisions));
}

}  // namespace

struct planner::impl : plan_data {};

planner::planner(protocol p, const parameter_values& values) : impl_(std::make_unique<impl>()) {
    if (auto problems = check(p); !problems.empty()) throw validation_error(std::move(problems));
    impl& m = *impl_;
    m.values = resolve_parameters(p, values);
    for (const auto& [name, value] : values) m.given.insert(name);
    m.proto = std::move(p);
    m.ids.emplace(m.proto);

    const auto& phases = m.proto.phases;
    const auto& deps = m.proto.dependencies;
    m.active.resize(phases.size());
    m.until.resize(phases.size(), nullptr);
    m.count.resize(phases.size());
    m.lengths.resize(phases.size());
    m.ranged.resize(phases.size(), false);
    for (std::size_t i = 0; i < phases.size(); ++i) {
        m.active[i] = phases[i].when.matches(m.values);
        const length& len = phases[i].length_for(m.values);
        m.lengths[i] = len;
        // The range belongs to the phase's own length, not to a length_when case.
        m.ranged[i] = m.active[i] && phases[i].range && &len == &phases[i].duration;
        m.uncertain = m.uncertain || m.ranged[i];
        if (phases[i].repeat) m.count[i] = phases[i].repeat->count_for(m.values);
        const auto& rules = phases[i].repeat ? phases[i].repeat->until : phases[i].until;
        for (const auto& rule : rules) {
            if (rule.when.matches(m.values)) {
                m.until[i] = &rule;
                break;
            }
        }
    }

    auto build = [&](bool with_anchor_edges) {
        graph g(phases.size());
        for (std::size_t d = 0; d < deps.size(); ++d) {
            const std::size_t from = m.index_of(deps[d].from);
            const std::size_t to = m.index_of(deps[d].to);
            if (from != no_dependency && to != no_dependency && deps[d].when.matches(m.values))
                boost::add_edge(from, to, edge_info{d}, g);
        }
        for (std::size_t i = 0; with_anchor_edges && i < phases.size(); ++i) {
            if (!m.until[i] || !m.active[i]) continue;
            const std::size_t from = m.index_of(m.until[i]->from.phase);
            if (from != no_dependency && from != i) boost::add_edge(from, i, edge_info{}, g);
        }
        return g;
    };
    graph g = build(true);
    m.plan_order = topological_order(g);
    if (m.plan_order.size() != phases.size()) {
        // The anchor edges close a cycle (an "until" measured from a phase downstream): plan by
        // dependencies alone and let plan() name the anchor it cannot resolve.
        g = build(false);
        m.plan_order = topological_order(g);
    }
    if (m.plan_order.size() != phases.size())
        throw validation_error({problem{{}, "the dependencies form a cycle"}});  // check() reports it first

    m.incoming.resize(phases.size());
    for (std::size_t v = 0; v < phases.size(); ++v) {
        for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
            if (g[*e].dependency != no_dependency) m.incoming[v].push_back(g[*e].dependency);
        }
        std::sort(m.incoming[v].begin(), m.incoming[v].end());
    }
    for (const std::size_t i : m.plan_order) {
        if (m.active[i]) m.active_order.push_back(phases[i].id);
    }
}

planner::~planner() = default;
planner::planner(planner&&) noexcept = default;
planner& planner::operator=(planner&&) noexcept = default;

const protocol& planner::source() const noexcept { return impl_->proto; }
const parameter_values& planner::values() const noexcept { return impl_->values; }
const std::vector<std::string>& planner::order() const noexcept { return impl_->active_order; }

schedule planner::plan(day_point start, const treatment_facts& facts, const clinic_calendar& calendar) const {
    return plan_with(*impl_, start, false, facts, calendar);
}

schedule planner::plan_tentative(day_point start, const treatment_facts& facts,
                                 const clinic_calendar& calendar) const {
    return plan_with(*impl_, start, true, facts, calendar);
}

schedule make_schedule(const protocol& p, const profile& pr) {
    return planner(p, pr.values).plan(pr.start, pr.facts, pr.calendar);
}

}  // namespace ttplan
