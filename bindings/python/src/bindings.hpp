// Shared by the binding files: one bind_<area>() per file, and dates as datetime.date.
#pragma once

#include <ttplan/ttplan.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

namespace ttplan::python {

void bind_errors(pybind11::module_& m);
void bind_protocol(pybind11::module_& m);
void bind_schedule(pybind11::module_& m);
void bind_formats(pybind11::module_& m);
void bind_record(pybind11::module_& m);

// The clinic calendar from plan()'s keywords: closed weekdays 0 (Sunday) ... 6, holidays, and
// category -> shift rule. Throws value_error for a weekday outside 0..6 or an unknown rule.
clinic_calendar make_calendar(const std::vector<int>& closed, const std::vector<day_point>& holidays,
                              const std::map<std::string, std::string>& shift);

// A fact as (kind, text), the text `ttplan record add --KIND` takes.
using fact_text = std::pair<std::string, std::string>;
// `actuals` and the facts read from their text; value_error located at "facts[i]".
treatment_facts make_facts(std::vector<actual_start> actuals, const std::vector<fact_text>& facts);

}  // namespace ttplan::python

namespace pybind11::detail {

// ttplan::day_point <-> datetime.date. A datetime.datetime is refused rather than silently
// losing its time of day.
template <>
struct type_caster<ttplan::day_point> {
    PYBIND11_TYPE_CASTER(ttplan::day_point, const_name("datetime.date"));

    bool load(handle src, bool) {
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        if (!src || !PyDate_Check(src.ptr()) || PyDateTime_Check(src.ptr())) return false;
        const date::year_month_day ymd{date::year{PyDateTime_GET_YEAR(src.ptr())},
                                       date::month{static_cast<unsigned>(PyDateTime_GET_MONTH(src.ptr()))},
                                       date::day{static_cast<unsigned>(PyDateTime_GET_DAY(src.ptr()))}};
        value = date::sys_days{ymd};
        return true;
    }

    static handle cast(const ttplan::day_point& d, return_value_policy, handle) {
        if (!PyDateTimeAPI) PyDateTime_IMPORT;
        const date::year_month_day ymd{d};
        return PyDate_FromDate(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                               static_cast<int>(static_cast<unsigned>(ymd.day())));
    }
};

}  // namespace pybind11::detail
