// The table of output formats: every name renders, suffixes are unambiguous, and a file
// name picks its format by suffix only.
#include "format_samples.hpp"

#include <ttplan/format.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

using namespace ttplan;

namespace {

std::string_view format_of(const std::filesystem::path& path) {
    const format_info* f = format_for_path(path);
    return f != nullptr ? f->name : std::string_view("(none)");
}

}  // namespace

TEST_CASE("formats: the same names as render(), each with a summary", "[formats]") {
    const auto names = format_names();
    REQUIRE(formats().size() == names.size());
    const auto s = samples::hand_built();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const format_info& f = formats()[i];
        INFO(f.name);
        CHECK(f.name == names[i]);
        CHECK(!f.summary.empty());
        CHECK(!render(s, f.name).empty());
    }
    CHECK(formats().front().name == "text");
}

TEST_CASE("formats: suffixes are lower case, dotted and never shared", "[formats]") {
    std::map<std::string_view, std::string_view> owner;
    for (const format_info& f : formats()) {
        for (std::string_view suffix : f.suffixes) {
            INFO(f.name << " " << suffix);
            REQUIRE(suffix.size() >= 2);
            CHECK(suffix.front() == '.');
            CHECK(std::none_of(suffix.begin(), suffix.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
            CHECK(owner.emplace(suffix, f.name).second);
            // Every suffix leads back to its format, whatever its case.
            CHECK(format_of("plan" + std::string(suffix)) == f.name);
            std::string upper = "PLAN" + std::string(suffix);
            for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
            CHECK(format_of(upper) == f.name);
        }
    }
}

TEST_CASE("formats: the suffixes each format answers to", "[formats]") {
    CHECK(format_of("plan.txt") == "text");
    CHECK(format_of("plan.json") == "json");
    CHECK(format_of("plan.ics") == "ics");
    CHECK(format_of("plan.csv") == "csv");
    CHECK(format_of("plan.md") == "md");
    CHECK(format_of("plan.markdown") == "md");
    CHECK(format_of("plan.html") == "html");
    CHECK(format_of("plan.htm") == "html");
    CHECK(format_of("out/2027-01-04.plan.Json") == "json");
    const auto calendar = std::find_if(formats().begin(), formats().end(),
                                       [](const format_info& f) { return f.name == "calendar"; });
    REQUIRE(calendar != formats().end());
    CHECK(calendar->suffixes.empty());  // month grids are plain text: --format calendar -o plan.txt
}

TEST_CASE("formats: names without a known suffix have no format", "[formats]") {
    for (const char* path : {"plan.docx", "plan", "plan.", "plan.json.bak", "plan.jsonl", "plan.ical", ".json",
                             "plans.json/today", "/dev/stdout", ""}) {
        INFO(path);
        CHECK(format_for_path(path) == nullptr);
    }
}
