// Dates from Python: datetime.date, datetime.datetime (pandas.Timestamp is one),
// numpy.datetime64 and "YYYY-MM-DD", under one rule, so every argument that takes a date takes
// all of them.
#include "bindings.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace py = pybind11;
using namespace pybind11::literals;

namespace ttplan::python {

namespace {

std::string type_name(py::handle h) {
    return py::str(py::type::handle_of(h).attr("__name__"));
}

day_point from_fields(int year, int month, int day) {
    return date::sys_days{date::year{year} / date::month{static_cast<unsigned>(month)} /
                          date::day{static_cast<unsigned>(day)}};
}

// datetime.datetime and its subclasses (pandas.Timestamp): the day on its own wall clock, at
// midnight only. A time zone is kept, not converted: 2027-01-04 00:00 in Berlin is 4 January.
day_point from_datetime(py::handle src) {
    PyObject* o = src.ptr();
    if (type_name(src) == "NaTType") throw value_error("NaT (pandas' missing time) is not a date");
    long nanosecond = 0;
    if (!PyDateTime_CheckExact(o) && py::hasattr(src, "nanosecond"))
        nanosecond = src.attr("nanosecond").cast<long>();
    if (PyDateTime_DATE_GET_HOUR(o) != 0 || PyDateTime_DATE_GET_MINUTE(o) != 0 ||
        PyDateTime_DATE_GET_SECOND(o) != 0 || PyDateTime_DATE_GET_MICROSECOND(o) != 0 || nanosecond != 0) {
        throw value_error(
            fmt::format("{} {} has a time of day; ttplan plans whole days: give a date, or a "
                        "datetime at midnight",
                        type_name(src), std::string(py::str(src))));
    }
    return from_fields(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o));
}

bool is_datetime64(py::handle src) {
    const py::handle type = py::type::handle_of(src);
    return py::hasattr(type, "__module__") && std::string(py::str(type.attr("__module__"))) == "numpy" &&
           type_name(src) == "datetime64";
}

// numpy.datetime64 in days or a finer unit, at midnight. numpy is loaded already: the value is one.
day_point from_datetime64(py::handle src) {
    const py::module_ np = py::module_::import("numpy");
    const std::string text = py::str(src);
    if (np.attr("isnat")(src).cast<bool>()) throw value_error("numpy.datetime64('NaT') is not a date");
    const auto unit = np.attr("datetime_data")(src.attr("dtype"))[py::int_(0)].cast<std::string>();
    constexpr std::array<std::string_view, 10> day_or_finer{"D",  "h",  "m",  "s",  "ms",
                                                            "us", "ns", "ps", "fs", "as"};
    if (std::find(day_or_finer.begin(), day_or_finer.end(), unit) == day_or_finer.end()) {
        throw value_error(fmt::format("numpy.datetime64('{}') is in units of '{}', not a day", text, unit));
    }
    const py::object day = src.attr("astype")("datetime64[D]");
    if (!(day.equal(src))) {
        throw value_error(
            fmt::format("numpy.datetime64('{}') has a time of day; ttplan plans whole days: give a "
                        "date, or a datetime at midnight",
                        text));
    }
    // Days since 1970-01-01, the same count as sys_days; bounded to the years datetime.date has.
    const auto count = day.attr("astype")("int64").cast<std::int64_t>();
    constexpr auto first = date::sys_days{date::year{1} / 1 / 1}.time_since_epoch().count();
    constexpr auto last = max_date.time_since_epoch().count();
    if (count < first || count > last) {
        throw value_error(fmt::format("numpy.datetime64('{}') is outside the years 1 to 9999", text));
    }
    return day_point{date::days{static_cast<date::days::rep>(count)}};
}

}  // namespace

std::optional<day_point> python_date(py::handle src) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (!src) return std::nullopt;
    if (py::isinstance<py::str>(src)) return parse_date(src.cast<std::string>());
    PyObject* o = src.ptr();
    if (PyDateTime_Check(o)) return from_datetime(src);
    if (PyDate_Check(o))
        return from_fields(PyDateTime_GET_YEAR(o), PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o));
    if (is_datetime64(src)) return from_datetime64(src);
    return std::nullopt;
}

void bind_dates(py::module_& m) {
    m.def(
        "as_date",
        [](py::handle value, const std::string& what) -> day_point {
            std::optional<day_point> day;
            try {
                day = python_date(value);
            } catch (const value_error& e) {
                throw value_error(fmt::format("{}: {}", what, e.message()));
            }
            if (!day) {
                throw py::type_error(
                    fmt::format("{}: expected a date (datetime.date, a datetime.datetime or "
                                "pandas.Timestamp at midnight, numpy.datetime64, or "
                                "\"YYYY-MM-DD\"), not {}",
                                what, type_name(value)));
            }
            return *day;
        },
        "value"_a, "what"_a,
        "The day `value` names, as every argument that takes a date reads it; `what` (the argument's name) "
        "starts every message. Raises TypeError for another type, InvalidValueError for text that is not "
        "YYYY-MM-DD, a time of day, NaT or a numpy unit coarser than a day.");
}

}  // namespace ttplan::python
