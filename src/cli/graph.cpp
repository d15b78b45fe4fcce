// ttplan graph: the phase dependency graph, with the branch the given parameters take.
#include "commands.hpp"

#include <ttplan/graph.hpp>

#include <memory>

namespace ttplan::cli {

void add_graph(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand(
        "graph", "Draw the phase dependency graph (Graphviz DOT or Mermaid); phases not taken are dashed");
    auto id = std::make_shared<std::string>();
    auto sets = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>("dot");
    auto output = std::make_shared<std::string>();
    cmd->add_option(
           "protocol", *id,
           "Built-in protocol id, protocol file, or - for standard input (default: the default built-in)")
        ->check(not_empty("a protocol id or file"));
    cmd->add_option("--set", *sets, "Parameter value, name=value (repeatable)")->take_all();
    cmd->add_option("-f,--format", *format, "dot (Graphviz) or mermaid")
        ->check(CLI::IsMember({"dot", "mermaid"}))
        ->capture_default_str();
    cmd->add_option("-o,--output", *output,
                    "Write to FILE (atomically) instead of standard output (-: standard output)")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->callback([&st, id, sets, format, output] {
        st.run = [id, sets, format, output] {
            const protocol p = id->empty() ? load_builtin(default_protocol_id()) : load_protocol_input(*id);
            const parameter_values values = parse_sets(*sets);
            emit(*output, *format == "mermaid" ? to_mermaid(p, values) : to_dot(p, values));
            return 0;
        };
    });
}

}  // namespace ttplan::cli
