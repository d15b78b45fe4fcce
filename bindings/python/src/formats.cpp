// Output formats for a Schedule: render to text in any format, the JSON document, files.
#include "bindings.hpp"

#include <optional>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

render_options make_options(const std::string& calendar_id, const std::string& calendar_name,
                            std::optional<std::int64_t> timestamp, std::int32_t sequence,
                            const std::string& csv_rows, const std::string& time_zone, const schedule* previous) {
    render_options o;
    if (previous != nullptr) o.previous.push_back(previous);
    o.time_zone = time_zone;
    o.calendar_id = calendar_id;
    o.calendar_name = calendar_name;
    o.timestamp = timestamp;
    o.sequence = sequence;
    if (csv_rows == "events") {
        o.csv = render_options::csv_rows::events;
    } else if (csv_rows == "phases") {
        o.csv = render_options::csv_rows::phases;
    } else {
        throw value_error("unknown csv_rows \"" + csv_rows + "\"; allowed: events, phases");
    }
    return o;
}

namespace {

constexpr const char* options_doc =
    " Options: calendar_id (iCalendar: an opaque id the UIDs derive from, never a name or record number; "
    "default \"\": derived from the protocols, parameters and start date, so give one to keep UIDs across "
    "re-plans that change those), "
    "calendar_name (default: the protocol title), timestamp (DTSTAMP in seconds since 1970; default "
    "the start date at 00:00:00Z; the environment is never read), sequence (the caller's revision of this "
    "plan), csv_rows "
    "(\"events\" or \"phases\"), time_zone (iCalendar: the zone of clock times, such as \"Europe/Berlin\"; "
    "default floating local times), previous (iCalendar: the Schedule the previous revision was written from, "
    "with the same options; its items this one no longer has are written as STATUS:CANCELLED events).";

}  // namespace

void bind_formats(py::module_& m) {
    // The table is static: Python holds references into it, never copies.
    py::class_<format_info>(m, "Format", "An output format: its render() name, file suffixes and a summary.")
        .def_property_readonly("name", [](const format_info& f) { return std::string(f.name); })
        .def_property_readonly(
            "suffixes",
            [](const format_info& f) {
                return std::vector<std::string>(f.suffixes.begin(), f.suffixes.end());
            },
            "Lower-case suffixes with the dot ([\".html\", \".htm\"]); empty when none is the format's own.")
        .def_property_readonly("summary", [](const format_info& f) { return std::string(f.summary); })
        .def("__repr__", [](const format_info& f) { return "<ttplan.Format " + std::string(f.name) + ">"; });
    m.def(
        "formats",
        [] {
            std::vector<const format_info*> out;
            for (const auto& f : formats()) out.push_back(&f);
            return out;
        },
        py::return_value_policy::reference, "Every output format (ttplan.Format), text first.");
    m.def(
        "format_for_path", [](const std::string& path) { return format_for_path(path); }, "path"_a,
        py::return_value_policy::reference,
        "The ttplan.Format whose suffix ends the file name of path (case ignored), or None.");
    m.def("format_names", [] {
        std::vector<std::string> names;
        for (auto n : format_names()) names.emplace_back(n);
        return names;
    }, "Names Schedule.render() accepts.");

    auto cls = py::reinterpret_borrow<py::class_<schedule>>(m.attr("Schedule"));
    cls.def(
        "render",
        [](const schedule& s, const std::string& format, const std::string& calendar_id,
           const std::string& calendar_name, std::optional<std::int64_t> timestamp, std::int32_t sequence,
           const std::string& csv_rows, const std::string& time_zone, const schedule* previous) {
            return render(s, format,
                          make_options(calendar_id, calendar_name, timestamp, sequence, csv_rows, time_zone,
                                       previous));
        },
        "format"_a = "text", py::kw_only(), "calendar_id"_a = "", "calendar_name"_a = "",
        "timestamp"_a = py::none(), "sequence"_a = 0, "csv_rows"_a = "events", "time_zone"_a = "",
        "previous"_a = py::none(),
        (std::string("The schedule as text in the named format (see ttplan.format_names()).") + options_doc)
            .c_str());
    cls.def("to_json", [](const schedule& s) { return to_json(s); },
            "The JSON schedule document (schema/schedule.schema.json), the same text as `ttplan plan --format json`.");
    cls.def(
        "write",
        [](const schedule& s, const std::string& path, const std::string& format,
           const std::string& calendar_id, const std::string& calendar_name,
           std::optional<std::int64_t> timestamp, std::int32_t sequence, const std::string& csv_rows,
           const std::string& time_zone, const schedule* previous) {
            write_file_atomic(path, render(s, format,
                                           make_options(calendar_id, calendar_name, timestamp, sequence,
                                                        csv_rows, time_zone, previous)));
        },
        "path"_a, "format"_a = "text", py::kw_only(), "calendar_id"_a = "", "calendar_name"_a = "",
        "timestamp"_a = py::none(), "sequence"_a = 0, "csv_rows"_a = "events", "time_zone"_a = "",
        "previous"_a = py::none(),
        "Writes render(format, ...) to path atomically: a failure leaves any existing file untouched.");
    cls.def(
        "changes",
        [](const schedule& before, const schedule& after, const std::string& calendar_id,
           const std::string& format) {
            render_options o;
            o.calendar_id = calendar_id;
            if (format != "text" && format != "json")
                throw value_error("unknown format \"" + format + "\"; allowed: text, json");
            const auto list = changes(before, after, o);
            return format == "text" ? changes_to_text(list) : changes_to_json(list);
        },
        "after"_a, py::kw_only(), "calendar_id"_a = "", "format"_a = "text",
        "What changed from this schedule to `after`, item by item, as a calendar client sees it: items "
        "matched by the UIDs render(\"ics\", calendar_id=...) writes (\"\" = each plan's derived id), "
        "listed when moved (other dates), added or removed. format \"text\": one line per change; "
        "\"json\": the ttplan-changes/1 document (schema/changes.schema.json).");
    cls.def(
        "calendar_id", [](const schedule& s, const std::string& given) {
            render_options o;
            o.calendar_id = given;
            return ical_calendar_id(s, o);
        },
        "calendar_id"_a = "",
        "The calendar id render(\"ics\") derives UIDs from: calendar_id when given (checked), else 16 hex "
        "digits derived from the plan's protocols, parameters and start date.");
}

}  // namespace ttplan::python
