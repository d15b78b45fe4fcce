// Languages: the HTML page in Spanish and French. Every fixed text the page writes (headings,
// table headings and their phone labels, legends, the key to the month grids, the notes in the
// grids' cells, the What's next box, aria-labels, titles, the footer) and <html lang> follow
// render_options::language; English stays as it was.
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/planner.hpp>
#include <ttplan/protocol_io.hpp>
#include <ttplan/version.hpp>

#include "continued_samples.hpp"
#include "format_samples.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

using namespace ttplan;

namespace {

using samples::default_plan;

render_options in(std::string language, std::optional<day_point> today = {}) {
    render_options o;
    o.language = std::move(language);
    o.today = today;
    return o;
}

const day_point in_induction = parse_date("2027-01-20");

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// `html` without the elements `open` ... `close` (std::regex recurses too deep for a page).
std::string without(std::string html, const std::string& open, const std::string& close) {
    for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
        const auto end = html.find(close, at);
        html.erase(at, end == std::string::npos ? std::string::npos : end + close.size() - at);
    }
    return html;
}

// The page without the elements whose words another part of the library writes (the timeline
// pictures) or that hold no words (the style sheet).
std::string outside_pictures(const std::string& html) {
    return without(without(html, "<style>", "</style>"), "<svg", "</svg>");
}

// What a reader sees of the page outside the pictures: the text without its tags.
std::string visible_text(const std::string& html) {
    return without(outside_pictures(html), "<", ">");
}

// The attribute values a reader or a screen reader meets outside the timeline pictures.
std::vector<std::string> read_attributes(const std::string& html) {
    const std::string outside = outside_pictures(html);
    const std::regex attribute(R"re((?:aria-label|title|data-label|alt)="([^"]*)")re");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(outside.begin(), outside.end(), attribute);
         it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].str());
    return out;
}

// English fixed texts of the page (as they appear in the English page, quotes escaped or not),
// none of which may be left in another language.
const std::vector<std::string> english_texts{
    "What's next",
    "(today:",
    "Today is",
    "The plan ends on",
    "Running today",
    "Next treatment days",
    "Next hospital stay",
    "Next decision",
    "None planned",
    "Overview",
    "Timeline",
    "How long each part takes",
    "Month by month",
    "What each phase is",
    "What this phase is:",
    "What to expect:",
    "Decisions during treatment",
    "Parameters",
    "Chosen, and what it means",
    "Calendar days",
    "Whole treatment",
    "Days with each kind of activity",
    "Dashed outline: tentative",
    "Zigzag end",
    "Heavy border",
    "Every day of a hospital stay",
    "Every day of continuous therapy",
    "Thick ends",
    "Dashed border",
    "Red outline",
    "Continuing through this month",
    "Made with ttplan",
    "Bar lengths are proportional",
    "Treatment days have a heavy border",
    "Dates drawn dashed",
    "The whole treatment takes",
    "calendar days",
    "of them with treatment",
    "Induction begins",
    "Induction ends",
    "Consolidation continues",
    "In hospital",
    "Continuous:",
    "(Day ",
    "(window Days",
    "treatment timeline",
    "Protocol all-overview, version",
    "(tentative)",
    "(until ",
    "(in 5 days)",
    "For planning and education only",
};

// ("Sections" and "Cycles" are French too.)
const std::vector<std::string> english_attributes{"tentative", "Calendar days", "Share", "From",
                                                  "To",        "Protocol"};

}  // namespace

TEST_CASE("languages html: English is the default and keeps its texts", "[languages][html]") {
    const schedule s = default_plan();
    const std::string page = render(s, "html", in("", in_induction));
    CHECK(render(s, "html", in("en", in_induction)) == page);
    CHECK(to_html(s, in("", in_induction)) == page);
    CHECK(has(page, R"(<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">)"));
    CHECK(has(page, "<h2>Overview</h2>"));
    CHECK(has(page, "<nav aria-label=\"Sections\">"));
    CHECK(has(page, "<li><a href=\"#next\">What's next</a></li>"));
    CHECK(has(page, ".cal tr td:nth-child(1) .d::before { content: \"Mon \"; }"));
    CHECK(has(page, "<p>Made with ttplan " + std::string(version_string) + ".</p>"));
    // The English texts the other languages must not keep are the page's own.
    const std::string text = visible_text(page);
    for (const auto& english : english_texts) {
        INFO(english);
        CHECK(has(text, english));
    }
}

TEST_CASE("languages html: the page in Spanish", "[languages][html]") {
    const schedule s = default_plan();
    const std::string page = render(s, "html", in("es", in_induction));
    CHECK(has(page, R"(<html xmlns="http://www.w3.org/1999/xhtml" lang="es" xml:lang="es">)"));
    CHECK(has(page,
              "<title>Resumen del tratamiento de la LLA (riesgo estándar/medio, según el modelo COG) — "
              "cronograma del "
              "tratamiento</title>"));
    CHECK(has(page, "<nav aria-label=\"Secciones\">"));
    CHECK(has(page, "<li><a href=\"#next\">Próximos pasos</a></li>"));
    CHECK(has(page,
              "<h2 id=\"next-h\">Próximos pasos <span class=\"asof\">(hoy: mié 20 ene 2027)</span></h2>"));
    CHECK(has(page, "<p class=\"where\">Hoy: Inducción, día 17. El plan termina el mié 7 mar 2029.</p>"));
    CHECK(has(page, "<h3>En curso hoy</h3>"));
    CHECK(has(page, "lun 25 ene 2027 (dentro de 5 días), Inducción, día 22: Vincristina (Quimioterapia)"));
    CHECK(has(page, "<li>Ninguna prevista</li>"));
    CHECK(has(page, "<h2>Resumen</h2>"));
    CHECK(has(page,
              "<p>Del <strong>lun 4 ene 2027</strong> al <strong>mié 7 mar 2029</strong>: <strong>2 años, "
              "2 meses y 4 días</strong> (794 días naturales, 659 de ellos con tratamiento"));
    CHECK(has(page, "<caption>Parámetros</caption>"));
    CHECK(has(page, "<h2>Cronograma</h2>"));
    CHECK(has(page, "<h2>Qué es cada fase</h2>"));
    CHECK(has(page, "<p class=\"when\">Del lun 23 ago 2027 al mié 7 mar 2029, 7 ciclos</p>"));
    CHECK(has(page, "<strong>Qué esperar:</strong>"));
    CHECK(has(page, "<h2>Cuánto dura cada parte</h2>"));
    CHECK(has(page, "<th scope=\"col\">Días naturales</th>"));
    CHECK(has(page, "<td class=\"n\" data-label=\"Días naturales\">29</td>"));
    CHECK(has(page, "<th scope=\"row\">Tratamiento completo</th>"));
    CHECK(has(page, "<h2>Mes a mes</h2>"));
    CHECK(has(page,
              "El primer y el último día de una hospitalización o de un tratamiento, que dicen «empieza» y "
              "«termina»"));
    CHECK(has(page, "Contorno rojo y «Hoy»: hoy, mié 20 ene 2027"));
    CHECK(has(page, "<h3>enero de 2027</h3>"));
    CHECK(has(page, "<th scope=\"col\">lun</th>"));
    CHECK(has(page, ".cal tr td:nth-child(6) .d::before { content: \"sáb \"; }"));
    CHECK(has(page, "<span class=\"ph\">Inducción: empieza</span>"));
    CHECK(has(page, "<span class=\"ph\">Consolidación: continúa</span>"));
    CHECK(has(page, "<span class=\"now\">Hoy</span>"));
    CHECK(has(page, "<span class=\"dn\">(Día 1)</span>"));
    CHECK(has(page, "<span class=\"dn\">(margen: días 4 a 6)</span>"));
    CHECK(has(page, "<span class=\"vh\">Continuo: </span>"));
    CHECK(has(page, "Mantenimiento, ciclo 2: empieza"));
    CHECK(has(page, " title=\"provisional\""));
    CHECK(has(page, "<p>Hecho con ttplan " + std::string(version_string) + ".</p>"));
}

TEST_CASE("languages html: the page in French", "[languages][html]") {
    const schedule s = default_plan();
    const std::string page = render(s, "html", in("fr", in_induction));
    CHECK(has(page, R"(<html xmlns="http://www.w3.org/1999/xhtml" lang="fr" xml:lang="fr">)"));
    CHECK(has(page, "<li><a href=\"#next\">Prochaines étapes</a></li>"));
    CHECK(has(page, "<span class=\"asof\">(aujourd’hui : mer. 20 janv. 2027)</span>"));
    CHECK(has(page,
              "<p class=\"where\">Aujourd’hui : Induction, jour 17. Le plan se termine le mer. 7 mars "
              "2029.</p>"));
    CHECK(has(page, "<h3>Prochains jours de traitement</h3>"));
    CHECK(has(page, "<h2>Vue d’ensemble</h2>"));
    CHECK(has(page, "(794 jours calendaires, dont 659 avec traitement"));
    CHECK(has(page, "<h2>Chronologie</h2>"));
    CHECK(has(page, "<h2>Mois par mois</h2>"));
    CHECK(has(page, "<th scope=\"col\">Début</th>"));
    CHECK(has(page, "data-label=\"Jours calendaires\""));
    CHECK(has(page, "<strong>À quoi s’attendre :</strong>"));
    CHECK(has(page, "<h3>janvier 2027</h3>"));
    CHECK(has(page, ".cal tr td:nth-child(1) .d::before { content: \"lun. \"; }"));
    CHECK(has(page, "<span class=\"ph\">Induction : début</span>"));
    CHECK(has(page, "<span class=\"ph\">Induction : fin</span>"));
    CHECK(has(page, "<span class=\"now\">Aujourd’hui</span>"));
    CHECK(has(page, "<span class=\"dn\">(Jour 1)</span>"));
    CHECK(has(page, "<span class=\"vh\">En continu : </span>"));
    CHECK(has(page, "À l’hôpital"));
    CHECK(has(page, "<p>Réalisé avec ttplan " + std::string(version_string) + ".</p>"));
}

TEST_CASE("languages html: no English fixed text is left in Spanish or French", "[languages][html]") {
    const schedule s = default_plan();
    for (const std::string language : {"es", "fr"}) {
        const std::string page = render(s, "html", in(language, in_induction));
        const std::string text = visible_text(page);
        for (const auto& english : english_texts) {
            INFO(language << ": " << english);
            CHECK_FALSE(has(text, english));
        }
        for (const auto& value : read_attributes(page)) {
            INFO(language << ": attribute " << value);
            for (const auto& english : english_attributes) CHECK(value != english);
        }
        CHECK_FALSE(has(page, "content: \"Mon \""));
        CHECK_FALSE(has(page, "<th scope=\"col\">Mon</th>"));
    }
}

TEST_CASE("languages html: What's next before and after the plan, in each language", "[languages][html]") {
    const schedule s = default_plan();
    const auto before = parse_date("2026-12-30");
    const auto after = parse_date("2029-04-01");
    CHECK(has(render(s, "html", in("es", before)),
              "El tratamiento empieza dentro de 5 días, el lun 4 ene 2027."));
    CHECK(has(render(s, "html", in("fr", before)),
              "Le traitement commence dans 5 jours, le lun. 4 janv. 2027."));
    CHECK(has(render(s, "html", in("es", after)), "El plan terminó el mié 7 mar 2029."));
    CHECK(has(render(s, "html", in("fr", after)), "Le plan s’est terminé le mer. 7 mars 2029."));
    // The box is shared: the text and Markdown formats say the same.
    const std::string text = render(s, "text", in("es", in_induction));
    CHECK(has(text, "Próximos pasos (hoy: mié 20 ene 2027)"));
    CHECK(has(text, "Próxima hospitalización:"));
    CHECK_FALSE(has(text, "What's next"));
    const std::string md = render(s, "md", in("fr", in_induction));
    CHECK(has(md, "## Prochaines étapes (aujourd’hui : mer. 20 janv. 2027)"));
    CHECK(has(md, "### En cours aujourd’hui"));
}

TEST_CASE("languages html: a yes-or-no parameter without labels reads in the language", "[languages][html]") {
    const protocol p = parse_protocol(R"({
  "format": "ttplan-protocol/2",
  "id": "flagged",
  "title": "Flagged",
  "parameters": [{"name": "boost", "type": "bool", "default": true}],
  "phases": [{"id": "course", "name": "Course", "length": "14d", "repeat": {"count": 2},
              "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]}]
})");
    profile pr;
    pr.start = parse_date("2027-01-04");
    const schedule s = make_schedule(p, pr);
    CHECK(has(render(s, "html"), "<strong>yes</strong> <code class=\"set\">boost=true</code>"));
    CHECK(has(render(s, "html", in("es")), "<strong>sí</strong> <code class=\"set\">boost=true</code>"));
    CHECK(has(render(s, "html", in("fr")), "<strong>oui</strong> <code class=\"set\">boost=true</code>"));
    CHECK(has(render(s, "text", in("es")), "boost: sí (boost=true)"));
    // Occurrence titles name the cycle in the language.
    CHECK(has(render(s, "html", in("es")), "Course, ciclo 2: empieza"));
    CHECK(has(render(s, "text", in("fr")), "Course, cycle 2"));
    CHECK(has(render(s, "text", in("es")), "Course, ciclo 2"));
}

TEST_CASE("languages html: translated texts are escaped like every text of the page", "[languages][html]") {
    // A protocol's names keep their escaping inside translated sentences.
    const protocol p = parse_protocol(R"({
  "format": "ttplan-protocol/2",
  "id": "escaped",
  "title": "T&C \"quoted\"",
  "version": "1<2",
  "phases": [{"id": "course", "name": "<Course> & 'more'", "length": "14d",
              "activities": [{"name": "Visit", "category": "assessment", "days": "1"}]}]
})");
    profile pr;
    pr.start = parse_date("2027-01-04");
    const schedule s = make_schedule(p, pr);
    for (const std::string language : {"", "es", "fr"}) {
        const std::string page = render(s, "html", in(language));
        INFO(language);
        CHECK_FALSE(has(page, "<Course>"));
        CHECK(has(page, "&lt;Course&gt; &amp; &#39;more&#39;"));
        CHECK(has(page, "<h1>T&amp;C &quot;quoted&quot;</h1>"));
        CHECK(has(page, "<code>escaped</code>, "));
        CHECK(has(page, " 1&lt;2.</p>"));
    }
    CHECK(has(render(s, "html"), "&lt;Course&gt; &amp; &#39;more&#39; begins"));
    CHECK(has(render(s, "html", in("es")), "<p>Protocolo <code>escaped</code>, versión 1&lt;2.</p>"));
    CHECK(has(render(s, "html", in("fr")), "&lt;Course&gt; &amp; &#39;more&#39; : début"));
}

TEST_CASE("languages html: a plan that continues with other protocols", "[languages][html]") {
    const schedule s = continued::relapse_chain();
    const std::string english = render(s, "html");
    CHECK(has(english, "<span class=\"ph seg\">Switch to Blinatumomab"));
    CHECK(has(english, "Maintenance, cycle 4 begins and ends (stopped early)"));
    const std::string es = render(s, "html", in("es"));
    CHECK(has(es, "<p class=\"segment\">Después, desde el <strong>mar 2 may 2028</strong>"));
    CHECK(has(es, "<span class=\"ph seg\">Cambio a Blinatumomab"));
    CHECK(has(es, "Mantenimiento, ciclo 4: empieza y termina (interrupción anticipada)"));
    CHECK(has(es, "<caption>Parámetros de blinatumomab</caption>"));
    CHECK(has(es, "<th scope=\"col\">Protocolo</th>"));
    CHECK(has(es, "data-label=\"Protocolo\""));
    CHECK(has(es, "Línea vertical discontinua: el plan pasa a otro protocolo"));
    const std::string fr = render(s, "html", in("fr"));
    CHECK(has(fr, "<span class=\"ph seg\">Passage à Blinatumomab"));
    CHECK(has(fr, "Maintenance, cycle 4 : début et fin (arrêt anticipé)"));
    CHECK(has(
        fr,
        "Fin en zigzag : un cycle écourté, à la fin du traitement ou par un passage à un autre protocole"));
    for (const std::string& page : {es, fr}) {
        const std::string text = visible_text(page);
        for (const std::string english_text : {"Switch to", "Then from", "Parameters of", "(stopped early)",
                                               "Dashed vertical line", "Zigzag end"}) {
            INFO(english_text);
            CHECK_FALSE(has(text, english_text));
        }
    }
}
