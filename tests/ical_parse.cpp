// Reads an iCalendar file with libical, runs libical's RFC 5545/5546 restriction checks, and
// prints what libical understood as JSON, so tests/py/test_ical_interop.py can compare it with
// ttplan's own JSON schedule. Exit status 0 when the file parsed; errors are in the output.
#include <libical/ical.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

std::string quoted(const char* text) {
    if (text == nullptr) return "null";
    std::string out = "\"";
    for (const char* p = text; *p; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string date_text(const icaltimetype& t) {
    if (icaltime_is_null_time(t)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02d\"", t.year, t.month, t.day);
    return buf;
}

// "HH:MM:SS" of a date-time as written (local or floating), null for a DATE.
std::string time_text(const icaltimetype& t) {
    if (icaltime_is_null_time(t) || t.is_date) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "\"%02d:%02d:%02d\"", t.hour, t.minute, t.second);
    return buf;
}

// Seconds since 1970 of a date-time in its own zone (libical resolves TZID through the
// calendar's VTIMEZONE), null for a DATE or a floating time.
std::string utc_text(const icaltimetype& t) {
    if (icaltime_is_null_time(t) || t.is_date || t.zone == nullptr) return "null";
    return std::to_string(static_cast<long long>(icaltime_as_timet_with_zone(t, t.zone)));
}

// Every X-LIC-ERROR libical attached to c or its children.
void collect_errors(icalcomponent* c, std::string& out) {
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        out += (out.empty() ? "" : ", ") + quoted(icalproperty_get_xlicerror(p));
    }
    for (icalcomponent* k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k != nullptr;
         k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
        collect_errors(k, out);
    }
}

bool has_tzid(icalcomponent* ev, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(ev, kind);
    return p != nullptr && icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) != nullptr;
}

// The event's VALARMs: action, description and the trigger's offset from the start in seconds.
std::string alarms_json(icalcomponent* ev) {
    std::string out;
    for (icalcomponent* a = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT); a != nullptr;
         a = icalcomponent_get_next_component(ev, ICAL_VALARM_COMPONENT)) {
        icalproperty* action = icalcomponent_get_first_property(a, ICAL_ACTION_PROPERTY);
        icalproperty* description = icalcomponent_get_first_property(a, ICAL_DESCRIPTION_PROPERTY);
        icalproperty* trigger = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
        out += out.empty() ? "" : ", ";
        out += "{\"action\": " + quoted(action ? icalproperty_get_value_as_string(action) : nullptr) +
               ", \"description\": " + quoted(description ? icalproperty_get_description(description) : nullptr) +
               ", \"trigger_seconds\": " +
               (trigger ? std::to_string(icaldurationtype_as_int(icalproperty_get_trigger(trigger).duration))
                        : std::string("null")) +
               "}";
    }
    return out;
}

std::string event_json(icalcomponent* ev) {
    const icaltimetype start = icalcomponent_get_dtstart(ev);
    const icaltimetype end = icalcomponent_get_dtend(ev);
    std::string categories;
    for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p != nullptr;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        categories += (categories.empty() ? "" : ", ") + quoted(icalproperty_get_categories(p));
    }
    std::ostringstream out;
    out << "{\"uid\": " << quoted(icalcomponent_get_uid(ev))
        << ", \"summary\": " << quoted(icalcomponent_get_summary(ev))
        << ", \"description\": " << quoted(icalcomponent_get_description(ev))
        << ", \"start\": " << date_text(start)
        << ", \"start_is_date\": " << (start.is_date ? "true" : "false") << ", \"end\": " << date_text(end)
        << ", \"end_is_date\": " << (end.is_date ? "true" : "false")
        << ", \"start_time\": " << time_text(start) << ", \"start_utc\": " << utc_text(start)
        << ", \"tzid\": "
        << (has_tzid(ev, ICAL_DTSTART_PROPERTY) || has_tzid(ev, ICAL_DTEND_PROPERTY) ? "true" : "false")
        << ", \"status\": " << quoted(icalproperty_status_to_string(icalcomponent_get_status(ev)))
        << ", \"sequence\": " << icalcomponent_get_sequence(ev) << ", \"categories\": [" << categories
        << "], \"alarms\": [" << alarms_json(ev) << "]}";
    return out.str();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: ttplan_ical_parse FILE.ics\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    icalcomponent* cal = icalparser_parse_string(text.str().c_str());
    if (cal == nullptr || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        std::cerr << "libical found no VCALENDAR: " << icalerror_strerror(icalerrno) << "\n";
        return 1;
    }
    std::string parse_errors;
    collect_errors(cal, parse_errors);
    const int restrictions_ok = icalrestriction_check(cal);
    std::string all_errors;
    collect_errors(cal, all_errors);

    icalproperty* method = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
    icalproperty* name = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
    std::cout << "{\"parse_errors\": [" << parse_errors << "], \"restrictions_ok\": "
              << (restrictions_ok ? "true" : "false") << ", \"errors\": [" << all_errors << "], \"method\": "
              << quoted(method ? icalproperty_method_to_string(icalproperty_get_method(method)) : nullptr)
              << ", \"name\": " << quoted(name ? icalproperty_get_name(name) : nullptr) << ", \"events\": [";
    bool first = true;
    for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != nullptr;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        std::cout << (first ? "\n" : ",\n") << event_json(ev);
        first = false;
    }
    std::cout << "]}\n";
    icalcomponent_free(cal);
    return 0;
}
