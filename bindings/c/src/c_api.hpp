// The C API's handles and the helpers every entry point uses: guarded() is the one place
// where exceptions become status codes and messages. Internal to the C library.
#pragma once

#include <ttplan.h>

#include <ttplan/ttplan.hpp>

#include <deque>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ttplan::c_api {

// A NULL pointer, an index out of range, a profile without a start date.
class bad_argument : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// What every handle carries: its last error, behind a lock so any thread may read it.
struct handle_base {
    mutable std::mutex mutex;
    mutable std::string last_error;
};

}  // namespace ttplan::c_api

struct ttplan_protocol : ttplan::c_api::handle_base {
    ttplan_protocol(ttplan::protocol p, std::string from) : value(std::move(p)), origin(std::move(from)) {}
    ttplan::protocol value;
    std::string origin;  // "builtin:<id>", the path it was read from, or the parse origin: a record's pin
};

struct ttplan_profile : ttplan::c_api::handle_base {
    ttplan::profile value;
    bool has_start = false;
};

// The schedule plus C views of it, built once: every string a getter hands out lives here.
struct ttplan_schedule : ttplan::c_api::handle_base {
    explicit ttplan_schedule(ttplan::schedule s);

    ttplan::schedule value;
    std::deque<std::string> text;  // a deque never moves its elements, so c_str() stays put
    const char* start = nullptr;
    const char* end = nullptr;
    std::vector<ttplan_phase_info> phases;
    std::vector<ttplan_event_info> events;
    std::vector<ttplan_span_info> spans;
    std::vector<ttplan_segment_info> segments;
    std::vector<ttplan_decision_info> decisions;
    // Per segment, its parameters in name order: {name, value}.
    std::vector<std::vector<std::pair<const char*, const char*>>> segment_parameters;

private:
    const char* keep(std::string s) { return text.emplace_back(std::move(s)).c_str(); }
    // "a,b": parameter names have no commas.
    const char* keep_list(const std::vector<std::string>& names) {
        std::string out;
        for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
        return keep(std::move(out));
    }
    // A window's listed dates, "2027-01-11,2027-01-18"; "" for a range or no window.
    const char* keep_dates(const std::optional<ttplan::date_window>& w) {
        std::string out;
        if (w) {
            for (const auto d : w->dates) out += (out.empty() ? "" : ",") + ttplan::format_date(d);
        }
        return keep(std::move(out));
    }
    ttplan_timing_info timing_info(const ttplan::timing& t);
    // A window's dates as text, NULL without one.
    const char* earliest(const std::optional<ttplan::date_window>& w) {
        return w ? keep(ttplan::format_date(w->earliest)) : nullptr;
    }
    const char* latest(const std::optional<ttplan::date_window>& w) {
        return w ? keep(ttplan::format_date(w->latest)) : nullptr;
    }

public:
    const char* possible_end_earliest = nullptr;
    const char* possible_end_latest = nullptr;
};

namespace ttplan::c_api {

// Keeps `message` for this thread and for `handle` (may be NULL); returns `status`.
ttplan_status keep_error(const handle_base* handle, ttplan_status status, const char* message,
                         const location& where = {}) noexcept;
ttplan_status status_of(error_code code) noexcept;

// The boundary: runs body and turns whatever it throws into a status, keeping the message
// for this thread and for `handle` (may be NULL).
template <class Body>
ttplan_status guarded(const handle_base* handle, Body&& body) noexcept {
    try {
        body();
        return TTPLAN_OK;
    } catch (const error& e) {
        return keep_error(handle, status_of(e.code()), e.what(), e.where());
    } catch (const bad_argument& e) {
        return keep_error(handle, TTPLAN_ERROR_INVALID_ARGUMENT, e.what());
    } catch (const std::bad_alloc&) {
        return keep_error(handle, TTPLAN_ERROR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception& e) {
        return keep_error(handle, TTPLAN_ERROR_INTERNAL, e.what());
    } catch (...) {
        return keep_error(handle, TTPLAN_ERROR_INTERNAL, "unknown exception");
    }
}

template <class T>
T& need(T* pointer, const char* what) {
    if (pointer == nullptr) throw bad_argument(std::string(what) + " is NULL");
    return *pointer;
}

inline const char* need_text(const char* text, const char* what) { return &need(text, what); }

template <class T>
T** need_out(T** out) {
    need(out, "the output pointer");
    *out = nullptr;
    return out;
}

template <class T>
void set(T* out, T value) {
    if (out != nullptr) *out = value;
}

// Copies a handle's last error like snprintf.
size_t copy_error(const handle_base* handle, char* buffer, size_t size) noexcept;
day_point date_arg(const char* text, const char* what);
// The C++ inputs a profile handle stands for; NULL = no parameters, facts or clinic calendar.
const profile& inputs_of(const ttplan_profile* handle);
std::optional<std::int32_t> cycle_arg(int cycle);
render_options options_arg(const ttplan_render_options* c);
// A malloc'd copy, so C callers free it with free() semantics whatever allocator C++ uses.
char* malloc_copy(const std::string& s);
// A change list as "text" or "json"; bad_argument for another format.
std::string changes_in(const std::vector<change>& list, const char* format);

}  // namespace ttplan::c_api
