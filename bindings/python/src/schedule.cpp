// Schedules: planning, and the phases, events and spans of a plan with datetime.date fields.
#include "bindings.hpp"

#include <ttplan/compare.hpp>

#include <pybind11/operators.h>

#include <fmt/format.h>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

namespace {

std::string cycle_text(const std::optional<std::int32_t>& cycle) {
    return cycle ? fmt::format(" cycle {}", *cycle) : std::string();
}

py::list python_times(const std::vector<clock_time>& times) {
    const py::object time = py::module_::import("datetime").attr("time");
    py::list out;
    for (const clock_time c : times) {
        const auto m = c.since_midnight().count();
        out.append(time(m / 60, m % 60));
    }
    return out;
}

// The fields of `timing` on Event and Span, flat: per_day, every_hours, times (datetime.time),
// duration (datetime.timedelta).
template <class Item, class Class>
void bind_timing(Class& cls) {
    cls.def_property_readonly(
           "per_day", [](const Item& it) { return it.timing.per_day; },
           "Doses a day (from per_day, every_hours or the clock times), else None.")
        .def_property_readonly(
            "every_hours", [](const Item& it) { return it.timing.every_hours; }, "Every N hours, else None.")
        .def_property_readonly(
            "times", [](const Item& it) { return python_times(it.timing.times); },
            "Clock times within the day (datetime.time, local wall-clock time), ascending; [] when none.")
        .def_property_readonly(
            "duration",
            [](const Item& it) -> py::object {
                if (!it.timing.duration) return py::none();
                return py::module_::import("datetime")
                    .attr("timedelta")("minutes"_a = it.timing.duration->count());
            },
            "How long each dose (or a continuous infusion) runs, a datetime.timedelta, else None.");
}


using actual_tuple = std::tuple<std::string, std::optional<std::int32_t>, std::optional<day_point>, std::int32_t>;

std::vector<actual_start> make_actuals(const std::vector<actual_tuple>& actuals) {
    std::vector<actual_start> known;
    for (const auto& [phase, cycle, when, delay] : actuals) known.push_back({phase, cycle, when, delay});
    return known;
}

switch_point make_switch(const std::string& at, const std::string& phase, std::optional<day_point> on,
                         const std::string& reason) {
    if (at == "end") return switch_point::at_end(reason);
    if (at == "phase") return switch_point::after(phase, reason);
    if (at == "date" && on) return switch_point::on(*on, reason);
    throw value_error(fmt::format("unknown switch \"{}\"; allowed: end, phase, date (with a date)", at));
}

using date_pair = std::optional<std::pair<day_point, day_point>>;
// (earliest, latest), or None.
date_pair pair_of(const std::optional<date_window>& w) {
    return w ? date_pair(std::pair{w->earliest, w->latest}) : std::nullopt;
}

constexpr const char* possible_doc =
    "(earliest, latest) dates an uncertain length upstream (or its own) may move it to; None when it "
    "cannot move.";

// Parameter values as Python values of their declared type.
py::dict typed_dict(const typed_values& values) {
    py::dict out;
    for (const auto& [name, v] : values) {
        switch (v.type) {
            case parameter_type::boolean:
                out[py::str(name)] = py::bool_(v.text == "true");
                break;
            case parameter_type::integer:
                out[py::str(name)] = py::int_(std::stoll(v.text));
                break;
            case parameter_type::choice:
                out[py::str(name)] = py::str(v.text);
                break;
        }
    }
    return out;
}

}  // namespace

clinic_calendar make_calendar(const std::vector<int>& closed, const std::vector<day_point>& holidays,
                              const std::map<std::string, std::string>& shift) {
    clinic_calendar c;
    for (int w : closed) {
        if (w < 0 || w > 6) throw value_error(fmt::format("weekday {} is not 0 (Sunday) to 6 (Saturday)", w));
        c.closed_weekdays[static_cast<std::size_t>(w)] = true;
    }
    c.holidays.insert(holidays.begin(), holidays.end());
    for (const auto& [name, rule] : shift) c.set_shift(name, parse_shift_rule(rule));
    return c;
}

std::vector<record_fact> read_facts(const std::vector<fact_text>& facts, const std::string& decided_by) {
    std::vector<fact_line> lines;
    lines.reserve(facts.size());
    for (const auto& [form, text] : facts) lines.push_back({form, text});
    return parse_facts(lines, decided_by);
}

treatment_facts make_facts(std::vector<actual_start> actuals, const std::vector<fact_text>& facts) {
    treatment_facts out(std::move(actuals));
    add_facts(out, read_facts(facts, ""));
    return out;
}

void bind_schedule(py::module_& m) {
    py::class_<protocol_info>(m, "ProtocolInfo", "The protocol a schedule was planned from.")
        .def_readonly("id", &protocol_info::id)
        .def_readonly("title", &protocol_info::title)
        .def_readonly("version", &protocol_info::version);

    py::class_<phase_occurrence>(m, "Phase",
                                 "One run of a phase (one cycle of a repeated phase); dates inclusive.")
        .def_readonly("phase", &phase_occurrence::phase, "The phase id.")
        .def_readonly("name", &phase_occurrence::name)
        .def_readonly("kind", &phase_occurrence::kind)
        .def_readonly("cycle", &phase_occurrence::cycle, "1-based cycle of a repeated phase, else None.")
        .def_readonly("variant", &phase_occurrence::variant, "Alternating variant of this cycle, or \"\".")
        .def_readonly("first", &phase_occurrence::first, "First day (datetime.date).")
        .def_readonly("last", &phase_occurrence::last, "Last day, inclusive (datetime.date).")
        .def_readonly("first_day", &phase_occurrence::first_day, "Day number of the first day.")
        .def_readonly("tentative", &phase_occurrence::tentative,
                      "Starts on a clinically gated date, or after one.")
        .def_property_readonly(
            "ending", [](const phase_occurrence& p) { return std::string(to_string(p.ending)); },
            "Why it ends where it does: \"none\" (it ran its course), \"limit\" (an until limit cut this "
            "last cycle) or \"switch\" (the plan switched to another protocol the next day).")
        .def_readonly("segment", &phase_occurrence::segment,
                      "Index into Schedule.segments of the protocol this occurrence belongs to.")
        .def_readonly("pending", &phase_occurrence::pending,
                      "Decisions not taken yet that it waits on (parameter names); [] when none.")
        .def_property_readonly(
            "start_window",
            [](const phase_occurrence& p) {
                return p.start_window
                           ? std::optional(std::pair{p.start_window->earliest, p.start_window->latest})
                           : std::nullopt;
            },
            "(earliest, latest) start dates when a dependency lets it start later; None otherwise.")
        .def_property_readonly(
            "possible_start", [](const phase_occurrence& p) { return pair_of(p.possible_first); },
            possible_doc)
        .def_property_readonly(
            "possible_end", [](const phase_occurrence& p) { return pair_of(p.possible_last); }, possible_doc)
        .def_property_readonly(
            "uncertain_length",
            [](const phase_occurrence& p)
                -> std::optional<std::tuple<std::string, std::string, std::string>> {
                if (!p.uncertain_length) return std::nullopt;
                return std::tuple{p.uncertain_length->shortest.to_string(),
                                  p.uncertain_length->longest.to_string(), p.uncertain_length->reason};
            },
            "(shortest, longest, reason) when its own length is uncertain (\"1w\", \"6w\", \"until counts "
            "recover\"); the plan uses the expected length. None otherwise.")
        .def_property_readonly(
            "start_dates",
            [](const phase_occurrence& p) {
                return p.start_window ? p.start_window->dates : std::vector<day_point>{};
            },
            "Every date it may start on, ascending, when its start window is a list (\"or 1 or 2 weeks "
            "later\"); [] for a range or no window.")
        .def_property_readonly("days", &phase_occurrence::days, "Calendar days, first to last inclusive.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const phase_occurrence& p) {
            return fmt::format("<ttplan.Phase {}{} {} to {}>", p.phase, cycle_text(p.cycle), format_date(p.first),
                               format_date(p.last));
        });

    py::class_<event> event_class(m, "Event", "One dated activity.");
    event_class.def_readonly("date", &event::date)
        .def_readonly("phase", &event::phase, "The phase id.")
        .def_readonly("cycle", &event::cycle)
        .def_readonly("day", &event::day, "The day number in the phase's numbering.")
        .def_readonly("activity", &event::activity)
        .def_property_readonly(
            "category", [](const event& e) { return std::string(to_string(e.category)); },
            "\"chemotherapy\", \"intrathecal\", \"assessment\", ...")
        .def_readonly("tentative", &event::tentative)
        .def_readonly("planned_date", &event::planned_date,
                      "The date before the clinic calendar moved the event, else None.")
        .def_readonly("note", &event::note)
        .def_readonly("segment", &event::segment,
                      "Index into Schedule.segments of the protocol this event belongs to.")
        .def_readonly("pending", &event::pending,
                      "Decisions not taken yet that it waits on (parameter names); [] when none.")
        .def_property_readonly(
            "window",
            [](const event& e) {
                return e.window ? std::optional(std::pair{e.window->earliest, e.window->latest})
                                : std::nullopt;
            },
            "(earliest, latest) dates it may fall on (\"Day 4, 5 or 6\"), within its cycle; None when fixed.")
        .def_property_readonly(
            "possible_date", [](const event& e) { return pair_of(e.possible_date); }, possible_doc)
        .def_property_readonly(
            "window_dates",
            [](const event& e) { return e.window ? e.window->dates : std::vector<day_point>{}; },
            "Every date it may fall on, ascending, the planned one among them, when its window is a list "
            "(\"Day 8 or Day 15\"); [] for a range or no window.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const event& e) {
            return fmt::format("<ttplan.Event {} {} day {}: {}>", format_date(e.date), e.phase, e.day, e.activity);
        });
    bind_timing<event>(event_class);
    event_class.def_property_readonly(
        "after",
        [](const event& e) -> std::optional<std::pair<std::string, std::int32_t>> {
            if (!e.timing.after) return std::nullopt;
            return std::pair{e.timing.after->activity, e.timing.after->hours};
        },
        "(activity, hours) when the event is given that many hours after an event of that activity, else "
        "None.");

    py::class_<span> span_class(
        m, "Span",
        "A continuous stretch: a protocol track (phase \"\") or continuous therapy within a "
        "phase occurrence. Dates inclusive.");
    span_class.def_readonly("activity", &span::activity)
        .def_property_readonly("category", [](const span& s) { return std::string(to_string(s.category)); })
        .def_readonly("first", &span::first)
        .def_readonly("last", &span::last)
        .def_readonly("phase", &span::phase, "The phase id, \"\" for a protocol track.")
        .def_readonly("cycle", &span::cycle)
        .def_readonly("first_day", &span::first_day)
        .def_readonly("last_day", &span::last_day)
        .def_readonly("tentative", &span::tentative)
        .def_readonly("note", &span::note)
        .def_readonly("segment", &span::segment,
                      "Index into Schedule.segments of the protocol this span belongs to.")
        .def_readonly("pending", &span::pending,
                      "Decisions not taken yet that it waits on (parameter names); [] when none.")
        .def_property_readonly(
            "ending", [](const span& t) { return std::string(to_string(t.ending)); },
            "\"none\", or \"switch\" when it ends early because the plan switched to another protocol.")
        .def_property_readonly(
            "possible_start", [](const span& t) { return pair_of(t.possible_first); }, possible_doc)
        .def_property_readonly(
            "possible_end", [](const span& t) { return pair_of(t.possible_last); }, possible_doc)
        .def_property_readonly("days", &span::days)
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const span& s) {
            return fmt::format("<ttplan.Span {} {} to {}>", s.activity, format_date(s.first),
                               format_date(s.last));
        });
    bind_timing<span>(span_class);

    py::class_<phase_total>(m, "PhaseTotal", "Totals for one phase id over all its occurrences.")
        .def_readonly("phase", &phase_total::phase)
        .def_readonly("name", &phase_total::name)
        .def_readonly("occurrences", &phase_total::occurrences)
        .def_readonly("days", &phase_total::days)
        .def_readonly("first", &phase_total::first)
        .def_readonly("last", &phase_total::last)
        .def_readonly("segment", &phase_total::segment,
                      "Index into Schedule.segments of the phase's protocol.");

    py::class_<segment>(m, "Segment",
                        "One protocol's stretch of a plan: the main protocol from the start, then each "
                        "protocol the plan continued with.")
        .def_readonly("protocol", &segment::protocol, "ttplan.ProtocolInfo: id, title, version.")
        .def_property_readonly(
            "parameters", [](const segment& g) { return typed_dict(g.parameters); },
            "Resolved parameter values, typed as declared: bool, int or str (a choice is always a str).")
        .def_readonly("start", &segment::start, "The day this protocol's plan starts (datetime.date).")
        .def_readonly("reason", &segment::reason, "Why it starts there; \"\" for the first.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const segment& g) {
            return fmt::format("<ttplan.Segment {} from {}>", g.protocol.id, format_date(g.start));
        });

    py::class_<decision>(
        m, "Decision", "A decision taken during treatment: a parameter the protocol decides at a phase day.")
        .def_readonly("parameter", &decision::parameter)
        .def_readonly("date", &decision::date, "The day it is taken (datetime.date).")
        .def_readonly("phase", &decision::phase, "The phase id it is taken in.")
        .def_readonly("day", &decision::day, "Its day number in that phase.")
        .def_readonly("cycle", &decision::cycle)
        .def_readonly("decided_by", &decision::decided_by, "What decides it.")
        .def_readonly("options", &decision::options, "Every option, as canonical text.")
        .def_readonly("value", &decision::value, "The value given, or None while pending.")
        .def_readonly("assumed", &decision::assumed,
                      "The branch the plan follows: the value, or the default.")
        .def_property_readonly("pending", &decision::pending, "True while no value is given.")
        .def_readonly("tentative", &decision::tentative,
                      "Its date follows a clinical gate or an uncertain length.")
        .def_property_readonly(
            "possible_date", [](const decision& d) { return pair_of(d.possible_date); }, possible_doc)
        .def_readonly("segment", &decision::segment, "Index into Schedule.segments.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const decision& d) {
            return fmt::format("<ttplan.Decision {} on {}: {}>", d.parameter, format_date(d.date),
                               d.value ? *d.value : "pending");
        });

    py::class_<schedule>(m, "Schedule", "One patient's dated plan: phases, events and spans.")
        .def_property_readonly("protocol", &schedule::protocol, "ttplan.ProtocolInfo: id, title, version.")
        .def_property_readonly(
            "parameters", [](const schedule& s) { return typed_dict(s.parameters()); },
            "The main protocol's resolved parameter values, typed as declared: bool, int or str.")
        .def_property_readonly("start", &schedule::start, "The first day (datetime.date).")
        .def_property_readonly("end", &schedule::end, "The last day with anything planned, inclusive.")
        .def_property_readonly("total_days", &schedule::total_days, "Days from start to end inclusive.")
        .def_property_readonly(
            "possible_end", [](const schedule& s) { return pair_of(s.possible_end()); },
            "(earliest, latest) dates uncertain lengths may put the end on; None when it cannot move.")
        .def_property_readonly(
            "treatment_days", &schedule::treatment_days,
            "Distinct dates with an event or continuous therapy (a span other than a restriction).")
        .def_property_readonly("clinic_days", &schedule::clinic_days, "Distinct dates with an event.")
        .def_property_readonly("phases", &schedule::phases,
                               "Phase occurrences by date (list of ttplan.Phase).")
        .def_property_readonly("events", &schedule::events,
                               "Dated activities by date (list of ttplan.Event).")
        .def_property_readonly("spans", &schedule::spans,
                               "Continuous stretches by date (list of ttplan.Span).")
        .def_property_readonly("decisions", &schedule::decisions,
                               "Decisions taken during treatment, by date (list of ttplan.Decision).")
        .def_property_readonly("segments", &schedule::segments,
                               "Every protocol of the plan, the main one first (list of ttplan.Segment).")
        .def("events_on", &schedule::events_on, "day"_a, "Events dated `day` (a datetime.date).")
        .def("active_on", &schedule::active_on, "day"_a, "Phase occurrences covering `day`.")
        .def("spans_on", &schedule::spans_on, "day"_a, "Spans covering `day`.")
        .def("totals_by_phase", &schedule::totals_by_phase,
             "Per phase of each segment, in order of first occurrence.")
        .def(
            "protocol_of",
            [](const schedule& s, const phase_occurrence& p) { return s.segment_of(p).protocol.id; },
            "item"_a, "Id of the protocol a Phase, Event, Span or PhaseTotal of this plan belongs to.")
        .def(
            "protocol_of", [](const schedule& s, const event& e) { return s.segment_of(e).protocol.id; },
            "item"_a)
        .def(
            "protocol_of", [](const schedule& s, const span& t) { return s.segment_of(t).protocol.id; },
            "item"_a)
        .def(
            "protocol_of",
            [](const schedule& s, const phase_total& t) { return s.segment_of(t).protocol.id; }, "item"_a)
        .def(
            "summary_text", [](const schedule& s) { return summary_text(s); },
            "How long each phase and the whole treatment take, as `ttplan summary` prints it. For "
            "people; totals_by_phase() gives the figures.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const schedule& s) {
            return fmt::format("<ttplan.Schedule {} {} to {}>", s.protocol().id, format_date(s.start()),
                               format_date(s.end()));
        });

    m.def(
        "make_schedule",
        [](const protocol& p, day_point start, const parameter_values& values, const std::vector<actual_tuple>& actuals,
           const std::vector<int>& closed, const std::vector<day_point>& holidays,
           const std::map<std::string, std::string>& shift, const std::vector<fact_text>& facts) {
            return planner(p, values).plan(start, make_facts(make_actuals(actuals), facts),
                                           make_calendar(closed, holidays, shift));
        },
        "protocol"_a, "start"_a, "parameters"_a = parameter_values{}, "actuals"_a = py::list(),
        "closed_weekdays"_a = std::vector<int>{}, "holidays"_a = std::vector<day_point>{},
        "shift"_a = std::map<std::string, std::string>{}, "facts"_a = std::vector<fact_text>{},
        "Plans `protocol` from `start`. parameters: name -> canonical text. actuals: (phase, cycle or None, "
        "actual start date or None, delay in days). closed_weekdays: 0 = Sunday ... 6 = Saturday. shift: "
        "category (or \"all\") -> \"next\" | \"previous\" | \"keep\". facts: (kind, text) as `ttplan record "
        "add --KIND TEXT` takes them.");
    m.def(
        "continue_schedule",
        [](const schedule& so_far, const std::string& at, const std::string& phase, std::optional<day_point> on,
           const std::string& reason, const protocol& next, const parameter_values& values,
           const std::vector<actual_tuple>& actuals, const std::vector<int>& closed,
           const std::vector<day_point>& holidays, const std::map<std::string, std::string>& shift) {
            return continue_with(so_far, make_switch(at, phase, on, reason), planner(next, values),
                                 make_actuals(actuals), make_calendar(closed, holidays, shift));
        },
        "so_far"_a, "at"_a, "phase"_a, "on"_a, "reason"_a, "next"_a, "parameters"_a = parameter_values{},
        "actuals"_a = py::list(), "closed_weekdays"_a = std::vector<int>{}, "holidays"_a = std::vector<day_point>{},
        "shift"_a = std::map<std::string, std::string>{},
        "Continues `so_far` with protocol `next`. at: \"end\" (the day after the plan so far ends), \"phase\" "
        "(the day after the last occurrence of `phase` ends) or \"date\" (on `on`). Other arguments as for "
        "make_schedule, for `next`.");
    m.def(
        "plan_branches",
        [](const protocol& p, day_point start, const parameter_values& values,
           const std::vector<actual_tuple>& actuals, const std::vector<int>& closed,
           const std::vector<day_point>& holidays, const std::map<std::string, std::string>& shift,
           const std::vector<std::string>& decisions, const std::vector<fact_text>& facts) {
            profile pr{start, values, make_facts(make_actuals(actuals), facts), make_calendar(closed, holidays, shift)};
            return plan_branches(p, pr, decisions);
        },
        "protocol"_a, "start"_a, "parameters"_a = parameter_values{}, "actuals"_a = py::list(),
        "closed_weekdays"_a = std::vector<int>{}, "holidays"_a = std::vector<day_point>{},
        "shift"_a = std::map<std::string, std::string>{}, "decisions"_a = std::vector<std::string>{},
        "facts"_a = std::vector<fact_text>{},
        "Every branch of the decisions named (all open ones when none): a list of (label, Schedule). Other "
        "arguments as for make_schedule.");
    m.def("parse_date", &parse_date, "text"_a, "A date from \"YYYY-MM-DD\"; raises InvalidValueError naming the text.");

    // The clinic-calendar words, from the library's tables, so the package spells none itself.
    std::vector<std::string> weekdays(weekday_names.begin(), weekday_names.end());
    m.attr("WEEKDAYS") = py::tuple(py::cast(weekdays));
    std::vector<std::string> rules;
    for (shift_rule r : all_shift_rules) rules.emplace_back(to_string(r));
    m.attr("SHIFT_RULES") = py::tuple(py::cast(rules));
    m.def(
        "parse_weekday", [](std::string_view text) { return parse_weekday(text).c_encoding(); }, "text"_a,
        "0 (Sunday) ... 6 (Saturday) for a weekday word (\"sat\", \"Saturday\"); raises InvalidValueError "
        "listing the words.");
}

}  // namespace ttplan::python
