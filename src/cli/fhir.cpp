// ttplan fhir export|export-definition|import: HL7 FHIR R4 documents (docs/fhir.md).
#include "commands.hpp"

#include <ttplan/fhir.hpp>

#include <cstdio>
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
    cmd->add_option("-o,--output", *output, "Write to FILE (atomically) instead of standard output")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->callback([&st, in, output] {
        st.run = [in, output] {
            // A record's calendar id keeps the Bundle's ids across its revisions.
            const auto record = input_record(*in);
            if (!record) {
                emit(*output, to_fhir_bundle(plan_schedule(*in)));
                return 0;
            }
            emit(*output, to_fhir_bundle(plan_record(*record, *in), record->calendar_id));
            return 0;
        };
    });
}

void add_export_definition(CLI::App& fhir, state& st) {
    auto* cmd = fhir.add_subcommand("export-definition", "Write a protocol as a FHIR R4 PlanDefinition");
    auto id = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    cmd->add_option("protocol", *id,
                    "Built-in protocol id, protocol file, or - for standard input (default: the default built-in)")
        ->check(not_empty("a protocol id or file"));
    cmd->add_option("-o,--output", *output, "Write to FILE (atomically) instead of standard output")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->callback([&st, id, output] {
        st.run = [id, output] {
            const protocol p = id->empty() ? load_builtin(default_protocol_id()) : load_protocol_input(*id);
            emit(*output, to_plan_definition(p));
            return 0;
        };
    });
}

void add_import(CLI::App& fhir, state& st) {
    auto* cmd = fhir.add_subcommand(
        "import", "Read a FHIR R4 PlanDefinition and write it as a ttplan protocol file (JSON)");
    auto file = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto lossy = std::make_shared<bool>(false);
    cmd->add_option("plandefinition", *file, "PlanDefinition file (JSON), or - for standard input")
        ->required()
        ->check(not_empty("a PlanDefinition file"));
    cmd->add_option("-o,--output", *output, "Write to FILE (atomically) instead of standard output")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->add_flag("--lossy", *lossy,
                  "Leave out what ttplan cannot map, with a warning naming its FHIR path on standard error "
                  "(without it, that is an error and nothing is written)");
    cmd->callback([&st, file, output, lossy] {
        st.run = [file, output, lossy] {
            const fhir_import_result imported =
                is_standard_input(*file)
                    ? import_plan_definition(standard_input_text(), standard_input_origin, {*lossy})
                    : import_plan_definition_file(*file, {*lossy});
            for (const problem& p : imported.unmapped) {
                std::fprintf(stderr, "ttplan: warning: %s (left out: --lossy)\n", p.to_string().c_str());
            }
            emit(*output, to_json(imported.result));
            return 0;
        };
    });
}

}  // namespace

void add_fhir(CLI::App& app, state& st) {
    auto* fhir =
        app.add_subcommand("fhir", "HL7 FHIR R4: export a plan or a protocol, import a PlanDefinition");
    fhir->require_subcommand(1);
    add_export(*fhir, st);
    add_export_definition(*fhir, st);
    add_import(*fhir, st);
}

}  // namespace ttplan::cli
