// Treatment records: one patient's plan that follows the patient (docs/records.md). The
// package's Python layer (ttplan/__init__.py) gives them their keyword arguments and dates.
#include "bindings.hpp"

#include <pybind11/operators.h>

#include <fmt/format.h>

#include <optional>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

namespace {

std::string changes_text(const std::vector<change>& list, const std::string& format) {
    if (format != "text" && format != "json") throw value_error("unknown format \"" + format + "\"; allowed: text, json");
    return format == "text" ? changes_to_text(list) : changes_to_json(list);
}

}  // namespace

void bind_record(py::module_& m) {
    py::class_<revision>(m, "Revision", "One revision of a treatment record: its number, time and facts.")
        .def_readonly("number", &revision::number, "1 for the record's creation, then 2, 3, ...")
        .def_readonly("recorded_at", &revision::recorded_at, "When it was recorded, seconds since 1970 (UTC).")
        .def_property_readonly(
            "facts",
            [](const revision& r) {
                std::vector<std::string> out;
                for (const auto& f : r.facts) out.push_back(to_string(f));
                return out;
            },
            "Each fact as one readable line (as `ttplan record show` prints it).")
        .def_property_readonly(
            "kinds",
            [](const revision& r) {
                std::vector<std::string> out;
                for (const auto& f : r.facts) out.emplace_back(kind_of(f));
                return out;
            },
            "Each fact's kind as the file spells it (\"event_held\", \"decision_taken\", ...).")
        .def("__repr__", [](const revision& r) {
            return fmt::format("<ttplan.Revision {} at {}: {} fact{}>", r.number, format_record_time(r.recorded_at),
                               r.facts.size(), r.facts.size() == 1 ? "" : "s");
        });

    py::class_<treatment_record>(m, "Record",
                                 "A treatment record (ttplan-record/1): one patient's protocol pinned, start, "
                                 "parameters and the facts of each revision. Make one with ttplan.new_record(), "
                                 "read one with ttplan.load_record() or ttplan.parse_record().")
        .def_readonly("calendar_id", &treatment_record::calendar_id,
                      "The record's opaque calendar id (32 hex digits): the UIDs of its calendar.")
        .def_readonly("start", &treatment_record::start, "The first day of treatment (datetime.date).")
        .def_property_readonly(
            "parameters", [](const treatment_record& r) { return r.values; },
            "The parameter values given when it was made (decisions come in the history).")
        .def_property_readonly("revision", &treatment_record::last_revision,
                               "The number of the last revision (its calendar's SEQUENCE).")
        .def_readonly("history", &treatment_record::history, "The revisions, oldest first (list of Revision).")
        .def_property_readonly(
            "protocol", [](const treatment_record& r) { return r.pinned.copy; },
            "The pinned copy of the protocol it plans with (a Protocol).")
        .def_property_readonly(
            "origin", [](const treatment_record& r) { return r.pinned.origin; },
            "Where the pinned protocol came from: \"builtin:<id>\" or a path.")
        .def_property_readonly(
            "digest", [](const treatment_record& r) { return r.pinned.digest; }, "The pinned copy's digest.")
        .def(
            "builtin_changed",
            [](const treatment_record& r) -> std::optional<std::string> {
                const auto change = builtin_changed(r);
                return change ? std::optional<std::string>(change->message()) : std::nullopt;
            },
            "When the built-in it was pinned from has changed since: what changed and how to move on, in one "
            "line; None when it has not, or it was made from a file. Planning uses the pinned copy either way.")
        .def("to_json", [](const treatment_record& r) { return to_json(r); },
             "The record file text (ttplan.parse_record() reads it back to an equal record).")
        .def(
            "save", [](const treatment_record& r, const std::string& path) { write_file_atomic(path, to_json(r)); },
            "path"_a, "Writes the record file atomically: a failure leaves any existing file untouched.")
        .def("describe", [](const treatment_record& r) { return describe(r); },
             "The record for people, as `ttplan record show` prints it.")
        .def(py::self == py::self)  // NOLINT(misc-redundant-expression)
        .def("__repr__", [](const treatment_record& r) {
            return fmt::format("<ttplan.Record {} from {} revision {}>", r.pinned.copy.id, format_date(r.start),
                               r.last_revision());
        });

    m.def(
        "create_record",
        [](const protocol& p, const std::string& origin, day_point start, const parameter_values& values,
           std::int64_t recorded_at, const std::optional<std::string>& calendar_id) {
            return calendar_id ? create_record(p, origin, start, values, recorded_at, *calendar_id)
                               : create_record(p, origin, start, values, recorded_at);
        },
        "protocol"_a, "origin"_a, "start"_a, "parameters"_a, "recorded_at"_a, "calendar_id"_a = py::none());
    m.def("load_record", [](const std::string& path) { return load_record_file(path); }, "path"_a,
          "Reads a treatment record file. Raises IoError, ParseError or ValidationError (every problem by file, "
          "JSON pointer and line).");
    m.def(
        "parse_record", [](const std::string& text, const std::string& origin) { return parse_record(text, origin); },
        "text"_a, "origin"_a = "<string>", "Parses treatment record JSON text; raises as load_record() does.");
    m.def(
        "add_revision",
        [](treatment_record& r, const std::vector<fact_text>& facts, const std::string& decided_by,
           std::int64_t recorded_at) {
            r = add_revision(r, read_facts(facts, decided_by), recorded_at);
            return r.last_revision();
        },
        "record"_a, "facts"_a, "decided_by"_a, "recorded_at"_a);
    m.def(
        "repin_record",
        [](treatment_record& r, const protocol& p, const std::string& origin, std::int64_t recorded_at) {
            r = repin(r, p, origin, recorded_at);
            return r.last_revision();
        },
        "record"_a, "protocol"_a, "origin"_a, "recorded_at"_a);
    m.def(
        "plan_record",
        [](const treatment_record& r, std::int32_t revision, const std::vector<int>& closed,
           const std::vector<day_point>& holidays, const std::map<std::string, std::string>& shift) {
            const clinic_calendar c = make_calendar(closed, holidays, shift);
            return revision == 0 ? plan(r, c) : plan_at(r, revision, c);
        },
        "record"_a, "revision"_a, "closed_weekdays"_a, "holidays"_a, "shift"_a);
    m.def(
        "render_record",
        [](const treatment_record& r, const std::string& format, const std::string& calendar_name,
           std::optional<std::int64_t> timestamp, const std::string& csv_rows, const std::string& time_zone,
           const std::vector<int>& closed, const std::vector<day_point>& holidays,
           const std::map<std::string, std::string>& shift, py::handle remind, py::handle today,
           const std::string& language) {
            return rendered(format, render(r, format,
                                           make_options("", calendar_name, timestamp, 0, csv_rows, time_zone,
                                                        nullptr, remind, today, std::nullopt, std::nullopt,
                                                        language),
                                           make_calendar(closed, holidays, shift)));
        },
        "record"_a, "format"_a, "calendar_name"_a, "timestamp"_a, "csv_rows"_a, "time_zone"_a, "closed_weekdays"_a,
        "holidays"_a, "shift"_a, "remind"_a, "today"_a, "language"_a = "");
    m.def(
        "record_changes",
        [](const treatment_record& r, std::optional<std::int32_t> since, const std::string& format, const std::vector<int>& closed,
           const std::vector<day_point>& holidays, const std::map<std::string, std::string>& shift) {
            return changes_text(changes_since(r, since, make_calendar(closed, holidays, shift)), format);
        },
        "record"_a, "since"_a, "format"_a, "closed_weekdays"_a, "holidays"_a, "shift"_a);
    m.def(
        "write_text", [](const std::string& path, const std::string& text) { write_file_atomic(path, text); },
        "path"_a, "text"_a, "Writes text to path atomically.");
    m.def("fact_kinds", [] {
        std::vector<std::string> out;
        for (fact_form f : all_fact_forms) out.emplace_back(to_string(f));
        return out;
    });
}

}  // namespace ttplan::python
