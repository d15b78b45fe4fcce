#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace std::string_literals;

const std::string data_dir = TTPLAN_TEST_DATA;

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small valid protocol; `phase_extra` is spliced into the one phase object and
// `top_extra` into the top-level object, so each test breaks exactly one thing.
std::string protocol_text(const std::string& phase_extra = "", const std::string& top_extra = "") {
    return R"({
  "format": "ttplan-protocol/1",
  "id": "tiny",
  "title": "Tiny",
  "parameters": [
    {"name": "ph_positive", "type": "bool", "default": false},
    {"name": "tki", "type": "choice", "choices": ["imatinib", "dasatinib"], "default": "imatinib"}
  ],
  "phases": [
    {"id": "induction", "name": "Induction", "length": "29d",)" +
           phase_extra + R"(
     "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8,15,22"}]},
    {"id": "maintenance", "name": "Maintenance", "length": "84d",
     "activities": [{"name": "Oral therapy", "category": "chemotherapy", "days": "1-84", "continuous": true}]}
  ],
  "dependencies": [{"from": "induction", "to": "maintenance"}])" +
           top_extra + R"(
}
)";
}

std::vector<ttplan::problem> problems_of(const std::string& text) {
    try {
        ttplan::parse_protocol(text, "test.json");
    } catch (const ttplan::validation_error& e) {
        return e.problems();
    }
    FAIL("expected a validation_error");
    return {};
}

const ttplan::problem* find(const std::vector<ttplan::problem>& problems, const std::string& pointer,
                            const std::string& text = "") {
    auto it = std::find_if(problems.begin(), problems.end(), [&](const ttplan::problem& p) {
        return p.where.pointer == pointer && p.message.find(text) != std::string::npos;
    });
    return it == problems.end() ? nullptr : &*it;
}

std::string listing(const std::vector<ttplan::problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.to_string() + "\n";
    return out;
}

#define REQUIRE_PROBLEM(problems, pointer, text)                 \
    do {                                                         \
        INFO(listing(problems));                                 \
        REQUIRE(find((problems), (pointer), (text)) != nullptr); \
    } while (false)

}  // namespace

TEST_CASE("protocol_io: a minimal protocol reads with defaults", "[read]") {
    const ttplan::protocol p = ttplan::parse_protocol(protocol_text());
    CHECK(p.id == "tiny");
    REQUIRE(p.phases.size() == 2);
    CHECK(p.phases[0].first_day == 1);
    CHECK(p.phases[0].duration == ttplan::length{29, ttplan::length::unit::days});
    CHECK_FALSE(p.phases[0].activities[0].continuous);
    CHECK(p.phases[1].activities[0].continuous);
    CHECK(p.dependencies[0].type == ttplan::dependency_type::finish_to_start);
    CHECK(p.dependencies[0].lag == ttplan::length{0, ttplan::length::unit::days});
    CHECK(p.parameters[0].default_value == "false");
    CHECK(p.parameters[1].choices == std::vector<std::string>{"imatinib", "dasatinib"});
}

TEST_CASE("protocol_io: every feature reads as written", "[read]") {
    const ttplan::protocol p = ttplan::load_protocol_file(data_dir + "/every-feature.json");
    CHECK(p.sources.size() == 2);
    CHECK(p.parameters[2].type == ttplan::parameter_type::integer);
    CHECK(p.parameters[2].default_value == "10");
    CHECK(p.phases[0].first_day == -7);
    const ttplan::phase& courses = p.phases[3];
    REQUIRE(courses.repeat);
    CHECK(courses.repeat->count == 8);
    REQUIRE(courses.repeat->until.size() == 3);
    CHECK(courses.repeat->until[0].when.all_of.at("arm") == std::vector<std::string>{"left"});
    CHECK(courses.repeat->until[1].from.at == ttplan::anchor::edge::day);
    CHECK(courses.repeat->until[1].from.cycle == 1);
    CHECK(courses.repeat->until[2].from == ttplan::anchor{});
    CHECK(courses.repeat->first_cycle == ttplan::length{28, ttplan::length::unit::days});
    CHECK(courses.repeat->variants == std::vector<std::string>{"A", "B"});
    CHECK(courses.activities[3].cycles.days() == std::vector<std::int32_t>{2, 5});
    CHECK_FALSE(courses.activities[6].weekdays_only);
    CHECK_FALSE(courses.activities[6].at_most);
    CHECK(courses.activities[7].weekdays_only);
    CHECK(courses.activities[7].at_most == 8);
    // when values are typed like their parameters and stored as canonical text.
    CHECK(p.phases[1].activities[2].when.all_of.at("age") == std::vector<std::string>{"13", "14", "15"});
    CHECK(p.phases[1].activities[3].when.all_of.at("flag") == std::vector<std::string>{"true"});
    CHECK(p.dependencies[2].type == ttplan::dependency_type::start_to_start);
    CHECK(p.dependencies[2].on_day == 36);
    CHECK(p.dependencies[1].lag == ttplan::length{2, ttplan::length::unit::weeks});
    CHECK(p.tracks[1].from.phase.empty());
    CHECK(p.tracks[0].to.at == ttplan::anchor::edge::end);
}

TEST_CASE("protocol_io: save and load give the same protocol", "[roundtrip]") {
    const ttplan::protocol p = ttplan::load_protocol_file(data_dir + "/every-feature.json");
    const std::string text = ttplan::to_json(p);
    const ttplan::protocol again = ttplan::parse_protocol(text);
    CHECK(again == p);
    // Canonical: writing again gives the same bytes.
    CHECK(ttplan::to_json(again) == text);
    CHECK(text.back() == '\n');
    CHECK(text.rfind("{\n  \"format\": \"ttplan-protocol/2\",\n  \"id\": \"every-feature\",", 0) == 0);
}

TEST_CASE("protocol_io: built-in protocols round trip", "[roundtrip]") {
    for (const auto& entry : ttplan::builtin_protocols()) {
        INFO(entry.id);
        const ttplan::protocol p = ttplan::load_builtin(entry.id);
        CHECK(ttplan::parse_protocol(ttplan::to_json(p)) == p);
    }
}

TEST_CASE("protocol_io: programmatic protocols round trip", "[roundtrip]") {
    ttplan::protocol p = ttplan::parse_protocol(protocol_text());
    p.phases[1].repeat = ttplan::repeat_rule{};
    p.phases[1].repeat->until.push_back({ttplan::length{2, ttplan::length::unit::years},
                                         ttplan::anchor{"induction", ttplan::anchor::edge::start, 0, {}},
                                         {}});
    p.phases[0].activities[0].when.all_of["tki"] = {"imatinib", "dasatinib"};
    p.phases[0].activities[0].days = ttplan::day_pattern::parse("-3..-1, 1-5, every 7 from 8 to 22");
    p.phases[0].first_day = -3;
    p.phases[0].duration = ttplan::length{32, ttplan::length::unit::days};
    p.tracks.push_back({"Imatinib (daily)",
                        ttplan::category::targeted,
                        ttplan::anchor{"induction", ttplan::anchor::edge::day, 15, {}},
                        ttplan::anchor{"maintenance", ttplan::anchor::edge::end, 0, 2},
                        {},
                        ""});
    p.tracks.back().when.all_of["ph_positive"] = {"true"};
    REQUIRE(ttplan::check(p).empty());
    CHECK(ttplan::parse_protocol(ttplan::to_json(p)) == p);
}

TEST_CASE("protocol_io: unknown key names the allowed keys", "[problems]") {
    const auto problems = problems_of(protocol_text(R"( "lenght": "4w",)"));
    REQUIRE_PROBLEM(problems, "/phases/0/lenght", "unknown key \"lenght\"");
    CHECK(find(problems, "/phases/0/lenght")->message.find("allowed: id, name, kind, length") !=
          std::string::npos);
    CHECK(find(problems, "/phases/0/lenght")->where.file == "test.json");
}

TEST_CASE("protocol_io: unknown top-level and nested keys", "[problems]") {
    auto problems = problems_of(protocol_text("", R"(, "extra": 1)"));
    REQUIRE_PROBLEM(problems, "/extra", "unknown key");
    problems = problems_of(protocol_text(R"( "repeat": {"count": 2, "every": "1w"},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/repeat/every",
                    "allowed: count, count_when, until, first_cycle_length, variants");
}

TEST_CASE("protocol_io: wrong types", "[problems]") {
    auto problems = problems_of(protocol_text(R"( "first_day": "1",)"));
    REQUIRE_PROBLEM(problems, "/phases/0/first_day", "expected an integer, found a string");
    problems = problems_of(protocol_text("", R"(, "tracks": {})"));
    REQUIRE_PROBLEM(problems, "/tracks", "expected a list");
    problems = problems_of(protocol_text(R"( "when": {"ph_positive": "yes"},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/when/ph_positive", "true or false for parameter \"ph_positive\"");
    problems = problems_of(protocol_text(R"( "when": {"tki": ["imatinib", 3]},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/when/tki/1", "choice name");
}

TEST_CASE("protocol_io: missing required keys point at their object", "[problems]") {
    const std::string text = R"({"format": "ttplan-protocol/1", "id": "x", "title": "X",
        "phases": [{"id": "a", "name": "A", "activities": [{"name": "n", "days": "1"}]}]})";
    const auto problems = problems_of(text);
    REQUIRE_PROBLEM(problems, "/phases/0", "missing required key \"length\"");
    REQUIRE_PROBLEM(problems, "/phases/0/activities/0", "missing required key \"category\"");
    CHECK(problems.size() == 2);
}

TEST_CASE("protocol_io: dangling reference", "[problems]") {
    std::string text = protocol_text();
    text.replace(text.find(R"("to": "maintenance")"), 19, R"("to": "consolidation")");
    const auto problems = problems_of(text);
    REQUIRE_PROBLEM(problems, "/dependencies/0/to", "unknown phase \"consolidation\"");
}

TEST_CASE("protocol_io: errors quote protocol text as one line without controls", "[problems][utf8]") {
    // A phase id carrying ESC, CSI (U+009B), NEL (U+0085) and a newline, as JSON escapes.
    const std::string hostile = R"(x\u001b[31m\u009b2J\u0085y\nz)";
    std::string text = protocol_text();
    text.replace(text.find(R"("to": "maintenance")"), 19, "\"to\": \"" + hostile + "\"");
    const auto problems = problems_of(text);
    // ESC as its picture U+241B, CSI as U+FFFD, NEL and LF as spaces.
    const std::string shown =
        "unknown phase \"x\xE2\x90\x9B[31m\xEF\xBF\xBD"
        "2J y z\"";
    REQUIRE_PROBLEM(problems, "/dependencies/0/to", shown);
    try {
        ttplan::parse_protocol(text, "test.json");
        FAIL("expected a validation_error");
    } catch (const ttplan::validation_error& e) {
        const std::string what = e.what();
        CHECK(what.find('\x1b') == std::string::npos);
        CHECK(what.find("\xC2\x9B") == std::string::npos);
        CHECK(what.find("\xC2\x85") == std::string::npos);
        CHECK(what.find(shown) != std::string::npos);
        CHECK(e.message().find('\x1b') == std::string::npos);
    }
    // A message built by hand follows the same rule, and so does its location.
    const ttplan::error e(
        "bad \"a\xC2\x9B"
        "b\xC0\xAF\"",
        {"dir/\x1b]0;x\x07.json", "/x\ny", 0, 0});
    CHECK(e.message() ==
          "bad \"a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
    CHECK(std::string(e.what()) ==
          "dir/\xE2\x90\x9B]0;x\xE2\x90\x87.json: /x y: bad \"a\xEF\xBF\xBD"
          "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST_CASE("protocol_io: dependency cycle names its phases", "[problems]") {
    std::string text = protocol_text();
    const std::string one = R"([{"from": "induction", "to": "maintenance"}])";
    text.replace(
        text.find(one), one.size(),
        R"([{"from": "induction", "to": "maintenance"}, {"from": "maintenance", "to": "induction"}])");
    const auto problems = problems_of(text);
    INFO(listing(problems));
    REQUIRE(problems.size() == 1);
    const std::string& m = problems[0].message;
    CHECK((m == "dependency cycle: induction -> maintenance -> induction" ||
           m == "dependency cycle: maintenance -> induction -> maintenance"));
}

TEST_CASE("protocol_io: zero, negative and absurd lengths", "[problems]") {
    for (const char* len : {"0d", "-4w", "11y", "4000d"}) {
        INFO(len);
        std::string text = protocol_text();
        text.replace(text.find(R"("29d")"), 5, "\""s + len + "\"");
        REQUIRE_PROBLEM(problems_of(text), "/phases/0/length", "length");
    }
    std::string text = protocol_text();
    text.replace(text.find(R"("29d")"), 5, R"("29 parsecs")");
    REQUIRE_PROBLEM(problems_of(text), "/phases/0/length", "invalid length");
}

TEST_CASE("protocol_io: repeat bounds", "[problems]") {
    auto problems = problems_of(protocol_text(R"( "repeat": {"variants": ["A", "B"]},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/repeat", "repeat has no bound");
    problems = problems_of(protocol_text(R"( "repeat": {"count": 0},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/repeat/count", "from 1 to 1000");
    // A single until rule is an object in the file, so the pointer has no list index.
    problems = problems_of(protocol_text(R"( "repeat": {"until": {"length": "0y"}},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/repeat/until/length", "positive");
    problems = problems_of(protocol_text(R"( "repeat": {"until": [{"length": "2y"}, {"length": "25y"}]},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/repeat/until/1/length", "20 years");
}

TEST_CASE("protocol_io: unknown category and bad patterns", "[problems]") {
    std::string text = protocol_text();
    text.replace(text.find(R"("chemotherapy")"), 14, R"("chemo")");
    auto problems = problems_of(text);
    REQUIRE_PROBLEM(problems, "/phases/0/activities/0/category", "unknown category \"chemo\"");
    CHECK(find(problems, "/phases/0/activities/0/category")->message.find("hospital-stay") !=
          std::string::npos);

    text = protocol_text();
    text.replace(text.find(R"("1,8,15,22")"), 11, R"("8-1")");
    problems = problems_of(text);
    REQUIRE_PROBLEM(problems, "/phases/0/activities/0/days", "invalid day pattern");
    CHECK(problems.size() == 1);  // not also "activity has no days"

    text = protocol_text();
    text.replace(text.find(R"("1,8,15,22")"), 11, R"([1, "8"])");
    REQUIRE_PROBLEM(problems_of(text), "/phases/0/activities/0/days/1", "expected an integer");
}

TEST_CASE("protocol_io: weekdays_only and at_most", "[problems]") {
    const auto with = [](const std::string& extra, const std::string& format = "ttplan-protocol/2") {
        std::string text = protocol_text();
        text.replace(text.find("ttplan-protocol/1"), 17, format);
        const std::string days = R"("days": "1,8,15,22")";
        text.replace(text.find(days), days.size(), days + extra);
        return text;
    };
    const ttplan::protocol p = ttplan::parse_protocol(with(R"(, "weekdays_only": true, "at_most": 3)"));
    CHECK(p.phases[0].activities[0].weekdays_only);
    CHECK(p.phases[0].activities[0].at_most == 3);
    const std::string text = ttplan::to_json(p);
    CHECK(text.find(R"("weekdays_only": true,)") != std::string::npos);
    CHECK(text.find(R"("at_most": 3)") != std::string::npos);
    CHECK(ttplan::parse_protocol(text) == p);

    REQUIRE_PROBLEM(problems_of(with(R"(, "at_most": 0)")), "/phases/0/activities/0/at_most", "at least 1");
    REQUIRE_PROBLEM(problems_of(with(R"(, "at_most": 5)")), "/phases/0/activities/0/at_most",
                    "at most 5 days is more than the 4 day(s) in \"days\"");
    REQUIRE_PROBLEM(problems_of(with(R"(, "at_most": "ten")")), "/phases/0/activities/0/at_most", "integer");
    REQUIRE_PROBLEM(problems_of(with(R"(, "weekdays_only": "yes")")), "/phases/0/activities/0/weekdays_only",
                    "true or false");
}

TEST_CASE("protocol_io: a version-1 file's \"times\" is read as at_most, and problems point at it",
          "[format]") {
    const auto v1 = [](const std::string& extra) {
        std::string text = protocol_text();
        const std::string days = R"("days": "1,8,15,22")";
        text.replace(text.find(days), days.size(), days + extra);
        return text;
    };
    const ttplan::protocol p = ttplan::parse_protocol(v1(R"(, "weekdays_only": true, "times": 3)"));
    CHECK(p.phases[0].activities[0].at_most == 3);
    // Written back, it is a version-2 file that means the same.
    const std::string text = ttplan::to_json(p);
    CHECK(text.find("ttplan-protocol/2") != std::string::npos);
    CHECK(text.find(R"("at_most": 3)") != std::string::npos);
    CHECK(ttplan::parse_protocol(text) == p);

    // Problems point at the key the version-1 file has, on its line.
    auto problems = problems_of(v1(R"(, "times": 0)"));
    REQUIRE_PROBLEM(problems, "/phases/0/activities/0/times", "at least 1");
    CHECK(problems.front().where.line == 11);
    REQUIRE_PROBLEM(problems_of(v1(R"(, "times": "ten")")), "/phases/0/activities/0/times", "integer");
    // In version 1, "at_most" is not a pointer target to rewrite when it is not an activity key.
    std::string phase_key = protocol_text(R"( "at_most": 1,)");
    REQUIRE_PROBLEM(problems_of(phase_key), "/phases/0/at_most", "unknown key");
}

TEST_CASE("protocol_io: format versions", "[format]") {
    std::string text = protocol_text();
    text.replace(text.find("ttplan-protocol/1"), 17, "ttplan-protocol/2");
    CHECK(ttplan::parse_protocol(text) == ttplan::parse_protocol(protocol_text()));
    text.replace(text.find("ttplan-protocol/2"), 17, "ttplan-protocol/3");
    auto problems = problems_of(text);
    REQUIRE(problems.size() == 1);
    REQUIRE_PROBLEM(problems, "/format",
                    "written by a newer ttplan: format version 3, this ttplan reads versions 1 to 2");

    text = protocol_text();
    text.replace(text.find(R"("format": "ttplan-protocol/1",)"), 30, "");
    problems = problems_of(text);
    REQUIRE(problems.size() == 1);
    REQUIRE_PROBLEM(problems, "", "missing \"format\"");

    text = protocol_text();
    text.replace(text.find("ttplan-protocol/1"), 17, "otio/1");
    REQUIRE_PROBLEM(problems_of(text), "/format", "not a ttplan protocol file");

    text = protocol_text();
    text.replace(text.find("ttplan-protocol/1"), 17, "ttplan-protocol/x");
    REQUIRE_PROBLEM(problems_of(text), "/format", "unknown format version");

    REQUIRE_PROBLEM(problems_of("[1, 2]"), "", "JSON object");
}

TEST_CASE("protocol_io: syntax errors give line and column", "[syntax]") {
    const std::string text = "{\n  \"format\": \"ttplan-protocol/1\",\n  \"id\": ,\n}\n";
    try {
        ttplan::parse_protocol(text, "broken.json");
        FAIL("no exception");
    } catch (const ttplan::parse_error& e) {
        CHECK(e.where().file == "broken.json");
        CHECK(e.where().line == 3);
        CHECK(e.where().column == 9);
        CHECK(e.message().find("syntax error") != std::string::npos);
        CHECK(std::string(e.what()).rfind("broken.json:3:9: ", 0) == 0);
    }
    CHECK_THROWS_AS(ttplan::parse_protocol(""), ttplan::parse_error);
    CHECK_THROWS_AS(ttplan::parse_protocol("{\"a\": tru}"), ttplan::parse_error);
    CHECK_THROWS_AS(ttplan::parse_protocol(std::string(200, '[') + std::string(200, ']')),
                    ttplan::parse_error);
}

TEST_CASE("protocol_io: a NUL byte is named, not taken for the end of the input", "[syntax]") {
    const std::string text = "{\n  \"format\": \"ttplan-protocol/2\",\0\n}\n"s;
    try {
        ttplan::parse_protocol(text, "nul.json");
        FAIL("no exception");
    } catch (const ttplan::parse_error& e) {
        CHECK(e.where().line == 2);
        CHECK(e.where().column == 33);
        CHECK(e.message() == "a NUL byte (U+0000), which JSON text never holds: not a text file?");
    }
    // Inside a string it is a control character, as JSON says.
    CHECK_THROWS_WITH(ttplan::parse_protocol("{\"id\": \"a\0b\"}"s), Catch::Contains("U+0000"));
}

TEST_CASE("protocol_io: validate_protocol checks text as validate_protocol_file checks a file", "[files]") {
    const auto problems = ttplan::validate_protocol(protocol_text(R"( "length": "4w",)"), "<stdin>");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.file == "<stdin>");
    CHECK(problems[0].where.line == 10);
    const auto syntax = ttplan::validate_protocol("{\n  \"format\": }", "<stdin>");
    REQUIRE(syntax.size() == 1);
    CHECK(syntax[0].where.line == 2);
    CHECK(ttplan::validate_protocol(read_text(data_dir + "/every-feature.json")).empty());
}

TEST_CASE("protocol_io: every problem is reported, in file order, with lines", "[problems]") {
    const std::string text = R"({
  "format": "ttplan-protocol/1",
  "id": "many",
  "title": "Many problems",
  "colour": "blue",
  "phases": [
    {"id": "a", "name": "A", "length": "0d",
     "activities": [{"name": "x", "category": "chemo", "days": "1"}]},
    {"id": "a", "name": "B", "length": "1w", "activities": []}
  ],
  "dependencies": [{"from": "a", "to": "nowhere"}]
}
)";
    const auto problems = problems_of(text);
    INFO(listing(problems));
    REQUIRE_PROBLEM(problems, "/colour", "unknown key");
    REQUIRE_PROBLEM(problems, "/phases/0/length", "positive");
    REQUIRE_PROBLEM(problems, "/phases/0/activities/0/category", "unknown category");
    REQUIRE_PROBLEM(problems, "/phases/1/id", "duplicate phase id");
    REQUIRE_PROBLEM(problems, "/phases/1/activities", "no activities");
    REQUIRE_PROBLEM(problems, "/dependencies/0/to", "unknown phase \"nowhere\"");
    CHECK(problems.size() == 6);
    CHECK(find(problems, "/colour")->where.line == 5);
    CHECK(find(problems, "/phases/0/length")->where.line == 7);
    CHECK(find(problems, "/phases/0/activities/0/category")->where.line == 8);
    CHECK(find(problems, "/phases/1/id")->where.line == 9);
    CHECK(find(problems, "/dependencies/0/to")->where.line == 11);
    CHECK(std::is_sorted(problems.begin(), problems.end(),
                         [](const auto& a, const auto& b) { return a.where.line < b.where.line; }));
}

TEST_CASE("protocol_io: duplicate keys are problems", "[problems]") {
    const auto problems = problems_of(protocol_text(R"( "length": "4w",)"));
    REQUIRE_PROBLEM(problems, "/phases/0/length", "duplicate key \"length\"");
}

TEST_CASE("protocol_io: conditions name declared parameters and values", "[problems]") {
    auto problems = problems_of(protocol_text(R"( "when": {"cns": "radiation"},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/when/cns", "unknown parameter \"cns\" (declared: ph_positive, tki)");
    problems = problems_of(protocol_text(R"( "when": {"tki": "nilotinib"},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/when/tki", "not one of the choices");
    problems = problems_of(protocol_text(R"( "when": {"tki": []},)"));
    REQUIRE_PROBLEM(problems, "/phases/0/when/tki", "lists no values");
}

TEST_CASE("protocol_io: files", "[files]") {
    const auto path = std::filesystem::temp_directory_path() / "ttplan-test-protocol-io.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << protocol_text(R"( "length": "4w",)");
    }
    const auto problems = ttplan::validate_protocol_file(path);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.file == path.string());
    CHECK(problems[0].where.line == 10);
    CHECK_THROWS_AS(ttplan::load_protocol_file(path), ttplan::validation_error);
    {
        std::ofstream out(path, std::ios::binary);
        out << "{\n  \"format\": }";
    }
    const auto syntax = ttplan::validate_protocol_file(path);
    REQUIRE(syntax.size() == 1);
    CHECK(syntax[0].where.line == 2);
    CHECK_THROWS_AS(ttplan::load_protocol_file(path), ttplan::parse_error);
    std::filesystem::remove(path);

    CHECK_THROWS_AS(ttplan::load_protocol_file(path), ttplan::io_error);
    CHECK_THROWS_AS(ttplan::validate_protocol_file(path), ttplan::io_error);
    CHECK_THROWS_AS(ttplan::load_protocol_file(data_dir), ttplan::io_error);
    CHECK(ttplan::validate_protocol_file(data_dir + "/every-feature.json").empty());
    CHECK(ttplan::to_json(ttplan::load_protocol_file(data_dir + "/every-feature.json")) ==
          ttplan::to_json(ttplan::parse_protocol(read_text(data_dir + "/every-feature.json"))));
}

TEST_CASE("protocol_io: an endless or huge file is an error, not a hang", "[files]") {
    const auto path = std::filesystem::temp_directory_path() / "ttplan-test-protocol-io-huge.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << '{' << std::string(std::size_t{17} << 20, ' ') << '}';
    }
    CHECK_THROWS_WITH(ttplan::load_protocol_file(path), Catch::Contains("larger than 16 MiB"));
    CHECK_THROWS_AS(ttplan::validate_protocol_file(path), ttplan::io_error);
    std::filesystem::remove(path);
    if (std::filesystem::exists("/dev/zero")) {
        CHECK_THROWS_WITH(ttplan::load_protocol_file("/dev/zero"), Catch::Contains("larger than 16 MiB"));
    }
}

TEST_CASE("protocol_io: check()'s problems get the file's pointer and line", "[problems][location]") {
    // check() points into the model ("/when/tki/0", "/when/a~1b"); the reader maps that onto
    // the single value the file holds and onto the line of its key.
    const auto problems = problems_of(protocol_text(R"(
     "when": {"tki": "nilotinib",
              "a/b": "x"},)"));
    const ttplan::problem* choice = find(problems, "/phases/0/when/tki", "not one of the choices");
    REQUIRE(choice != nullptr);
    CHECK(choice->where.file == "test.json");
    CHECK(choice->where.line == 11);
    CHECK(choice->to_string().rfind("test.json:11: /phases/0/when/tki: ", 0) == 0);
    const ttplan::problem* unknown = find(problems, "/phases/0/when/a~1b", "unknown parameter \"a/b\"");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->where.line == 12);
}
