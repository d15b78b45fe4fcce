// The protocol's phases as a Boost.Graph digraph (private: no Boost in public headers).
#pragma once

#include <ttplan/model.hpp>

#include <string>
#include <vector>

namespace ttplan::detail {

// Vertices are phases in protocol order; edges are all dependencies (conditions ignored,
// dangling references skipped). Returns the ids of the phases forming one dependency cycle,
// in dependency order (a -> b -> c, without repeating a), or an empty vector when acyclic.
std::vector<std::string> find_dependency_cycle(const protocol& p);

}  // namespace ttplan::detail
