// Languages: the fixed texts of the human formats come from the message catalogs in po/,
// chosen per call by render_options::language; English stays the default and unchanged.
#include <ttplan/calendar.hpp>
#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/version.hpp>

#include "format_samples.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

using namespace ttplan;

namespace {

using samples::default_plan;

render_options in(std::string language) {
    render_options o;
    o.language = std::move(language);
    return o;
}

}  // namespace

TEST_CASE("languages: English first, then every language of po/, each with its own name", "[languages]") {
    const auto& all = languages();
    REQUIRE(all.size() >= 3);
    CHECK(all.front().code == "en");
    CHECK(all.front().name == "English");
    std::set<std::string> codes;
    for (const auto& l : all) codes.emplace(l.code);
    std::set<std::string> folders{"en"};
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(TTPLAN_SOURCE_DIR) / "po")) {
        if (entry.is_directory()) folders.insert(entry.path().filename().string());
    }
    CHECK(codes == folders);
    CHECK(codes.count("es") == 1);
    CHECK(codes.count("fr") == 1);
}

TEST_CASE("languages: English is the default, and \"en\" is the same", "[languages]") {
    const schedule s = default_plan();
    for (const std::string format : {"text", "md", "html", "calendar", "svg", "ics"})
        CHECK(render(s, format, in("en")) == render(s, format));
    const std::string text = render(s, "text");
    CHECK(text.find("Mon 4 Jan 2027") != std::string::npos);
    CHECK(text.find(disclaimer) != std::string::npos);
}

TEST_CASE("languages: Spanish and French dates, lengths, categories and the safety line", "[languages]") {
    const schedule s = default_plan();
    const std::string es = render(s, "text", in("es"));
    CHECK(es.find("lun 4 ene 2027") != std::string::npos);
    CHECK(es.find("Día 1 ") != std::string::npos);
    CHECK(es.find("2 años, 2 meses y 4 días") != std::string::npos);
    CHECK(es.find("Quimioterapia") != std::string::npos);
    CHECK(es.find("Solo para planificar y aprender.") != std::string::npos);
    CHECK(es.find(disclaimer) == std::string::npos);
    CHECK(es.find("Week of") == std::string::npos);

    const std::string fr = render(s, "text", in("fr"));
    CHECK(fr.find("lun. 4 janv. 2027") != std::string::npos);
    CHECK(fr.find("Jour 1 ") != std::string::npos);
    CHECK(fr.find("2 ans, 2 mois et 4 jours") != std::string::npos);
    CHECK(fr.find("Chimiothérapie") != std::string::npos);
    CHECK(fr.find(disclaimer) == std::string::npos);
}

TEST_CASE("languages: plural rules are the language's, not English's", "[languages]") {
    // French counts 0 and 1 as singular, Spanish and English only 1.
    const schedule s = default_plan();
    CHECK(render(s, "text", in("fr")).find("(794 jours)") != std::string::npos);
    CHECK(render(s, "text", in("es")).find("(794 días)") != std::string::npos);
}

TEST_CASE("languages: machine formats are the same in every language", "[languages]") {
    const schedule s = default_plan();
    for (const std::string format : {"json", "csv"}) {
        CHECK(render(s, format, in("es")) == render(s, format));
        CHECK(render(s, format, in("fr")) == render(s, format));
    }
}

TEST_CASE("languages: an unknown language is an error at \"language\" that lists them", "[languages]") {
    const schedule s = default_plan();
    for (const std::string bad : {"de", "ES", "es_ES", " es"}) {
        try {
            (void)render(s, "text", in(bad));
            FAIL("rendered in " << bad);
        } catch (const value_error& e) {
            CHECK(e.where().file == "language");
            CHECK(std::string(e.what()).find("en, es, fr") != std::string::npos);
        }
    }
}

TEST_CASE("languages: a language is the call's own, also across threads", "[languages]") {
    const schedule s = default_plan();
    const std::string english = render(s, "text");
    const std::string spanish = render(s, "text", in("es"));
    CHECK(english != spanish);
    // After a Spanish render the next call without a language is English again.
    CHECK(render(s, "text") == english);
    std::string on_other_thread;
    std::thread t([&] {
        for (int i = 0; i < 20; ++i) on_other_thread = render(s, "text", in("es"));
    });
    for (int i = 0; i < 20; ++i) CHECK(render(s, "text") == english);
    t.join();
    CHECK(on_other_thread == spanish);
}
