// The one place where C++ errors become Python exceptions: ttplan.Error and a subclass per
// family, each carrying .message, .location and (validation) .problems.
#include "bindings.hpp"

#include <string>

namespace py = pybind11;

namespace ttplan::python {

namespace {

// Exception classes, kept for the life of the process (the translator may run at any time).
struct exception_classes {
    PyObject* base = nullptr;
    PyObject* io = nullptr;
    PyObject* parse = nullptr;
    PyObject* validation = nullptr;
    PyObject* parameter = nullptr;
    PyObject* planning = nullptr;
    PyObject* value = nullptr;
};
exception_classes classes;

PyObject* new_exception(py::module_& m, const char* name, const char* doc, py::object bases) {
    const std::string qualified = std::string("ttplan.") + name;
    PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (cls == nullptr) throw py::error_already_set();
    m.attr(name) = py::reinterpret_borrow<py::object>(cls);
    return cls;  // the new reference is kept for good
}

py::object base_and(PyObject* builtin) {
    return py::make_tuple(py::handle(classes.base), py::handle(builtin));
}

void raise(PyObject* cls, const error& e) {
    py::object exc = py::reinterpret_borrow<py::object>(cls)(e.what());
    exc.attr("message") = e.message();
    exc.attr("location") = py::cast(e.where());
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

    const auto borrowed = [](PyObject* cls) { return py::reinterpret_borrow<py::object>(cls); };
    classes.base = new_exception(
        m, "Error",
        "Every ttplan error. Attributes: message (without the location), location (ttplan.Location).",
        borrowed(PyExc_Exception));
    classes.io = new_exception(m, "IoError", "A file that cannot be read or written.", base_and(PyExc_OSError));
    classes.parse = new_exception(m, "ParseError", "Text that is not JSON; location has line and column.",
                                  borrowed(classes.base));
    classes.validation = new_exception(
        m, "ValidationError", "A protocol that breaks the format's rules; .problems lists every problem.",
        borrowed(classes.base));
    classes.parameter = new_exception(
        m, "ParameterError", "A parameter name or value the protocol does not declare; the message lists what is allowed.",
        base_and(PyExc_ValueError));
    classes.planning = new_exception(m, "PlanningError", "Planning failed for these inputs (unknown phase, date past 9999).",
                                     borrowed(classes.base));
    classes.value = new_exception(m, "InvalidValueError", "A date, length or option value that does not parse.",
                                  base_and(PyExc_ValueError));

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const io_error& e) {
            raise(classes.io, e);
        } catch (const parse_error& e) {
            raise(classes.parse, e);
        } catch (const validation_error& e) {
            raise(classes.validation, e);
        } catch (const parameter_error& e) {
            raise(classes.parameter, e);
        } catch (const planning_error& e) {
            raise(classes.planning, e);
        } catch (const value_error& e) {
            raise(classes.value, e);
        } catch (const error& e) {
            raise(classes.base, e);
        }
    });
}

}  // namespace ttplan::python
