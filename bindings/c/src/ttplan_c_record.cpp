// The C API of treatment records, and facts given to a profile as text.
#include "c_api.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct ttplan_record : ttplan::c_api::handle_base {
    explicit ttplan_record(ttplan::treatment_record r) : value(std::move(r)), start(ttplan::format_date(value.start)) {}
    ttplan::treatment_record value;
    std::string start;
    mutable std::optional<std::string> pin_message;  // ttplan_record_builtin_changed's last answer
};

namespace ttplan::c_api {
namespace {

const clinic_calendar& clinic_of(const ttplan_profile* profile) { return inputs_of(profile).calendar; }

}  // namespace
}  // namespace ttplan::c_api

using namespace ttplan::c_api;

extern "C" {

ttplan_status ttplan_profile_add_fact(ttplan_profile* profile, const char* kind, const char* text) {
    return guarded(profile, [&] {
        auto& pr = need(profile, "the profile").value;
        // add_fact refuses a decision before it changes anything.
        ttplan::add_fact(pr.facts, ttplan::parse_fact(need_text(kind, "the kind"), need_text(text, "the text")));
    });
}

ttplan_status ttplan_record_create(const ttplan_protocol* protocol, const ttplan_profile* profile,
                                   int64_t recorded_at, ttplan_record** out) {
    return guarded(protocol, [&] {
        need_out(out);
        const auto& p = need(protocol, "the protocol");
        const auto& h = need(profile, "the profile");
        if (!h.has_start) throw bad_argument("the profile has no start date (ttplan_profile_set_start)");
        *out = new ttplan_record(
            ttplan::create_record(p.value, p.origin, h.value.start, h.value.values, recorded_at));
    });
}

ttplan_status ttplan_record_load_file(const char* path, ttplan_record** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        *out = new ttplan_record(ttplan::load_record_file(need_text(path, "the path")));
    });
}

ttplan_status ttplan_record_parse(const char* json_text, const char* origin, ttplan_record** out) {
    return guarded(nullptr, [&] {
        need_out(out);
        *out = new ttplan_record(ttplan::parse_record(need_text(json_text, "the JSON text"),
                                                      origin != nullptr ? origin : "<string>"));
    });
}

ttplan_status ttplan_record_info(const ttplan_record* record, const char** calendar_id, const char** protocol_id,
                                 const char** protocol_version, const char** origin, const char** start,
                                 int32_t* revision) {
    return guarded(record, [&] {
        const auto& h = need(record, "the record");
        set(calendar_id, h.value.calendar_id.c_str());
        set(protocol_id, h.value.pinned.copy.id.c_str());
        set(protocol_version, h.value.pinned.version.c_str());
        set(origin, h.value.pinned.origin.c_str());
        set(start, h.start.c_str());
        set(revision, h.value.last_revision());
    });
}

ttplan_status ttplan_record_add(ttplan_record* record, size_t count, const char* const* kinds,
                                const char* const* texts, const char* decided_by, int64_t recorded_at) {
    return guarded(record, [&] {
        auto& h = need(record, "the record");
        if (count == 0) throw bad_argument("give at least one fact (count is 0)");
        need(kinds, "kinds");
        need(texts, "texts");
        std::vector<ttplan::fact_line> lines;
        for (size_t i = 0; i < count; ++i) {
            lines.push_back({need_text(kinds[i], fmt::format("kinds[{}]", i).c_str()),
                             need_text(texts[i], fmt::format("texts[{}]", i).c_str())});
        }
        auto facts = ttplan::parse_facts(lines, decided_by != nullptr ? decided_by : "");
        h.value = ttplan::add_revision(h.value, std::move(facts), recorded_at);
    });
}

ttplan_status ttplan_record_repin(ttplan_record* record, const ttplan_protocol* protocol, int64_t recorded_at) {
    return guarded(record, [&] {
        auto& h = need(record, "the record");
        const auto& p = need(protocol, "the protocol");
        h.value = ttplan::repin(h.value, p.value, p.origin, recorded_at);
    });
}

ttplan_status ttplan_record_to_json(const ttplan_record* record, char** out, size_t* length) {
    return guarded(record, [&] {
        need_out(out);
        const std::string text = ttplan::to_json(need(record, "the record").value);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_record_save(const ttplan_record* record, const char* path) {
    return guarded(record, [&] {
        const auto& h = need(record, "the record");
        ttplan::write_file_atomic(need_text(path, "the path"), ttplan::to_json(h.value));
    });
}

ttplan_status ttplan_record_describe(const ttplan_record* record, char** out, size_t* length) {
    return guarded(record, [&] {
        need_out(out);
        const std::string text = ttplan::describe(need(record, "the record").value);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_record_builtin_changed(const ttplan_record* record, const char** message) {
    return guarded(record, [&] {
        need(message, "the output pointer");
        *message = nullptr;
        const auto& h = need(record, "the record");
        const auto change = ttplan::builtin_changed(h.value);
        std::lock_guard lock(h.mutex);
        h.pin_message = change ? std::optional<std::string>(change->message()) : std::nullopt;
        if (h.pin_message) *message = h.pin_message->c_str();
    });
}

ttplan_status ttplan_record_plan(const ttplan_record* record, int32_t revision, const ttplan_profile* clinic,
                                 ttplan_schedule** out) {
    return guarded(record, [&] {
        need_out(out);
        const auto& r = need(record, "the record").value;
        *out = new ttplan_schedule(revision == 0 ? ttplan::plan(r, clinic_of(clinic))
                                                 : ttplan::plan_at(r, revision, clinic_of(clinic)));
    });
}

ttplan_status ttplan_record_render(const ttplan_record* record, const char* format,
                                   const ttplan_render_options* options, const ttplan_profile* clinic, char** out,
                                   size_t* length) {
    return guarded(record, [&] {
        need_out(out);
        const std::string text = ttplan::render(need(record, "the record").value, need_text(format, "the format"),
                                                options_arg(options), clinic_of(clinic));
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

ttplan_status ttplan_record_write(const ttplan_record* record, const char* format,
                                  const ttplan_render_options* options, const ttplan_profile* clinic,
                                  const char* path) {
    return guarded(record, [&] {
        const auto& r = need(record, "the record").value;
        const char* target = need_text(path, "the path");
        ttplan::write_file_atomic(
            target, ttplan::render(r, need_text(format, "the format"), options_arg(options), clinic_of(clinic)));
    });
}

ttplan_status ttplan_record_changes(const ttplan_record* record, int32_t since, const ttplan_profile* clinic,
                                    const char* format, char** out, size_t* length) {
    return guarded(record, [&] {
        need_out(out);
        const auto& r = need(record, "the record").value;
        const std::optional<std::int32_t> from = since != 0 ? std::optional<std::int32_t>(since) : std::nullopt;
        const std::string text = changes_in(ttplan::changes_since(r, from, clinic_of(clinic)), format);
        *out = malloc_copy(text);
        set(length, text.size());
    });
}

size_t ttplan_record_last_error(const ttplan_record* record, char* buffer, size_t size) {
    return copy_error(record, buffer, size);
}

void ttplan_record_destroy(ttplan_record** record) {
    if (record == nullptr) return;
    delete *record;
    *record = nullptr;
}

}  // extern "C"
