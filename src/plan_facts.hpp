// Facts as the planner meets them (planner.cpp): how a message names each one, and the day
// arithmetic of an occurrence that treatment paused in.
#pragma once

#include <ttplan/facts.hpp>
#include <ttplan/schedule.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace ttplan::detail {

// " cycle 3", or nothing without a cycle.
std::string cycle_words(const std::optional<std::int32_t>& cycle);

// How an error names a fact: "pause of phase \"induction\" from 2027-01-14 for 7 days",
// "event induction:22:Vincristine held".
std::string fact_words(const phase_paused& f);
std::string fact_words(const phase_stopped& f);
std::string fact_words(const gate_resolved& f);
std::string fact_words(const event_moved& f);
std::string fact_words(const event_held& f);
std::string fact_words(const event_added& f);
std::string fact_words(const track_changed& f);

// Drops or shortens the pauses an early end of the occurrence leaves behind.
void trim_pauses(phase_occurrence& occ);

// The date of day number d of an occurrence: counted from its first day, its pauses skipped.
day_point date_of(const phase_occurrence& occ, std::int64_t d);

// The day number of a date within an occurrence: its days from the first day, less the
// paused days before it (a paused date counts as the day treatment resumes with).
std::int32_t day_number(const phase_occurrence& occ, day_point d);

}  // namespace ttplan::detail
