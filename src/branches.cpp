// Every branch of the decisions taken during treatment, planned side by side.
#include <ttplan/compare.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace ttplan {

namespace {

location branch_location(std::string_view name) {
    return location{"parameters", "/" + std::string(name), 0, 0};
}

std::vector<std::string> decided_names(const protocol& p) {
    std::vector<std::string> out;
    for (const auto& param : p.parameters) {
        if (param.decided) out.push_back(param.name);
    }
    return out;
}

}  // namespace

labelled_schedules plan_branches(const protocol& p, const profile& pr,
                                 const std::vector<std::string>& parameters) {
    std::vector<const parameter*> chosen;
    for (const auto& name : parameters) {
        const parameter* param = p.find_parameter(name);
        if (param == nullptr || !param->decided) {
            const auto names = decided_names(p);
            throw parameter_error(
                fmt::format("\"{}\" is not decided during treatment in protocol \"{}\"; decided: {}", name,
                            p.id, names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))),
                branch_location(name));
        }
        if (pr.values.contains(name))
            throw parameter_error(
                fmt::format("\"{}\" already has the value \"{}\": it has no branches left to "
                            "compare",
                            name, pr.values.find(name)->second),
                branch_location(name));
        if (std::find(chosen.begin(), chosen.end(), param) == chosen.end()) chosen.push_back(param);
    }
    if (parameters.empty()) {
        for (const auto& param : p.parameters) {
            if (param.decided && !pr.values.contains(param.name)) chosen.push_back(&param);
        }
        if (chosen.empty())
            throw parameter_error(fmt::format("protocol \"{}\" has no decision left open to compare{}", p.id,
                                              decided_names(p).empty() ? " (it declares none)" : ""));
    }
    std::vector<std::vector<std::string>> options;
    std::size_t combinations = 1;
    for (const parameter* param : chosen) {
        options.push_back(param->options());
        combinations *= options.back().size();
        if (combinations > max_branch_plans)
            throw parameter_error(
                fmt::format("the decisions chosen have more than {} combinations of options; "
                            "name fewer",
                            max_branch_plans));
    }

    labelled_schedules out;
    std::vector<std::size_t> pick(chosen.size(), 0);
    for (std::size_t n = 0; n < combinations; ++n) {
        profile branch = pr;
        std::vector<std::string> label;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            const std::string& value = options[i][pick[i]];
            branch.values[chosen[i]->name] = value;
            label.push_back(fmt::format("{}={}", chosen[i]->name, value));
        }
        out.emplace_back(fmt::format("{}", fmt::join(label, ",")), make_schedule(p, branch));
        // The last parameter changes fastest.
        for (std::size_t i = chosen.size(); i-- > 0;) {
            if (++pick[i] < options[i].size()) break;
            pick[i] = 0;
        }
    }
    return out;
}

}  // namespace ttplan
