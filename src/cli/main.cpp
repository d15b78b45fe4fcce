// The ttplan command-line tool: a thin shell over the library.
#include "commands.hpp"

#include <ttplan/ttplan.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <sstream>
#include <string>

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

// The subcommand of `app` named `word`, or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::string& word) {
    const auto found = app.get_subcommands([&](const CLI::App* sub) { return sub->check_name(word); });
    return found.empty() ? nullptr : found.front();
}

// The first word of the command line that is not an option, on `app`'s level, when it names
// no subcommand of `app`: CLI11 would only say "A subcommand is required" without naming it.
// Neither level takes an option with a value (only --help and --version), so every other
// word is a command.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv, int from) {
    for (int i = from; i < argc; ++i) {
        const std::string word = argv[i];
        if (word.starts_with("-")) continue;
        const CLI::App* sub = find_command(app, word);
        if (sub == nullptr) return word;
        const auto nested = sub->get_subcommands([](const CLI::App*) { return true; });
        return nested.empty() ? std::nullopt : unknown_command(*sub, argc, argv, i + 1);
    }
    return std::nullopt;
}

std::string command_names(const CLI::App& app) {
    std::string names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    return names;
}

// The parent of the command `word` stands in for, to list its siblings.
const CLI::App& level_of(const CLI::App& app, int argc, char** argv, const std::string& word) {
    for (int i = 1; i < argc; ++i) {
        if (argv[i] == word) break;
        if (const CLI::App* sub = find_command(app, argv[i])) return *sub;
    }
    return app;
}

// Whatever a command printed, standard output must have taken it: else the command failed.
// CLI11's help goes through std::cout, which stays synchronised with stdio (the default), so
// its writes reach stdout's stream and its error flag at once.
int finish(int status) {
    try {
        ttplan::cli::check_standard_output();
    } catch (const ttplan::error& e) {
        print_error(e);
        return status == 0 ? 1 : status;
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"ttplan: plans treatment timelines for acute lymphoblastic leukemia protocols.\n" +
                 std::string(ttplan::disclaimer)};
    app.set_version_flag("--version", std::string("ttplan ") + ttplan::version_string);
    app.require_subcommand(1);
    app.fallthrough(false);
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return fmt::format("ttplan: error: {}\nRun with --help for more information.\n", e.what());
    });

    ttplan::cli::state state;
    ttplan::cli::add_commands(app, state);

    if (const auto word = unknown_command(app, argc, argv, 1)) {
        const CLI::App& level = level_of(app, argc, argv, *word);
        // A usage_error prints its text terminal-safe, as every error does.
        print_error(ttplan::cli::usage_error(
            fmt::format("unknown command \"{}\"; commands{}: {}", *word,
                        &level == &app ? std::string() : " of " + level.get_name(), command_names(level))));
        return 2;
    }

    try {
        app.parse(argc, argv);
        return finish(state.run());
    } catch (const CLI::ParseError& e) {
        // --help and --version print and succeed; every other parse error is a usage error,
        // status 2 as for grep and diff (CLI11's own codes, 105 and up, mean nothing to a shell).
        // CLI11's messages quote what was typed: printable like every message of ttplan's own.
        std::ostringstream out;
        std::ostringstream err;
        const int status = app.exit(e, out, err);
        std::fputs(out.str().c_str(), stdout);
        std::fputs(ttplan::printable_text(err.str()).c_str(), stderr);
        return finish(status == 0 ? 0 : 2);
    } catch (const ttplan::cli::usage_error& e) {
        // 2, as for grep and diff: the command line, not the data, needs changing.
        print_error(e);
        return finish(2);
    } catch (const ttplan::error& e) {
        print_error(e);
        return finish(1);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ttplan: internal error: %s\n", ttplan::printable_line(e.what()).c_str());
        return finish(3);
    }
}
