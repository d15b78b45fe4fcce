// Treatment records: creation, revisions and their checks, folding the history into a profile,
// and the pin on the protocol. The file form is in record_json.cpp.
#include <ttplan/error.hpp>
#include <ttplan/fact_text.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/record.hpp>

#include "builtin_data.hpp"
#include "fnv1a.hpp"
#include "record_time.hpp"
#include "utf8_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <random>

namespace ttplan {

namespace {

template <class... F>
struct overloaded : F... {
    using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

std::string occurrence_label(const std::string& phase, std::optional<std::int32_t> cycle) {
    return cycle ? fmt::format("{}#{}", phase, *cycle) : phase;
}

// The thing a fact is about: a later fact with the same key replaces an earlier one. A
// missing cycle is cycle 1 (docs/semantics.md), except for a stop, where it means "the
// phase, whichever cycle holds the date". Moving and holding an event are facts about the
// same event, so the later of the two stands.
std::string fold_key(const record_fact& f) {
    const auto cycle_1 = [](const std::string& phase, std::optional<std::int32_t> cycle) {
        return fmt::format("{}#{}", phase, cycle.value_or(1));
    };
    const auto event = [&](const event_key& e) {
        return fmt::format("event|{}:{}:{}", cycle_1(e.phase, e.cycle), e.day, e.activity);
    };
    return std::visit(
        overloaded{
            [&](const actual_start& a) { return "start|" + cycle_1(a.phase, a.cycle); },
            [&](const event_moved& m) { return event(m.event); },
            [&](const event_held& h) { return event(h.event); },
            [&](const event_added& a) {
                return fmt::format("added|{}|{}|{}", cycle_1(a.phase, a.cycle), format_date(a.date),
                                   a.activity);
            },
            [&](const phase_paused& p) {
                return fmt::format("pause|{}|{}", cycle_1(p.phase, p.cycle), format_date(p.from));
            },
            [&](const phase_stopped& s) { return "stop|" + occurrence_label(s.phase, s.cycle); },
            [&](const track_changed& t) {
                return fmt::format("track|{}|{}", t.track,
                                   t.what == track_changed::change::started ? "start" : "stop");
            },
            [&](const gate_resolved& g) { return "gate|" + g.phase; },
            [&](const decision_taken& d) { return "decision|" + d.parameter; },
            // Each re-pin stands on its own; none changes a date.
            [&](const protocol_repinned& p) { return "repin|" + p.to_digest; },
        },
        f);
}

bool is_lower_hex(std::string_view text, std::size_t size) {
    return text.size() == size && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string decided_names(const protocol& p) {
    std::string out;
    for (const parameter& q : p.parameters) {
        if (q.decided) out += (out.empty() ? "" : ", ") + q.name;
    }
    return out.empty() ? "none" : out;
}

// A decision may only give a parameter its protocol leaves to be decided during treatment;
// the rest are the patient's before the record is made.
void check_decision(const protocol& p, const decision_taken& d, const location& where) {
    const auto it = std::find_if(p.parameters.begin(), p.parameters.end(),
                                 [&](const parameter& q) { return q.name == d.parameter; });
    if (it == p.parameters.end()) {
        throw parameter_error(fmt::format("{}: the protocol declares no parameter \"{}\" (decided during "
                                          "treatment: {})",
                                          to_string(record_fact{d}), d.parameter, decided_names(p)),
                              where);
    }
    if (!it->decided) {
        throw parameter_error(
            fmt::format("{}: parameter \"{}\" is not decided during treatment; its value is "
                        "given when the record is made (decided during treatment: {})",
                        to_string(record_fact{d}), d.parameter, decided_names(p)),
            where);
    }
}

// An actual start before the start of a phase it depends on contradicts the protocol's order
// of treatment: it is a mistake in the date, not a fact to plan around.
void check_actual_starts(const protocol& p, const profile& pr, const schedule& s,
                         const std::vector<record_fact>& latest, const std::string& revision_pointer) {
    const parameter_values resolved = resolve_parameters(p, pr.values);
    const auto first_of = [&](const std::string& phase, std::int32_t cycle) -> const phase_occurrence* {
        for (const phase_occurrence& o : s.phases()) {
            if (o.segment == 0 && o.phase == phase && o.cycle.value_or(1) == cycle) return &o;
        }
        return nullptr;
    };
    for (const actual_start& a : pr.facts.actuals) {
        const phase_occurrence* started = first_of(a.phase, a.cycle.value_or(1));
        if (started == nullptr) continue;
        for (const dependency& d : p.dependencies) {
            if (d.to != a.phase || !d.when.matches(resolved)) continue;
            const phase_occurrence* before = first_of(d.from, 1);
            if (before == nullptr || started->first >= before->first) continue;
            location where;
            const auto it = std::find(latest.begin(), latest.end(), record_fact{a});
            if (it != latest.end())
                where.pointer = fmt::format("{}/facts/{}", revision_pointer, it - latest.begin());
            throw planning_error(fmt::format("{}: {} would start on {}, before {} it depends on starts on {}",
                                             to_string(record_fact{a}), occurrence_label(a.phase, a.cycle),
                                             format_date(started->first), d.from, format_date(before->first)),
                                 where);
        }
    }
}

void check_recorded_at(std::int64_t t, const location& where) {
    if (!detail::valid_record_time(t)) {
        throw value_error(fmt::format("{} is not a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z "
                                      "(seconds since 1970)",
                                      t),
                          where);
    }
}

}  // namespace

std::string_view kind_of(const record_fact& f) {
    static constexpr std::string_view names[] = {
        "actual_start",  "event_moved",   "event_held",    "event_added",    "phase_paused",
        "phase_stopped", "track_changed", "gate_resolved", "decision_taken", "protocol_repinned"};
    static_assert(std::size(names) == std::variant_size_v<record_fact>);
    return names[f.index()];
}

std::string to_string(const record_fact& f) {
    // Names and notes come from files and options: one line, safe on a terminal.
    return detail::one_line_text(std::visit(
        overloaded{
            [](const actual_start& a) {
                const std::string what = occurrence_label(a.phase, a.cycle);
                if (a.start) return fmt::format("{} started on {}", what, format_date(*a.start));
                if (a.delay_days == 0) return fmt::format("{} started as planned", what);
                return fmt::format("{} started {} day{} {}", what, std::abs(a.delay_days),
                                   std::abs(a.delay_days) == 1 ? "" : "s",
                                   a.delay_days > 0 ? "late" : "early");
            },
            [](const event_moved& m) {
                return fmt::format("{} given on {}", to_string(m.event), format_date(m.date));
            },
            [](const event_held& h) { return fmt::format("{} held", to_string(h.event)); },
            [](const event_added& a) {
                std::string out = fmt::format("{} ({}) added to {} on {}", a.activity, to_string(a.category),
                                              occurrence_label(a.phase, a.cycle), format_date(a.date));
                if (!a.note.empty()) out += ": " + a.note;
                return out;
            },
            [](const phase_paused& p) {
                return fmt::format("{} paused for {} day{} from {}", occurrence_label(p.phase, p.cycle),
                                   p.days, p.days == 1 ? "" : "s", format_date(p.from));
            },
            [](const phase_stopped& s) {
                return fmt::format("{} stopped on {}", occurrence_label(s.phase, s.cycle), format_date(s.on));
            },
            [](const track_changed& t) {
                return fmt::format("{} {} on {}", t.track,
                                   t.what == track_changed::change::started ? "started" : "stopped",
                                   format_date(t.date));
            },
            [](const gate_resolved& g) {
                return fmt::format("{} cleared to start on {}", g.phase, format_date(g.date));
            },
            [](const decision_taken& d) {
                std::string out =
                    fmt::format("{} decided: {} on {}", d.parameter, d.value, format_date(d.date));
                if (!d.decided_by.empty()) out += fmt::format(" ({})", d.decided_by);
                return out;
            },
            [](const protocol_repinned& p) {
                return fmt::format("protocol re-pinned from version {} ({}) to version {} ({})",
                                   p.from_version.empty() ? "(none)" : p.from_version, p.from_digest,
                                   p.to_version.empty() ? "(none)" : p.to_version, p.to_digest);
            },
        },
        f));
}

std::string describe(const treatment_record& r) {
    // Everything but the numbers and dates comes from the file: each piece is made one line,
    // without control characters, so that the listing cannot drive a terminal.
    const auto safe = [](std::string_view text) { return detail::one_line_text(text); };
    std::string out = fmt::format("Treatment record, calendar id {}\n", safe(r.calendar_id));
    out +=
        fmt::format("Protocol: {} \"{}\" version {} ({}, {})\n", safe(r.pinned.copy.id),
                    safe(r.pinned.copy.title), r.pinned.version.empty() ? "(none)" : safe(r.pinned.version),
                    safe(r.pinned.origin), safe(r.pinned.digest));
    out += fmt::format("Start: {}\n", format_date(r.start));
    if (!r.values.empty()) {
        std::string values;
        for (const auto& [name, value] : r.values) {
            values += fmt::format("{}{}={}", values.empty() ? "" : ", ", safe(name), safe(value));
        }
        out += fmt::format("Parameters: {}\n", values);
    }
    for (const revision& rev : r.history) {
        out += fmt::format("\nRevision {}, {}{}\n", rev.number, format_record_time(rev.recorded_at),
                           rev.number == 1 ? ": record made" : "");
        for (const record_fact& f : rev.facts) out += fmt::format("  - {}\n", to_string(f));
    }
    if (const auto change = builtin_changed(r)) out += fmt::format("\nNote: {}\n", change->message());
    return out;
}

std::optional<std::string> pinned_protocol::builtin_id() const {
    constexpr std::string_view prefix = "builtin:";
    if (!origin.starts_with(prefix)) return std::nullopt;
    return origin.substr(prefix.size());
}

std::string protocol_digest(const protocol& p) {
    return fmt::format("fnv1a64:{:016x}", detail::fnv1a_64(to_json(p)));
}

std::string new_calendar_id() {
    std::random_device device;
    std::string out;
    // random_device yields unsigned int; four draws of 32 bits make the 128.
    for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
    return out;
}

std::string protocol_origin(std::string_view id_or_path) {
    for (const detail::builtin_file& f : detail::builtin_files()) {
        if (f.id == id_or_path) return fmt::format("builtin:{}", f.id);
    }
    return std::string(id_or_path);
}

treatment_record create_record(protocol p, std::string origin, day_point start, parameter_values values,
                               std::int64_t recorded_at, std::string calendar_id) {
    if (!is_lower_hex(calendar_id, 32)) {
        throw value_error(
            fmt::format("calendar id \"{}\" is not 32 lowercase hex digits (128 random bits)", calendar_id),
            location{"", "/calendar_id", 0, 0});
    }
    check_recorded_at(recorded_at, location{"", "/history/0/recorded_at", 0, 0});
    // A record that cannot be planned is no use to anyone: refuse it now, not at the first plan.
    make_schedule(p, profile{start, values, {}, {}});
    treatment_record r;
    r.calendar_id = std::move(calendar_id);
    r.pinned.origin = std::move(origin);
    r.pinned.version = p.version;
    r.pinned.digest = protocol_digest(p);
    r.pinned.copy = std::move(p);
    r.start = start;
    r.values = std::move(values);
    r.history.push_back(revision{1, recorded_at, {}});
    return r;
}

namespace {

// Where the planner's refusal of the last revision lies: the pointer of its first fact that the
// plan refuses on its own, or of the revision's facts when only several together are refused.
std::string refused_fact(const treatment_record& r, const std::string& at) {
    const auto& facts = r.history.back().facts;
    if (facts.size() > 1) {
        for (std::size_t i = 0; i < facts.size(); ++i) {
            treatment_record alone = r;
            alone.history.back().facts = {facts[i]};
            try {
                make_schedule(alone.pinned.copy, profile_of(alone));
            } catch (const planning_error&) {
                return fmt::format("{}/facts/{}", at, i);
            }
        }
        return at + "/facts";
    }
    return at + "/facts/0";
}

// Appends a revision and plans the whole history with the record's pinned copy: the planner's
// own errors (a fact naming nothing in the plan, a value not allowed) say what is wrong with a
// fact, and pass through unchanged.
treatment_record append_checked(treatment_record next, std::vector<record_fact> facts,
                                std::int64_t recorded_at, bool locate_refusal = true) {
    const std::string at = fmt::format("/history/{}", next.history.size());
    check_recorded_at(recorded_at, location{"", at + "/recorded_at", 0, 0});
    if (next.history.size() >= max_record_revisions) {
        throw value_error(fmt::format("the record has {} revisions already, the most a record holds (docs/limits.md)",
                                      next.history.size()),
                          location{"", at, 0, 0});
    }
    std::size_t fact_count = facts.size();
    for (const revision& rev : next.history) fact_count += rev.facts.size();
    if (fact_count > max_record_facts) {
        throw value_error(fmt::format("the record would hold {} facts; a record holds at most {} (docs/limits.md)",
                                      fact_count, max_record_facts),
                          location{"", at + "/facts", 0, 0});
    }
    next.history.push_back(revision{next.last_revision() + 1, recorded_at, std::move(facts)});
    const profile pr = profile_of(next);
    std::optional<schedule> planned;
    try {
        planned.emplace(make_schedule(next.pinned.copy, pr));
    } catch (const planning_error& e) {
        if (!locate_refusal) throw;
        throw planning_error(e.message(), location{"", refused_fact(next, at), 0, 0});
    }
    const schedule& s = *planned;
    check_actual_starts(next.pinned.copy, pr, s, next.history.back().facts, at);
    return next;
}

}  // namespace

treatment_record add_revision(const treatment_record& r, std::vector<record_fact> facts,
                              std::int64_t recorded_at) {
    const std::string at = fmt::format("/history/{}", r.history.size());
    if (facts.empty())
        throw value_error("a revision records at least one fact", location{"", at + "/facts", 0, 0});
    for (std::size_t i = 0; i < facts.size(); ++i) {
        const location where{"", fmt::format("{}/facts/{}", at, i), 0, 0};
        if (const auto* d = std::get_if<decision_taken>(&facts[i])) check_decision(r.pinned.copy, *d, where);
        if (std::holds_alternative<protocol_repinned>(facts[i])) {
            throw value_error("a re-pin is recorded by repin(), which pins the new protocol with it", where);
        }
    }
    return append_checked(r, std::move(facts), recorded_at);
}

treatment_record repin(const treatment_record& r, protocol p, std::string origin, std::int64_t recorded_at) {
    const std::string digest = protocol_digest(p);
    if (p.id != r.pinned.copy.id) {
        throw value_error(
            fmt::format("the record follows protocol \"{}\", not \"{}\": a record is re-pinned to "
                        "another edition of its own protocol only",
                        r.pinned.copy.id, p.id));
    }
    if (digest == r.pinned.digest) {
        throw value_error(fmt::format("the record is already pinned to this protocol ({})", digest));
    }
    treatment_record next = r;
    const protocol_repinned fact{r.pinned.version, r.pinned.digest, p.version, digest};
    next.pinned = pinned_protocol{std::move(origin), p.version, digest, std::move(p)};
    // What the new edition refuses is an earlier fact, which its message names.
    return append_checked(std::move(next), {fact}, recorded_at, false);
}

profile profile_of(const treatment_record& r, const clinic_calendar& calendar) {
    std::vector<std::pair<std::string, const record_fact*>> folded;
    for (const revision& rev : r.history) {
        for (const record_fact& f : rev.facts) {
            std::string key = fold_key(f);
            std::erase_if(folded, [&](const auto& entry) { return entry.first == key; });
            folded.emplace_back(std::move(key), &f);
        }
    }
    profile pr{r.start, r.values, {}, calendar};
    treatment_facts& out = pr.facts;
    for (const auto& [key, f] : folded) {
        if (const auto* d = std::get_if<decision_taken>(f)) {
            pr.values[d->parameter] = d->value;
        } else if (!std::holds_alternative<protocol_repinned>(*f)) {
            add_fact(out, *f);
        }
    }
    return pr;
}

schedule plan(const treatment_record& r, const clinic_calendar& calendar) {
    return make_schedule(r.pinned.copy, profile_of(r, calendar));
}

schedule plan_at(const treatment_record& r, std::int32_t number, const clinic_calendar& calendar) {
    const auto it = std::find_if(r.history.begin(), r.history.end(),
                                 [&](const revision& rev) { return rev.number == number; });
    if (it == r.history.end())
        throw value_error(fmt::format("the record has no revision {}: its revisions are 1 to {}", number,
                                      r.last_revision()));
    treatment_record earlier = r;
    earlier.history.erase(earlier.history.begin() + (it - r.history.begin()) + 1, earlier.history.end());
    return plan(earlier, calendar);
}

std::string render(const treatment_record& r, std::string_view format, render_options options,
                   const clinic_calendar& calendar, earlier_revisions earlier) {
    const auto refuse = [](bool given, std::string_view what) {
        if (given) throw value_error(fmt::format("a treatment record gives its calendar's {}: leave it unset", what));
    };
    refuse(!options.calendar_id.empty(), "id");
    refuse(options.sequence != 0, "sequence (its last revision)");
    refuse(!options.previous.empty(), "earlier revisions");
    options.calendar_id = r.calendar_id;
    options.sequence = r.last_revision();
    if (!options.timestamp && !r.history.empty()) options.timestamp = r.history.back().recorded_at;
    // Only iCalendar cancels what earlier revisions had; other formats need not plan them.
    std::vector<schedule> plans;
    if (format == "ics" && earlier == earlier_revisions::cancelled) {
        for (const revision& rev : r.history) {
            if (rev.number < r.last_revision()) plans.push_back(plan_at(r, rev.number, calendar));
        }
        for (const schedule& e : plans) options.previous.push_back(&e);
    }
    return render(plan(r, calendar), format, options);
}

std::vector<change> changes_since(const treatment_record& r, std::optional<std::int32_t> since,
                                  const clinic_calendar& calendar) {
    render_options options;
    options.calendar_id = r.calendar_id;
    const schedule before = plan_at(r, since.value_or(std::max(r.last_revision() - 1, 1)), calendar);
    return changes(before, plan(r, calendar), options);
}

std::string pin_change::message() const {
    const auto version = [](const std::string& v) { return v.empty() ? std::string("(no version)") : v; };
    const std::string now = still_built_in ? fmt::format("the built-in is now version {} ({})",
                                                         version(current_version), current_digest)
                                           : std::string("this ttplan no longer has that built-in");
    // One line, safe on a terminal: the id and versions come from a file.
    return detail::one_line_text(
        fmt::format("the built-in protocol \"{}\" has changed since this record was made: the record pins "
                    "version {} ({}), {}. The record keeps planning with its pinned copy; to follow the "
                    "built-in as it is now, re-pin the record (ttplan record repin), or make a new record "
                    "from it (ttplan record new {}) and record the facts again.",
                    builtin_id, version(pinned_version), pinned_digest, now, builtin_id));
}

std::optional<pin_change> builtin_changed(const treatment_record& r) {
    const std::optional<std::string> id = r.pinned.builtin_id();
    if (!id) return std::nullopt;
    pin_change change{*id, r.pinned.version, r.pinned.digest, true, {}, {}};
    const auto& files = detail::builtin_files();
    if (std::none_of(files.begin(), files.end(),
                     [&](const detail::builtin_file& f) { return f.id == *id; })) {
        change.still_built_in = false;
        return change;
    }
    const protocol current = load_builtin(*id);
    change.current_version = current.version;
    change.current_digest = protocol_digest(current);
    if (change.current_digest == r.pinned.digest) return std::nullopt;
    return change;
}

}  // namespace ttplan
