// Version-1 protocol files still load and plan exactly as they did. tests/data/v1/ keeps the
// built-in catalog and the test protocols as they were written for version 1; their plans are
// recorded in tests/golden/v1/ in a form that no output format shapes, one line per phase
// cycle, event and span, for the default values and for each parameter value changed alone.
#include "golden.hpp"

#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace ttplan;

std::string cycle_text(const std::optional<std::int32_t>& c) {
    return c ? std::to_string(*c) : "-";
}

std::string dump(const schedule& s) {
    std::string out;
    for (const auto& p : s.phases()) {
        out += fmt::format("phase {} {} {} {} {} day{} {}{}\n", p.phase, cycle_text(p.cycle),
                           p.variant.empty() ? "-" : p.variant, format_date(p.first), format_date(p.last),
                           p.first_day, to_string(p.ending), p.tentative ? " tentative" : "");
    }
    for (const auto& e : s.events()) {
        out += fmt::format("event {} {} {} day{} {} [{}]{}{}\n", format_date(e.date), e.phase,
                           cycle_text(e.cycle), e.day, e.activity, to_string(e.category),
                           e.tentative ? " tentative" : "",
                           e.planned_date ? " planned " + format_date(*e.planned_date) : "");
    }
    for (const auto& sp : s.spans()) {
        out += fmt::format("span {} {} {} {} {} day{}..{} [{}] {}{}\n", format_date(sp.first),
                           format_date(sp.last), sp.phase.empty() ? "-" : sp.phase, cycle_text(sp.cycle),
                           sp.activity, sp.first_day, sp.last_day, to_string(sp.category),
                           to_string(sp.ending), sp.tentative ? " tentative" : "");
    }
    return out;
}

// The default values, then each other value of each parameter on its own.
std::vector<parameter_values> variations(const protocol& p) {
    std::vector<parameter_values> out{{}};
    for (const auto& param : p.parameters) {
        std::vector<std::string> values;
        switch (param.type) {
            case parameter_type::boolean:
                values = {"true", "false"};
                break;
            case parameter_type::choice:
                values = param.choices;
                break;
            case parameter_type::integer:
                values = {std::to_string(param.minimum), std::to_string(param.maximum)};
                break;
        }
        for (const auto& v : values) {
            if (v != param.default_value) out.push_back({{param.name, v}});
        }
    }
    return out;
}

std::string plans_of(const protocol& p) {
    std::string out;
    for (const auto& values : variations(p)) {
        std::string label;
        for (const auto& [name, value] : values) label += fmt::format(" {}={}", name, value);
        out += fmt::format("## {}{}\n", p.id, label.empty() ? " (defaults)" : label);
        try {
            out += dump(planner(p, values).plan(date::sys_days{date::year{2027} / 1 / 4}));
        } catch (const error& e) {
            out += fmt::format("error: {}\n", e.what());
        }
    }
    return out;
}

std::vector<fs::path> v1_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(TTPLAN_TEST_DATA) / "v1")) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("golden: every version-1 file plans as it did") {
    const auto files = v1_files();
    REQUIRE(files.size() >= 12);
    for (const auto& file : files) {
        DYNAMIC_SECTION(file.filename().string()) {
            const protocol p = load_protocol_file(file);
            golden::check("v1/" + file.stem().string() + ".plans.txt", plans_of(p));
        }
    }
}
