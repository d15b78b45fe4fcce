// The protocol's phases as a Boost.Graph digraph (private: no Boost in public headers).
#pragma once

#include <ttplan/model.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ttplan::detail {

// A cycle of dependencies that some parameter values make active all at once.
struct dependency_cycle {
    std::vector<std::string> phases;  // a -> b -> c, without repeating a
    // The dependency out of each phase in `phases`; the last one closes the cycle.
    std::vector<std::size_t> dependencies;
    // The values of the parameters those dependencies' conditions name that make them all
    // active; empty for a cycle of unconditional dependencies.
    parameter_values values;
};

// The first cycle that one set of parameter values makes of the dependencies whose `when`
// holds, or nullopt when every set plans in some order: "b after a when cns=negative" and
// "a after b when cns=positive" is no cycle. Tries the representative values
// (parameter_space.hpp) of the parameters named by the conditions of a cycle found, dropping
// the dependencies a partial choice rules out, until what is left has no cycle or the cycle
// found is active. Dependencies of a phase on itself, on an unknown phase, or with a condition
// on an undeclared parameter are left out: check() reports each of them on its own.
std::optional<dependency_cycle> find_active_cycle(const protocol& p);

}  // namespace ttplan::detail
