// The C API: what a C program does with text it was given. The input is sections separated by
// NUL bytes: the first is protocol or record JSON (a record when it names "ttplan-record"), each
// further one an operation on the profile or the record, chosen by its first character:
//   p name=value    a parameter          f kind text   a fact (a record: one revision per fact)
//   s YYYY-MM-DD    the start            h YYYY-MM-DD  a holiday
//   c N             a closed weekday     x cat=rule    a shift rule
//   z zone          the time zone of iCalendar output
// Then it plans, writes every format, walks the schedule and frees everything. No call may
// return TTPLAN_ERROR_INTERNAL (a bug in ttplan, by the header's word) or let an exception out.
#include "fuzz.hpp"

#include <ttplan.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::size_t max_operations = 16;

void checked(ttplan_status status, const char* call) {
    if (status == TTPLAN_ERROR_INTERNAL) {
        ttplan::fuzz::fail(call, __FILE__, __LINE__, ttplan_last_error());
    }
    if (status != TTPLAN_OK) {
        const char* message = ttplan_last_error();
        TTPLAN_FUZZ_CHECK(message != nullptr && *message != '\0');
        TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(message, "\n"));
        const char* file = nullptr;
        const char* pointer = nullptr;
        int line = -1;
        int column = -1;
        ttplan_last_error_location(&file, &pointer, &line, &column);
        TTPLAN_FUZZ_CHECK(line >= 0 && column >= 0);
    }
}
#define TTPLAN_FUZZ_CALL(call) checked((call), #call)

// A handle's last error copied like snprintf: the full length, the buffer cut and terminated.
template <typename Handle>
void last_error(size_t (*get)(const Handle*, char*, size_t), const Handle* handle) {
    const size_t full = get(handle, nullptr, 0);
    char small[8];
    TTPLAN_FUZZ_CHECK(get(handle, small, sizeof small) == full);
    TTPLAN_FUZZ_CHECK(std::strlen(small) == std::min(full, sizeof small - 1));
}

void take(char* text, size_t length) {
    TTPLAN_FUZZ_CHECK(text != nullptr && std::strlen(text) == length);
    ttplan_free(text);
}

struct operations {
    std::vector<std::string> sections;
    std::string time_zone;
};

void apply_to_profile(ttplan_profile* profile, const operations& ops) {
    for (const auto& op : ops.sections) {
        const std::string arg = op.size() > 2 ? op.substr(2) : std::string{};
        switch (op.empty() ? '\0' : op[0]) {
            case 'p': {
                const auto eq = arg.find('=');
                const std::string name = arg.substr(0, eq);
                const std::string value = eq == std::string::npos ? std::string{} : arg.substr(eq + 1);
                TTPLAN_FUZZ_CALL(ttplan_profile_set_parameter(profile, name.c_str(), value.c_str()));
                break;
            }
            case 's':
                TTPLAN_FUZZ_CALL(ttplan_profile_set_start(profile, arg.c_str()));
                break;
            case 'f': {
                const auto space = arg.find(' ');
                const std::string kind = arg.substr(0, space);
                const std::string text = space == std::string::npos ? std::string{} : arg.substr(space + 1);
                TTPLAN_FUZZ_CALL(ttplan_profile_add_fact(profile, kind.c_str(), text.c_str()));
                break;
            }
            case 'h':
                TTPLAN_FUZZ_CALL(ttplan_profile_add_holiday(profile, arg.c_str()));
                break;
            case 'c':
                TTPLAN_FUZZ_CALL(ttplan_profile_set_closed_weekday(profile, std::atoi(arg.c_str()), 1));
                break;
            case 'x': {
                const auto eq = arg.find('=');
                const std::string category = arg.substr(0, eq);
                const std::string rule = eq == std::string::npos ? std::string{} : arg.substr(eq + 1);
                TTPLAN_FUZZ_CALL(ttplan_profile_set_shift(profile, category.c_str(), rule.c_str()));
                break;
            }
            default:
                break;
        }
    }
    last_error(ttplan_profile_last_error, profile);
}

void walk(const ttplan_schedule* schedule, const operations& ops) {
    const char* start = nullptr;
    const char* end = nullptr;
    long days = 0;
    TTPLAN_FUZZ_CALL(ttplan_schedule_dates(schedule, &start, &end, &days));
    for (size_t i = 0; i < ttplan_schedule_phase_count(schedule) && i < 64; ++i) {
        ttplan_phase_info info;
        TTPLAN_FUZZ_CALL(ttplan_schedule_phase(schedule, i, &info));
    }
    for (size_t i = 0; i < ttplan_schedule_event_count(schedule) && i < 64; ++i) {
        ttplan_event_info info;
        TTPLAN_FUZZ_CALL(ttplan_schedule_event(schedule, i, &info));
    }
    for (size_t i = 0; i < ttplan_schedule_span_count(schedule) && i < 64; ++i) {
        ttplan_span_info info;
        TTPLAN_FUZZ_CALL(ttplan_schedule_span(schedule, i, &info));
    }
    ttplan_render_options options;
    ttplan_render_options_init(&options);
    options.time_zone = ops.time_zone.c_str();
    for (size_t i = 0; i < ttplan_format_count(); ++i) {
        const char* name = nullptr;
        TTPLAN_FUZZ_CALL(ttplan_format_info(i, &name, nullptr, nullptr));
        if (ttplan_format_is_binary(i) != 0) continue;  // as fuzzed_format
        char* text = nullptr;
        size_t length = 0;
        const ttplan_status status = ttplan_schedule_render(schedule, name, &options, &text, &length);
        TTPLAN_FUZZ_CALL(status);
        if (status == TTPLAN_OK) {
            TTPLAN_FUZZ_CHECK_OUTPUT(name, std::string_view(text, length));
            take(text, length);
        } else {
            TTPLAN_FUZZ_CHECK(text == nullptr);
        }
    }
    char* text = nullptr;
    size_t length = 0;
    TTPLAN_FUZZ_CALL(ttplan_schedule_summary_text(schedule, &text, &length));
    take(text, length);
    TTPLAN_FUZZ_CALL(ttplan_schedule_changes(schedule, schedule, nullptr, "json", &text, &length));
    take(text, length);
    last_error(ttplan_schedule_last_error, schedule);
}

void fuzz_protocol(const std::string& json, const operations& ops) {
    ttplan_protocol* protocol = nullptr;
    const ttplan_status parsed = ttplan_protocol_parse(json.c_str(), "<fuzz>", &protocol);
    TTPLAN_FUZZ_CALL(parsed);
    if (parsed != TTPLAN_OK) {
        TTPLAN_FUZZ_CHECK(protocol == nullptr);
        return;
    }
    const char* id = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_protocol_info(protocol, &id, nullptr, nullptr));
    char* text = nullptr;
    size_t length = 0;
    TTPLAN_FUZZ_CALL(ttplan_protocol_to_json(protocol, &text, &length));
    take(text, length);
    TTPLAN_FUZZ_CALL(ttplan_protocol_describe(protocol, &text, &length));
    take(text, length);

    ttplan_profile* profile = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_profile_create(&profile));
    TTPLAN_FUZZ_CALL(ttplan_profile_set_start(profile, "2027-01-04"));
    apply_to_profile(profile, ops);
    ttplan_schedule* schedule = nullptr;
    if (ttplan_plan(protocol, profile, &schedule) == TTPLAN_OK) {
        walk(schedule, ops);
        ttplan_schedule_destroy(&schedule);
        TTPLAN_FUZZ_CHECK(schedule == nullptr);
        ttplan_record* record = nullptr;
        const ttplan_status created = ttplan_record_create(protocol, profile, 1798761600, &record);
        TTPLAN_FUZZ_CALL(created);
        if (created == TTPLAN_OK) {
            TTPLAN_FUZZ_CALL(ttplan_record_to_json(record, &text, &length));
            take(text, length);
            ttplan_record_destroy(&record);
        }
    }
    last_error(ttplan_protocol_last_error, protocol);
    ttplan_profile_destroy(&profile);
    ttplan_protocol_destroy(&protocol);
    TTPLAN_FUZZ_CHECK(protocol == nullptr && profile == nullptr);
}

void fuzz_record(const std::string& json, const operations& ops) {
    ttplan_record* record = nullptr;
    const ttplan_status parsed = ttplan_record_parse(json.c_str(), "<fuzz>", &record);
    TTPLAN_FUZZ_CALL(parsed);
    if (parsed != TTPLAN_OK) {
        TTPLAN_FUZZ_CHECK(record == nullptr);
        return;
    }
    const char* calendar_id = nullptr;
    int32_t revision = 0;
    TTPLAN_FUZZ_CALL(ttplan_record_info(record, &calendar_id, nullptr, nullptr, nullptr, nullptr, &revision));
    const char* changed = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_record_builtin_changed(record, &changed));
    char* text = nullptr;
    size_t length = 0;
    TTPLAN_FUZZ_CALL(ttplan_record_describe(record, &text, &length));
    take(text, length);

    // Facts become revisions, one each; the rest makes the clinic calendar.
    ttplan_profile* clinic = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_profile_create(&clinic));
    std::int64_t recorded_at = 1798761600;
    for (const auto& op : ops.sections) {
        if (op.size() > 2 && op[0] == 'f') {
            const std::string arg = op.substr(2);
            const auto space = arg.find(' ');
            const std::string kind = arg.substr(0, space);
            const std::string fact = space == std::string::npos ? std::string{} : arg.substr(space + 1);
            const char* kinds[] = {kind.c_str()};
            const char* texts[] = {fact.c_str()};
            TTPLAN_FUZZ_CALL(ttplan_record_add(record, 1, kinds, texts, "fuzz", recorded_at += 86400));
        }
    }
    operations calendar;
    for (const auto& op : ops.sections) {
        if (op.empty() || op[0] != 'f') {
            calendar.sections.push_back(op);
        }
    }
    apply_to_profile(clinic, calendar);
    ttplan_schedule* schedule = nullptr;
    if (ttplan_record_plan(record, 0, clinic, &schedule) == TTPLAN_OK) {
        walk(schedule, ops);
        ttplan_schedule_destroy(&schedule);
        for (size_t i = 0; i < ttplan_format_count(); ++i) {
            const char* name = nullptr;
            TTPLAN_FUZZ_CALL(ttplan_format_info(i, &name, nullptr, nullptr));
            if (ttplan_format_is_binary(i) != 0) continue;  // as fuzzed_format
            if (ttplan_record_render(record, name, nullptr, clinic, &text, &length) == TTPLAN_OK) {
                take(text, length);
            }
        }
        if (ttplan_record_changes(record, 0, clinic, "text", &text, &length) == TTPLAN_OK) {
            take(text, length);
        }
    }
    TTPLAN_FUZZ_CALL(ttplan_record_to_json(record, &text, &length));
    ttplan_record* again = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_record_parse(text, "<fuzz:to_json>", &again));
    TTPLAN_FUZZ_CHECK(again != nullptr);
    char* text_again = nullptr;
    TTPLAN_FUZZ_CALL(ttplan_record_to_json(again, &text_again, nullptr));
    TTPLAN_FUZZ_CHECK(std::strcmp(text, text_again) == 0);
    ttplan_free(text_again);
    take(text, length);
    last_error(ttplan_record_last_error, record);
    ttplan_record_destroy(&again);
    ttplan_profile_destroy(&clinic);
    ttplan_record_destroy(&record);
    TTPLAN_FUZZ_CHECK(record == nullptr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = ttplan::fuzz::as_text(data, size);
    std::vector<std::string> sections;
    for (std::size_t from = 0; from <= input.size();) {
        const auto nul = input.find('\0', from);
        const auto to = nul == std::string_view::npos ? input.size() : nul;
        sections.emplace_back(input.substr(from, to - from));
        from = to + 1;
    }
    operations ops;
    for (std::size_t i = 1; i < sections.size() && ops.sections.size() < max_operations; ++i) {
        if (sections[i].rfind("z ", 0) == 0) {
            ops.time_zone = sections[i].substr(2);
        } else {
            ops.sections.push_back(sections[i]);
        }
    }
    if (sections[0].find("\"ttplan-record") != std::string::npos) {
        fuzz_record(sections[0], ops);
    } else {
        fuzz_protocol(sections[0], ops);
    }
    return 0;
}
