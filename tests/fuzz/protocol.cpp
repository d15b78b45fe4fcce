// Protocol files: the input is a protocol file's text. A protocol that reads is written back
// and read again (to_json's round trip), described, drawn as a graph and planned for a few
// parameter sets, and every plan is written in every format. Bounded: at most
// max_parameter_sets plans per input, so one input stays fast however many parameters it has.
#include "fuzz.hpp"

#include <ttplan/compare.hpp>
#include <ttplan/describe.hpp>
#include <ttplan/format.hpp>
#include <ttplan/graph.hpp>
#include <ttplan/plan_check.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr std::size_t max_parameter_sets = 4;

// The defaults, then each of the first parameters set to another of its values: the parameter
// sets check_plans() starts from, cut short.
std::vector<ttplan::parameter_values> parameter_sets(const ttplan::protocol& p) {
    std::vector<ttplan::parameter_values> sets{{}};
    for (const auto& param : p.parameters) {
        std::vector<std::string> values = param.options();
        if (param.type == ttplan::parameter_type::integer) {
            values = {std::to_string(param.minimum), std::to_string(param.maximum)};
        }
        for (const auto& value : values) {
            if (sets.size() == max_parameter_sets) {
                return sets;
            }
            if (value != param.default_value) {
                sets.push_back({{param.name, value}});
            }
        }
    }
    return sets;
}

// validate_protocol_file() on the input, from a file of this process's own.
std::vector<ttplan::problem> validate(std::string_view text) {
    struct scratch_file {
        std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("ttplan-fuzz-protocol-" + std::to_string(::getpid()) + ".json");
        ~scratch_file() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    };
    static const scratch_file file;
    const std::filesystem::path& path = file.path;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        TTPLAN_FUZZ_CHECK(out.good());
    }
    const auto problems = ttplan::validate_protocol_file(path);
    for (const auto& problem : problems) {
        TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(problem.to_string()));
        TTPLAN_FUZZ_CHECK(problem.where.line >= 0 && problem.where.column >= 0);
    }
    return problems;
}

void write_every_format(const ttplan::schedule& s) {
    for (const auto name : ttplan::format_names()) {
        if (!ttplan::fuzz::fuzzed_format(name)) continue;
        try {
            const std::string text = ttplan::render(s, name);
            TTPLAN_FUZZ_CHECK(!text.empty());
            TTPLAN_FUZZ_CHECK_OUTPUT(name, text);
        } catch (const ttplan::error& e) {
            TTPLAN_FUZZ_CHECK_ERROR(e);
        }
    }
    // The protocol's translations replace its texts in a copy of the schedule: every human
    // format again in a language the fuzzed file may translate into.
    ttplan::render_options spanish;
    spanish.language = "es";
    for (const auto name : ttplan::format_names()) {
        if (!ttplan::fuzz::fuzzed_format(name)) continue;
        try {
            const std::string text = ttplan::render(s, name, spanish);
            TTPLAN_FUZZ_CHECK(!text.empty());
            TTPLAN_FUZZ_CHECK_OUTPUT(name, text);
        } catch (const ttplan::error& e) {
            TTPLAN_FUZZ_CHECK_ERROR(e);
        }
    }
    ttplan::render_options phases;
    phases.csv = ttplan::render_options::csv_rows::phases;
    TTPLAN_FUZZ_CHECK(!ttplan::render(s, "csv", phases).empty());
    TTPLAN_FUZZ_CHECK(!ttplan::summary_text(s).empty());
}

// Protocols small enough to plan every combination of parameters and decisions of, as
// `ttplan validate` and `ttplan compare` do: up to 4096 and 64 plans.
bool small(const ttplan::protocol& p) {
    return p.parameters.size() <= 2 && p.phases.size() <= 8;
}

void plan(const ttplan::protocol& p, const ttplan::parameter_values& values, bool first) {
    try {
        (void)ttplan::to_dot(p, values);
        (void)ttplan::to_mermaid(p, values);
        const ttplan::planner planner(p, values);
        const auto start = date::sys_days{date::year{2027} / date::January / 4};
        const ttplan::schedule s = planner.plan(start);
        write_every_format(s);
        if (first) {
            // A clinic closed at weekends moves events to the next open day.
            ttplan::clinic_calendar calendar;
            calendar.closed_weekdays[0] = calendar.closed_weekdays[6] = true;
            calendar.default_rule = ttplan::shift_rule::next_open;
            (void)ttplan::to_text(planner.plan(start, {}, calendar));
            // At both ends of the calendar: plans that run past 9999-12-31 are refused, and
            // what plans is written like any other plan.
            for (const auto edge : {date::sys_days{date::year{1} / date::January / 1},
                                    date::sys_days{date::year{9999} / date::June / 1}}) {
                try {
                    write_every_format(planner.plan(edge));
                } catch (const ttplan::error& e) {
                    TTPLAN_FUZZ_CHECK_ERROR(e);
                }
            }
        }
        if (first && small(p)) {
            ttplan::profile pr;
            pr.start = start;
            pr.values = values;
            const auto branches = ttplan::plan_branches(p, pr);
            (void)ttplan::comparison_text(branches);
            (void)ttplan::comparison_html(branches);
        }
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = ttplan::fuzz::as_text(data, size);
    ttplan::protocol p;
    try {
        p = ttplan::parse_protocol(text, "<fuzz>");
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
        // `ttplan validate` reports what parse_protocol() refuses, and never throws for it.
        TTPLAN_FUZZ_CHECK(!validate(text).empty());
        return 0;
    }
    // What parse_protocol() accepts is valid, writes back to text it reads as the same protocol,
    // and that text is canonical.
    TTPLAN_FUZZ_CHECK(ttplan::check(p).empty());
    const std::string json = ttplan::to_json(p);
    const ttplan::protocol again = ttplan::parse_protocol(json, "<fuzz:to_json>");
    TTPLAN_FUZZ_CHECK(again == p);
    TTPLAN_FUZZ_CHECK(ttplan::to_json(again) == json);
    TTPLAN_FUZZ_CHECK(!ttplan::describe(p).empty());

    const auto sets = parameter_sets(p);
    for (std::size_t i = 0; i < sets.size(); ++i) {
        plan(p, sets[i], i == 0);
    }
    if (small(p)) {
        // Every problem check_plans() finds, located in the file as `ttplan validate` does.
        TTPLAN_FUZZ_CHECK(validate(text).empty() == ttplan::check_plans(p).empty());
    }
    return 0;
}
