// ttplan fhir export: HL7 FHIR R4 documents (docs/fhir.md).
#include "commands.hpp"

#include <ttplan/fhir.hpp>

#include <memory>

namespace ttplan::cli {

namespace {

void add_export(CLI::App& fhir, state& st) {
    auto* cmd = fhir.add_subcommand(
        "export",
        "Plan as `ttplan plan` does and write the plan as a FHIR R4 Bundle (CarePlan + RequestGroup)");
    auto in = std::make_shared<plan_inputs>();
    auto output = std::make_shared<std::string>();
    add_plan_inputs(*cmd, *in);
    add_then_option(*cmd, *in);
    cmd->add_option("-o,--output", *output, "Write to FILE (atomically) instead of standard output");
    cmd->callback([&st, in, output] {
        st.run = [in, output] {
            emit(*output, to_fhir_bundle(plan_schedule(*in)));
            return 0;
        };
    });
}

}  // namespace

void add_fhir(CLI::App& app, state& st) {
    auto* fhir =
        app.add_subcommand("fhir", "HL7 FHIR R4: export a plan");
    fhir->require_subcommand(1);
    add_export(*fhir, st);
}

}  // namespace ttplan::cli
