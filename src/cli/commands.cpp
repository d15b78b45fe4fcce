// plan, protocols, show, validate, summary.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace ttplan::cli {

namespace {

std::string parameter_line(const parameter& p) {
    switch (p.type) {
    case parameter::kind::boolean:
        return fmt::format("{} (true or false; default {})", p.name, p.default_value);
    case parameter::kind::choice: {
        std::string choices;
        for (const auto& c : p.choices) choices += (choices.empty() ? "" : ", ") + c;
        return fmt::format("{} (one of {}; default {})", p.name, choices, p.default_value);
    }
    case parameter::kind::integer:
        return fmt::format("{} (integer {} to {}; default {})", p.name, p.minimum, p.maximum, p.default_value);
    }
    return p.name;
}

std::string condition_text(const condition& c) {
    std::string out;
    for (const auto& [name, values] : c.all_of) {
        if (!out.empty()) out += " and ";
        std::string alternatives;
        for (const auto& v : values) alternatives += (alternatives.empty() ? "" : " or ") + v;
        out += name + "=" + alternatives;
    }
    return out;
}

std::string anchor_text(const anchor& a) {
    if (a.phase.empty()) return "the plan start";
    std::string cycle = a.cycle ? fmt::format(" cycle {}", *a.cycle) : std::string();
    switch (a.at) {
    case anchor::edge::start: return fmt::format("the start of {}{}", a.phase, cycle);
    case anchor::edge::end: return fmt::format("the end of {}{}", a.phase, cycle);
    case anchor::edge::day: return fmt::format("{}{} Day {}", a.phase, cycle, a.day);
    }
    return a.phase;
}

std::string show_text(const protocol& p) {
    std::string out = fmt::format("{}\n{} (version {})\n", p.title, p.id, p.version);
    if (!p.summary.empty()) out += p.summary + "\n";
    if (!p.description.empty()) out += "\n" + p.description + "\n";
    out += "\nParameters\n";
    if (p.parameters.empty()) out += "  (none)\n";
    for (const auto& param : p.parameters) {
        out += "  " + parameter_line(param) + "\n";
        if (!param.description.empty()) out += "      " + param.description + "\n";
    }
    out += "\nPhases\n";
    for (const auto& ph : p.phases) {
        out += fmt::format("  {} ({}): {}, numbered from Day {}", ph.id, ph.name, ph.duration.to_string(),
                           ph.first_day);
        if (ph.repeat) {
            const auto& r = *ph.repeat;
            if (r.count) out += fmt::format(", up to {} cycles", *r.count);
            for (const auto& u : r.until) {
                out += fmt::format(", until {} from {}", u.limit.to_string(), anchor_text(u.from));
                if (!u.when.empty()) out += " if " + condition_text(u.when);
            }
            if (r.first_cycle) out += fmt::format(", first cycle {}", r.first_cycle->to_string());
            if (!r.variants.empty()) {
                std::string v;
                for (const auto& x : r.variants) v += (v.empty() ? "" : "/") + x;
                out += ", alternating " + v;
            }
        }
        if (!ph.when.empty()) out += " — only if " + condition_text(ph.when);
        out += "\n";
    }
    out += "\nDependencies\n";
    if (p.dependencies.empty()) out += "  (none)\n";
    for (const auto& d : p.dependencies) {
        if (d.kind == dependency::type::start_to_start) {
            out += fmt::format("  {} starts on Day {} of {}", d.to, d.on_day, d.from);
        } else {
            out += fmt::format("  {} starts after {} ends", d.to, d.from);
        }
        if (d.lag.count != 0) out += fmt::format(", plus {}", d.lag.to_string());
        if (!d.gate.empty()) out += fmt::format(" ({})", d.gate);
        if (!d.when.empty()) out += " — only if " + condition_text(d.when);
        out += "\n";
    }
    if (!p.tracks.empty()) {
        out += "\nAcross phases\n";
        for (const auto& t : p.tracks) {
            out += fmt::format("  {} ({}): from {} to {}", t.name, display_name(t.kind), anchor_text(t.from),
                               anchor_text(t.to));
            if (!t.when.empty()) out += " — only if " + condition_text(t.when);
            out += "\n";
        }
    }
    if (!p.notes.empty()) out += "\nNotes\n  " + p.notes + "\n";
    if (!p.sources.empty()) {
        out += "\nSources\n";
        for (const auto& s : p.sources) {
            out += fmt::format("  [{}] {}{}\n", s.key, s.title, s.url.empty() ? "" : " — " + s.url);
        }
    }
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

std::string summary_text(const schedule& s) {
    std::string out = fmt::format("{} ({})\n", s.protocol().title, s.protocol().id);
    if (!s.parameters().empty()) {
        std::string params;
        for (const auto& [name, value] : s.parameters()) params += (params.empty() ? "" : ", ") + name + "=" + value;
        out += "Parameters: " + params + "\n";
    }
    for (std::size_t i = 1; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        out += fmt::format("Then from {}: {} ({}), {}\n", format_date(seg.start), seg.protocol.title,
                           seg.protocol.id, seg.reason);
    }
    auto totals = s.totals_by_phase();
    // Phases of a continuation say which protocol they belong to.
    for (auto& t : totals) {
        if (s.segments().size() > 1 && t.protocol != s.protocol().id) t.name += " [" + t.protocol + "]";
    }
    const double total = static_cast<double>(s.total_days());
    std::size_t width = 5;
    for (const auto& t : totals) width = std::max(width, t.name.size());
    out += fmt::format("\n  {:<{}}  {:>6}  {:>5}  {}\n", "Phase", width, "Days", "Share", "From - to");
    for (const auto& t : totals) {
        std::string cycles = t.occurrences > 1 ? fmt::format(" ({} cycles)", t.occurrences) : std::string();
        out += fmt::format("  {:<{}}  {:>6}  {:>4.0f}%  {} - {}{}\n", t.name, width, t.days,
                           100.0 * static_cast<double>(t.days) / total, format_date(t.first),
                           format_date(t.last), cycles);
    }
    out += fmt::format("\n  Whole treatment: {} to {}, {} days\n", format_date(s.start()), format_date(s.end()),
                       s.total_days());
    std::string words = describe_length(s.start(), s.end());
    if (!totals.empty()) {
        const auto longest = std::max_element(totals.begin(), totals.end(),
                                              [](const auto& a, const auto& b) { return a.days < b.days; });
        words += fmt::format("; {} is {:.0f}% of it", longest->name,
                             100.0 * static_cast<double>(longest->days) / total);
    }
    out += "  In words: " + words + ".\n";
    out += fmt::format("  Treatment days (days with a dated activity): {}\n", s.treatment_days());
    out += fmt::format("\n{}\n", disclaimer);
    return out;
}

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
                        "without one; given, it wins over the suffix)");
    cmd->add_option("-o,--output", *output, "Write to FILE (atomically) instead of standard output");
    cmd->add_option("--calendar-id", options->calendar_id,
                    "iCalendar: opaque id that keeps event UIDs stable across re-plans (no personal data)")
        ->capture_default_str();
    cmd->add_option("--calendar-name", options->calendar_name, "iCalendar: calendar name (default: the title)");
    cmd->add_option("--sequence", options->sequence, "iCalendar: revision of this plan (SEQUENCE)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--timestamp", options->timestamp,
                    "iCalendar: DTSTAMP as seconds since 1970 (default: $SOURCE_DATE_EPOCH, else the start date)");
    cmd->add_option("--csv-rows", *csv_rows, "CSV: events (one row per event) or phases")
        ->check(CLI::IsMember({"events", "phases"}))
        ->capture_default_str();
    cmd->callback([&st, in, format, output, options, csv_rows] {
        st.run = [in, format, output, options, csv_rows] {
            // A suffix no format has is a mistake in the command line: say so before planning.
            const std::string name = format->empty() ? format_for_output(*output, format_names()) : *format;
            // Only iCalendar carries a timestamp, so a malformed variable fails only the
            // output that would use it.
            if (name == "ics" && !options->timestamp) options->timestamp = source_date_epoch();
            const schedule s = plan_schedule(*in);
            options->csv =
                *csv_rows == "phases" ? render_options::csv_rows::phases : render_options::csv_rows::events;
            const std::string text = render(s, name, *options);
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
                if (!e.summary.empty()) std::printf("%*s  %s\n", static_cast<int>(width), "", e.summary.c_str());
            }
            return 0;
        };
    });
}

void add_show(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("show", "Show a protocol: parameters, phases, dependencies, sources");
    auto id = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("protocol", *id, "Built-in protocol id or protocol file (default: the default built-in)");
    cmd->add_option("-f,--format", *format, "text, or json (the protocol file, canonical)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->callback([&st, id, format] {
        st.run = [id, format] {
            const protocol p = id->empty() ? load_builtin(default_protocol_id()) : load_protocol(*id);
            emit("", *format == "json" ? to_json(p) : show_text(p));
            return 0;
        };
    });
}

void add_validate(CLI::App& app, state& st) {
    auto* cmd = app.add_subcommand("validate", "Check protocol files; print every problem with its location");
    auto files = std::make_shared<std::vector<std::string>>();
    cmd->add_option("files", *files, "Protocol files")->required();
    cmd->callback([&st, files] {
        st.run = [files] {
            int bad = 0;
            for (const auto& f : *files) {
                std::vector<problem> problems;
                try {
                    problems = validate_protocol_file(f);
                } catch (const error& e) {
                    problems.push_back(problem{e.where(), e.message()});
                }
                if (problems.empty()) {
                    std::printf("%s: ok\n", f.c_str());
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
    add_graph(app, st);
    add_compare(app, st);
}

}  // namespace ttplan::cli
