// What the FHIR writers and the reader share: the shape of the few FHIR data types ttplan uses,
// the ttplan rules extension, and the condition text of applicability conditions. Private.
#pragma once

#include <ttplan/calendar.hpp>
#include <ttplan/model.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

using ojson = nlohmann::ordered_json;

// The language of the applicability conditions ttplan writes and reads: a conjunction of
// `name = value` and `name in {value, ...}` (CQL syntax), values as `true`, `false`, integers
// or 'quoted text'.
inline constexpr std::string_view fhir_condition_language = "text/cql";

// "d", "wk", "mo", "a": the UCUM units of a Timing's periodUnit for a length's unit.
std::string_view ucum_unit(length::unit u);
// The inverse; nullopt for a unit ttplan has no length for ("h", "min", "s").
std::optional<length::unit> length_unit_of(std::string_view ucum);
// A Duration: {"value": 21, "unit": "days", "system": "http://unitsofmeasure.org", "code": "d"}.
ojson duration_json(const length& len);

// A protocol file's "when" object as applicability-condition text ("ph_positive = true and tki
// in {'imatinib', 'dasatinib'}"); strings quoted, booleans and integers bare.
std::string condition_text(const ojson& when);

// One `name = value` or `name in {...}` of a condition text: the values as JSON (true, 3,
// "imatinib"), so the reader can declare the parameter with the right type.
struct condition_term {
    std::string name;
    ojson values = ojson::array();
};
// Parses condition text; throws value_error naming what it could not read.
std::vector<condition_term> parse_condition_text(std::string_view text);

// Days as day-pattern text: sorted, each once, runs as ranges ("1, 8..10" as "1,8..10").
std::string days_text(std::vector<std::int32_t> days);

// The parameters of an imported protocol: those `declared` (by the rules extension, then the
// choices regimen options make), then one for every other name a condition uses, typed by the
// values `seen` for it: bool (default false), integer (from the least value named to one past
// the greatest, so that some value is named by none) or choice (the values named, with "other"
// when only one is). A name with values of several types is left out, with a message in
// `conflicts`.
ojson inferred_parameters(const ojson& declared,
                          const std::map<std::string, std::vector<ojson>, std::less<>>& seen,
                          std::vector<std::string>& conflicts);

// The dependency a phase's relatedAction makes (the phase `self`, the related phase `target`,
// the offset as a length, the target's first day number), or nullopt with `why` saying what
// cannot be mapped ("an offset ..." when the offset is at fault, else the relationship).
std::optional<ojson> dependency_for(std::string_view relationship, const std::string& self,
                                    const std::string& target, const std::optional<std::string>& offset,
                                    std::int32_t target_first_day, std::string& why);

// PlanDefinition elements that describe the document rather than the plan, and the same for
// actions (presentation and bookkeeping, no dates): the reader reads past them by design
// (docs/fhir.md lists them).
extern const std::set<std::string, std::less<>> descriptive_keys;
extern const std::set<std::string, std::less<>> descriptive_action_keys;

// Whether `id` is a protocol or phase id as the file format allows: [a-z0-9][a-z0-9_-]*.
bool is_protocol_id(std::string_view id);

// Characters of an id made from free text: [a-z0-9-], other runs as one '-'; "x" when empty.
std::string slug(std::string_view text);

}  // namespace ttplan::detail
