// Treatment records: the input is a record file's text. A record that reads is written back
// and read again (to_json's round trip), described, planned as of its last revision and of its
// first few, and its calendar written in every format with the changes since each of those.
#include "fuzz.hpp"

#include <ttplan/changes.hpp>
#include <ttplan/describe.hpp>
#include <ttplan/format.hpp>
#include <ttplan/record.hpp>

#include <algorithm>
#include <string>

namespace {

constexpr std::int32_t max_revisions_planned = 3;

void plan_record(const ttplan::treatment_record& r) {
    try {
        const ttplan::schedule s = ttplan::plan(r);
        TTPLAN_FUZZ_CHECK(!ttplan::summary_text(s).empty());
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
        return;
    }
    for (const auto name : ttplan::format_names()) {
        if (!ttplan::fuzz::fuzzed_format(name)) continue;
        try {
            const std::string text = ttplan::render(r, name);
            TTPLAN_FUZZ_CHECK(!text.empty());
            TTPLAN_FUZZ_CHECK_OUTPUT(name, text);
        } catch (const ttplan::error& e) {
            TTPLAN_FUZZ_CHECK_ERROR(e);
        }
    }
    try {
        TTPLAN_FUZZ_CHECK_OUTPUT("ics",
                                 ttplan::render(r, "ics", {}, {}, ttplan::earlier_revisions::left_out));
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
    }
    const std::int32_t last = std::min(r.last_revision(), max_revisions_planned);
    for (std::int32_t n = 1; n <= last; ++n) {
        try {
            (void)ttplan::plan_at(r, n);
            const auto list = ttplan::changes_since(r, n);
            (void)ttplan::changes_to_text(list);
            TTPLAN_FUZZ_CHECK_OUTPUT("json", ttplan::changes_to_json(list));
        } catch (const ttplan::error& e) {
            TTPLAN_FUZZ_CHECK_ERROR(e);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ttplan::treatment_record r;
    try {
        r = ttplan::parse_record(ttplan::fuzz::as_text(data, size), "<fuzz>");
    } catch (const ttplan::error& e) {
        TTPLAN_FUZZ_CHECK_ERROR(e);
        return 0;
    }
    // parse_record(to_json(r)) == r, and to_json writes canonical text.
    const std::string json = ttplan::to_json(r);
    const ttplan::treatment_record again = ttplan::parse_record(json, "<fuzz:to_json>");
    TTPLAN_FUZZ_CHECK(again == r);
    TTPLAN_FUZZ_CHECK(ttplan::to_json(again) == json);

    TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(ttplan::describe(r), "\n"));
    for (const auto& revision : r.history) {
        for (const auto& fact : revision.facts) {
            TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(ttplan::to_string(fact)));
        }
    }
    if (const auto changed = ttplan::builtin_changed(r)) {
        TTPLAN_FUZZ_CHECK(ttplan::fuzz::terminal_safe(changed->message()));
    }
    (void)ttplan::profile_of(r);
    plan_record(r);
    return 0;
}
