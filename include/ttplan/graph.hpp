// Pictures of a protocol's phase graph: which phases follow which, and which branch the given
// parameters take.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/model.hpp>

#include <string>

namespace TTPLAN_API ttplan {

// Graphviz DOT text of the phase dependency graph for these parameter values (defaults filled
// in; throws parameter_error for an undeclared name or value). Every phase is a node: active
// phases solid, phases whose condition is false dashed and grey with the condition as a label.
// Every dependency is an edge labelled with its rule ("Day 36 of Induction (gated: ...)",
// "after end", "+7d"); edges not taken are dashed. Tracks are notes joined to their anchor
// phases by dotted edges. Every protocol-supplied text is escaped.
std::string to_dot(const protocol& p, const parameter_values& values);

// The same graph as a Mermaid flowchart (for Markdown renderers such as GitHub's).
std::string to_mermaid(const protocol& p, const parameter_values& values);

}  // namespace ttplan
