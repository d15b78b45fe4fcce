#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = TTPLAN_SOURCE_DIR;

std::string lower_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

const ttplan::activity* find_activity(const ttplan::phase& ph, const std::string& name) {
    for (const auto& a : ph.activities) {
        if (a.name == name) return &a;
    }
    return nullptr;
}

ttplan::condition when(std::initializer_list<std::pair<const char*, const char*>> items) {
    ttplan::condition c;
    for (const auto& [name, value] : items) c.all_of[name].push_back(value);
    return c;
}

}  // namespace

TEST_CASE("catalog: built-in list and default", "[catalog]") {
    CHECK(ttplan::default_protocol_id() == "all-overview");
    const auto entries = ttplan::builtin_protocols();
    const auto it =
        std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.id == "all-overview"; });
    REQUIRE(it != entries.end());
    CHECK_FALSE(it->title.empty());
    CHECK_FALSE(it->summary.empty());
    CHECK(it->summary.find('\n') == std::string::npos);
    CHECK(std::is_sorted(entries.begin(), entries.end(),
                         [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST_CASE("catalog: every file in protocols/ is built in under its own name", "[catalog]") {
    const auto entries = ttplan::builtin_protocols();
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(source_dir / "protocols")) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        const std::string id = entry.path().stem().string();
        INFO(id);
        CHECK(ttplan::load_protocol_file(entry.path()).id == id);
        CHECK(std::any_of(entries.begin(), entries.end(), [&](const auto& e) { return e.id == id; }));
        CHECK(ttplan::load_builtin(id) == ttplan::load_protocol_file(entry.path()));
    }
    CHECK(files == entries.size());
}

TEST_CASE("catalog: unknown ids and paths", "[catalog]") {
    try {
        ttplan::load_builtin("all-everything");
        FAIL("no exception");
    } catch (const ttplan::error& e) {
        CHECK(e.message().find("unknown built-in protocol \"all-everything\"") != std::string::npos);
        CHECK(e.message().find("all-overview") != std::string::npos);
    }
    try {
        ttplan::load_protocol("no-such-protocol");
        FAIL("no exception");
    } catch (const ttplan::io_error& e) {
        CHECK(e.message().find("neither a built-in protocol") != std::string::npos);
        CHECK(e.message().find("all-overview") != std::string::npos);
        CHECK(e.where().file == "no-such-protocol");
    }
    CHECK(ttplan::load_protocol("all-overview") == ttplan::load_builtin("all-overview"));
    const std::string path = std::string(TTPLAN_TEST_DATA) + "/every-feature.json";
    CHECK(ttplan::load_protocol(path).id == "every-feature");
}

TEST_CASE("catalog: errors in a loaded file name the file", "[catalog]") {
    const auto path = fs::temp_directory_path() / "ttplan-test-catalog-bad.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << R"({"format": "ttplan-protocol/1", "id": "bad", "title": "Bad", "phases": []})";
    }
    try {
        ttplan::load_protocol(path.string());
        FAIL("no exception");
    } catch (const ttplan::validation_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.file == path.string());
        CHECK(e.problems()[0].where.pointer == "/phases");
    }
    fs::remove(path);
}

TEST_CASE("all-overview: phases and their timing", "[all-overview]") {
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    CHECK(p.id == "all-overview");
    CHECK(ttplan::check(p).empty());
    for (const char* id : {"induction", "consolidation", "interim_maintenance_1", "delayed_intensification",
                           "interim_maintenance_2", "maintenance"}) {
        INFO(id);
        CHECK(p.find_phase(id) != nullptr);
    }

    const ttplan::phase& induction = *p.find_phase("induction");
    CHECK(induction.duration == ttplan::length{29, ttplan::length::unit::days});
    CHECK(induction.first_day == 1);
    const bool marrow_on_29 =
        std::any_of(induction.activities.begin(), induction.activities.end(), [](const auto& a) {
            return a.category == ttplan::category::assessment &&
                   a.days.days() == std::vector<std::int32_t>{29};
        });
    CHECK(marrow_on_29);
    REQUIRE(find_activity(induction, "Vincristine") != nullptr);
    CHECK(find_activity(induction, "Vincristine")->days.days() == std::vector<std::int32_t>{1, 8, 15, 22});
    const bool hospital = std::any_of(
        induction.activities.begin(), induction.activities.end(),
        [](const auto& a) { return a.category == ttplan::category::hospital_stay && a.continuous; });
    CHECK(hospital);

    const auto to_consolidation = std::find_if(p.dependencies.begin(), p.dependencies.end(),
                                               [](const auto& d) { return d.to == "consolidation"; });
    REQUIRE(to_consolidation != p.dependencies.end());
    CHECK(to_consolidation->from == "induction");
    CHECK(to_consolidation->type == ttplan::dependency_type::start_to_start);
    CHECK(to_consolidation->on_day == 36);
    CHECK(to_consolidation->gate == "or when blood counts recover, whichever is later");

    const ttplan::phase& maintenance = *p.find_phase("maintenance");
    CHECK(maintenance.duration == ttplan::length{84, ttplan::length::unit::days});
    REQUIRE(maintenance.repeat);
    CHECK_FALSE(maintenance.repeat->count);
    REQUIRE(maintenance.repeat->until.size() == 1);
    CHECK(maintenance.repeat->until[0].limit == ttplan::length{2, ttplan::length::unit::years});
    CHECK(maintenance.repeat->until[0].from ==
          ttplan::anchor{"interim_maintenance_1", ttplan::anchor::edge::start, 0, {}});
    REQUIRE(find_activity(maintenance, "Vincristine") != nullptr);
    CHECK(find_activity(maintenance, "Vincristine")->days.days() == std::vector<std::int32_t>{1, 29, 57});
}

TEST_CASE("all-overview: parameters", "[all-overview]") {
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    const ttplan::parameter* ph = p.find_parameter("ph_positive");
    REQUIRE(ph != nullptr);
    CHECK(ph->type == ttplan::parameter_type::boolean);
    CHECK(ph->default_value == "false");
    const ttplan::parameter* tki = p.find_parameter("tki");
    REQUIRE(tki != nullptr);
    CHECK(tki->type == ttplan::parameter_type::choice);
    CHECK(tki->choices == std::vector<std::string>{"imatinib", "dasatinib"});
    CHECK(tki->default_value == "imatinib");
    const ttplan::parameter* cns = p.find_parameter("cns_prophylaxis");
    REQUIRE(cns != nullptr);
    CHECK(cns->type == ttplan::parameter_type::choice);
    CHECK(cns->choices == std::vector<std::string>{"intrathecal", "radiation"});
    CHECK(cns->default_value == "intrathecal");
}

TEST_CASE("all-overview: TKI tracks and CNS prophylaxis", "[all-overview]") {
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    REQUIRE(p.tracks.size() == 2);
    const std::pair<const char*, const char*> tracks[] = {{"Imatinib (daily)", "imatinib"},
                                                          {"Dasatinib (daily)", "dasatinib"}};
    for (const auto& [name, drug] : tracks) {
        INFO(name);
        const auto t =
            std::find_if(p.tracks.begin(), p.tracks.end(), [&](const auto& x) { return x.name == name; });
        REQUIRE(t != p.tracks.end());
        CHECK(t->category == ttplan::category::targeted);
        CHECK(t->from == ttplan::anchor{"induction", ttplan::anchor::edge::day, 15, {}});
        CHECK(t->to == ttplan::anchor{"maintenance", ttplan::anchor::edge::end, 0, {}});
        CHECK(t->when == when({{"ph_positive", "true"}, {"tki", drug}}));
    }

    // Radiation replaces the intrathecal treatments after induction; induction keeps its own.
    const ttplan::condition intrathecal = when({{"cns_prophylaxis", "intrathecal"}});
    const ttplan::condition radiation = when({{"cns_prophylaxis", "radiation"}});
    bool has_radiation = false;
    for (const auto& ph : p.phases) {
        for (const auto& a : ph.activities) {
            if (a.category == ttplan::category::intrathecal) {
                INFO(ph.id << ": " << a.name);
                CHECK(a.when == (ph.id == "induction" ? ttplan::condition{} : intrathecal));
            }
            if (a.category == ttplan::category::radiation) {
                has_radiation = true;
                CHECK(a.when == radiation);
                CHECK(a.weekdays_only);
                CHECK(a.at_most == 10);
            }
        }
    }
    CHECK(has_radiation);
}

TEST_CASE("all-overview: cites sources and says what it is", "[all-overview]") {
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    CHECK(p.sources.size() >= 3);
    for (const auto& s : p.sources) {
        CHECK_FALSE(s.key.empty());
        CHECK(s.url.rfind("http", 0) == 0);
    }
    CHECK(p.description.find("illustration") != std::string::npos);
    CHECK(p.description.find("treating team") != std::string::npos);
    CHECK_FALSE(p.notes.empty());
}

TEST_CASE("catalog: protocol files name drugs and days, never amounts", "[catalog]") {
    for (const auto& entry : fs::directory_iterator(source_dir / "protocols")) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().string());
        const std::string text = lower_text(entry.path());
        CHECK(text.find("dose") == std::string::npos);
        // "mg" as a unit, not inside a word such as "Amgen".
        for (auto at = text.find("mg"); at != std::string::npos; at = text.find("mg", at + 1)) {
            const bool word_before = at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1]));
            const bool word_after =
                at + 2 < text.size() && std::isalpha(static_cast<unsigned char>(text[at + 2]));
            INFO(text.substr(at < 30 ? 0 : at - 30, 60));
            CHECK((word_before || word_after));
        }
        CHECK(text.find("/m2") == std::string::npos);
    }
}

TEST_CASE("all-overview: plans into the published timeline", "[all-overview][plan]") {
    using date::days;
    const ttplan::protocol p = ttplan::load_builtin("all-overview");
    ttplan::profile pr;
    pr.start = ttplan::parse_date("2026-01-05");
    const ttplan::schedule s = ttplan::make_schedule(p, pr);
    const auto first_of = [&](const std::string& id) {
        const auto it =
            std::find_if(s.phases().begin(), s.phases().end(), [&](const auto& o) { return o.phase == id; });
        REQUIRE(it != s.phases().end());
        return it->first;
    };
    CHECK(first_of("induction") == pr.start);
    CHECK(first_of("consolidation") == pr.start + days{35});
    const auto im1 = first_of("interim_maintenance_1");
    CHECK(im1 == first_of("consolidation") + days{28});
    CHECK(first_of("delayed_intensification") == im1 + days{56});
    CHECK(first_of("interim_maintenance_2") == first_of("delayed_intensification") + days{56});
    CHECK(first_of("maintenance") == first_of("interim_maintenance_2") + days{56});
    const auto& last = s.phases().back();
    CHECK(last.phase == "maintenance");
    const auto limit = ttplan::add(im1, ttplan::length{2, ttplan::length::unit::years});
    CHECK(last.last >= limit - days{1});
    CHECK(last.last <= limit);
    CHECK(first_of("consolidation") > pr.start);
    CHECK(std::none_of(s.spans().begin(), s.spans().end(), [](const auto& x) { return x.phase.empty(); }));

    pr.values = {{"ph_positive", "true"}, {"tki", "dasatinib"}, {"cns_prophylaxis", "radiation"}};
    const ttplan::schedule ph = ttplan::make_schedule(p, pr);
    std::vector<const ttplan::span*> tracks;
    for (const auto& x : ph.spans()) {
        if (x.phase.empty()) tracks.push_back(&x);
    }
    REQUIRE(tracks.size() == 1);
    CHECK(tracks[0]->activity == "Dasatinib (daily)");
    CHECK(tracks[0]->first == pr.start + days{14});
    CHECK(tracks[0]->last == ph.phases().back().last);
    const auto radiation = std::count_if(ph.events().begin(), ph.events().end(), [](const auto& e) {
        return e.category == ttplan::category::radiation;
    });
    CHECK(radiation == 10);
    // Ten weekday fractions wherever consolidation starts: here induction starts on a Wednesday.
    pr.start = pr.start + days{2};
    REQUIRE(date::weekday{pr.start} == date::Wednesday);
    const ttplan::schedule wed = ttplan::make_schedule(p, pr);
    std::int64_t fractions = 0;
    for (const auto& e : wed.events()) {
        if (e.category != ttplan::category::radiation) continue;
        ++fractions;
        CHECK(e.phase == "consolidation");
        CHECK(date::weekday{e.date} != date::Saturday);
        CHECK(date::weekday{e.date} != date::Sunday);
    }
    CHECK(fractions == 10);
    CHECK(std::all_of(ph.events().begin(), ph.events().end(), [](const auto& e) {
        return e.category != ttplan::category::intrathecal || e.phase == "induction";
    }));
}
