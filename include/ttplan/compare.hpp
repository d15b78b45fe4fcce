// Comparing plans side by side: how parameter values (or protocols) change the length of each
// phase, of the whole treatment, and the number of treatment, hospital and procedure days.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/schedule.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace TTPLAN_API ttplan {

struct phase_length {
    std::string protocol;  // protocol id
    std::string phase;     // phase id
    std::string name;
    std::int32_t cycles = 0;  // occurrences
    std::int64_t days = 0;    // calendar days its occurrences cover
    friend bool operator==(const phase_length&, const phase_length&) = default;
};

// The figures an educator compares between plans, all counted from the schedule alone.
struct variant_summary {
    day_point start{};
    day_point end{};
    std::int64_t total_days = 0;              // start to end inclusive
    std::string length_in_words;              // describe_length(start, end)
    std::vector<phase_length> phases;         // per phase of each protocol, in order of first occurrence
    std::int64_t treatment_days = 0;          // distinct dates with an event or continuous therapy
    std::int64_t clinic_days = 0;             // distinct dates with an event
    std::int64_t hospital_days = 0;           // distinct dates in a hospital-stay span or event
    std::int64_t intrathecal_procedures = 0;  // intrathecal events
    std::int64_t radiation_days = 0;          // distinct dates with a radiation event or span
    std::int64_t targeted_days = 0;           // distinct dates with targeted therapy (event or span)

    // The phase covering the most days (the first of equals); nullptr when there are none.
    const phase_length* longest() const;
    friend bool operator==(const variant_summary&, const variant_summary&) = default;
};

variant_summary summarize(const schedule& s);

// Plans to compare, each under a label ("ph_positive=true").
using labelled_schedules = std::vector<std::pair<std::string, schedule>>;

// At most this many plans from plan_branches().
inline constexpr std::size_t max_branch_plans = 64;

// Every branch of decisions taken during treatment, planned side by side: one plan per
// combination of the options of `parameters` (decided parameters of `p`), in option order, each
// labelled "induction_response=mrd_positive" (combinations joined by ","). With no names, every
// decided parameter the profile leaves open. Throws parameter_error for a name that is not
// decided during treatment or already has a value in the profile, for none open, or for more
// than max_branch_plans combinations.
labelled_schedules plan_branches(const protocol& p, const profile& pr,
                                 const std::vector<std::string>& parameters = {});

// A plain-text table, one column per plan and one row per phase and figure, with the protocol
// and start above it and each plan's full parameter values and the disclaimer below.
// A phase a plan does not have shows "-".
// `language`: as render_options::language ("" = English); throws value_error for one that
// languages() does not list.
std::string comparison_text(const labelled_schedules& plans, std::string_view language = {});

// The same as a Markdown document (GitHub table). Protocol text and labels are inert: no
// HTML, emphasis, links or extra table cells can come from them.
std::string comparison_markdown(const labelled_schedules& plans, std::string_view language = {});

// to_html_comparison() (one timeline per plan on a shared axis) with the comparison table
// added as its last section: one self-contained, XML-well-formed page.
std::string comparison_html(const labelled_schedules& plans, std::string_view language = {});

}  // namespace ttplan
