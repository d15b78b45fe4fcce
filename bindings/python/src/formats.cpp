// Output formats for a Schedule: render to text in any format, the JSON document, files.
#include "bindings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

namespace {

std::chrono::minutes one_remind(py::handle value, const std::string& where) {
    const auto located = [&](const std::string& message) { return value_error(message, location{where, {}, 0, 0}); };
    if (py::isinstance<py::str>(value)) {
        try {
            return parse_remind(value.cast<std::string>());
        } catch (const value_error& e) {
            throw located(e.message());
        }
    }
    const py::object timedelta = py::module_::import("datetime").attr("timedelta");
    if (!py::isinstance(value, timedelta)) {
        throw located(fmt::format("expected a length such as \"1d\" or a datetime.timedelta, not {}",
                                  py::str(py::type::of(value).attr("__name__")).cast<std::string>()));
    }
    const auto days = value.attr("days").cast<std::int64_t>();
    const auto seconds = value.attr("seconds").cast<std::int64_t>();
    const auto micro = value.attr("microseconds").cast<std::int64_t>();
    if (micro != 0 || seconds % 60 != 0) {
        throw located(fmt::format("{} is not a whole number of minutes", py::str(value).cast<std::string>()));
    }
    // A negative timedelta has negative days; keep it for the range check to refuse. Far past
    // 4 weeks, clamp so the sum cannot overflow.
    const std::int64_t total = std::clamp<std::int64_t>(days, -100000, 100000) * 24 * 60 + seconds / 60;
    const std::chrono::minutes before{total};
    if (before.count() < 1 || before > max_remind) {
        throw located(fmt::format("{}: a reminder is from 1 minute to 4 weeks before the event",
                                  py::str(value).cast<std::string>()));
    }
    return before;
}

}  // namespace

std::vector<std::chrono::minutes> python_remind(py::handle remind) {
    std::vector<std::chrono::minutes> out;
    if (remind.is_none()) return out;
    const py::object timedelta = py::module_::import("datetime").attr("timedelta");
    if (py::isinstance<py::str>(remind) || py::isinstance(remind, timedelta)) {
        out.push_back(one_remind(remind, "remind"));
        return out;
    }
    if (!py::isinstance<py::iterable>(remind)) {
        throw value_error(fmt::format("expected a length such as \"1d\", a datetime.timedelta or a list of "
                                      "them, not {}",
                                      py::str(py::type::of(remind).attr("__name__")).cast<std::string>()),
                          location{"remind", {}, 0, 0});
    }
    std::size_t i = 0;
    for (const py::handle item : remind) out.push_back(one_remind(item, fmt::format("remind[{}]", i++)));
    return out;
}

render_options make_options(const std::string& calendar_id, const std::string& calendar_name,
                            std::optional<std::int64_t> timestamp, std::int32_t sequence,
                            const std::string& csv_rows, const std::string& time_zone, const schedule* previous,
                            py::handle remind, py::handle today, const std::optional<std::string>& paper,
                            const std::optional<std::string>& orientation, const std::string& language) {
    render_options o;
    o.language = language;
    o.remind = python_remind(remind);
    if (!today.is_none()) {
        try {
            o.today = python_date(today);
        } catch (const value_error& e) {
            throw value_error(e.message(), location{"today", {}, 0, 0});
        }
        if (!o.today) {
            throw value_error(fmt::format("expected a date (datetime.date or \"YYYY-MM-DD\"), not {}",
                                          py::str(py::type::of(today).attr("__name__")).cast<std::string>()),
                              location{"today", {}, 0, 0});
        }
    }
    if (paper) o.paper = parse_paper(*paper);
    if (orientation) o.orientation = parse_orientation(*orientation);
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

py::object rendered(std::string_view format, const std::string& output) {
    for (const auto& f : formats()) {
        if (f.name == format && f.binary) return py::bytes(output);
    }
    return py::str(output);
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
    "with the same options; its items this one no longer has are written as STATUS:CANCELLED events), remind "
    "(iCalendar: lengths before each treatment day, as text such as \"30m\", \"2h\", \"1d\", \"1w\" or "
    "datetime.timedelta, 1 minute to 4 weeks; one VALARM each on every treatment-day event; another format "
    "refuses them), today (text, md and html: the reader's day, as start dates are given, for a \"What's "
    "next\" section and, in html, a today line and today marked in the month grids; default None: none, "
    "the clock is never read; other formats ignore it), paper and orientation (\"page\": \"a4\" or "
    "\"letter\", \"landscape\" or \"portrait\"; default A4 landscape; another format refuses them), language (the "
    "language of the fixed texts of the human formats and, where the protocol translates them, of its own "
    "texts: a code of ttplan.languages(), default \"\" English; json and csv are the same in every language). "
    "png, pdf and page give bytes, every other format str.";

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
        .def_property_readonly(
            "binary", [](const format_info& f) { return f.binary; },
            "True for bytes that are no text (png, pdf, page): Schedule.render() gives them as bytes.")
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
    m.def("languages", [] {
        std::vector<std::pair<std::string, std::string>> out;
        for (const language_info& l : languages()) out.emplace_back(l.code, l.name);
        return out;
    }, "The languages Schedule.render(language=...) writes, English first: (code, name in that language) pairs.");

    auto cls = py::reinterpret_borrow<py::class_<schedule>>(m.attr("Schedule"));
    cls.def(
        "render",
        [](const schedule& s, const std::string& format, const std::string& calendar_id,
           const std::string& calendar_name, std::optional<std::int64_t> timestamp, std::int32_t sequence,
           const std::string& csv_rows, const std::string& time_zone, const schedule* previous,
           py::handle remind, py::handle today, const std::optional<std::string>& paper,
           const std::optional<std::string>& orientation, const std::string& language) {
            return rendered(format, render(s, format,
                                           make_options(calendar_id, calendar_name, timestamp, sequence, csv_rows,
                                                        time_zone, previous, remind, today, paper, orientation,
                                                        language)));
        },
        "format"_a = "text", py::kw_only(), "calendar_id"_a = "", "calendar_name"_a = "",
        "timestamp"_a = py::none(), "sequence"_a = 0, "csv_rows"_a = "events", "time_zone"_a = "",
        "previous"_a = py::none(), "remind"_a = py::none(), "today"_a = py::none(), "paper"_a = py::none(),
        "orientation"_a = py::none(), "language"_a = "",
        (std::string("The schedule in the named format (see ttplan.format_names()).") + options_doc)
            .c_str());
    cls.def("to_json", [](const schedule& s) { return to_json(s); },
            "The JSON schedule document (schema/schedule.schema.json), the same text as `ttplan plan --format json`.");
    cls.def(
        "write",
        [](const schedule& s, const std::string& path, const std::string& format,
           const std::string& calendar_id, const std::string& calendar_name,
           std::optional<std::int64_t> timestamp, std::int32_t sequence, const std::string& csv_rows,
           const std::string& time_zone, const schedule* previous, py::handle remind, py::handle today,
           const std::optional<std::string>& paper, const std::optional<std::string>& orientation,
           const std::string& language) {
            write_file_atomic(path, render(s, format,
                                           make_options(calendar_id, calendar_name, timestamp, sequence, csv_rows,
                                                        time_zone, previous, remind, today, paper, orientation,
                                                        language)));
        },
        "path"_a, "format"_a = "text", py::kw_only(), "calendar_id"_a = "", "calendar_name"_a = "",
        "timestamp"_a = py::none(), "sequence"_a = 0, "csv_rows"_a = "events", "time_zone"_a = "",
        "previous"_a = py::none(), "remind"_a = py::none(), "today"_a = py::none(), "paper"_a = py::none(),
        "orientation"_a = py::none(), "language"_a = "",
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
