// The built-in pediatric protocols reproduce the published roadmaps they follow, day for day.
// Expected day numbers are copied from the published lists as collected in the reference
// "ALL treatment protocols: timeline structure" (sections cited per block); phase starts and
// the end of maintenance are recomputed here with date's own arithmetic.
#include "reference_helpers.hpp"

using namespace reference;
using date::days;
using ttplan::category;

namespace {

// §6.4 (Vietnamese adaptation of COG AALL0932/CCG-1991, Day-1 numbering), with the COG
// readings of §1b where the adaptation substitutes: IT cytarabine (not IT MTX) on induction
// Day 1, pegaspargase on Day 4 (not L-asparaginase), thioguanine on DI Days 29-42.
roadmap sr_induction(bool cns3) {
    roadmap r;
    r.events["IT cytarabine"] = {1};
    r.events["IT methotrexate"] = cns3 ? day_list{8, 15, 22, 29} : day_list{8, 29};
    r.events["Vincristine"] = {1, 8, 15, 22};
    r.events["Pegaspargase"] = {4};                                   // §1b: day 4, 5 or 6
    r.events["Peripheral blood MRD"] = {8};                           // §1b
    r.events["End-of-induction marrow (morphology and MRD)"] = {29};  // §1b
    r.spans["Dexamethasone"] = {{1, 28}};
    return r;
}

roadmap sr_consolidation() {
    roadmap r;
    r.events["Vincristine"] = {1};
    r.events["IT methotrexate"] = {1, 8, 15};
    r.spans["Mercaptopurine"] = {{1, 28}};
    return r;
}

roadmap sr_interim_maintenance(day_list it) {
    roadmap r;
    r.events["Vincristine"] = {1, 11, 21, 31, 41};
    r.events["Methotrexate (IV, escalating)"] = {1, 11, 21, 31, 41};
    r.events["IT methotrexate"] = std::move(it);
    return r;
}

roadmap sr_delayed_intensification() {
    roadmap r;
    r.events["Vincristine"] = {1, 8, 15};
    r.events["Doxorubicin"] = {1, 8, 15};
    r.events["Pegaspargase"] = {4};  // §6.1 CCG-1991 Day 3, +1
    r.events["IT methotrexate"] = {1, 29};
    r.events["Cyclophosphamide"] = {29};
    r.events["Cytarabine"] = join({run(29, 32), run(36, 39)});
    r.spans["Dexamethasone"] = {{1, 7}, {15, 21}};
    r.spans["Thioguanine"] = {{29, 42}};
    return r;
}

roadmap sr_maintenance_cycle() {
    roadmap r;
    r.events["Vincristine"] = {1, 29, 57};
    r.events["IT methotrexate"] = {1};
    r.events["Methotrexate (oral, weekly)"] = {8, 15, 22, 29, 36, 43, 50, 57, 64, 71, 78};
    r.spans["Dexamethasone"] = {{1, 5}, {29, 33}, {57, 61}};
    r.spans["Mercaptopurine"] = {{1, 84}};
    return r;
}

void check_cut_cycle(const ttplan::schedule& s, const ttplan::phase_occurrence& last, const roadmap& full) {
    // The cut cycle keeps exactly the full cycle's days up to its last day.
    const auto last_day = static_cast<std::int32_t>(last.days());
    roadmap expected;
    for (const auto& [name, ds] : full.events) {
        for (auto d : ds) {
            if (d <= last_day) expected.events[name].push_back(d);
        }
    }
    for (const auto& [name, rs] : full.spans) {
        for (auto [a, b] : rs) {
            if (a <= last_day) expected.spans[name].push_back({a, std::min(b, last_day)});
        }
    }
    CHECK(text(planned(s, "maintenance", last.cycle)) == text(expected));
}

}  // namespace

TEST_CASE("cog-sr-b-all: phases, days and lengths of the COG SR roadmap", "[reference][cog-sr]") {
    const auto s = plan("cog-sr-b-all", {}, start);

    const auto induction = only(s, "induction");
    const auto consolidation = only(s, "consolidation");
    const auto im1 = only(s, "interim_maintenance_1");
    const auto di = only(s, "delayed_intensification");
    const auto im2 = only(s, "interim_maintenance_2");
    // §1a: induction Days 1-29; consolidation 4 weeks; IM I, DI, IM II 8 weeks each.
    CHECK(induction.first == start);
    CHECK(induction.days() == 29);
    CHECK(consolidation.days() == 28);
    CHECK(im1.days() == 56);
    CHECK(di.days() == 56);
    CHECK(im2.days() == 56);
    // §6.4: consolidation on induction Day 36, IM I on consolidation Day 29, DI on IM I Day 57,
    // IM II on DI Day 57, maintenance on IM II Day 57; all gated, so tentative.
    CHECK(consolidation.first == induction.first + days{35});
    CHECK(im1.first == consolidation.first + days{28});
    CHECK(di.first == im1.first + days{56});
    CHECK(im2.first == di.first + days{56});
    CHECK_FALSE(induction.tentative);
    CHECK(consolidation.tentative);

    CHECK(text(planned(s, "induction")) == text(sr_induction(false)));
    CHECK(text(planned(s, "consolidation")) == text(sr_consolidation()));
    CHECK(text(planned(s, "interim_maintenance_1")) == text(sr_interim_maintenance({31})));  // §6.4 IM I
    CHECK(text(planned(s, "delayed_intensification")) == text(sr_delayed_intensification()));
    CHECK(text(planned(s, "interim_maintenance_2")) == text(sr_interim_maintenance({1, 31})));  // §6.4 IM II

    // §6.4: IT days of induction as the adaptation lists them for CNS1 (1, 8, 29).
    CHECK(category_days(s, "induction", category::intrathecal) == day_list{1, 8, 29});

    // §6.4 maintenance: 84-day cycles until 2 years from the start of IM I.
    const auto maintenance = occurrences(s, "maintenance");
    REQUIRE(maintenance.size() >= 2);
    CHECK(maintenance.front().first == im2.first + days{56});
    for (std::size_t i = 0; i + 1 < maintenance.size(); ++i) {
        INFO("maintenance cycle " << i + 1);
        CHECK(maintenance[i].days() == 84);
        CHECK(maintenance[i].ending == ttplan::ending_reason::none);
        CHECK(text(planned(s, "maintenance", maintenance[i].cycle)) == text(sr_maintenance_cycle()));
    }
    const auto expected_end = years_after(im1.first, 2) - days{1};
    CHECK(maintenance.back().last == expected_end);
    CHECK(maintenance.back().ending == ttplan::ending_reason::limit);
    check_cut_cycle(s, maintenance.back(), sr_maintenance_cycle());
    CHECK(s.end() == expected_end);
}

TEST_CASE("cog-sr-b-all: CNS3, duration rule and pulse branches", "[reference][cog-sr]") {
    const auto cns3 = plan("cog-sr-b-all", {{"cns_status", "cns3"}}, start);
    CHECK(text(planned(cns3, "induction")) == text(sr_induction(true)));
    // §6.4 lists Days 1, 8, 15, 22, 29 (CNS2 in the adaptation; CNS3 in AALL0232/AALL0434, §1b).
    CHECK(category_days(cns3, "induction", category::intrathecal) == day_list{1, 8, 15, 22, 29});
    CHECK(text(planned(plan("cog-sr-b-all", {{"cns_status", "cns2"}}, start), "induction")) ==
          text(sr_induction(false)));

    // §1c: the older rule, 2 years for girls and 3 for boys from the start of IM I.
    for (const auto& [sex, years] : {std::pair{"female", 2}, std::pair{"male", 3}}) {
        INFO(sex);
        const auto s = plan("cog-sr-b-all", {{"duration_rule", "sex-based"}, {"sex", sex}}, start);
        const auto im1 = only(s, "interim_maintenance_1");
        CHECK(occurrences(s, "maintenance").back().last == years_after(im1.first, years) - days{1});
    }
    // The current rule ignores sex.
    const auto boy = plan("cog-sr-b-all", {{"sex", "male"}}, start);
    CHECK(boy.end() == years_after(only(boy, "interim_maintenance_1").first, 2) - days{1});

    // §1a: pulses every 12 weeks are Day 1 of each 84-day cycle.
    const auto q12 = plan("cog-sr-b-all", {{"maintenance_pulses", "every-12-weeks"}}, start);
    const auto r = planned(q12, "maintenance", 1);
    CHECK(r.events.at("Vincristine") == day_list{1});
    CHECK(r.spans.at("Dexamethasone") == ranges{{1, 5}});
}

namespace {

// §6.2: COG AALL0232 outline (arm I: dexamethasone induction), Day-1 numbering.
roadmap hr_induction(bool dexamethasone, bool cns3) {
    roadmap r;
    r.events["IT cytarabine"] = {1};
    r.events["Vincristine"] = {1, 8, 15, 22};
    r.events["Daunorubicin"] = {1, 8, 15, 22};
    r.events["IT methotrexate"] = cns3 ? day_list{8, 15, 22, 29} : day_list{8, 29};
    r.events["Pegaspargase"] = {4};                                   // day 4, 5 or 6
    r.events["Peripheral blood MRD"] = {8};                           // §1b
    r.events["End-of-induction marrow (morphology and MRD)"] = {29};  // §6.2 "evaluation at day 29"
    if (dexamethasone) {
        r.spans["Dexamethasone"] = {{1, 14}};
    } else {
        r.spans["Prednisone"] = {{1, 28}};  // §1b HR prednisone days 1-28
    }
    return r;
}

roadmap hr_consolidation(bool cns3) {
    roadmap r;
    r.events["Cyclophosphamide"] = {1, 29};
    r.events["Cytarabine"] = join({run(1, 4), run(8, 11), run(29, 32), run(36, 39)});
    r.events["Vincristine"] = {15, 22, 43, 50};
    r.events["Pegaspargase"] = {15, 43};
    r.events["IT methotrexate"] = cns3 ? day_list{1, 8} : day_list{1, 8, 15, 22};
    r.spans["Mercaptopurine"] = {{1, 14}, {29, 42}};
    return r;
}

roadmap hr_im_hd_mtx() {
    roadmap r;
    r.events["Vincristine"] = {1, 15, 29, 43};
    r.events["Methotrexate (HD-MTX, 24-hour infusion)"] = {1, 15, 29, 43};
    // "leucovorin from 42 h": the day after each infusion's day, as the outline gives no hour.
    r.events["Leucovorin rescue (starts)"] = {2, 16, 30, 44};
    r.events["IT methotrexate"] = {1, 29};
    r.spans["Mercaptopurine"] = {{1, 56}};
    return r;
}

roadmap hr_im_escalating() {
    roadmap r;
    r.events["Vincristine"] = {1, 11, 21, 31, 41};
    r.events["Methotrexate (IV, escalating)"] = {1, 11, 21, 31, 41};
    r.events["Pegaspargase"] = {2, 22};
    r.events["IT methotrexate"] = {1, 21};
    return r;
}

roadmap hr_delayed_intensification(bool under_13, day_list radiation) {
    roadmap r;
    r.events["Vincristine"] = {1, 8, 15, 43, 50};
    r.events["Doxorubicin"] = {1, 8, 15};
    r.events["Pegaspargase"] = {4, 43};
    r.events["Cyclophosphamide"] = {29};
    r.events["Cytarabine"] = join({run(30, 33), run(37, 40)});  // the outline's days, not 29-32/36-39
    r.events["IT methotrexate"] = {1, 29, 36};
    if (!radiation.empty()) r.events["Cranial radiation"] = std::move(radiation);
    r.spans["Dexamethasone"] = under_13 ? ranges{{1, 21}} : ranges{{1, 7}, {15, 21}};
    r.spans["Thioguanine"] = {{29, 42}};
    return r;
}

roadmap hr_maintenance_cycle(bool it_on_29) {
    roadmap r;
    r.events["Vincristine"] = {1, 29, 57};
    r.events["IT methotrexate"] = it_on_29 ? day_list{1, 29} : day_list{1};
    r.events["Methotrexate (oral, weekly)"] = {1, 8, 15, 22, 29, 36, 43, 50, 57, 64, 71, 78};
    r.spans["Dexamethasone"] = {{1, 5}, {29, 33}, {57, 61}};
    r.spans["Mercaptopurine"] = {{1, 84}};
    return r;
}

void check_hr_maintenance(const ttplan::schedule& s, bool it_on_29, int years) {
    const auto maintenance = occurrences(s, "maintenance");
    REQUIRE(maintenance.size() >= 5);
    for (std::size_t i = 0; i + 1 < maintenance.size(); ++i) {
        INFO("maintenance cycle " << i + 1);
        CHECK(maintenance[i].days() == 84);
        CHECK(text(planned(s, "maintenance", maintenance[i].cycle)) ==
              text(hr_maintenance_cycle(it_on_29 && i < 4)));
    }
    const auto im1 = only(s, "interim_maintenance_1");
    CHECK(maintenance.back().last == years_after(im1.first, years) - days{1});
    CHECK(maintenance.back().ending == ttplan::ending_reason::limit);
}

}  // namespace

TEST_CASE("cog-hr-b-all: rapid early responder follows the AALL0232 outline", "[reference][cog-hr]") {
    const auto s = plan("cog-hr-b-all", {}, start);
    const auto induction = only(s, "induction");
    const auto consolidation = only(s, "consolidation");
    const auto im1 = only(s, "interim_maintenance_1");
    const auto di = only(s, "delayed_intensification_1");
    CHECK(induction.days() == 29);
    CHECK(consolidation.days() == 56);  // §1a row 2': 8 weeks
    CHECK(im1.days() == 56);
    CHECK(di.days() == 56);
    CHECK(consolidation.first == induction.first + days{35});  // "beginning on day 36"
    CHECK(im1.first == consolidation.first + days{56});
    CHECK(di.first == im1.first + days{56});
    CHECK(occurrences(s, "interim_maintenance_2").empty());  // RER: DI I then maintenance
    CHECK(occurrences(s, "maintenance").front().first == di.first + days{56});

    CHECK(text(planned(s, "induction")) == text(hr_induction(true, false)));
    CHECK(text(planned(s, "consolidation")) == text(hr_consolidation(false)));
    CHECK(text(planned(s, "interim_maintenance_1")) == text(hr_im_hd_mtx()));
    CHECK(text(planned(s, "delayed_intensification_1")) == text(hr_delayed_intensification(true, {})));
    // RER without cranial radiation: IT MTX also on Day 29 of cycles 1-4; girls 2 years.
    check_hr_maintenance(s, true, 2);
}

TEST_CASE("cog-hr-b-all: arms, CNS3 and slow early response", "[reference][cog-hr]") {
    const auto arm3 = plan("cog-hr-b-all",
                           {{"induction_steroid", "prednisone"},
                            {"interim_maintenance", "capizzi"},
                            {"age_group", "13-and-over"},
                            {"sex", "male"}},
                           start);
    CHECK(text(planned(arm3, "induction")) == text(hr_induction(false, false)));
    CHECK(text(planned(arm3, "interim_maintenance_1")) == text(hr_im_escalating()));
    CHECK(text(planned(arm3, "delayed_intensification_1")) == text(hr_delayed_intensification(false, {})));
    check_hr_maintenance(arm3, true, 3);  // boys: 3 years from the start of IM I

    // CNS3, rapid responder: radiation in DI I from Day 29 (3-10 days; 10 drawn), so no
    // maintenance IT on Day 29.
    const auto cns3 = plan("cog-hr-b-all", {{"cns_status", "cns3"}}, start);
    CHECK(text(planned(cns3, "induction")) == text(hr_induction(true, true)));
    CHECK(text(planned(cns3, "consolidation")) == text(hr_consolidation(true)));
    CHECK(text(planned(cns3, "delayed_intensification_1")) ==
          text(hr_delayed_intensification(true, run(29, 38))));
    check_hr_maintenance(cns3, false, 2);

    // Prophylactic radiation for a rapid responder: 8 days from Day 29 (§3c).
    const auto prophylaxis = plan("cog-hr-b-all", {{"prophylactic_cranial_radiation", "true"}}, start);
    CHECK(text(planned(prophylaxis, "delayed_intensification_1")) ==
          text(hr_delayed_intensification(true, run(29, 36))));
    check_hr_maintenance(prophylaxis, false, 2);

    // Slow early responder: IM II and DI II, radiation for 8 days from DI II Day 29 (§3c).
    const auto ser = plan("cog-hr-b-all", {{"early_response", "slow"}}, start);
    const auto di1 = only(ser, "delayed_intensification_1");
    const auto im2 = only(ser, "interim_maintenance_2");
    const auto di2 = only(ser, "delayed_intensification_2");
    CHECK(im2.first == di1.first + days{56});
    CHECK(di2.first == im2.first + days{56});
    CHECK(im2.days() == 56);
    CHECK(di2.days() == 56);
    CHECK(occurrences(ser, "maintenance").front().first == di2.first + days{56});
    CHECK(text(planned(ser, "delayed_intensification_1")) == text(hr_delayed_intensification(true, {})));
    CHECK(text(planned(ser, "interim_maintenance_2")) == text(hr_im_escalating()));
    CHECK(text(planned(ser, "delayed_intensification_2")) ==
          text(hr_delayed_intensification(true, run(29, 36))));
    check_hr_maintenance(ser, false, 2);
}

namespace {

// §6.1: CCG-1991 table, Day-0 numbering, copied as published.
roadmap ccg_im(bool oral, bool second) {
    roadmap r;
    if (oral) {
        r.events["Vincristine"] = {0, 28};
        r.events["Methotrexate (oral, weekly)"] = {0, 7, 14, 21, 28, 35, 42, 49};  // "weekly for 8"
        r.events["IT methotrexate"] = second ? day_list{0, 28} : day_list{28};
        r.spans["Dexamethasone"] = {{0, 4}, {28, 32}};
        r.spans["Mercaptopurine"] = {{0, 49}};
    } else {
        r.events["Vincristine"] = {0, 10, 20, 30, 40};  // "every 10 days for 5"
        r.events["Methotrexate (IV, escalating)"] = {0, 10, 20, 30, 40};
        r.events["IT methotrexate"] = second ? day_list{0, 30} : day_list{30};
    }
    return r;
}

roadmap ccg_di() {
    roadmap r;
    r.events["Vincristine"] = {0, 7, 14};
    r.events["Pegaspargase"] = {3};
    r.events["Doxorubicin"] = {0, 7, 14};
    r.events["Cytarabine"] = join({run(28, 31), run(35, 38)});
    r.events["Cyclophosphamide"] = {28};
    r.events["IT methotrexate"] = {0, 28};
    r.spans["Dexamethasone"] = {{0, 6}, {14, 20}};
    r.spans["Thioguanine"] = {{28, 41}};
    return r;
}

roadmap shifted(roadmap r, std::int32_t by) {
    for (auto& [name, ds] : r.events) {
        for (auto& d : ds) d += by;
    }
    for (auto& [name, rs] : r.spans) {
        for (auto& [a, b] : rs) {
            a += by;
            b += by;
        }
    }
    return r;
}

}  // namespace

TEST_CASE("ccg-1991-sr: the published Day-0 table", "[reference][ccg-1991]") {
    const auto s = plan("ccg-1991-sr", {{"im_methotrexate", "oral"}}, start);
    const auto induction = only(s, "induction");
    const auto consolidation = only(s, "consolidation");
    CHECK(induction.first_day == 0);
    // The 4-week induction runs Days 0-28 (its Day-28 IT is consolidation Day 0).
    CHECK(induction.days() == 29);
    CHECK(consolidation.first == induction.first + days{28});
    CHECK(consolidation.days() == 28);
    roadmap ind;
    ind.events["IT cytarabine"] = {0};
    ind.events["Vincristine"] = {0, 7, 14, 21};
    ind.events["Pegaspargase"] = {3};  // "between days 3 and 5"
    ind.events["IT methotrexate"] = {7, 28};
    ind.spans["Dexamethasone"] = {{0, 27}};
    CHECK(text(planned(s, "induction")) == text(ind));
    roadmap cons;
    cons.events["Vincristine"] = {0};
    cons.events["IT methotrexate"] = {7, 14, 21};
    cons.spans["Mercaptopurine"] = {{0, 27}};
    CHECK(text(planned(s, "consolidation")) == text(cons));

    CHECK(only(s, "interim_maintenance_1").days() == 56);
    CHECK(text(planned(s, "interim_maintenance_1")) == text(ccg_im(true, false)));
    CHECK(text(planned(s, "delayed_intensification_1")) == text(ccg_di()));
    CHECK(text(planned(s, "interim_maintenance_2")) == text(ccg_im(true, true)));
    CHECK(occurrences(s, "delayed_intensification_2").empty());  // single DI

    const auto maintenance = occurrences(s, "maintenance");
    REQUIRE(maintenance.size() >= 2);
    roadmap m;
    m.events["Vincristine"] = {0, 28, 56};
    m.events["IT methotrexate"] = {0};
    m.events["Methotrexate (oral, weekly)"] = {0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77};
    m.spans["Dexamethasone"] = {{0, 4}, {28, 32}, {56, 60}};
    m.spans["Mercaptopurine"] = {{0, 83}};
    CHECK(maintenance.front().days() == 84);
    CHECK(maintenance.front().first_day == 0);
    CHECK(text(planned(s, "maintenance", 1)) == text(m));

    const auto iv = plan("ccg-1991-sr", {{"delayed_intensification", "double"}}, start);
    CHECK(text(planned(iv, "interim_maintenance_1")) == text(ccg_im(false, false)));
    CHECK(text(planned(iv, "interim_maintenance_2")) == text(ccg_im(false, true)));
    CHECK(text(planned(iv, "delayed_intensification_2")) == text(ccg_di()));
    CHECK(only(iv, "delayed_intensification_2").first == only(iv, "interim_maintenance_2").last + days{1});
}

TEST_CASE("ccg-1991-sr and cog-sr-b-all differ by exactly +1 day number", "[reference][ccg-1991][cog-sr]") {
    // §0 offset check: every phase-internal event of the Day-0 table is one day number lower
    // than in the Day-1 COG roadmap. Convert the CCG plan explicitly (+1) and compare.
    const auto ccg = plan("ccg-1991-sr", {}, start);
    const auto cog = plan("cog-sr-b-all", {}, start);
    CHECK(text(shifted(planned(ccg, "delayed_intensification_1"), 1)) ==
          text(planned(cog, "delayed_intensification")));
    CHECK(text(shifted(planned(ccg, "interim_maintenance_1"), 1)) ==
          text(planned(cog, "interim_maintenance_1")));
    CHECK(text(shifted(planned(ccg, "interim_maintenance_2"), 1)) ==
          text(planned(cog, "interim_maintenance_2")));

    // Induction: the same except the assessments, which only the COG roadmap lists.
    auto cog_induction = planned(cog, "induction");
    cog_induction.events.erase("Peripheral blood MRD");
    cog_induction.events.erase("End-of-induction marrow (morphology and MRD)");
    CHECK(text(shifted(planned(ccg, "induction"), 1)) == text(cog_induction));

    // Maintenance: the same except weekly oral methotrexate, which the COG roadmap leaves out
    // on Day 1 (a real discrepancy between the sources, §1c).
    auto ccg_m = shifted(planned(ccg, "maintenance", 1), 1);
    auto cog_m = planned(cog, "maintenance", 1);
    CHECK(ccg_m.events.at("Methotrexate (oral, weekly)").front() == 1);
    CHECK(cog_m.events.at("Methotrexate (oral, weekly)").front() == 8);
    ccg_m.events.erase("Methotrexate (oral, weekly)");
    cog_m.events.erase("Methotrexate (oral, weekly)");
    CHECK(text(ccg_m) == text(cog_m));

    // §3b note: consolidation IT numbers differ (7/14/21 vs 1/8/15) only because the phase
    // boundary differs (induction Day 28 vs Day 36); the dates are the same.
    std::vector<ttplan::day_point> ccg_it, cog_it;
    for (const auto& e : ccg.events()) {
        if (e.phase == "consolidation" && e.category == category::intrathecal) ccg_it.push_back(e.date);
    }
    for (const auto& e : cog.events()) {
        if (e.phase == "consolidation" && e.category == category::intrathecal) cog_it.push_back(e.date);
    }
    CHECK(ccg_it.size() == 3);
    CHECK(ccg_it == cog_it);
}

TEST_CASE("ph-positive-tki: daily TKI from induction Day 15 to the end of maintenance",
          "[reference][ph-positive]") {
    for (const char* tki : {"dasatinib", "imatinib"}) {
        INFO(tki);
        const auto s = plan("ph-positive-tki", {{"tki", tki}}, start);
        const std::string name =
            std::string(tki == std::string("dasatinib") ? "Dasatinib" : "Imatinib") + " (daily)";
        std::vector<ttplan::span> tracks;
        for (const auto& sp : s.spans()) {
            if (sp.phase.empty()) tracks.push_back(sp);
        }
        REQUIRE(tracks.size() == 1);
        CHECK(tracks[0].activity == name);
        CHECK(tracks[0].category == category::targeted);
        // §2a: "continuous daily dasatinib starting at day 15 of induction".
        CHECK(tracks[0].first == start + days{14});
        const auto im1 = only(s, "interim_maintenance_1");
        const auto end = years_after(im1.first, 2) - days{1};
        CHECK(occurrences(s, "maintenance").back().last == end);
        CHECK(tracks[0].last == end);
        // The backbone is the AALL0232 rapid-responder path (§6.2).
        CHECK(text(planned(s, "induction")) == text(hr_induction(true, false)));
        CHECK(text(planned(s, "consolidation")) == text(hr_consolidation(false)));
        CHECK(text(planned(s, "interim_maintenance_1")) == text(hr_im_hd_mtx()));
        CHECK(text(planned(s, "delayed_intensification")) == text(hr_delayed_intensification(true, {})));
    }
}
