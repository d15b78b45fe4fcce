// HL7 FHIR R4 (JSON): a plan as a Bundle with a CarePlan and a RequestGroup, a protocol as a
// PlanDefinition, and a PlanDefinition read back as a protocol. Mapping: docs/fhir.md.
#pragma once

#include <ttplan/error.hpp>
#include <ttplan/export.hpp>
#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace TTPLAN_API ttplan {

// The URL of HL7's extension that lists the days of a cycle an action falls on.
inline constexpr std::string_view fhir_days_of_cycle_url =
    "http://hl7.org/fhir/StructureDefinition/timing-daysOfCycle";
// The extension that carries, as JSON text, the keys of a ttplan protocol element that FHIR has
// no element for (a repeat's "until", a window, "continuous", ...), so a PlanDefinition ttplan
// writes reads back into the same protocol.
inline constexpr std::string_view fhir_rules_url = "urn:ttplan:fhir:extension:rules";
// The code system of ttplan's activity categories (action.code).
inline constexpr std::string_view fhir_category_system = "urn:ttplan:fhir:category";

// Returns: a FHIR R4 Bundle (type "collection", JSON text, 2-space indent, trailing newline)
// holding a CarePlan (period, protocol and parameters, the disclaimer) and the RequestGroup it
// points to. The RequestGroup's actions are the plan: one per phase with its timingPeriod, one
// per cycle inside a repeated phase, one per event (timingDateTime) or continuous stretch
// (timingPeriod) inside those, each event of a repeated phase with the timing-daysOfCycle
// extension; tracks are actions of their own. No dose is written, since ttplan has none.
// Remarks: ids are stable: the same plan gives the same document byte for byte. The ids of the
// Bundle, CarePlan and RequestGroup (and the entries' urn:uuid names) are a hash of `plan_id`
// when it is given (a treatment record's calendar id, so they stay across its revisions), else
// of the plan (protocol, version, parameters, start), never of a patient. Action ids are made
// of phase ids, cycles, day numbers and activity names. Throws value_error located at
// "calendar_id" for a plan_id that is not 1 to 64 characters from [A-Za-z0-9._-].
std::string to_fhir_bundle(const schedule& s, std::string_view plan_id = {});

// Returns: the protocol as a FHIR R4 PlanDefinition (JSON text). Phases are actions (a
// repeated phase with timingTiming.repeat: count and period; a phase run once with
// timingDuration), activities are their sub-actions with timing-daysOfCycle, dependencies are
// relatedAction with offsets, conditions are applicability conditions. What FHIR has no
// element for is kept in the fhir_rules_url extension of the element, so
// import_plan_definition() gives back a protocol that plans identically.
std::string to_plan_definition(const protocol& p);

struct fhir_import_options {
    // false: a part of the PlanDefinition that has no ttplan meaning is an error. true: it is
    // left out and reported in fhir_import_result::unmapped.
    bool lossy = false;
};

struct fhir_import_result {
    protocol result;
    // What was left out (only with lossy), each located by JSON pointer, with its FHIR path
    // ("PlanDefinition.action[2].timingTiming.repeat.frequency") in the message.
    std::vector<problem> unmapped;
};

// Reads a FHIR R4 PlanDefinition (JSON text; `origin` names it in locations) as a protocol.
// Throws parse_error for text that is not JSON (line and column); validation_error listing
// every problem, each at its JSON pointer and line with its FHIR path, for a document that is
// not a PlanDefinition, for parts that cannot be mapped (unless options.lossy) and for a
// protocol that breaks ttplan's rules once mapped.
fhir_import_result import_plan_definition(std::string_view json_text, std::string_view origin = "<string>",
                                          const fhir_import_options& options = {});
// Reads the file and imports it; io_error when it cannot be read.
fhir_import_result import_plan_definition_file(const std::filesystem::path& path,
                                               const fhir_import_options& options = {});

}  // namespace ttplan
