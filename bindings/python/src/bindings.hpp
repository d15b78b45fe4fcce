// Shared by the binding files: one bind_<area>() per file, and dates as datetime.date.
#pragma once

#include <ttplan/ttplan.hpp>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>
#include <optional>

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

// Render options from the keywords of Schedule.render(); value_error for csv_rows other than
// "events" or "phases", as python_remind() for `remind`, located at "today" for a `today`
// that is not None or a date python_date() takes, and as parse_paper() and parse_orientation()
// for `paper` and `orientation`; `language` as render_options::language. `previous` may be null.
render_options make_options(const std::string& calendar_id, const std::string& calendar_name,
                            std::optional<std::int64_t> timestamp, std::int32_t sequence,
                            const std::string& csv_rows, const std::string& time_zone, const schedule* previous,
                            pybind11::handle remind, pybind11::handle today,
                            const std::optional<std::string>& paper = std::nullopt,
                            const std::optional<std::string>& orientation = std::nullopt,
                            const std::string& language = {});

// What render() gave, as Python holds it: bytes for a binary format (PNG, PDF), else str.
pybind11::object rendered(std::string_view format, const std::string& output);

// The reminders of a remind= keyword: None (none), one length or an iterable of them, each text
// parse_remind() reads ("1d") or a datetime.timedelta of whole minutes. Throws value_error
// located at "remind[i]" (or "remind" for a lone one) for a length that does not read or is not
// whole minutes, and for a value of another type.
std::vector<std::chrono::minutes> python_remind(pybind11::handle remind);

// A fact as (kind, text), the text `ttplan record add --KIND` takes.
using fact_text = std::pair<std::string, std::string>;
// Facts read from their text, `decided_by` for every decision; value_error located at
// "facts[i]" for the first that does not read.
std::vector<record_fact> read_facts(const std::vector<fact_text>& facts, const std::string& decided_by);
// `actuals` and the facts read from their text; value_error located at "facts[i]" for one
// that does not read or is not a planner's fact.
treatment_facts make_facts(std::vector<actual_start> actuals, const std::vector<fact_text>& facts);
void bind_dates(pybind11::module_& m);

// Returns: the day `src` names when it is a datetime.date, a datetime.datetime (a
// pandas.Timestamp too), a numpy.datetime64 in days or a finer unit, or "YYYY-MM-DD" text;
// nullopt for any other type.
// Throws: value_error, naming the value, when it is one of those but not a whole day: a time of
// day other than midnight, NaT, a unit coarser than a day, a year outside 1 ... 9999, text
// that parse_date() refuses.
// Remarks: an aware datetime gives its date on its own wall clock; it is never converted to UTC
// or to the local zone.
std::optional<day_point> python_date(pybind11::handle src);

}  // namespace ttplan::python

namespace pybind11::detail {

// ttplan::day_point <-> datetime.date. Every date type python_date() takes loads; a time of day
// is an error rather than silently lost.
template <>
struct type_caster<ttplan::day_point> {
    PYBIND11_TYPE_CASTER(ttplan::day_point, const_name("datetime.date"));

    bool load(handle src, bool) {
        const auto day = ttplan::python::python_date(src);
        if (!day) return false;
        value = *day;
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
