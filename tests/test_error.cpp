#include <ttplan/ttplan.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace {

using ttplan::error;
using ttplan::error_code;

// The code of whatever ttplan::error `body` throws; fails the test if it throws none.
template <class Body>
error_code code_thrown_by(Body&& body) {
    try {
        body();
    } catch (const error& e) {
        return e.code();
    }
    FAIL("no ttplan::error thrown");
    return error_code::generic;
}

}  // namespace

TEST_CASE("error: every code has its own name", "[error]") {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < ttplan::error_code_count; ++i) {
        const std::string_view name = ttplan::to_string(static_cast<error_code>(i));
        CHECK(name != "unknown");
        CHECK(names.insert(name).second);
    }
    // The first value past the count has no name: error_code_count grows with the enum, so
    // every table sized by it (C statuses, Python classes) gets a row for the new code.
    CHECK(ttplan::to_string(static_cast<error_code>(ttplan::error_code_count)) == "unknown");
    CHECK(ttplan::to_string(error_code::generic) == "generic");
    CHECK(ttplan::to_string(error_code::validation) == "validation");
}

TEST_CASE("error: each class carries its family's code", "[error]") {
    const ttplan::location where{"f.json", "/phases/0", 2, 3};
    CHECK(error("m", where).code() == error_code::generic);
    CHECK(ttplan::io_error("m", where).code() == error_code::io);
    CHECK(ttplan::parse_error("m", where).code() == error_code::parse);
    CHECK(ttplan::validation_error({{where, "m"}}).code() == error_code::validation);
    CHECK(ttplan::parameter_error("m", where).code() == error_code::parameter);
    CHECK(ttplan::planning_error("m", where).code() == error_code::planning);
    CHECK(ttplan::value_error("m").code() == error_code::value);
    // The code survives a copy through the base, as a boundary catching `const error&` sees it.
    const error copied = ttplan::planning_error("m");
    CHECK(copied.code() == error_code::planning);
    // Constructors read as before: what() is "<location>: <message>".
    const ttplan::io_error e("cannot read", where);
    CHECK(std::string(e.what()) == "f.json:2:3: /phases/0: cannot read");
    CHECK(e.message() == "cannot read");
    CHECK(e.where().pointer == "/phases/0");
}

TEST_CASE("error: the library's failures arrive with their family's code", "[error]") {
    CHECK(code_thrown_by([] { ttplan::load_protocol_file(TTPLAN_TEST_DATA "/no-such-file.json"); }) ==
          error_code::io);
    CHECK(code_thrown_by([] { ttplan::parse_protocol("[1, 2"); }) == error_code::parse);
    CHECK(code_thrown_by([] { ttplan::parse_protocol(R"({"format": "ttplan-protocol/1"})"); }) ==
          error_code::validation);
    CHECK(code_thrown_by([] { ttplan::load_builtin("no-such-protocol"); }) == error_code::generic);
    CHECK(code_thrown_by([] { ttplan::parse_date("2027-02-30"); }) == error_code::value);

    const ttplan::protocol p = ttplan::load_builtin(ttplan::default_protocol_id());
    CHECK(code_thrown_by([&] { ttplan::planner(p, {{"colour", "red"}}); }) == error_code::parameter);
    const ttplan::planner pl(p, {});
    const ttplan::day_point start = ttplan::parse_date("2027-01-04");
    CHECK(code_thrown_by([&] {
              pl.plan(start, {ttplan::actual_start{"no_such_phase", {}, {}, 3}});
          }) == error_code::planning);
    const ttplan::schedule s = pl.plan(start);
    CHECK(code_thrown_by([&] { ttplan::render(s, "docx"); }) == error_code::generic);
}
