// Dependency-cycle detection for check(): a depth-first search whose first back edge closes
// a cycle, recovered from the DFS tree so the message can name every phase in it, inside a
// search over the parameter values that turn the cycle's dependencies on and off.
#include "phase_graph.hpp"

#include "parameter_space.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>
#include <map>

namespace ttplan::detail {

namespace {

// Edges carry the index of their dependency.
using graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, std::size_t>;
using vertex = boost::graph_traits<graph>::vertex_descriptor;
using edge = boost::graph_traits<graph>::edge_descriptor;

struct cycle_found {};

class cycle_recorder : public boost::default_dfs_visitor {
public:
    cycle_recorder(std::vector<edge>& parent, std::vector<edge>& cycle) : parent_(parent), cycle_(cycle) {}

    void tree_edge(edge e, const graph& g) { parent_[boost::target(e, g)] = e; }

    // A back edge u -> v means v is an ancestor of u on the DFS stack: v ... u -> v is a cycle.
    void back_edge(edge e, const graph& g) {
        const vertex v = boost::target(e, g);
        cycle_.push_back(e);
        for (vertex w = boost::source(e, g); w != v; w = boost::source(parent_[w], g))
            cycle_.push_back(parent_[w]);
        std::reverse(cycle_.begin(), cycle_.end());
        throw cycle_found{};  // one cycle is enough to report; stop the search here
    }

private:
    std::vector<edge>& parent_;
    std::vector<edge>& cycle_;
};

// The dependencies of one cycle among those `included`, in order, starting with the one out
// of the phase listed first in the protocol (so the answer does not depend on where the
// search happened to enter the cycle); empty when they form none.
std::vector<std::size_t> cycle_among(const protocol& p, const std::vector<bool>& included) {
    std::map<std::string_view, vertex> index;
    for (std::size_t i = 0; i < p.phases.size(); ++i) index.emplace(p.phases[i].id, i);

    graph g(p.phases.size());
    for (std::size_t d = 0; d < p.dependencies.size(); ++d) {
        if (!included[d]) continue;
        const auto from = index.find(p.dependencies[d].from);
        const auto to = index.find(p.dependencies[d].to);
        if (from == index.end() || to == index.end()) continue;  // dangling: reported elsewhere
        boost::add_edge(from->second, to->second, d, g);
    }

    std::vector<edge> parent(p.phases.size());
    std::vector<edge> cycle;
    try {
        boost::depth_first_search(g, boost::visitor(cycle_recorder(parent, cycle)));
    } catch (const cycle_found&) {
        const auto first = std::min_element(cycle.begin(), cycle.end(), [&](edge a, edge b) {
            return boost::source(a, g) < boost::source(b, g);
        });
        std::rotate(cycle.begin(), first, cycle.end());
    }
    std::vector<std::size_t> out;
    for (const edge e : cycle) out.push_back(g[e]);
    return out;
}

// Whether a dependency can still be active once the parameters in `chosen` have their values.
bool possible(const dependency& d, const parameter_values& chosen) {
    for (const auto& [name, values] : d.when.all_of) {
        const auto it = chosen.find(name);
        if (it != chosen.end() && std::find(values.begin(), values.end(), it->second) == values.end())
            return false;
    }
    return true;
}

class cycle_search {
public:
    explicit cycle_search(const protocol& p) : p_(p) {
        for (const parameter& q : p.parameters) {
            const bool named =
                std::any_of(p.dependencies.begin(), p.dependencies.end(),
                            [&](const dependency& d) { return d.when.all_of.contains(q.name); });
            if (named) params_.push_back(representative_values(p, q));
        }
    }

    // The dependencies of a cycle that the values chosen so far, and values for more
    // parameters, make active, among the dependencies still `included`. A cycle breaks only
    // when one of its own dependencies drops out, so the search branches on a parameter that
    // the cycle found names; each branch looks for any cycle again.
    std::optional<std::vector<std::size_t>> run(std::vector<bool> included) {
        for (std::size_t d = 0; d < included.size(); ++d)
            included[d] = included[d] && possible(p_.dependencies[d], chosen_);
        std::vector<std::size_t> cycle = cycle_among(p_, included);
        if (cycle.empty()) return std::nullopt;
        const auto open = std::find_if(params_.begin(), params_.end(), [&](const representatives& r) {
            return !chosen_.contains(r.param->name) &&
                   std::any_of(cycle.begin(), cycle.end(), [&](std::size_t d) {
                       return p_.dependencies[d].when.all_of.contains(r.param->name);
                   });
        });
        // Every parameter the cycle's conditions name is chosen, and every condition holds.
        if (open == params_.end()) return cycle;
        const std::string& name = open->param->name;
        for (const std::string& value : open->values) {
            chosen_[name] = value;
            if (auto found = run(included)) return found;
        }
        chosen_.erase(name);
        return std::nullopt;
    }

    const parameter_values& chosen() const { return chosen_; }

private:
    const protocol& p_;
    std::vector<representatives> params_;
    parameter_values chosen_;
};

}  // namespace

std::optional<dependency_cycle> find_active_cycle(const protocol& p) {
    std::vector<bool> included(p.dependencies.size());
    for (std::size_t d = 0; d < p.dependencies.size(); ++d) {
        const dependency& dep = p.dependencies[d];
        included[d] = dep.from != dep.to &&
                      std::all_of(dep.when.all_of.begin(), dep.when.all_of.end(),
                                  [&](const auto& c) { return p.find_parameter(c.first) != nullptr; });
    }
    // The usual case, a protocol whose dependencies have no cycle whatever their conditions.
    if (cycle_among(p, included).empty()) return std::nullopt;

    cycle_search search(p);
    const auto found = search.run(included);
    if (!found) return std::nullopt;
    dependency_cycle out;
    out.dependencies = *found;
    for (const std::size_t d : out.dependencies) {
        out.phases.push_back(p.dependencies[d].from);
        for (const auto& entry : p.dependencies[d].when.all_of)
            out.values[entry.first] = search.chosen().at(entry.first);
    }
    return out;
}

}  // namespace ttplan::detail
