// The C API over the C++ library. Every entry point runs its body through guarded(), the one
// place where exceptions become status codes and messages; nothing else here catches.
#include "c_api.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

ttplan_timing_info ttplan_schedule::timing_info(const ttplan::timing& t) {
    std::string times;
    for (const auto c : t.times) times += (times.empty() ? "" : ",") + c.to_string();
    return {t.per_day.value_or(0),
            t.every_hours.value_or(0),
            keep(std::move(times)),
            t.duration ? static_cast<long>(t.duration->count()) : 0L,
            t.after ? t.after->activity.c_str() : nullptr,
            t.after ? t.after->hours : 0};
}

ttplan_schedule::ttplan_schedule(ttplan::schedule s) : value(std::move(s)) {
    using ttplan::format_date;
    start = keep(format_date(value.start()));
    end = keep(format_date(value.end()));
    const auto possible_end = value.possible_end();
    possible_end_earliest = earliest(possible_end);
    possible_end_latest = latest(possible_end);
    // to_string(ending_reason) returns static text; protocol ids live in value's segments.
    for (const auto& p : value.phases()) {
        phases.push_back({p.phase.c_str(),
                          p.name.c_str(),
                          p.kind.c_str(),
                          p.cycle.value_or(0),
                          p.variant.c_str(),
                          keep(format_date(p.first)),
                          keep(format_date(p.last)),
                          p.first_day,
                          static_cast<int>(p.days()),
                          p.tentative,
                          ttplan::to_string(p.ending).data(),
                          value.segment_of(p).protocol.id.c_str(),
                          p.segment,
                          keep_list(p.pending),
                          p.start_window ? keep(format_date(p.start_window->earliest)) : nullptr,
                          p.start_window ? keep(format_date(p.start_window->latest)) : nullptr,
                          earliest(p.possible_first),
                          latest(p.possible_first),
                          earliest(p.possible_last),
                          latest(p.possible_last),
                          keep_dates(p.start_window)});
    }
    for (const auto& e : value.events()) {
        events.push_back({keep(format_date(e.date)), e.phase.c_str(), e.cycle.value_or(0), e.day,
                          e.activity.c_str(), keep(std::string(ttplan::to_string(e.category))), e.tentative,
                          e.planned_date ? keep(format_date(*e.planned_date)) : nullptr, e.note.c_str(),
                          value.segment_of(e).protocol.id.c_str(), e.segment, keep_list(e.pending),
                          timing_info(e.timing), e.window ? keep(format_date(e.window->earliest)) : nullptr,
                          e.window ? keep(format_date(e.window->latest)) : nullptr, earliest(e.possible_date),
                          latest(e.possible_date), keep_dates(e.window)});
    }
    for (const auto& t : value.spans()) {
        spans.push_back({t.activity.c_str(),
                         keep(std::string(ttplan::to_string(t.category))),
                         keep(format_date(t.first)),
                         keep(format_date(t.last)),
                         t.phase.c_str(),
                         t.cycle.value_or(0),
                         t.first_day,
                         t.last_day,
                         static_cast<int>(t.days()),
                         t.tentative,
                         t.note.c_str(),
                         ttplan::to_string(t.ending).data(),
                         value.segment_of(t).protocol.id.c_str(),
                         t.segment,
                         keep_list(t.pending),
                         timing_info(t.timing),
                         earliest(t.possible_first),
                         latest(t.possible_first),
                         earliest(t.possible_last),
                         latest(t.possible_last)});
    }
    for (const auto& seg : value.segments()) {
        segments.push_back({seg.protocol.id.c_str(), seg.protocol.title.c_str(), seg.protocol.version.c_str(),
                            keep(format_date(seg.start)), seg.reason.c_str(), seg.parameters.size()});
        auto& params = segment_parameters.emplace_back();
        for (const auto& [name, v] : seg.parameters) params.emplace_back(name.c_str(), v.text.c_str());
    }
    for (const auto& d : value.decisions()) {
        decisions.push_back({d.parameter.c_str(), keep(format_date(d.date)), d.phase.c_str(),
                             d.cycle.value_or(0), d.day, d.decided_by.c_str(),
                             d.value ? d.value->c_str() : nullptr, d.assumed.c_str(), d.pending(),
                             d.tentative, value.segment_of(d).protocol.id.c_str(), d.segment,
                             d.options.size(), earliest(d.possible_date), latest(d.possible_date)});
    }
}

namespace ttplan::c_api {

struct thread_error {
    std::string message;
    location where;
};
thread_local thread_error last_error;

ttplan_status keep_error(const handle_base* handle, ttplan_status status, const char* message,
                         const location& where) noexcept {
    try {
        last_error.message = message;
        last_error.where = where;
        if (handle != nullptr) {
            std::lock_guard lock(handle->mutex);
            handle->last_error = message;
        }
    } catch (...) {
        // Out of memory while keeping the message: the status still tells the family.
    }
    return status;
}

// The C status of each error family, in error_code order.
struct family_status {
    error_code code;
    ttplan_status status;
};
constexpr std::array<family_status, error_code_count> family_statuses{{
    {error_code::generic, TTPLAN_ERROR},
    {error_code::io, TTPLAN_ERROR_IO},
    {error_code::parse, TTPLAN_ERROR_PARSE},
    {error_code::validation, TTPLAN_ERROR_VALIDATION},
    {error_code::parameter, TTPLAN_ERROR_PARAMETER},
    {error_code::planning, TTPLAN_ERROR_PLANNING},
    {error_code::value, TTPLAN_ERROR_VALUE},
}};
static_assert(TTPLAN_ERROR - TTPLAN_ERROR_VALUE + 1 == static_cast<int>(error_code_count),
              "ttplan.h has one family status per error_code");

// Each row sits at its code's index, its status is one of the family statuses TTPLAN_ERROR
// down to TTPLAN_ERROR_VALUE, and no two rows share one: with one row per code (the array's
// type), every code has a status and every family status a code.
constexpr bool one_status_per_family() {
    for (std::size_t i = 0; i < family_statuses.size(); ++i) {
        if (static_cast<std::size_t>(family_statuses[i].code) != i) return false;
        if (family_statuses[i].status > TTPLAN_ERROR || family_statuses[i].status < TTPLAN_ERROR_VALUE)
            return false;
        for (std::size_t j = 0; j < i; ++j) {
            if (family_statuses[j].status == family_statuses[i].status) return false;
        }
    }
    return true;
}
static_assert(one_status_per_family(),
              "family_statuses: one row per error_code, in order, statuses distinct");

ttplan_status status_of(error_code code) noexcept {
    const auto i = static_cast<std::size_t>(code);
    return i < family_statuses.size() ? family_statuses[i].status : TTPLAN_ERROR;
}






const std::vector<catalog_entry>& catalog() {
    static const std::vector<catalog_entry> entries = builtin_protocols();
    return entries;
}

// The format table with NUL-terminated strings, built once: the library's are string_views.
struct c_format {
    std::string name;
    std::string suffixes;  // ".html .htm"
    std::string summary;
};

const std::vector<c_format>& format_table() {
    static const std::vector<c_format> table = [] {
        std::vector<c_format> out;
        for (const auto& f : ttplan::formats()) {
            c_format c{std::string(f.name), {}, std::string(f.summary)};
            for (std::string_view suffix : f.suffixes)
                c.suffixes += (c.suffixes.empty() ? "" : " ") + std::string(suffix);
            out.push_back(std::move(c));
        }
        return out;
    }();
    return table;
}

size_t copy_error(const handle_base* handle, char* buffer, size_t size) noexcept {
    if (handle == nullptr) {
        if (buffer != nullptr && size > 0) buffer[0] = '\0';
        return 0;
    }
    std::lock_guard lock(handle->mutex);
    const auto& message = handle->last_error;
    if (buffer != nullptr && size > 0) {
        const size_t n = std::min(size - 1, message.size());
        std::memcpy(buffer, message.data(), n);
        buffer[n] = '\0';
    }
    return message.size();
}

day_point date_arg(const char* text, const char* what) { return parse_date(need_text(text, what)); }

// The C++ inputs a profile handle stands for, as ttplan_plan and ttplan_schedule_continue hand
// them to the planner; NULL = no parameters (defaults), actual dates or clinic calendar.
const profile& inputs_of(const ttplan_profile* handle) {
    static const profile none{};
    return handle != nullptr ? handle->value : none;
}

// TTPLAN_SWITCH_* and its `where` as a switch point; an empty reason lets ttplan describe it.
switch_point switch_arg(int at, const char* where, const char* reason) {
    std::string why = reason != nullptr ? reason : "";
    const auto need_where = [&](const char* what) {
        if (need_text(where, what)[0] == '\0') throw bad_argument(std::string(what) + " is empty");
        return where;
    };
    switch (at) {
    case TTPLAN_SWITCH_AFTER_END: return switch_point::at_end(std::move(why));
    case TTPLAN_SWITCH_AFTER_PHASE: return switch_point::after(need_where("the phase to switch after"), std::move(why));
    case TTPLAN_SWITCH_ON_DATE: return switch_point::on(parse_date(need_where("the switch date")), std::move(why));
    default:
        throw bad_argument("unknown switch kind " + std::to_string(at) +
                           "; use TTPLAN_SWITCH_AFTER_END (0), TTPLAN_SWITCH_AFTER_PHASE (1) or "
                           "TTPLAN_SWITCH_ON_DATE (2)");
    }
}

std::optional<std::int32_t> cycle_arg(int cycle) {
    if (cycle < 0) throw bad_argument("the cycle must be 0 (first) or a cycle number from 1");
    return cycle == 0 ? std::nullopt : std::optional<std::int32_t>(cycle);
}

render_options options_arg(const ttplan_render_options* c) {
    render_options o;
    if (c == nullptr) return o;
    if (c->calendar_id != nullptr) o.calendar_id = c->calendar_id;
    if (c->calendar_name != nullptr) o.calendar_name = c->calendar_name;
    if (c->has_timestamp != 0) o.timestamp = c->timestamp;
    o.sequence = c->sequence;
    o.csv = c->csv_phases != 0 ? render_options::csv_rows::phases : render_options::csv_rows::events;
    if (c->time_zone != nullptr) o.time_zone = c->time_zone;
    if (c->previous != nullptr) o.previous.push_back(&c->previous->value);
    if (c->remind == nullptr && c->remind_count != 0)
        throw bad_argument("remind is NULL but remind_count is " + std::to_string(c->remind_count));
    for (std::size_t i = 0; i < c->remind_count; ++i) {
        const std::string where = "remind[" + std::to_string(i) + "]";
        if (c->remind[i] == nullptr) throw bad_argument(where + " is NULL");
        try {
            o.remind.push_back(parse_remind(c->remind[i]));
        } catch (const value_error& e) {
            throw value_error(e.message(), location{where, {}, 0, 0});
        }
    }
    if (c->today != nullptr) {
        try {
            o.today = parse_date(c->today);
        } catch (const value_error& e) {
            throw value_error(e.message(), location{"today", {}, 0, 0});
        }
    }
    if (c->paper != nullptr) o.paper = parse_paper(c->paper);
    if (c->orientation != nullptr) o.orientation = parse_orientation(c->orientation);
    if (c->language != nullptr) o.language = c->language;
    return o;
}

// A malloc'd copy, so C callers free it with free() semantics whatever allocator C++ uses.
char* malloc_copy(const std::string& s) {
    auto* buffer = static_cast<char*>(std::malloc(s.size() + 1));
    if (buffer == nullptr) throw std::bad_alloc();
    std::memcpy(buffer, s.data(), s.size());
    buffer[s.size()] = '\0';
    return buffer;
}

std::string changes_in(const std::vector<change>& list, const char* format) {
    const std::string kind = need_text(format, "the format");
    if (kind != "text" && kind != "json") throw bad_argument("the format is \"text\" or \"json\"");
    return kind == "text" ? changes_to_text(list) : changes_to_json(list);
}


namespace {
template <class Info>
ttplan_status item_at(const ttplan_schedule* schedule, std::vector<Info> ttplan_schedule::*items, size_t index,
                      Info* out, const char* what) {
    return guarded(schedule, [&] {
        const auto& list = need(schedule, "the schedule").*items;
        need(out, "the output pointer");
        if (index >= list.size()) {
            throw bad_argument(std::string(what) + " index " + std::to_string(index) + " is out of range (" +
                               std::to_string(list.size()) + ")");
        }
        *out = list[index];
    });
}
}  // namespace
}  // namespace ttplan::c_api

using namespace ttplan::c_api;

extern "C" {

const char* ttplan_version(void) { return TTPLAN_VERSION_STRING; }
const char* ttplan_disclaimer(void) { return ttplan::disclaimer; }

const char* ttplan_status_string(ttplan_status status) {
    switch (status) {
    case TTPLAN_OK: return "ok";
    case TTPLAN_ERROR: return "error";
    case TTPLAN_ERROR_IO: return "io error";
    case TTPLAN_ERROR_PARSE: return "parse error";
    case TTPLAN_ERROR_VALIDATION: return "validation error";
    case TTPLAN_ERROR_PARAMETER: return "parameter error";
    case TTPLAN_ERROR_PLANNING: return "planning error";
    case TTPLAN_ERROR_VALUE: return "value error";
    case TTPLAN_ERROR_INVALID_ARGUMENT: return "invalid argument";
    case TTPLAN_ERROR_OUT_OF_MEMORY: return "out of memory";
    case TTPLAN_ERROR_INTERNAL: return "internal error";
    default: return "unknown status";
    }
}

const char* ttplan_last_error(void) { return last_error.message.c_str(); }

void ttplan_last_error_location(const char** file, const char** pointer, int* line, int* column) {
    set(file, last_error.where.file.c_str());
    set(pointer, last_error.where.pointer.c_str());
    set(line, last_error.where.line);
    set(column, last_error.where.column);
}

void ttplan_free(void* buffer) { std::free(buffer); }

size_t ttplan_catalog_count(void) {
    size_t count = 0;
    guarded(nullptr, [&] { count = catalog().size(); });
    return count;
}

ttplan_status ttplan_catalog_entry(size_t index, const char** id, const char** title, const char** summary) {
    return guarded(nullptr, [&] {
        const auto& entries = catalog();
        if (index >= entries.size()) {
            throw bad_argument("catalog index " + std::to_string(index) + " is out of range (" +
                               std::to_string(entries.size()) + " entries)");
        }
        set(id, entries[index].id.c_str());
        set(title, entries[index].title.c_str());
        set(summary, entries[index].summary.c_str());
    });
}

size_t ttplan_format_count(void) {
    size_t count = 0;
    guarded(nullptr, [&] { count = format_table().size(); });
    return count;
}

ttplan_status ttplan_format_info(size_t index, const char** name, const char** suffixes,
                                 const char** summary) {
    return guarded(nullptr, [&] {
        const auto& table = format_table();
        if (index >= table.size()) {
            throw bad_argument("format index " + std::to_string(index) + " is out of range (" +
                               std::to_string(table.size()) + " formats)");
        }
        set(name, table[index].name.c_str());
        set(suffixes, table[index].suffixes.c_str());
        set(summary, table[index].summary.c_str());
    });
}

ttplan_status ttplan_format_for_path(const char* path, const char** name) {
    return guarded(nullptr, [&] {
        need_out(name);
        const ttplan::format_info* f = ttplan::format_for_path(need_text(path, "the path"));
        if (f == nullptr) return;
        for (const auto& c : format_table()) {
            if (c.name == f->name) *name = c.name.c_str();
        }
    });
}

int ttplan_format_is_binary(size_t index) {
    const auto& all = ttplan::formats();
    return index < all.size() ? (all[index].binary ? 1 : 0) : -1;
}

const char* ttplan_default_protocol_id(void) {
    static const std::string id(ttplan::default_protocol_id());
    return id.c_str();
}

ttplan_status ttplan_protocol_load_builtin(const char* id, ttplan_protocol** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        const std::string name(id != nullptr ? std::string_view(id) : ttplan::default_protocol_id());
        *out = new ttplan_protocol(ttplan::load_builtin(name), "builtin:" + name);
    });
}

ttplan_status ttplan_protocol_load_file(const char* path, ttplan_protocol** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        const std::string file = need_text(path, "the path");
        *out = new ttplan_protocol(ttplan::load_protocol_file(file), file);
    });
}

ttplan_status ttplan_protocol_parse(const char* json_text, const char* origin, ttplan_protocol** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        const std::string from = origin != nullptr ? origin : "<string>";
        const char* text = need_text(json_text, "the JSON text");
        *out = new ttplan_protocol(ttplan::parse_protocol(text, from), from);
    });
}

ttplan_status ttplan_protocol_info(const ttplan_protocol* protocol, const char** id, const char** title,
                                   const char** version) {
    return guarded(protocol, [&] {
        const auto& p = need(protocol, "the protocol").value;
        set(id, p.id.c_str());
        set(title, p.title.c_str());
        set(version, p.version.c_str());
    });
}

ttplan_status ttplan_protocol_to_json(const ttplan_protocol* protocol, char** out, size_t* length) {
    return guarded(protocol, [&] {
        need_out(out);
        const std::string text = ttplan::to_json(need(protocol, "the protocol").value);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_protocol_describe(const ttplan_protocol* protocol, char** out, size_t* length) {
    return guarded(protocol, [&] {
        need_out(out);
        const std::string text = ttplan::describe(need(protocol, "the protocol").value);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

size_t ttplan_protocol_last_error(const ttplan_protocol* protocol, char* buffer, size_t size) {
    return copy_error(protocol, buffer, size);
}

void ttplan_protocol_destroy(ttplan_protocol** protocol) {
    if (protocol == nullptr) return;
    delete *protocol;
    *protocol = nullptr;
}

ttplan_status ttplan_profile_create(ttplan_profile** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        *out = new ttplan_profile();
    });
}

ttplan_status ttplan_profile_set_parameter(ttplan_profile* profile, const char* name, const char* value) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        pr.values[need_text(name, "the parameter name")] = need_text(value, "the parameter value");
    });
}

ttplan_status ttplan_profile_set_start(ttplan_profile* profile, const char* date) {
    return guarded(profile, [&] {
        auto& h = need(profile, "the profile");
        h.value.start = date_arg(date, "the start date");
        h.has_start = true;
    });
}

ttplan_status ttplan_profile_set_start_ymd(ttplan_profile* profile, int year, int month, int day) {
    return guarded(profile, [&] {
        auto& h = need(profile, "the profile");
        const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                       date::day{static_cast<unsigned>(day)}};
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || !ymd.ok()) {
            throw ttplan::value_error("there is no day " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                                      std::to_string(day) + " (year 1 to 9999, month 1 to 12)");
        }
        h.value.start = date::sys_days{ymd};
        h.has_start = true;
    });
}

ttplan_status ttplan_profile_set_actual_start(ttplan_profile* profile, const char* phase, int cycle,
                                              const char* date) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        pr.facts.actuals.push_back({need_text(phase, "the phase"), cycle_arg(cycle), date_arg(date, "the date"), 0});
    });
}

ttplan_status ttplan_profile_set_delay(ttplan_profile* profile, const char* phase, int cycle, int days) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        if (days < -3650 || days > 3650) {
            throw ttplan::value_error("a delay of " + std::to_string(days) + " days is out of range (-3650 to 3650)");
        }
        pr.facts.actuals.push_back({need_text(phase, "the phase"), cycle_arg(cycle), std::nullopt, days});
    });
}

ttplan_status ttplan_profile_set_closed_weekday(ttplan_profile* profile, int weekday, int closed) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        if (weekday < 0 || weekday > 6) throw bad_argument("the weekday must be 0 (Sunday) to 6 (Saturday)");
        pr.calendar.closed_weekdays[static_cast<size_t>(weekday)] = closed != 0;
    });
}

ttplan_status ttplan_profile_add_holiday(ttplan_profile* profile, const char* date) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        pr.calendar.holidays.insert(date_arg(date, "the holiday"));
    });
}

ttplan_status ttplan_profile_set_shift(ttplan_profile* profile, const char* category, const char* rule) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        const char* cat = need_text(category, "the category");
        pr.calendar.set_shift(cat, ttplan::parse_shift_rule(need_text(rule, "the rule")));
    });
}

size_t ttplan_profile_last_error(const ttplan_profile* profile, char* buffer, size_t size) {
    return copy_error(profile, buffer, size);
}

void ttplan_profile_destroy(ttplan_profile** profile) {
    if (profile == nullptr) return;
    delete *profile;
    *profile = nullptr;
}

ttplan_status ttplan_plan(const ttplan_protocol* protocol, const ttplan_profile* profile, ttplan_schedule** out) {
    return guarded(protocol, [&] {
        need_out(out);
        const auto& p = need(protocol, "the protocol").value;
        const auto& h = need(profile, "the profile");
        if (!h.has_start) throw bad_argument("the profile has no start date (ttplan_profile_set_start)");
        *out = new ttplan_schedule(ttplan::make_schedule(p, inputs_of(&h)));
    });
}

ttplan_status ttplan_schedule_continue(const ttplan_schedule* so_far, int at, const char* where, const char* reason,
                                       const ttplan_protocol* next, const ttplan_profile* profile,
                                       ttplan_schedule** out) {
    return guarded(so_far, [&] {
        need_out(out);
        const auto& s = need(so_far, "the schedule so far").value;
        const auto& p = need(next, "the next protocol").value;
        const auto point = switch_arg(at, where, reason);
        const auto& inputs = inputs_of(profile);
        *out = new ttplan_schedule(
            ttplan::continue_with(s, point, ttplan::planner(p, inputs.values), inputs.facts.actuals, inputs.calendar));
    });
}

ttplan_status ttplan_schedule_dates(const ttplan_schedule* schedule, const char** start, const char** end,
                                    long* total_days) {
    return guarded(schedule, [&] {
        const auto& s = need(schedule, "the schedule");
        set(start, s.start);
        set(end, s.end);
        set(total_days, static_cast<long>(s.value.total_days()));
    });
}

ttplan_status ttplan_schedule_possible_end(const ttplan_schedule* schedule, const char** earliest,
                                           const char** latest) {
    return guarded(schedule, [&] {
        const auto& s = need(schedule, "the schedule");
        set(earliest, s.possible_end_earliest);
        set(latest, s.possible_end_latest);
    });
}

size_t ttplan_schedule_phase_count(const ttplan_schedule* schedule) {
    return schedule != nullptr ? schedule->phases.size() : 0;
}
size_t ttplan_schedule_event_count(const ttplan_schedule* schedule) {
    return schedule != nullptr ? schedule->events.size() : 0;
}
size_t ttplan_schedule_span_count(const ttplan_schedule* schedule) {
    return schedule != nullptr ? schedule->spans.size() : 0;
}

ttplan_status ttplan_schedule_phase(const ttplan_schedule* schedule, size_t index, ttplan_phase_info* out) {
    return item_at(schedule, &ttplan_schedule::phases, index, out, "phase");
}
ttplan_status ttplan_schedule_event(const ttplan_schedule* schedule, size_t index, ttplan_event_info* out) {
    return item_at(schedule, &ttplan_schedule::events, index, out, "event");
}
ttplan_status ttplan_schedule_span(const ttplan_schedule* schedule, size_t index, ttplan_span_info* out) {
    return item_at(schedule, &ttplan_schedule::spans, index, out, "span");
}

size_t ttplan_schedule_decision_count(const ttplan_schedule* schedule) {
    return schedule != nullptr ? schedule->decisions.size() : 0;
}

ttplan_status ttplan_schedule_decision(const ttplan_schedule* schedule, size_t index,
                                       ttplan_decision_info* out) {
    return item_at(schedule, &ttplan_schedule::decisions, index, out, "decision");
}

ttplan_status ttplan_schedule_decision_option(const ttplan_schedule* schedule, size_t decision, size_t index,
                                              const char** option) {
    return guarded(schedule, [&] {
        const auto& all = need(schedule, "the schedule").value.decisions();
        if (decision >= all.size()) {
            throw bad_argument("decision index " + std::to_string(decision) + " is out of range (" +
                               std::to_string(all.size()) + ")");
        }
        const auto& options = all[decision].options;
        if (index >= options.size()) {
            throw bad_argument("option index " + std::to_string(index) + " is out of range (decision " +
                               std::to_string(decision) + " has " + std::to_string(options.size()) + ")");
        }
        set(option, options[index].c_str());
    });
}

size_t ttplan_schedule_segment_count(const ttplan_schedule* schedule) {
    return schedule != nullptr ? schedule->segments.size() : 0;
}

ttplan_status ttplan_schedule_segment(const ttplan_schedule* schedule, size_t index, ttplan_segment_info* out) {
    return item_at(schedule, &ttplan_schedule::segments, index, out, "segment");
}

ttplan_status ttplan_schedule_segment_parameter(const ttplan_schedule* schedule, size_t segment, size_t index,
                                                const char** name, const char** value) {
    return guarded(schedule, [&] {
        const auto& all = need(schedule, "the schedule").segment_parameters;
        if (segment >= all.size()) {
            throw bad_argument("segment index " + std::to_string(segment) + " is out of range (" +
                               std::to_string(all.size()) + ")");
        }
        const auto& params = all[segment];
        if (index >= params.size()) {
            throw bad_argument("parameter index " + std::to_string(index) + " is out of range (segment " +
                               std::to_string(segment) + " has " + std::to_string(params.size()) + ")");
        }
        set(name, params[index].first);
        set(value, params[index].second);
    });
}

void ttplan_render_options_init(ttplan_render_options* options) {
    if (options == nullptr) return;
    *options =
        ttplan_render_options{nullptr, nullptr, 0, 0, 0, 0, nullptr, nullptr, nullptr, 0, nullptr, nullptr, nullptr, nullptr};
}

ttplan_status ttplan_schedule_render(const ttplan_schedule* schedule, const char* format,
                                     const ttplan_render_options* options, char** out, size_t* length) {
    return guarded(schedule, [&] {
        need_out(out);
        const auto& s = need(schedule, "the schedule").value;
        const std::string text = ttplan::render(s, need_text(format, "the format"), options_arg(options));
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_schedule_write(const ttplan_schedule* schedule, const char* format,
                                    const ttplan_render_options* options, const char* path) {
    return guarded(schedule, [&] {
        const auto& s = need(schedule, "the schedule").value;
        const char* target = need_text(path, "the path");
        ttplan::write_file_atomic(target, ttplan::render(s, need_text(format, "the format"), options_arg(options)));
    });
}

ttplan_status ttplan_schedule_summary_text(const ttplan_schedule* schedule, char** out, size_t* length) {
    return guarded(schedule, [&] {
        need_out(out);
        const std::string text = ttplan::summary_text(need(schedule, "the schedule").value);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_schedule_changes(const ttplan_schedule* before, const ttplan_schedule* after,
                                      const char* calendar_id, const char* format, char** out, size_t* length) {
    return guarded(before, [&] {
        need_out(out);
        ttplan::render_options o;
        if (calendar_id != nullptr) o.calendar_id = calendar_id;
        const char* kind = need_text(format, "the format");
        const std::string text = changes_in(ttplan::changes(need(before, "the schedule before").value,
                                                            need(after, "the schedule after").value, o),
                                            kind);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

size_t ttplan_schedule_last_error(const ttplan_schedule* schedule, char* buffer, size_t size) {
    return copy_error(schedule, buffer, size);
}

void ttplan_schedule_destroy(ttplan_schedule** schedule) {
    if (schedule == nullptr) return;
    delete *schedule;
    *schedule = nullptr;
}

}  // extern "C"
