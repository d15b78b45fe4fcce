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
#include <vector>

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

namespace {

// A small protocol; `translations` is its "translations" member (JSON), or none.
std::string translated_protocol(const std::string& translations) {
    return R"({
  "format": "ttplan-protocol/2", "id": "worded", "title": "Worded", "version": "1",
  "parameters": [{"name": "ph_positive", "type": "bool", "default": false, "label": "Philadelphia chromosome",
                  "value_labels": {"true": "positive", "false": "negative"}}],
  "phases": [{"id": "induction", "name": "Induction", "length": "29d",
              "description": "About a month.", "expect": "Weekly visits.",
              "activities": [{"name": "Vincristine", "category": "chemotherapy", "days": "1,8"},
                             {"name": "Dexamethasone", "category": "chemotherapy", "days": "1-28", "continuous": true,
                              "note": "Tablets at home."}]}])" +
           (translations.empty() ? std::string() : ",\n  \"translations\": " + translations) + "\n}\n";
}

const std::string spanish_words = R"({"es": {"Worded": "Con palabras", "Induction": "Inducción",
  "About a month.": "Alrededor de un mes.", "Weekly visits.": "Visitas semanales.",
  "Philadelphia chromosome": "Cromosoma Filadelfia", "negative": "negativo", "Vincristine": "Vincristina",
  "Dexamethasone": "Dexametasona", "Tablets at home.": "Comprimidos en casa."}})";

std::vector<problem> problems_of(const std::string& text) {
    try {
        (void)parse_protocol(text);
    } catch (const validation_error& e) {
        return e.problems();
    }
    return {};
}

}  // namespace

TEST_CASE("languages: a protocol's translations are read, checked and written back",
          "[languages][protocol]") {
    const protocol p = parse_protocol(translated_protocol(spanish_words));
    REQUIRE(p.translations.count("es") == 1);
    CHECK(p.translations.at("es").at("Induction") == "Inducción");
    CHECK(parse_protocol(to_json(p)) == p);
    CHECK(to_json(p).find("\"translations\"") != std::string::npos);
    // Without translations the written file has none.
    CHECK(to_json(parse_protocol(translated_protocol(""))).find("translations") == std::string::npos);
}

TEST_CASE("languages: bad translations are located problems", "[languages][protocol]") {
    const auto at = [](const std::vector<problem>& ps, const std::string& pointer) {
        return std::any_of(ps.begin(), ps.end(),
                           [&](const problem& p) { return p.where.pointer == pointer; });
    };
    CHECK(at(problems_of(translated_protocol(R"({"de": {"Induction": "Induktion"}})")), "/translations/de"));
    CHECK(at(problems_of(translated_protocol(R"({"en": {"Induction": "Induction"}})")), "/translations/en"));
    CHECK(at(problems_of(translated_protocol(R"({"es": {"Inducton": "Inducción"}})")),
             "/translations/es/Inducton"));
    CHECK(at(problems_of(translated_protocol(R"({"es": {"Induction": ""}})")), "/translations/es/Induction"));
    CHECK(at(problems_of(translated_protocol(R"({"es": {"Induction": 3}})")), "/translations/es/Induction"));
    CHECK(at(problems_of(translated_protocol(R"({"es": ["Induction"]})")), "/translations/es"));
    CHECK(at(problems_of(translated_protocol(R"(["es"])")), "/translations"));
    // A key with "/" and "~" is escaped in its pointer.
    CHECK(at(problems_of(translated_protocol(R"({"es": {"a/b~c": "x"}})")), "/translations/es/a~1b~0c"));
}

TEST_CASE("languages: the human formats write the protocol's translated texts, the calendar keeps its UIDs",
          "[languages][protocol]") {
    const protocol p = parse_protocol(translated_protocol(spanish_words));
    profile pr;
    pr.start = parse_date("2027-01-04");
    const schedule s = make_schedule(p, pr);
    const std::string es = render(s, "text", in("es"));
    for (const char* word : {"Con palabras", "Inducción", "Alrededor de un mes.", "Visitas semanales.",
                             "Cromosoma Filadelfia: negativo", "Vincristina", "Dexametasona"})
        CHECK(es.find(word) != std::string::npos);
    for (const char* word : {"Induction:", "Vincristine", "About a month."})
        CHECK(es.find(word) == std::string::npos);
    // French has no translations here: the protocol's own texts, the fixed texts in French.
    const std::string fr = render(s, "text", in("fr"));
    CHECK(fr.find("Vincristine") != std::string::npos);
    CHECK(fr.find("Chimiothérapie") != std::string::npos);
    // English is untouched by the translations.
    CHECK(render(s, "text").find("Induction: Mon 4 Jan 2027") != std::string::npos);
    CHECK(render(s, "md", in("es")).find("Vincristina") != std::string::npos);
    // iCalendar: the fixed texts follow the language, the UIDs do not.
    const auto uids = [](const std::string& ics) {
        std::vector<std::string> out;
        std::size_t at = 0;
        while ((at = ics.find("\r\nUID:", at)) != std::string::npos) {
            const std::size_t end = ics.find("\r\n", at + 2);
            out.push_back(ics.substr(at, end - at));
            at = end;
        }
        return out;
    };
    const std::string ics_en = render(s, "ics");
    const std::string ics_es = render(s, "ics", in("es"));
    CHECK(!uids(ics_en).empty());
    CHECK(uids(ics_es) == uids(ics_en));
    CHECK(ics_es.find("Solo para planificar") != std::string::npos);
}

TEST_CASE("languages: the default protocol is translated into every language", "[languages][protocol]") {
    const protocol p = load_builtin(default_protocol_id());
    for (const auto& l : languages()) {
        if (l.code == "en") continue;
        INFO(l.code);
        REQUIRE(p.translations.count(std::string(l.code)) == 1);
        const auto& table = p.translations.at(std::string(l.code));
        // Every text the plan formats show: title, phases, parameters, activities and tracks.
        std::vector<std::string> untranslated;
        const auto need = [&](const std::string& text) {
            if (!text.empty() && table.count(text) == 0) untranslated.push_back(text);
        };
        need(p.title);
        for (const auto& ph : p.phases) {
            need(ph.name);
            need(ph.description);
            need(ph.expect);
            for (const auto& a : ph.activities) {
                need(a.name);
                need(a.note);
            }
        }
        for (const auto& param : p.parameters) {
            need(param.label);
            need(param.description);
            for (const auto& [value, words] : param.value_labels) need(words);
            if (param.decided) need(param.decided->decided_by);
        }
        for (const auto& t : p.tracks) need(t.name);
        CHECK(untranslated == std::vector<std::string>{});
    }
}
