// Schedules shared by the CSV, Markdown and month-calendar tests: a small hand-built one whose
// names a test chooses, and real plans of the default protocol.
#pragma once

#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/schedule.hpp>

#include <string>
#include <vector>

namespace samples {

using namespace ttplan;

inline day_point day(const char* iso) {
    return parse_date(iso);
}

inline phase_occurrence occurrence(std::string id, std::string name, const char* first, const char* last) {
    phase_occurrence p;
    p.phase = std::move(id);
    p.name = std::move(name);
    p.kind = p.phase;
    p.first = day(first);
    p.last = day(last);
    return p;
}

inline event dated(const char* when, std::string phase, std::int32_t number, std::string activity,
                   category kind = category::chemotherapy) {
    event e;
    e.date = day(when);
    e.phase = std::move(phase);
    e.day = number;
    e.activity = std::move(activity);
    e.category = kind;
    return e;
}

inline span stretch(std::string activity, category kind, const char* first, const char* last) {
    span t;
    t.activity = std::move(activity);
    t.category = kind;
    t.first = day(first);
    t.last = day(last);
    return t;
}

// Induction (Day-1 numbering) from Mon 4 Jan 2027, one tentative maintenance cycle (variant A)
// numbered from Day -7, a protocol-wide track and a continuous activity in the cycle.
// `activity` names the first event and `phase_name` the induction phase.
inline schedule hand_built(const std::string& activity = "Vincristine",
                           const std::string& phase_name = "Induction") {
    std::vector<phase_occurrence> phases{
        occurrence("induction", phase_name, "2027-01-04", "2027-02-01"),
        occurrence("maintenance", "Maintenance", "2027-02-08", "2027-03-07")};
    phases[1].cycle = 1;
    phases[1].variant = "A";
    phases[1].first_day = -7;
    phases[1].tentative = true;

    std::vector<event> events{dated("2027-01-04", "induction", 1, activity),
                              dated("2027-01-04", "induction", 1, "Lumbar puncture", category::intrathecal),
                              dated("2027-01-11", "induction", 8, "Vincristine"),
                              dated("2027-02-08", "maintenance", -7, "Admission", category::hospital_stay)};
    events[3].cycle = 1;
    events[3].tentative = true;

    std::vector<span> spans{stretch("Imatinib", category::targeted, "2027-01-18", "2027-03-07"),
                            stretch("Mercaptopurine", category::chemotherapy, "2027-02-15", "2027-03-07")};
    spans[1].phase = "maintenance";
    spans[1].cycle = 1;
    spans[1].first_day = 0;
    spans[1].last_day = 20;
    spans[1].tentative = true;
    return schedule({segment{{"demo", "Demo protocol", "1"},
                             {{"ph_positive", {parameter_type::boolean, "true"}}},
                             day("2027-01-04"),
                             {}}},
                    std::move(phases), std::move(events), std::move(spans));
}

// The default protocol planned from Mon 4 Jan 2027.
inline schedule default_plan(const parameter_values& values = {}) {
    profile pr;
    pr.start = day("2027-01-04");
    pr.values = values;
    return make_schedule(load_builtin(default_protocol_id()), pr);
}

// One phase a week for three years from 2027-01-04, each with a hospital stay: a plan far too
// long for one printed sheet.
inline schedule weekly_blocks() {
    std::vector<phase_occurrence> phases;
    std::vector<span> stays;
    const day_point start = day("2027-01-04");
    for (int i = 0; i < 150; ++i) {
        const day_point first = start + date::days{7 * i};
        const std::string id = "block" + std::to_string(i);
        phase_occurrence p;
        p.phase = id;
        p.name = "Block " + std::to_string(i);
        p.kind = id;
        p.first = first;
        p.last = first + date::days{6};
        phases.push_back(p);
        span stay;
        stay.activity = "Admission";
        stay.category = category::hospital_stay;
        stay.first = first;
        stay.last = first + date::days{2};
        stay.phase = id;
        stays.push_back(stay);
    }
    return schedule({segment{{"long", "A long plan", "1"}, {}, start, {}}}, std::move(phases), {},
                    std::move(stays));
}

// The branch the golden files cover besides the defaults.
inline const parameter_values ph_dasatinib{{"ph_positive", "true"}, {"tki", "dasatinib"}};

}  // namespace samples
