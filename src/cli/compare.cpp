// ttplan compare: one protocol planned with several sets of parameter values, side by side.
#include "commands.hpp"

#include <fmt/format.h>

#include <cctype>
#include <memory>

namespace ttplan::cli {

namespace {

struct variant {
    std::string label;
    std::vector<std::string> sets;  // name=value
};

std::string trim(std::string_view text) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

// "ph_positive=true,tki=dasatinib" or "Ph+ dasatinib: ph_positive=true,tki=dasatinib";
// "" plans the defaults.
variant parse_variant(const std::string& text) {
    variant out;
    std::string assignments = text;
    if (const auto colon = text.find(':'); colon != std::string::npos) {
        out.label = trim(std::string_view(text).substr(0, colon));
        assignments = text.substr(colon + 1);
    }
    for (std::size_t from = 0; from <= assignments.size();) {
        const auto comma = std::min(assignments.find(',', from), assignments.size());
        const std::string one = trim(std::string_view(assignments).substr(from, comma - from));
        if (!one.empty()) out.sets.push_back(one);
        from = comma + 1;
    }
    if (out.label.empty()) {
        for (const auto& s : out.sets) out.label += (out.label.empty() ? "" : ",") + s;
        if (out.label.empty()) out.label = "defaults";
    }
    return out;
}

}  // namespace

void add_compare(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand(
        "compare", "Plan one protocol with several sets of parameter values and compare them side by side");
    auto in = std::make_shared<plan_inputs>();
    auto variants = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    add_plan_inputs(*cmd, *in);
    auto branches = std::make_shared<std::vector<std::string>>();
    auto all_branches = std::make_shared<bool>(false);
    auto* variant_option =
        cmd->add_option(
               "--variant", *variants,
               "A variant: name=value[,name=value...], optionally labelled \"LABEL: name=value,...\" "
               "(repeatable, in column order; --set values apply to every variant)")
            ->take_all();
    auto* branch_option = cmd->add_option("--branch", *branches,
                                          "Compare every option of this decision taken during treatment "
                                          "(repeatable: every combination of their options)")
                              ->excludes(variant_option);
    cmd->add_flag("--branches", *all_branches,
                  "Compare every branch of every decision the plan leaves open (see `ttplan show`)")
        ->excludes(variant_option)
        ->excludes(branch_option);
    cmd->add_option("-f,--format", *format,
                    "text, md or html (default: from the -o file's suffix; text on standard output or for a "
                    "name without one)")
        ->check(CLI::IsMember({"text", "md", "html"}));
    cmd->add_option("-o,--output", *output,
                    "Write to FILE (atomically) instead of standard output (-: standard output)")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->callback([&st, in, variants, branches, all_branches, format, output] {
        if (variants->empty() && branches->empty() && !*all_branches)
            throw CLI::RequiredError("--variant, --branch or --branches");
        st.run = [in, variants, branches, all_branches, format, output] {
            const std::string chosen =
                format->empty() ? format_for_output(*output, {"text", "md", "html"}) : *format;
            const protocol p = load_input_protocol(*in);
            const profile common = make_profile(*in);
            labelled_schedules plans;
            if (!branches->empty() || *all_branches) {
                try {
                    plans = plan_branches(p, common, *branches);
                } catch (const parameter_error& e) {
                    throw parameter_error(e.message(),
                                          location{branches->empty() ? "--branches" : "--branch", {}, 0, 0});
                }
            }
            for (const auto& text : *variants) {
                const variant v = parse_variant(text);
                profile pr = common;
                try {
                    for (const auto& [name, value] : parse_sets(v.sets)) pr.values[name] = value;
                    plans.emplace_back(v.label, plan_with_facts(p, pr, *in));
                } catch (const error& e) {
                    if (e.code() == error_code::validation) throw;  // every problem, each located
                    // A fact of --actual or --delay that this variant's plan refuses names its option.
                    if (e.where().file == "--actual" || e.where().file == "--delay") throw;
                    throw value_error(fmt::format("\"{}\": {}", text, e.message()),
                                      location{"--variant", {}, 0, 0});
                }
            }
            emit(*output, chosen == "md"     ? comparison_markdown(plans)
                          : chosen == "html" ? comparison_html(plans)
                                             : comparison_text(plans));
            return 0;
        };
    });
}

}  // namespace ttplan::cli
