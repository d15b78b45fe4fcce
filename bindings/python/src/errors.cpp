// The one place where C++ errors become Python exceptions: ttplan.Error and a subclass per
// family, looked up by error code, each carrying .message, .location, .code and (validation)
// .problems.
#include "bindings.hpp"

#include <array>
#include <cstddef>
#include <string>

namespace py = pybind11;

namespace ttplan::python {

namespace {

// One Python exception class per error family, in error_code order. Every class derives from
// ttplan.Error (the generic family's class) and, where one fits, from a built-in class too.
struct family {
    error_code code;
    const char* name;
    const char* doc;
    PyObject* const* builtin;  // also a subclass of this built-in exception, or nullptr
};
constexpr std::array<family, error_code_count> families{{
    {error_code::generic, "Error",
     "Every ttplan error. Attributes: message (without the location), location (ttplan.Location), "
     "code (the family: \"generic\", \"io\", \"parse\", \"validation\", \"parameter\", "
     "\"planning\" or \"value\").",
     nullptr},
    {error_code::io, "IoError", "A file that cannot be read or written.", &PyExc_OSError},
    {error_code::parse, "ParseError", "Text that is not JSON; location has line and column.", nullptr},
    {error_code::validation, "ValidationError",
     "A protocol that breaks the format's rules; .problems lists every problem.", nullptr},
    {error_code::parameter, "ParameterError",
     "A parameter name or value the protocol does not declare; the message lists what is allowed.",
     &PyExc_ValueError},
    {error_code::planning, "PlanningError",
     "Planning failed for these inputs (unknown phase, date past 9999).", nullptr},
    {error_code::value, "InvalidValueError", "A date, length or option value that does not parse.",
     &PyExc_ValueError},
}};

// Rows in code order, generic first: lookups index by code, and Error must exist before the
// classes that derive from it.
constexpr bool in_code_order() {
    for (std::size_t i = 0; i < families.size(); ++i) {
        if (static_cast<std::size_t>(families[i].code) != i) return false;
    }
    return families[0].code == error_code::generic;
}
static_assert(in_code_order(), "families: one row per error_code, in order");

std::size_t index_of(error_code code) {
    const auto i = static_cast<std::size_t>(code);
    return i < families.size() ? i : static_cast<std::size_t>(error_code::generic);
}

// The classes made from `families`, kept for the life of the process (the translator may run
// at any time).
std::array<PyObject*, error_code_count> classes{};

PyObject* new_exception(py::module_& m, const family& f) {
    const std::string qualified = std::string("ttplan.") + f.name;
    py::object bases;
    if (f.code == error_code::generic) {
        bases = py::reinterpret_borrow<py::object>(PyExc_Exception);
    } else {
        const py::handle base(classes[index_of(error_code::generic)]);
        bases = f.builtin == nullptr ? py::make_tuple(base) : py::make_tuple(base, py::handle(*f.builtin));
    }
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), f.doc, bases.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    m.attr(f.name) = py::reinterpret_borrow<py::object>(cls);
    return cls;  // the new reference is kept for good
}

void raise(const error& e) {
    PyObject* cls = classes[index_of(e.code())];
    py::object exc = py::reinterpret_borrow<py::object>(cls)(e.what());
    exc.attr("message") = e.message();
    exc.attr("location") = py::cast(e.where());
    exc.attr("code") = std::string(to_string(e.code()));
    // The family is told by code above; the cast only reaches the problems a validation error carries.
    if (const auto* v = dynamic_cast<const validation_error*>(&e)) {
        exc.attr("problems") = py::cast(v->problems());
    }
    PyErr_SetObject(cls, exc.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
    py::class_<location>(m, "Location", "Where a problem sits; unknown parts are empty or 0.")
        .def_readonly("file", &location::file, "A path, \"<string>\", \"builtin:<id>\" or an option name.")
        .def_readonly("pointer", &location::pointer, "A JSON pointer into the protocol file, e.g. \"/phases/2\".")
        .def_readonly("line", &location::line, "1-based line, 0 when unknown.")
        .def_readonly("column", &location::column, "1-based column, 0 when unknown.")
        .def("__str__", &location::to_string)
        .def("__repr__", [](const location& l) { return "<ttplan.Location " + l.to_string() + ">"; });
    py::class_<problem>(m, "Problem", "One problem found in a protocol: where and what.")
        .def_readonly("location", &problem::where)
        .def_readonly("message", &problem::message)
        .def("__str__", &problem::to_string)
        .def("__repr__", [](const problem& p) { return "<ttplan.Problem " + p.to_string() + ">"; });

    // Error first: every other class derives from it.
    for (const auto& f : families) classes[index_of(f.code)] = new_exception(m, f);

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const error& e) {
            raise(e);
        }
    });
}

}  // namespace ttplan::python
