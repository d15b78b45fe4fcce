// plan, protocols, show, validate, summary.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace ttplan::cli {

namespace {

// A check that reads an option's value as `read` does, with the library's message when it
// cannot: the option is refused before any work, with what is wrong in its words.
template <typename Read>
CLI::Validator read_as(Read read, std::string type, std::string description) {
    return CLI::Validator(
        [read](const std::string& text) {
            try {
                read(text);
                return std::string();
            } catch (const value_error& e) {
                return e.message();
            }
        },
        std::move(type), std::move(description));
}

}  // namespace

void add_language_option(CLI::App& cmd, std::string& language) {
    std::vector<std::string> codes;
    std::string listed;
    for (const language_info& l : languages()) {
        codes.emplace_back(l.code);
        listed += fmt::format("{}{} ({})", listed.empty() ? "" : ", ", l.code, l.name);
    }
    cmd.add_option(
           "--lang", language,
           "Language of the fixed texts (headings, dates, lengths, legends, the safety line) and, where "
           "the protocol translates them, of its names and explanations: " +
               listed + " (default: en; json and csv are the same in every language)")
        ->check(CLI::IsMember(codes));
}

namespace {

void add_plan(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("plan", "Plan a calendar for one patient and print or write it");
    auto in = std::make_shared<plan_inputs>();
    auto format = std::make_shared<std::string>();
    auto output = std::make_shared<std::string>();
    auto options = std::make_shared<render_options>();
    auto csv_rows = std::make_shared<std::string>("events");
    add_plan_inputs(*cmd, *in);
    add_then_option(*cmd, *in);
    std::string names;
    for (auto n : format_names()) names += (names.empty() ? "" : ", ") + std::string(n);
    cmd->add_option("-f,--format", *format,
                    "Output format: " + names +
                        " (default: from the -o file's suffix; text on standard output or for a name "
                        "without one; given, it wins over the suffix)")
        ->check(not_empty("a format: " + names));
    cmd->add_option("-o,--output", *output,
                    "Write to FILE (atomically) instead of standard output (-: standard output)")
        ->check(not_empty("a file name, or - for standard output"));
    cmd->add_option(
           "--calendar-id", options->calendar_id,
           "iCalendar: opaque id that keeps event UIDs stable across re-plans (no personal data; "
           "default: derived from the protocol, parameters and start date, so it changes when they do)")
        ->check(not_empty("an id of letters, digits, '.', '_' and '-', or leave --calendar-id out"));
    cmd->add_option("--calendar-name", options->calendar_name,
                    "iCalendar: calendar name (default: the title)")
        ->check(not_empty("a name, or leave --calendar-name out for the title"));
    cmd->add_option("--sequence", options->sequence,
                    "iCalendar: revision of this plan (SEQUENCE), 0 to 2147483647")
        ->check(CLI::Range(std::int32_t{0}, std::numeric_limits<std::int32_t>::max()));
    auto timestamp = std::make_shared<std::string>();
    cmd->add_option(
           "--timestamp", *timestamp,
           "iCalendar: DTSTAMP, PDF: creation date, as seconds since 1970, 0 to 253402300799 (default: "
           "$SOURCE_DATE_EPOCH, else the start date)")
        ->check(read_as([](const std::string& text) { parse_epoch_seconds(text, "--timestamp"); }, "SECONDS",
                        "epoch seconds"));
    cmd->add_option(
           "--time-zone", options->time_zone,
           "iCalendar: time zone of clock times, such as Europe/Berlin (default: floating local times)")
        ->check(not_empty("a time zone such as Europe/Berlin, or leave --time-zone out for floating times"));
    auto remind = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--remind", *remind,
                    "iCalendar: an alarm this long before each treatment day, such as 30m, 2h, 1d or 1w "
                    "(up to 4 weeks; all-day events count from the start of the day; repeatable)")
        ->take_all()
        ->check(read_as([](const std::string& text) { parse_remind(text); }, "LENGTH", "reminder length"));
    auto today = std::make_shared<std::string>();
    cmd->add_option(
           "--today", *today,
           "Text, md and html: the day to show \"What's next\" for and mark as today, YYYY-MM-DD, or "
           "none for no today marks (default: today, local time)")
        ->check(read_as(
            [](const std::string& text) {
                if (text != "none") parse_date(text);
            },
            "DATE", "date"));
    add_language_option(*cmd, options->language);
    auto no_cancelled = std::make_shared<bool>(false);
    cmd->add_flag(
        "--no-cancelled", *no_cancelled,
        "iCalendar of a treatment record: leave out the cancelled events of earlier revisions, for a "
        "client that keeps no UIDs and is given a fresh calendar each time (calcurse)");
    cmd->add_option("--csv-rows", *csv_rows, "CSV: events (one row per event) or phases")
        ->check(CLI::IsMember({"events", "phases"}))
        ->capture_default_str();
    auto paper = std::make_shared<std::string>();
    cmd->add_option("--paper", *paper, "page: the paper, a4 or letter (default: a4)")
        ->check(read_as([](const std::string& text) { parse_paper(text); }, "PAPER", "paper size"));
    auto orientation = std::make_shared<std::string>();
    cmd->add_option("--orientation", *orientation, "page: landscape or portrait (default: landscape)")
        ->check(read_as([](const std::string& text) { parse_orientation(text); }, "ORIENTATION",
                        "paper orientation"));
    cmd->callback([&st, cmd, in, format, output, options, csv_rows, no_cancelled, timestamp, remind, today,
                   paper, orientation] {
        st.run = [cmd, in, format, output, options, csv_rows, no_cancelled, timestamp, remind, today, paper,
                  orientation] {
            if (!timestamp->empty()) options->timestamp = parse_epoch_seconds(*timestamp, "--timestamp");
            // The reader's day, for the formats that show it; the others never change with it.
            if (*today != "none") options->today = today->empty() ? local_today() : parse_date(*today);
            // A suffix no format has is a mistake in the command line: say so before planning.
            const std::string name = format->empty() ? format_for_output(*output, format_names()) : *format;
            // Alarms exist in iCalendar alone: any other format would drop them without a word.
            if (!remind->empty() && name != "ics") {
                throw usage_error(
                    fmt::format("reminders are alarms in a calendar: give them with the ics format "
                                "(--format ics, or -o FILE.ics), not {}",
                                name),
                    location{"--remind", {}, 0, 0});
            }
            // The sheet is the printed page's alone.
            for (const auto& [given, option] :
                 {std::pair{paper, "--paper"}, std::pair{orientation, "--orientation"}}) {
                if (!given->empty() && name != "page") {
                    throw usage_error(fmt::format("only the printed page has a sheet to lay out: give it "
                                                  "with --format page, not {}",
                                                  name),
                                      location{option, {}, 0, 0});
                }
            }
            if (!paper->empty()) options->paper = parse_paper(*paper);
            if (!orientation->empty()) options->orientation = parse_orientation(*orientation);
            refuse_binary_on_terminal(*output, name);
            for (const auto& text : *remind) options->remind.push_back(parse_remind(text));
            try {
                check_remind(options->remind);
            } catch (const value_error& e) {
                throw usage_error(e.message(), location{"--remind", {}, 0, 0});
            }
            // An unknown zone is a mistake in the command line as well.
            try {
                check_time_zone(options->time_zone);
            } catch (const value_error& e) {
                throw usage_error(std::string("--time-zone: ") + e.message());
            }
            // Only iCalendar and PDF carry a timestamp, so a malformed variable fails only the
            // output that would use it.
            if ((name == "ics" || name == "pdf" || name == "page") && !options->timestamp)
                options->timestamp = source_date_epoch();
            options->csv =
                *csv_rows == "phases" ? render_options::csv_rows::phases : render_options::csv_rows::events;
            // A record names its own calendar and revision, so a re-imported calendar updates
            // the events it imported before, and cancels what earlier revisions had.
            const auto record = input_record(*in);
            if (!record) {
                if (*no_cancelled) {
                    throw usage_error("only a treatment record has earlier revisions to leave out",
                                      location{"--no-cancelled", {}, 0, 0});
                }
                const schedule planned = plan_schedule(*in);
                std::string text;
                try {
                    text = render(planned, name, *options);
                } catch (const value_error& e) {
                    // The library names its own option field; here the id came from the command line.
                    if (e.where().file != "calendar_id") throw;
                    throw value_error(e.message(), location{"--calendar-id", {}, 0, 0});
                }
                emit(*output, text);
                return 0;
            }
            for (const char* option : {"--calendar-id", "--sequence"}) {
                if (cmd->get_option(option)->count() > 0) {
                    throw usage_error(fmt::format("\"{}\" is a treatment record: it gives the calendar id "
                                                  "and the sequence (its last revision)",
                                                  in->protocol),
                                      location{option, {}, 0, 0});
                }
            }
            note_builtin_changed(*record);
            const std::string text =
                render(*record, name, *options, make_profile(*in).calendar,
                       *no_cancelled ? earlier_revisions::left_out : earlier_revisions::cancelled);
            emit(*output, text);
            return 0;
        };
    });
}

void add_protocols(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("protocols", "List the built-in protocols");
    cmd->callback([&st] {
        st.run = [] {
            const auto entries = builtin_protocols();
            std::size_t width = 0;
            for (const auto& e : entries) width = std::max(width, e.id.size());
            for (const auto& e : entries) {
                std::string line = fmt::format("{:<{}}  {}", e.id, width, e.title);
                if (e.id == default_protocol_id()) line += " (default)";
                std::puts(line.c_str());
                if (!e.summary.empty())
                    std::printf("%*s  %s\n", static_cast<int>(width), "", e.summary.c_str());
            }
            return 0;
        };
    });
}

void add_show(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("show", "Show a protocol: parameters, phases, dependencies, sources");
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    cmd->add_option(
           "protocol", *id,
           "Built-in protocol id, protocol file, or - for standard input (default: the default built-in)")
        ->check(not_empty("a protocol id or file"));
    cmd->add_option("-f,--format", *format, "text, or json (the protocol file, canonical)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->callback([&st, id, format] {
        st.run = [id, format] {
            const protocol p = id->empty() ? load_builtin(default_protocol_id()) : load_protocol_input(*id);
            emit("", *format == "json" ? to_json(p) : describe(p));
            return 0;
        };
    });
}

void add_validate(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("validate", "Check protocol files; print every problem with its location");
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("files", *files, "Protocol files (-: standard input)")
        ->required()
        ->check(not_empty("a protocol file"));
    cmd->callback([&st, files] {
        st.run = [files] {
            refuse_second_standard_input(*files, "files");
            int bad = 0;
            for (const auto& given : *files) {
                const std::string f = is_standard_input(given) ? std::string(standard_input_origin) : given;
                std::vector<problem> problems;
                try {
                    problems = validate_protocol_input(given);
                } catch (const error& e) {
                    problems.push_back(problem{e.where(), e.message()});
                }
                if (problems.empty()) {
                    std::printf("%s: ok\n", printable_line(f).c_str());
                    continue;
                }
                ++bad;
                for (const auto& p : problems) {
                    // Every problem names its file, even when the loader left it out.
                    problem located = p;
                    if (located.where.file.empty()) located.where.file = f;
                    std::fprintf(stderr, "%s\n", located.to_string().c_str());
                }
            }
            return bad == 0 ? 0 : 1;
        };
    });
}

void add_summary(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("summary", "Length of each phase and of the whole treatment");
    auto in = std::make_shared<plan_inputs>();
    add_plan_inputs(*cmd, *in);
    add_then_option(*cmd, *in);
    cmd->callback([&st, in] {
        st.run = [in] {
            emit("", summary_text(plan_schedule(*in)));
            return 0;
        };
    });
}

}  // namespace

void add_commands(CLI::App& app, state& st) {
    add_plan(app, st);
    add_protocols(app, st);
    add_show(app, st);
    add_validate(app, st);
    add_summary(app, st);
    add_record(app, st);
    add_graph(app, st);
    add_compare(app, st);
    add_batch(app, st);
    add_load(app, st);
    add_fhir(app, st);
}

}  // namespace ttplan::cli
