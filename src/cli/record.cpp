// ttplan record new|add|show|repin: one patient's plan, kept in a treatment record file that
// grows by one revision per `record add`.
#include "commands.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace ttplan::cli {

namespace {

// `record add` and `record repin` write the record back where they read it: a file, never "-".
CLI::Validator writable_record() {
    return CLI::Validator(
        [](const std::string& text) {
            if (text.empty()) return std::string("is empty; give the record file");
            if (is_standard_input(text))
                return std::string(
                    "is - (standard input); give the record file, which gets the new revision");
            return std::string();
        },
        "", "a record file");
}

// When a revision is recorded: $SOURCE_DATE_EPOCH when set (reproducible files, tests), else now.
std::int64_t recorded_now() {
    if (const auto epoch = source_date_epoch()) return *epoch;
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void add_new(CLI::App& parent, state& st) {
    auto* cmd =
        parent.add_subcommand("new", "Make a treatment record: the protocol pinned, start date, parameters");
    auto in = std::make_shared<plan_inputs>();
    auto output = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    cmd->add_option("protocol", in->protocol, "Built-in protocol id, protocol file, or - for standard input")
        ->required()
        ->check(not_empty("a protocol id or file"));
    cmd->add_option("--start", in->start, "First day of treatment, YYYY-MM-DD")
        ->required()
        ->check(not_empty("a date YYYY-MM-DD"));
    cmd->add_option("--set", in->sets, "Parameter value, name=value (repeatable)")->take_all();
    cmd->add_option("-o,--output", *output, "The record file to write")
        ->required()
        ->check(not_empty("the record file to write"));
    cmd->add_flag("--force", *force, "Replace the file if it exists");
    cmd->callback([&st, in, output, force] {
        st.run = [in, output, force] {
            std::error_code ec;
            if (!*force && std::filesystem::exists(*output, ec)) {
                throw usage_error(
                    fmt::format("\"{}\" exists; a record is made once (add to it with ttplan record "
                                "add), or give --force to replace it",
                                *output),
                    location{"--output", {}, 0, 0});
            }
            const profile pr = make_profile(*in);
            if (is_standard_input(*output)) {
                throw usage_error(
                    "a record is a file that later commands add to: name it, not - (standard output)",
                    location{"--output", {}, 0, 0});
            }
            const treatment_record r = create_record(load_input_protocol(*in), input_origin(in->protocol),
                                                     pr.start, pr.values, recorded_now());
            write_file_atomic(*output, to_json(r));
            std::fprintf(stderr, "%s: record made (revision 1)\n", printable_line(*output).c_str());
            return 0;
        };
    });
}

void add_add(CLI::App& parent, state& st) {
    auto* cmd =
        parent.add_subcommand("add", "Record what happened: one new revision holding every fact given");
    auto file = std::make_shared<std::string>();
    auto in = std::make_shared<plan_inputs>();
    auto f = std::make_shared<fact_inputs>();
    cmd->add_option("record", *file, "The record file")->required()->check(writable_record());
    cmd->add_option("--actual", in->actuals, "A phase or cycle started on a date, phase[#cycle]=YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--delay", in->delays, "A phase or cycle started N days late, phase[#cycle]=N")
        ->take_all();
    cmd->add_option("--given", f->given,
                    "An event given on another date, phase[#cycle]:day:activity=YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--hold,--omit", f->held, "An event held (left out), phase[#cycle]:day:activity")
        ->take_all();
    cmd->add_option(
           "--add", f->added,
           "An event the protocol does not plan, phase[#cycle]=YYYY-MM-DD:activity[:category[:note]] "
           "(category default: chemotherapy)")
        ->take_all();
    cmd->add_option("--pause", f->paused, "Treatment paused, phase[#cycle]=YYYY-MM-DD+days")->take_all();
    cmd->add_option("--stop", f->stopped,
                    "A cycle (phase#cycle) or a phase stopped early, phase[#cycle]=YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--start-track", f->track_starts, "A track (such as a TKI) started, track=YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--stop-track", f->track_stops, "A track stopped, track=YYYY-MM-DD")->take_all();
    cmd->add_option("--recovered", f->recovered,
                    "Counts recovered: the gate into a phase resolved on a date, phase=YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--decide", f->decisions, "A decision taken during treatment, parameter=value@YYYY-MM-DD")
        ->take_all();
    cmd->add_option("--by", f->decided_by, "What decided the --decide facts of this call (\"marrow MRD\")");
    cmd->callback([&st, file, in, f] {
        st.run = [file, in, f] {
            std::vector<record_fact> facts = parse_facts(*in, *f);
            if (facts.empty()) {
                throw usage_error(
                    "give at least one fact to record (--actual, --delay, --given, --hold, --add, "
                    "--pause, --stop, --start-track, --stop-track, --recovered, --decide)");
            }
            if (!f->decided_by.empty() && f->decisions.empty()) {
                throw usage_error("--by says what decided a --decide fact; give one",
                                  location{"--by", {}, 0, 0});
            }
            const treatment_record before = load_record_file(*file);
            const std::size_t count = facts.size();
            const treatment_record after = add_revision(before, std::move(facts), recorded_now());
            write_file_atomic(*file, to_json(after));
            std::fprintf(stderr, "%s: revision %d recorded (%zu fact%s)\n", printable_line(*file).c_str(),
                         after.last_revision(), count, count == 1 ? "" : "s");
            return 0;
        };
    });
}

void add_repin(CLI::App& parent, state& st) {
    auto* cmd = parent.add_subcommand(
        "repin", "Pin a record to the current edition of its protocol, as one new revision");
    auto file = std::make_shared<std::string>();
    auto protocol_arg = std::make_shared<std::string>();
    cmd->add_option("record", *file, "The record file")->required()->check(writable_record());
    cmd->add_option(
           "protocol", *protocol_arg,
           "Built-in id, protocol file or - (standard input) of the new edition (default: the built-in "
           "the record was made from)")
        ->check(not_empty("a protocol id or file"));
    cmd->callback([&st, file, protocol_arg] {
        st.run = [file, protocol_arg] {
            const treatment_record before = load_record_file(*file);
            std::string source = *protocol_arg;
            if (source.empty()) {
                const auto id = before.pinned.builtin_id();
                if (!id) {
                    throw usage_error(
                        fmt::format("\"{}\" was made from the file \"{}\", not a built-in: name "
                                    "the protocol file of the new edition",
                                    *file, before.pinned.origin));
                }
                source = *id;
            }
            const treatment_record after =
                repin(before, load_protocol_input(source), input_origin(source), recorded_now());
            write_file_atomic(*file, to_json(after));
            std::fprintf(stderr, "%s: revision %d: %s\n", printable_line(*file).c_str(),
                         after.last_revision(), to_string(after.history.back().facts.front()).c_str());
            return 0;
        };
    });
}

void add_changes(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand(
        "changes", "What a treatment record's plan changed since a revision: moved, added, removed, changed");
    auto file = std::make_shared<std::string>();
    auto since = std::make_shared<std::int32_t>(0);
    auto format = std::make_shared<std::string>("text");
    auto in = std::make_shared<plan_inputs>();
    cmd->add_option("record", *file, "The record file, or - for standard input")
        ->required()
        ->check(not_empty("a record file"));
    cmd->add_option("--since", *since, "The revision to compare with (default: the one before the last)");
    cmd->add_option("-f,--format", *format, "text (one line per change) or json (ttplan-changes/1)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->add_option("--closed", in->closed, "Weekday the clinic is closed, e.g. sat (repeatable)")->take_all();
    cmd->add_option("--holiday", in->holidays, "Date the clinic is closed, YYYY-MM-DD (repeatable)")->take_all();
    cmd->add_option("--shift", in->shifts, "What a category's events do on a closed day: category=next|previous|keep")
        ->take_all();
    cmd->callback([&st, cmd, file, since, format, in] {
        st.run = [cmd, file, since, format, in] {
            const treatment_record r = load_record_input(*file);
            const std::int32_t last = r.last_revision();
            std::optional<std::int32_t> from;
            if (cmd->get_option("--since")->count() > 0) {
                from = *since;
                if (*from < 1 || *from > last) {
                    throw usage_error(fmt::format("\"{}\" has revisions 1 to {}; there is no revision {}", *file,
                                                  last, *from),
                                      location{"--since", {}, 0, 0});
                }
            }
            note_builtin_changed(r);
            const auto list = changes_since(r, from, make_profile(*in).calendar);
            emit("", *format == "json" ? changes_to_json(list) : changes_to_text(list));
            return 0;
        };
    });
}

void add_show(CLI::App& parent, state& st) {
    auto* cmd =
        parent.add_subcommand("show", "Show a record: protocol pinned, start, parameters, facts by revision");
    auto file = std::make_shared<std::string>();
    cmd->add_option("record", *file, "The record file, or - for standard input")
        ->required()
        ->check(not_empty("a record file"));
    cmd->callback([&st, file] {
        st.run = [file] {
            emit("", describe(load_record_input(*file)));
            return 0;
        };
    });
}

}  // namespace

std::optional<treatment_record> input_record(const plan_inputs& in) {
    if (in.protocol.empty() || protocol_origin(in.protocol).starts_with("builtin:") ||
        !is_record_input(in.protocol)) {
        return std::nullopt;
    }
    const auto refuse = [&](bool given, std::string_view option) {
        if (!given) return;
        throw usage_error(
            fmt::format("\"{}\" is a treatment record: its start, parameters and facts come from "
                        "the record (add facts with ttplan record add)",
                        in.protocol),
            location{std::string(option), {}, 0, 0});
    };
    refuse(!in.start.empty(), "--start");
    refuse(!in.sets.empty(), "--set");
    refuse(!in.actuals.empty(), "--actual");
    refuse(!in.delays.empty(), "--delay");
    refuse(!in.thens.empty(), "--then");
    return load_record_input(in.protocol);
}

void add_record(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("record", "Keep one patient's plan in a treatment record file");
    cmd->require_subcommand(1);
    add_new(*cmd, st);
    add_add(*cmd, st);
    add_show(*cmd, st);
    add_repin(*cmd, st);
    // What a record's re-plan changed is a question about the record, asked at the top level.
    add_changes(app, st);
}

}  // namespace ttplan::cli
