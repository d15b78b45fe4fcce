// The built-in adult, immunotherapy, cell-therapy, transplant and radiation protocols reproduce
// the published schedules they follow (reference sections cited per block), and the catalog's
// content rules: every protocol listed, sourced, and free of doses.
#include "reference_helpers.hpp"

#include <regex>
#include <set>

using namespace reference;
using date::days;
using ttplan::category;

namespace {

// §4a course internal days (vincristine on Days 4 and 11, the original reading) and §6.8 IT
// days (IT MTX Day 2 and IT cytarabine Day 7 in A courses; IT cytarabine Day 5 and IT MTX Day 8
// in B courses).
roadmap hcvad_course(char variant, bool intrathecal, bool first, const char* tki) {
    roadmap r;
    if (variant == 'A') {
        r.events["Cyclophosphamide"] = {1, 2, 3};
        r.events["Doxorubicin"] = {4};
        r.events["Vincristine"] = {4, 11};
        r.spans["Dexamethasone"] = {{1, 4}, {11, 14}};
        if (intrathecal) {
            r.events["IT methotrexate"] = {2};
            r.events["IT cytarabine"] = {7};
        }
    } else {
        r.events["Methotrexate (24-hour infusion)"] = {1};
        r.events["Cytarabine"] = {2, 3};
        r.events["Methylprednisolone"] = {1, 2, 3};
        if (intrathecal) {
            r.events["IT cytarabine"] = {5};
            r.events["IT methotrexate"] = {8};
        }
    }
    if (first) {
        r.events["Bone marrow examination"] = {14, 21};  // cycle-1 marrows, §4a
        if (tki != nullptr) r.spans[tki] = {{1, 14}};    // §2b: TKI days 1-14 of course 1
    }
    return r;
}

}  // namespace

TEST_CASE("hyper-cvad: 8 alternating 21-day courses, IT by CNS risk, POMP", "[reference][hyper-cvad]") {
    // §3c: ITs by CNS risk: low 4 (courses 1-2), unknown 8 (1-4), high 16 (all 8).
    for (const auto& [risk, it_courses] :
         {std::pair{"low", 2}, std::pair{"unknown", 4}, std::pair{"high", 8}}) {
        INFO("cns_risk " << risk);
        const auto s = plan("hyper-cvad", {{"cns_risk", risk}}, start);
        const auto courses = occurrences(s, "courses");
        REQUIRE(courses.size() == 8);
        std::size_t its = 0;
        for (std::size_t i = 0; i < courses.size(); ++i) {
            INFO("course " << i + 1);
            const char variant = i % 2 == 0 ? 'A' : 'B';
            CHECK(courses[i].variant == std::string(1, variant));
            CHECK(courses[i].days() == 21);
            CHECK(courses[i].first == start + days{21 * static_cast<int>(i)});
            const bool intrathecal = static_cast<int>(i) < it_courses;
            CHECK(text(planned(s, "courses", courses[i].cycle)) ==
                  text(hcvad_course(variant, intrathecal, i == 0, nullptr)));
            its += category_days(s, "courses", category::intrathecal, courses[i].cycle).size();
        }
        CHECK(its == static_cast<std::size_t>(2 * it_courses));

        // §4a POMP: monthly (28-day) cycles, vincristine monthly, prednisone Days 1-5, daily
        // mercaptopurine, weekly methotrexate; 24 months in the original regimen.
        const auto pomp = occurrences(s, "maintenance");
        REQUIRE(pomp.size() > 2);
        CHECK(pomp.front().first == courses.back().last + days{1});
        roadmap m;
        m.events["Vincristine"] = {1};
        m.events["Methotrexate (oral, weekly)"] = {1, 8, 15, 22};
        m.spans["Prednisone"] = {{1, 5}};
        m.spans["Mercaptopurine"] = {{1, 28}};
        CHECK(pomp.front().days() == 28);
        CHECK(text(planned(s, "maintenance", 1)) == text(m));
        CHECK(pomp.back().last == months_after(pomp.front().first, 24) - days{1});
    }
    const auto modified = plan("hyper-cvad", {{"pomp_months", "30"}}, start);
    const auto pomp = occurrences(modified, "maintenance");
    CHECK(pomp.back().last == months_after(pomp.front().first, 30) - days{1});
}

TEST_CASE("hyper-cvad: Ph-positive TKI on Days 1-14 of course 1, then daily", "[reference][hyper-cvad]") {
    const std::pair<const char*, const char*> tkis[] = {{"imatinib", "Imatinib (daily)"},
                                                        {"dasatinib", "Dasatinib (daily)"},
                                                        {"ponatinib", "Ponatinib (daily)"}};
    for (const auto& [tki, name] : tkis) {
        INFO(tki);
        const auto s = plan("hyper-cvad", {{"tki", tki}, {"pomp_months", "30"}}, start);
        const auto courses = occurrences(s, "courses");
        REQUIRE(courses.size() == 8);
        CHECK(text(planned(s, "courses", 1)) == text(hcvad_course('A', true, true, name)));
        CHECK(text(planned(s, "courses", 2)) == text(hcvad_course('B', true, false, nullptr)));
        // §2b: Ph-positive maintenance is up to 2 years of vincristine Day 1 and prednisone
        // Days 1-5 every 28 days with the daily TKI (no mercaptopurine or methotrexate).
        const auto pomp = occurrences(s, "maintenance");
        roadmap m;
        m.events["Vincristine"] = {1};
        m.spans["Prednisone"] = {{1, 5}};
        CHECK(text(planned(s, "maintenance", 1)) == text(m));
        CHECK(pomp.back().last == months_after(pomp.front().first, 24) - days{1});
        std::vector<ttplan::span> tracks;
        for (const auto& sp : s.spans()) {
            if (sp.phase.empty()) tracks.push_back(sp);
        }
        REQUIRE(tracks.size() == 1);
        CHECK(tracks[0].activity == name);
        CHECK(tracks[0].first == courses[1].first);
        CHECK(tracks[0].last == pomp.back().last);
    }
}

TEST_CASE("blinatumomab: relapsed/refractory and MRD-positive label cycles", "[reference][blinatumomab]") {
    // §5a / §6.8: infusion Days 1-28, free Days 29-42 in cycles 1-5 and 29-84 in cycles 6-9;
    // step-up on Day 8 of cycle 1; hospital for the first 9 days of cycle 1, 2 of cycle 2.
    const auto rr = plan("blinatumomab", {}, start);
    const auto first = occurrences(rr, "induction_consolidation");
    const auto later = occurrences(rr, "continued_therapy");
    REQUIRE(first.size() == 5);
    REQUIRE(later.size() == 4);
    for (std::size_t i = 0; i < first.size(); ++i) {
        INFO("cycle " << i + 1);
        CHECK(first[i].days() == 42);
        roadmap r;
        r.spans["Blinatumomab infusion"] = {{1, 28}};
        if (i == 0) r.events["Blinatumomab infusion steps up"] = {8};
        if (i == 0) r.spans["Hospital stay"] = {{1, 9}};
        if (i == 1) r.spans["Hospital stay"] = {{1, 2}};
        CHECK(text(planned(rr, "induction_consolidation", first[i].cycle)) == text(r));
    }
    CHECK(later.front().first == first.back().last + days{1});
    for (std::size_t i = 0; i < later.size(); ++i) {
        INFO("cycle " << i + 6);
        CHECK(later[i].days() == 84);
        roadmap r;
        r.spans["Blinatumomab infusion"] = {{1, 28}};
        CHECK(text(planned(rr, "continued_therapy", later[i].cycle)) == text(r));
    }
    CHECK(rr.end() == start + days{5 * 42 + 4 * 84 - 1});

    // MRD-positive: the same phase, 4 cycles of 28 + 14 days (count_when on the setting), no
    // step-up, hospital 3 and 2 days, and no continued therapy.
    const auto mrd = plan("blinatumomab", {{"setting", "mrd-positive"}}, start);
    CHECK(occurrences(mrd, "continued_therapy").empty());
    const auto cycles = occurrences(mrd, "induction_consolidation");
    REQUIRE(cycles.size() == 4);
    CHECK(cycles.front().first == start);
    for (std::size_t i = 0; i < cycles.size(); ++i) {
        INFO("cycle " << i + 1);
        CHECK(cycles[i].days() == 42);
        roadmap r;
        r.spans["Blinatumomab infusion"] = {{1, 28}};
        if (i == 0) r.spans["Hospital stay"] = {{1, 3}};
        if (i == 1) r.spans["Hospital stay"] = {{1, 2}};
        CHECK(text(planned(mrd, "induction_consolidation", cycles[i].cycle)) == text(r));
    }
}

TEST_CASE("inotuzumab: Days 1, 8, 15; 21-day first cycle, then 28; 2, 3 or 6 cycles",
          "[reference][inotuzumab]") {
    // §5b / §6.8.
    const std::tuple<bool, bool, std::size_t> cases[] = {
        {true, false, 2}, {true, true, 3}, {false, false, 6}};
    for (const auto& [transplant, extra, count] : cases) {
        INFO("transplant_follows " << transplant << ", extra_cycle " << extra);
        const auto s = plan("inotuzumab",
                            {{"transplant_follows", transplant ? "true" : "false"},
                             {"extra_cycle", extra ? "true" : "false"}},
                            start);
        const auto cycles = occurrences(s, "cycles");
        REQUIRE(cycles.size() == count);
        for (std::size_t i = 0; i < cycles.size(); ++i) {
            INFO("cycle " << i + 1);
            CHECK(cycles[i].days() == (i == 0 ? 21 : 28));
            CHECK(cycles[i].ending == ttplan::ending_reason::none);
            roadmap r;
            r.events["Inotuzumab ozogamicin infusion"] = {1, 8, 15};
            CHECK(text(planned(s, "cycles", cycles[i].cycle)) == text(r));
        }
        CHECK(s.end() == start + days{21 + 28 * static_cast<int>(count - 1) - 1});
    }
}

TEST_CASE("car-t: lymphodepletion on negative days, Day 0 infusion, restrictions", "[reference][car-t]") {
    // §5c tisagenlecleucel: fludarabine 4 days, cyclophosphamide 2, infusion 2-14 days after.
    const auto kym = plan("car-t", {{"label_rules", "pre-2025"}}, start);
    roadmap ld;
    ld.events["Fludarabine"] = {-5, -4, -3, -2};
    ld.events["Cyclophosphamide"] = {-5, -4};
    CHECK(text(planned(kym, "lymphodepletion_tisagenlecleucel")) == text(ld));
    const auto after = only(kym, "infusion_and_follow_up");
    CHECK(after.first_day == 0);
    CHECK(after.days() == 56);
    const auto infusion_date = after.first;
    ttplan::day_point last_ld{};
    for (const auto& e : kym.events()) {
        if (e.phase == "lymphodepletion_tisagenlecleucel") last_ld = std::max(last_ld, e.date);
    }
    CHECK((infusion_date - last_ld).count() >= 2);
    CHECK((infusion_date - last_ld).count() <= 14);
    roadmap pre;
    pre.events["Tisagenlecleucel infusion"] = {0};
    pre.spans["Stay near the treatment centre"] = {{0, 27}};  // 4 weeks
    pre.spans["No driving"] = {{0, 55}};                      // 8 weeks
    CHECK(text(planned(kym, "infusion_and_follow_up")) == text(pre));

    // §5c brexucabtagene (ZUMA-3): fludarabine Days -4, -3, -2; cyclophosphamide Day -2;
    // June 2025 label: 2 weeks near the centre and 2 weeks without driving.
    const auto tec = plan("car-t", {{"product", "brexucabtagene"}, {"label_rules", "2025"}}, start);
    CHECK(occurrences(tec, "lymphodepletion_tisagenlecleucel").empty());
    roadmap ld2;
    ld2.events["Fludarabine"] = {-4, -3, -2};
    ld2.events["Cyclophosphamide"] = {-2};
    CHECK(text(planned(tec, "lymphodepletion_brexucabtagene")) == text(ld2));
    // One follow-up phase, 14 days under the 2025 label (length_when gives 56 before it).
    CHECK(only(tec, "infusion_and_follow_up").first == start + days{4});
    CHECK(only(tec, "infusion_and_follow_up").days() == 14);
    roadmap now;
    now.events["Brexucabtagene autoleucel infusion"] = {0};
    now.spans["Stay near the treatment centre"] = {{0, 13}};
    now.spans["No driving"] = {{0, 13}};
    CHECK(text(planned(tec, "infusion_and_follow_up")) == text(now));
}

TEST_CASE("allo-hsct: Day 0 infusion, engraftment window, Day +30 and +100", "[reference][allo-hsct]") {
    // §5d.
    for (const auto& [graft, last] : {std::pair{"marrow-or-blood", 21}, std::pair{"cord-blood", 42}}) {
        INFO(graft);
        const auto s = plan("allo-hsct", {{"graft_source", graft}}, start);
        const auto tx = only(s, "transplant");
        CHECK(tx.first_day == 0);
        roadmap r;
        r.events["Stem cell infusion"] = {0};
        r.events["Day +30 milestone"] = {30};
        r.events["Day +100 milestone"] = {100};
        r.spans["Expected engraftment window"] = {{10, last}};
        CHECK(text(planned(s, "transplant")) == text(r));
        // Conditioning lies within "the 5 to 10 days prior" to the infusion.
        for (const auto& sp : s.spans()) {
            if (sp.phase != "conditioning") continue;
            CHECK(sp.first_day >= -10);
            CHECK(sp.last_day <= -1);
            CHECK(sp.last == tx.first - days{-sp.last_day});
        }
        for (const auto& e : s.events()) {
            if (e.activity == "Day +100 milestone") CHECK(e.date == tx.first + days{100});
        }
    }
    const auto tbi = plan("allo-hsct", {{"conditioning", "tbi"}}, start);
    bool radiation = false;
    for (const auto& sp : tbi.spans()) radiation = radiation || sp.category == category::radiation;
    CHECK(radiation);
}

TEST_CASE("cranial-radiation: 10 or 8 weekday fractions", "[reference][radiation]") {
    // §3c: 10 fractions (VN-ROADMAP) or 8 daily fractions (AALL02P2), on weekdays.
    for (const auto& [fractions, n] : {std::pair{"10", 10u}, std::pair{"8", 8u}}) {
        INFO(fractions);
        const auto s = plan("cranial-radiation", {{"fractions", fractions}}, start);
        const auto d = category_days(s, "radiation", category::radiation);
        CHECK(d.size() == n);
        CHECK(d == (n == 10 ? join({run(1, 5), run(8, 12)}) : join({run(1, 5), run(8, 10)})));
        for (const auto& e : s.events()) {
            const auto wd = date::weekday{e.date};
            CHECK(wd != date::Saturday);
            CHECK(wd != date::Sunday);
        }
        // The count holds whatever weekday the course starts on, within its two weeks.
        for (int shift = 1; shift < 7; ++shift) {
            const ttplan::day_point other = start + date::days{shift};
            INFO(ttplan::format_date(other));
            const auto t = plan("cranial-radiation", {{"fractions", fractions}}, other);
            std::size_t count = 0;
            for (const auto& e : t.events()) {
                if (e.category != category::radiation) continue;
                ++count;
                const auto wd = date::weekday{e.date};
                CHECK((wd != date::Saturday && wd != date::Sunday));
                CHECK(e.date <= t.phases().front().last);
            }
            CHECK(count == n);
        }
    }
}

TEST_CASE("catalog: the reference protocols are listed, sourced and free of doses", "[catalog][reference]") {
    const std::set<std::string> expected = {
        "allo-hsct",    "blinatumomab",      "car-t",      "ccg-1991-sr", "cog-hr-b-all",
        "cog-sr-b-all", "cranial-radiation", "hyper-cvad", "inotuzumab",  "ph-positive-tki"};
    std::set<std::string> listed;
    for (const auto& e : ttplan::builtin_protocols()) listed.insert(e.id);
    for (const auto& id : expected) {
        INFO(id);
        CHECK(listed.count(id) == 1);
    }

    // Doses in any unit, and any mention of a dose (also in the translations: "dosis", "doses"):
    // ttplan plans days, never amounts.
    const std::regex dose_words(R"(\bmg\b|/m2|/m²|units/kg|\bdose|\bdosis|\bc?gy\b|\bmcg\b|\bµg\b)",
                                std::regex::icase);
    for (const auto& e : ttplan::builtin_protocols()) {
        INFO(e.id);
        const ttplan::protocol p = ttplan::load_builtin(e.id);
        CHECK_FALSE(p.summary.empty());
        CHECK(p.summary.find('\n') == std::string::npos);
        const std::string json = ttplan::to_json(p);
        std::smatch m;
        const std::string hit = std::regex_search(json, m, dose_words) ? m.str() : std::string();
        CHECK(hit == std::string());
        if (expected.count(e.id) == 0) continue;
        CHECK(p.description.find("planning and education") != std::string::npos);
        CHECK_FALSE(p.notes.empty());
        REQUIRE_FALSE(p.sources.empty());
        for (const auto& src : p.sources) {
            INFO(src.key);
            CHECK_FALSE(src.key.empty());
            CHECK_FALSE(src.title.empty());
            CHECK(src.url.rfind("http", 0) == 0);
        }
    }
}
