// Languages in the pictures and month grids: the calendar text, the SVG timeline (and the PNG
// and PDF drawn from it) and the one-page summary write their fixed texts in the reader's
// language, keep their columns and boxes with longer words, and stay the same in English.
#include <ttplan/format.hpp>
#include <ttplan/picture.hpp>

#include "../src/i18n/language.hpp"
#include "continued_samples.hpp"
#include "format_samples.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace ttplan;

namespace {

render_options in(std::string language) {
    render_options o;
    o.language = std::move(language);
    return o;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Code points of UTF-8 text: every character of these outputs takes one terminal column.
std::size_t width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The column at which `part` begins in `line`, in code points.
std::size_t column_of(const std::string& line, const std::string& part) {
    const auto at = line.find(part);
    REQUIRE(at != std::string::npos);
    return width(line.substr(0, at));
}

// The first line that holds `part`.
std::string line_with(const std::string& text, const std::string& part) {
    for (const auto& line : lines_of(text)) {
        if (has(line, part)) return line;
    }
    FAIL("no line holds " << part);
    return {};
}

// English texts of the pictures and month grids, none of which a translation may keep.
const std::vector<std::string> calendar_english{
    "Mo   Tu   We",
    "Letters after a day number",
    "more kinds that day",
    "Phases and continuous therapy are listed",
    "Under a day number",
    "in hospital (",
    "Phases marked (tentative)",
    "Decision on ",
    "Continuous: ",
    "No phases in these months",
    "Parameters: ",
    "(tentative)",
    "all month",
    "Protocol all-overview",
    "Then from",
    "; parameters ",
    ", version ",
    "stopped early",
    " days)",
};

const std::vector<std::string> picture_english{
    "Treatment timeline",
    "Timeline",
    "calendar days",
    "of them with treatment",
    "Parameters: ",
    "Phase (cycle numbers inside)",
    "Dashed: tentative",
    "Dashed line: switch",
    "Dotted line: a decision",
    "Tick: a treatment day",
    "Decision on ",
    "tentative: ",
    "; tentative",
    " Day 1:",
    " Days 1 to ",
    " days</title>",
    " days;",
    "; protocol ",
    ">then ",
    "(protocol ",
    "Made by ttplan",
    ">Jan<",
    ">Feb<",
};

const std::vector<std::string> page_english{
    "Treatment plan on one page",
    ">Phases<",
    ">Phase<",
    ">From<",
    ">To<",
    ">Length<",
    ">Key dates<",
    ">When<",
    ">What<",
    " cycles)",
    "* tentative",
    "Decision (",
    "bar lengths are proportional",
    "calendar days",
    "Parameters: ",
    "\u00a0to\u00a0",
    " to 10\u00a0Jan",
};

void check_none(const std::string& text, const std::vector<std::string>& english) {
    for (const auto& words : english) {
        CAPTURE(words);
        const auto at = text.find(words);
        CAPTURE(at == std::string::npos ? std::string() : text.substr(at < 80 ? 0 : at - 80, 160));
        CHECK(at == std::string::npos);
    }
}

}  // namespace

TEST_CASE("languages, pictures: English is unchanged and \"en\" is English", "[languages][pictures]") {
    const schedule s = samples::default_plan();
    for (const std::string format : {"calendar", "svg", "pdf", "page"})
        CHECK(render(s, format, in("en")) == render(s, format));
    const std::string calendar = render(s, "calendar");
    CHECK(has(calendar, "Mo   Tu   We   Th   Fr   Sa   Su      Mo   Tu   We   Th   Fr   Sa   Su"));
    CHECK(has(calendar, "Letters after a day number mark its dated activities:"));
    CHECK(has(calendar, "February 2027   Induction to 1 Feb;"));
    const std::string svg = render(s, "svg");
    CHECK(has(svg, "<title>Treatment timeline: "));
    CHECK(has(svg, "Phase (cycle numbers inside)"));
    CHECK(has(svg, ">Jan</text>"));
    const std::string page = page_svg(s);
    CHECK(has(page, ">Key dates<"));
    CHECK(has(page, "bar lengths are proportional to calendar time"));
}

TEST_CASE("languages, pictures: month grids in Spanish and French", "[languages][calendar]") {
    const schedule s = samples::default_plan();
    const std::string es = render(s, "calendar", in("es"));
    CHECK(has(es, "lu   ma   mi   ju   vi   sá   do      lu   ma   mi   ju   vi   sá   do"));
    CHECK(has(es, "enero de 2027"));
    CHECK(has(es, "Las letras tras el número de un día marcan sus actividades con fecha:"));
    CHECK(has(es, "Bajo el número de cada día, las hospitalizaciones y los tratamientos continuos"));
    CHECK(has(es, "Protocolo all-overview (versión "));
    CHECK(has(es, "Parámetros: "));
    CHECK(has(es, "hasta el 1 feb"));
    CHECK(has(es, "todo el mes"));
    CHECK(has(es, "(provisional)"));
    CHECK(has(es, "Tratamiento continuo: "));
    CHECK(has(es, "Decisión el lun 1 feb 2027"));
    check_none(es, calendar_english);

    const std::string fr = render(s, "calendar", in("fr"));
    CHECK(has(fr, "lu   ma   me   je   ve   sa   di      lu   ma   me   je   ve   sa   di"));
    CHECK(has(fr, "février 2027"));
    CHECK(has(fr, "Les lettres après le numéro d’un jour indiquent ses activités datées"));
    CHECK(has(fr, "jusqu’au 1 févr."));
    CHECK(has(fr, "tout le mois"));
    CHECK(has(fr, "(provisoire)"));
    CHECK(has(fr, "Traitement continu\u00a0: "));
    check_none(fr, calendar_english);

    // A continued plan: where each protocol starts, in words of the language.
    const schedule chain = continued::relapse_chain();
    const std::string es_chain = render(chain, "calendar", in("es"));
    CHECK(has(es_chain, "Después, desde el mar 2 may 2028"));
    CHECK(has(es_chain, "versión 2; parámetros"));
    CHECK(has(es_chain, "Desde el 30 oct: Allogeneic"));
    check_none(es_chain, calendar_english);
    const std::string fr_chain = render(chain, "calendar", in("fr"));
    CHECK(has(fr_chain, "Puis à partir du mar. 2 mai 2028"));
    CHECK(has(fr_chain, "version 2; paramètres"));
    std::vector<std::string> french_differs;  // French writes ", version 2" as English does
    for (const auto& words : calendar_english) {
        if (words != ", version ") french_differs.push_back(words);
    }
    check_none(fr_chain, french_differs);
}

TEST_CASE("languages, pictures: month grids stay aligned with names of more bytes than columns",
          "[languages][calendar][width]") {
    const schedule s = samples::default_plan();
    for (const std::string language : {"es", "fr"}) {
        CAPTURE(language);
        const std::string text = render(s, "calendar", in(language));
        for (const auto& line : lines_of(text)) {
            CAPTURE(line);
            CHECK(width(line) <= 80);
            CHECK(line.find('\x01') == std::string::npos);
        }
        // Both weekday rows of a pair begin where their grids do: the right one after 34 + 4
        // columns, whatever "sá" takes in bytes.
        const std::string weekdays = line_with(text, "lu   ma");
        CHECK(column_of(weekdays.substr(1), "lu") + 1 == 38);
        CHECK(width(weekdays) == 70);  // 34 + 4 + 32: trailing spaces trimmed
        // Titles are centred over their grid by columns: "février 2027" (12 columns, 13 bytes)
        // begins (34 - 12) / 2 columns into the right grid.
        if (language == "fr") {
            const std::string titles = line_with(text, "février 2027");
            CHECK(column_of(titles, "février 2027") == 38 + 11);
            CHECK(column_of(titles, "janvier 2027") == 11);
        }
        // The notes under the months keep one label column, as wide as the longest month title.
        const std::string label = language == "es" ? "septiembre de 2027" : "septembre 2027";
        const std::size_t label_width = std::max<std::size_t>(16, width(label) + 2);
        for (const auto& line : lines_of(text)) {
            if (line.rfind(label, 0) != 0) continue;
            CAPTURE(line);
            CHECK(width(line.substr(0, line.find_first_not_of(' ', label.size()))) == label_width);
        }
        for (const auto& line : lines_of(text)) {
            if (line.rfind(language == "es" ? "noviembre de 2027 " : "novembre 2027 ", 0) != 0) continue;
            CAPTURE(line);
            CHECK(width(line.substr(0, line.find_first_not_of(' ', line.find(" 2027") + 5))) == label_width);
        }
    }
}

TEST_CASE("languages, pictures: the SVG timeline in Spanish and French", "[languages][svg]") {
    const schedule s = samples::default_plan();
    const std::string es = render(s, "svg", in("es"));
    CHECK(has(es, "<title>Cronología del tratamiento: Resumen del tratamiento de la LLA"));
    CHECK(has(es, "Del lun 4 ene 2027 al mié 7 mar 2029: 2 años, 2 meses y 4 días (794 días naturales"));
    // Parameters by their labels and values in words, in Spanish: no setting name is left.
    CHECK(has(es, "Parámetros: Protección del cerebro y la médula espinal: quimioterapia en el"));
    CHECK(!has(es, "cns_prophylaxis"));
    CHECK(!has(es, "mrd_negative"));
    CHECK(has(es, "Fase (con el número de ciclo dentro)"));
    CHECK(has(es, "Marca: un día de tratamiento"));
    CHECK(has(es, "Línea de puntos: una decisión durante"));
    CHECK(has(es, "Decisión el lun 1 feb 2027"));
    CHECK(has(es, ", día 1: "));
    CHECK(has(es, ">ene</text>"));
    CHECK(has(es, "Hecho con ttplan "));
    CHECK(has(es, "Solo para planificar y aprender."));
    check_none(es, picture_english);

    const std::string fr = render(s, "svg", in("fr"));
    CHECK(has(fr, "<title>Chronologie du traitement\u00a0: Aperçu du traitement de la LAL"));
    CHECK(has(fr, "794 jours calendaires, dont 659 avec traitement"));
    CHECK(has(fr, "Trait\u00a0: un jour de traitement"));
    CHECK(has(fr, "provisoire\u00a0: attend la récupération"));
    // Month names longer than the axis has room for lose their full stop, never their sense.
    CHECK(has(fr, ">janv</text>"));
    CHECK(has(fr, ">mai</text>"));
    CHECK(has(fr, ">août</text>"));
    check_none(fr, picture_english);

    const schedule chain = continued::relapse_chain();
    const std::string es_chain = render(chain, "svg", in("es"));
    CHECK(has(es_chain, "Línea discontinua: cambio a otro"));
    CHECK(has(es_chain, ">después blinatumomab<"));
    CHECK(has(es_chain, "; después, Blinatumomab"));
    CHECK(has(es_chain, "; protocolo blinatumomab"));
    check_none(es_chain, picture_english);
    check_none(render(chain, "svg", in("fr")), picture_english);

    // The same picture drawn: another PNG and PDF than the English ones.
    CHECK(render(s, "png", in("es")) != render(s, "png"));
    CHECK(render(s, "pdf", in("fr")) != render(s, "pdf"));
    CHECK(to_pdf(s, in("fr")) == render(s, "pdf", in("fr")));
}

TEST_CASE("languages, pictures: the one-page summary in Spanish and French is still one sheet",
          "[languages][page]") {
    const schedule s = samples::default_plan();
    for (const std::string language : {"es", "fr"}) {
        CAPTURE(language);
        for (const auto orientation : {paper_orientation::landscape, paper_orientation::portrait}) {
            for (const auto paper : {paper_size::a4, paper_size::letter}) {
                render_options o = in(language);
                o.paper = paper;
                o.orientation = orientation;
                const std::string pdf = render(s, "page", o);
                CHECK(pdf.find("/Count 1\n") != std::string::npos);
                CHECK(pdf == to_page(s, o));
                render_options english;
                english.paper = paper;
                english.orientation = orientation;
                CHECK(pdf != to_page(s, english));
            }
        }
    }
}

TEST_CASE("languages, pictures: the sheet's words in Spanish and French", "[languages][page]") {
    const schedule s = samples::default_plan();
    std::string es;
    std::string fr;
    {
        // page_svg writes in the thread's language, which render() and to_page() set.
        const detail::language_scope language("es");
        es = page_svg(s);
    }
    {
        const detail::language_scope language("fr");
        fr = page_svg(s, paper_size::letter, paper_orientation::portrait);
    }
    CHECK(has(es, "<title>Plan de tratamiento en una página: ALL therapy overview"));
    CHECK(has(es, ">Fases<"));
    CHECK(has(es, ">Fase<"));
    CHECK(has(es, ">Inicio<"));
    CHECK(has(es, ">Duración<"));
    CHECK(has(es, ">Fechas clave<"));
    CHECK(has(es, ">Cuándo<"));
    CHECK(has(es, "Maintenance (7 ciclos)"));
    CHECK(has(es, "* provisional: espera a la recuperación"));
    CHECK(has(es, "Decisión (Induction, día 29)"));
    CHECK(has(es, "barras proporcionales al tiempo de calendario"));
    CHECK(has(es, "4\u00a0ene\u00a02027 a 10\u00a0ene\u00a02027"));
    check_none(es, page_english);
    check_none(es, picture_english);
    CHECK(has(fr, ">Dates clés<"));
    CHECK(has(fr, ">Début<"));
    CHECK(has(fr, "Maintenance (7 cycles)"));
    CHECK(has(fr, "barres proportionnelles au temps calendaire"));
    // French writes "Phases", "Phase" and "cycles" as English does.
    std::vector<std::string> french_differs;
    for (const auto& words : page_english) {
        if (words != ">Phases<" && words != ">Phase<" && words != " cycles)") french_differs.push_back(words);
    }
    check_none(fr, french_differs);
    // The footer is whole on the narrowest sheet, A4 portrait, as the English one is.
    for (const auto& [language, end] :
         {std::pair<std::string, std::string>{"en", "the full plan has every day</text>"},
          {"es", "el plan completo tiene cada día</text>"},
          {"fr", "le plan complet donne chaque jour</text>"}}) {
        CAPTURE(language);
        const detail::language_scope scope(language);
        CHECK(has(page_svg(s, paper_size::a4, paper_orientation::portrait), end));
    }
    // English again once the scopes end.
    CHECK(has(page_svg(s), ">Key dates<"));
}

TEST_CASE("languages, pictures: a long plan is condensed in every language, its rows counted",
          "[languages][page]") {
    const schedule s = samples::weekly_blocks();
    for (const auto& [language, more] :
         {std::pair<std::string, std::string>{"es", "… y [0-9]+ más: vea el plan completo"},
          {"fr", "… et [0-9]+ autres\u00a0: voir le plan complet"}}) {
        CAPTURE(language);
        for (const auto orientation : {paper_orientation::landscape, paper_orientation::portrait}) {
            std::string svg;
            {
                const detail::language_scope scope(language);
                svg = page_svg(s, paper_size::a4, orientation);
            }
            CHECK(std::regex_search(svg, std::regex(more)));
            // The tables, after the (scaled) timeline, end above the footer.
            const double height = orientation == paper_orientation::landscape ? 595.28 : 841.89;
            const auto tables = svg.find("</svg>\n</g>\n");
            REQUIRE(tables != std::string::npos);
            std::smatch m;
            std::string rest = svg.substr(tables);
            double lowest = 0;
            while (std::regex_search(rest, m, std::regex(R"~(<text[^>]* y="([0-9.]+)")~"))) {
                lowest = std::max(lowest, std::stod(m[1]));
                rest = m.suffix();
            }
            CHECK(lowest < height - 10);
            render_options o = in(language);
            o.orientation = orientation;
            CHECK(render(s, "page", o).find("/Count 1\n") != std::string::npos);
        }
    }
}
