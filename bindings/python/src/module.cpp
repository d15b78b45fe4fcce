// The private compiled module behind the ttplan Python package.
#include "bindings.hpp"

PYBIND11_MODULE(_ttplan, m) {
    m.doc() = "ttplan's compiled core; use the ttplan package instead.";
    m.attr("__version__") = ttplan::version_string;
    m.attr("DISCLAIMER") = ttplan::disclaimer;
    ttplan::python::bind_errors(m);
    ttplan::python::bind_protocol(m);
    ttplan::python::bind_schedule(m);
    ttplan::python::bind_formats(m);
    ttplan::python::bind_record(m);
    ttplan::python::bind_dates(m);
}
