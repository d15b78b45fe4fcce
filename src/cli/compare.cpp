// ttplan compare: one protocol planned with several sets of parameter values, or several
// protocols planned for one patient, side by side.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
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

// Several protocols, one column each, labelled by id (the input as given when two share an id),
// each planned from the same start and clinic calendar with the --set values it declares.
labelled_schedules plan_protocols(const std::vector<std::string>& inputs, const plan_inputs& in) {
    refuse_second_standard_input(inputs, "protocols compared");
    std::vector<protocol> protocols;
    for (const auto& text : inputs)
        protocols.push_back(text.empty() ? load_builtin(default_protocol_id()) : load_protocol_input(text));
    const profile common = make_profile(in);
    const auto declares = [](const protocol& p, const std::string& name) {
        return std::any_of(p.parameters.begin(), p.parameters.end(),
                           [&](const parameter& d) { return d.name == name; });
    };
    for (const auto& [name, value] : common.values) {
        if (std::any_of(protocols.begin(), protocols.end(),
                        [&](const protocol& p) { return declares(p, name); }))
            continue;
        std::string declared;
        for (const protocol& p : protocols) {
            std::string names;
            for (const parameter& d : p.parameters) names += (names.empty() ? "" : ", ") + d.name;
            declared +=
                fmt::format("{}{}: {}", declared.empty() ? "" : "; ", p.id, names.empty() ? "none" : names);
        }
        throw parameter_error(
            fmt::format("unknown parameter \"{}\": no protocol compared declares it (declared: {})", name,
                        declared),
            location{"--set", {}, 0, 0});
    }
    // Labels: the protocol's id, or the input as given when two protocols share an id; the
    // same input given twice is numbered, so no two columns share a label.
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < protocols.size(); ++k) {
        const protocol& p = protocols[k];
        const bool shared_id = std::count_if(protocols.begin(), protocols.end(),
                                             [&](const protocol& q) { return q.id == p.id; }) > 1;
        labels.push_back(shared_id && !inputs[k].empty() ? inputs[k] : p.id);
    }
    labelled_schedules plans;
    for (std::size_t k = 0; k < protocols.size(); ++k) {
        const protocol& p = protocols[k];
        profile pr = common;
        pr.values.clear();
        for (const auto& [name, value] : common.values) {
            if (declares(p, name)) pr.values[name] = value;
        }
        const auto n =
            std::count(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(k) + 1, labels[k]);
        std::string label = n > 1 ? fmt::format("{} ({})", labels[k], n) : labels[k];
        try {
            plans.emplace_back(std::move(label), plan_with_facts(p, pr, in));
        } catch (const parameter_error& e) {
            throw parameter_error(fmt::format("{}: {}", p.id, e.message()), location{"--set", {}, 0, 0});
        }
    }
    return plans;
}

}  // namespace

void add_compare(CLI::App& app, state& st) {
    auto* cmd =
        app.add_subcommand("compare",
                           "Plan one protocol with several sets of parameter values, or several protocols, "
                           "and compare them side by side");
    auto in = std::make_shared<plan_inputs>();
    auto others = std::make_shared<std::vector<std::string>>();
    auto variants = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto language = std::make_shared<std::string>();
    add_plan_inputs(*cmd, *in);
    cmd->add_option(
           "others", *others,
           "More protocols to compare with the first, one column each on one time axis (built-in ids, "
           "protocol or record files; --set values apply to each protocol that declares them)")
        ->check(not_empty("a protocol id or file"));
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
    add_language_option(*cmd, *language);
    cmd->callback([&st, in, others, variants, branches, all_branches, format, output, language] {
        if (!others->empty()) {
            const char* one_protocol = !variants->empty()   ? "--variant"
                                       : !branches->empty() ? "--branch"
                                       : *all_branches      ? "--branches"
                                                            : nullptr;
            if (one_protocol != nullptr) {
                throw CLI::ValidationError(
                    one_protocol,
                    "compares the values of one protocol; give one protocol with it, or "
                    "several protocols without it");
            }
        } else if (variants->empty() && branches->empty() && !*all_branches) {
            throw CLI::RequiredError("--variant, --branch or --branches (or a second protocol)");
        }
        st.run = [in, others, variants, branches, all_branches, format, output, language] {
            const std::string chosen =
                format->empty() ? format_for_output(*output, {"text", "md", "html"}) : *format;
            if (!others->empty()) {
                std::vector<std::string> inputs{in->protocol};
                inputs.insert(inputs.end(), others->begin(), others->end());
                const labelled_schedules plans = plan_protocols(inputs, *in);
                emit(*output, chosen == "md"     ? comparison_markdown(plans, *language)
                              : chosen == "html" ? comparison_html(plans, *language)
                                                 : comparison_text(plans, *language));
                return 0;
            }
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
            emit(*output, chosen == "md"     ? comparison_markdown(plans, *language)
                          : chosen == "html" ? comparison_html(plans, *language)
                                             : comparison_text(plans, *language));
            return 0;
        };
    });
}

}  // namespace ttplan::cli
