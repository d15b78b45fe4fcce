// Dependency-cycle detection for check(): a depth-first search whose first back edge closes
// a cycle, recovered from the DFS tree so the message can name every phase in it.
#include "phase_graph.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <algorithm>
#include <map>

namespace ttplan::detail {

namespace {

using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using vertex = boost::graph_traits<graph>::vertex_descriptor;
using edge = boost::graph_traits<graph>::edge_descriptor;

struct cycle_found {};

class cycle_recorder : public boost::default_dfs_visitor {
public:
    cycle_recorder(std::vector<vertex>& parent, std::vector<vertex>& cycle) : parent_(parent), cycle_(cycle) {}

    void tree_edge(edge e, const graph& g) { parent_[boost::target(e, g)] = boost::source(e, g); }

    // A back edge u -> v means v is an ancestor of u on the DFS stack: v ... u -> v is a cycle.
    void back_edge(edge e, const graph& g) {
        const vertex u = boost::source(e, g);
        const vertex v = boost::target(e, g);
        for (vertex w = u; w != v; w = parent_[w]) cycle_.push_back(w);
        cycle_.push_back(v);
        std::reverse(cycle_.begin(), cycle_.end());
        throw cycle_found{};  // one cycle is enough to report; stop the search here
    }

private:
    std::vector<vertex>& parent_;
    std::vector<vertex>& cycle_;
};

}  // namespace

std::vector<std::string> find_dependency_cycle(const protocol& p) {
    std::map<std::string_view, vertex> index;
    for (std::size_t i = 0; i < p.phases.size(); ++i) index.emplace(p.phases[i].id, i);

    graph g(p.phases.size());
    for (const auto& dep : p.dependencies) {
        const auto from = index.find(dep.from);
        const auto to = index.find(dep.to);
        if (from == index.end() || to == index.end()) continue;  // dangling: reported elsewhere
        boost::add_edge(from->second, to->second, g);
    }

    std::vector<vertex> parent(p.phases.size());
    std::vector<vertex> cycle;
    try {
        boost::depth_first_search(g, boost::visitor(cycle_recorder(parent, cycle)));
    } catch (const cycle_found&) {
        // Start the cycle at the phase listed first in the protocol, so the message does not
        // depend on where the search happened to enter the cycle.
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    }

    std::vector<std::string> ids;
    for (vertex v : cycle) ids.push_back(p.phases[v].id);
    return ids;
}

}  // namespace ttplan::detail
