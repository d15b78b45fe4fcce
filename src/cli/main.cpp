// The ttplan command-line tool: a thin shell over the library.
#include "commands.hpp"

#include <ttplan/ttplan.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <sstream>

namespace {

void print_error(const ttplan::error& e) {
    // Only a validation error carries a list of problems; the cast reaches it.
    if (const auto* v = dynamic_cast<const ttplan::validation_error*>(&e)) {
        for (const auto& p : v->problems()) std::fprintf(stderr, "ttplan: error: %s\n", p.to_string().c_str());
        return;
    }
    // The library locates parameter errors in its parameter map; here the values came from --set.
    if (e.code() == ttplan::error_code::parameter && e.where().file == "parameters") {
        std::fprintf(stderr, "ttplan: error: --set: %s\n", e.message().c_str());
        return;
    }
    std::fprintf(stderr, "ttplan: error: %s\n", e.what());
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ttplan: plans treatment timelines for acute lymphoblastic leukemia protocols.\n" +
                 std::string(ttplan::disclaimer)};
    app.set_version_flag("--version", std::string("ttplan ") + ttplan::version_string);
    app.require_subcommand(1);
    app.fallthrough(false);

    ttplan::cli::state state;
    ttplan::cli::add_commands(app, state);

    try {
        app.parse(argc, argv);
        return state.run();
    } catch (const CLI::ParseError& e) {
        // CLI11's messages quote what was typed: printable like every message of ttplan's own.
        std::ostringstream out;
        std::ostringstream err;
        const int status = app.exit(e, out, err);
        std::fputs(out.str().c_str(), stdout);
        std::fputs(ttplan::printable_text(err.str()).c_str(), stderr);
        return status;
    } catch (const ttplan::cli::usage_error& e) {
        // 2, as for grep and diff: the command line, not the data, needs changing.
        print_error(e);
        return 2;
    } catch (const ttplan::error& e) {
        print_error(e);
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ttplan: internal error: %s\n", ttplan::printable_line(e.what()).c_str());
        return 3;
    }
}
