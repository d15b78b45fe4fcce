// HL7 FHIR R4 (JSON): a plan as a Bundle with a CarePlan and a RequestGroup. Mapping:
// docs/fhir.md.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/schedule.hpp>

#include <string>
#include <string_view>

namespace TTPLAN_API ttplan {

// The URL of HL7's extension that lists the days of a cycle an action falls on.
inline constexpr std::string_view fhir_days_of_cycle_url =
    "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle";
// The code system of ttplan's activity categories (action.code).
inline constexpr std::string_view fhir_category_system = "urn:ttplan:fhir:category";

// Returns: a FHIR R4 Bundle (type "collection", JSON text, 2-space indent, trailing newline)
// holding a CarePlan (period, protocol and parameters, the disclaimer) and the RequestGroup it
// points to. The RequestGroup's actions are the plan: one per phase with its timingPeriod, one
// per cycle inside a repeated phase, one per event (timingDateTime) or continuous stretch
// (timingPeriod) inside those, each event of a repeated phase with the timing-daysOfCycle
// extension; tracks are actions of their own. Ids are stable: the same plan gives the same
// document byte for byte, and an id is derived from the plan (protocol, version, parameters,
// start), never from a patient. No dose is written, since ttplan has none.
std::string to_fhir_bundle(const schedule& s);

}  // namespace ttplan
