// Dispatch from a format name to the format's module, and what each format is called by
// file suffix: one table, so the CLI, the bindings and render() cannot disagree.
#include <ttplan/csv.hpp>
#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/month_calendar.hpp>
#include <ttplan/picture.hpp>

#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace ttplan {

namespace {

using render_fn = std::string (*)(const schedule&, const render_options&);

struct format_entry {
    format_info info;
    render_fn render;
};

// ".ics" only: RFC 5545 registers no other suffix for text/calendar; RFC 7763 gives
// Markdown both ".md" and ".markdown".
constexpr std::string_view text_suffixes[] = {".txt"};
constexpr std::string_view json_suffixes[] = {".json"};
constexpr std::string_view ics_suffixes[] = {".ics"};
constexpr std::string_view html_suffixes[] = {".html", ".htm"};
constexpr std::string_view csv_suffixes[] = {".csv"};
constexpr std::string_view md_suffixes[] = {".md", ".markdown"};
constexpr std::string_view svg_suffixes[] = {".svg"};
constexpr std::string_view png_suffixes[] = {".png"};
constexpr std::string_view pdf_suffixes[] = {".pdf"};

const auto& table() {
    static const std::array entries{
        format_entry{{"text", text_suffixes, "a readable agenda by phase and week", false},
                     [](const schedule& s, const render_options& o) { return to_text(s, o); }},
        format_entry{{"json", json_suffixes, "the schedule document (schema/schedule.schema.json)", false},
                     [](const schedule& s, const render_options&) { return to_json(s); }},
        format_entry{{"ics", ics_suffixes, "iCalendar (RFC 5545) all-day events for calendar clients", false},
                     [](const schedule& s, const render_options& o) { return to_ical(s, o); }},
        format_entry{{"html", html_suffixes,
                      "one self-contained page with an SVG timeline and month calendars", false},
                     [](const schedule& s, const render_options& o) { return to_html(s, o); }},
        format_entry{{"csv", csv_suffixes, "RFC 4180 rows, one per event or per phase and span", false},
                     [](const schedule& s, const render_options& o) { return to_csv(s, o); }},
        format_entry{{"md", md_suffixes, "Markdown tables", false},
                     [](const schedule& s, const render_options& o) { return to_markdown(s, o); }},
        format_entry{{"calendar", {}, "month grids like cal(1), treatment days marked", false},
                     [](const schedule& s, const render_options& o) {
                         return to_month_calendar(detail::in_language(s, o.language).get());
                     }},
        format_entry{
            {"svg", svg_suffixes, "the timeline as one SVG picture, with its legend and dates", false},
            [](const schedule& s, const render_options& o) {
                return to_svg(detail::in_language(s, o.language).get());
            }},
        format_entry{{"png", png_suffixes, "the SVG timeline drawn as a PNG image (2400 pixels wide)", true},
                     [](const schedule& s, const render_options& o) {
                         return to_png(detail::in_language(s, o.language).get());
                     }},
        format_entry{{"pdf", pdf_suffixes, "the SVG timeline drawn as a one-page vector PDF", true},
                     [](const schedule& s, const render_options& o) { return to_pdf(s, o); }},
        format_entry{
            {"page", {}, "a one-page PDF summary for paper, A4 or Letter, landscape or portrait", true},
            [](const schedule& s, const render_options& o) { return to_page(s, o); }},
    };
    return entries;
}

bool ends_with_ignoring_case(std::string_view name, std::string_view suffix) {
    if (name.size() < suffix.size()) return false;
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return std::equal(suffix.begin(), suffix.end(), name.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [&](char a, char b) { return lower(a) == lower(b); });
}

}  // namespace

const std::vector<format_info>& formats() {
    static const std::vector<format_info> infos = [] {
        std::vector<format_info> out;
        for (const auto& f : table()) out.push_back(f.info);
        return out;
    }();
    return infos;
}

std::vector<std::string_view> format_names() {
    std::vector<std::string_view> names;
    for (const auto& f : table()) names.push_back(f.info.name);
    return names;
}

const format_info* format_for_path(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    for (const format_info& f : formats()) {
        for (std::string_view suffix : f.suffixes) {
            // A name that is nothing but the suffix (".json") is a hidden file, not a JSON one.
            if (name.size() > suffix.size() && ends_with_ignoring_case(name, suffix)) return &f;
        }
    }
    return nullptr;
}

std::string render(const schedule& s, std::string_view format, const render_options& options) {
    for (const auto& f : table()) {
        if (f.info.name != format) continue;
        // Reminders are alarms in a calendar: another format would quietly drop what was asked for.
        if (!options.remind.empty() && format != "ics") {
            throw value_error(
                fmt::format("only the ics format (iCalendar) carries reminders, not \"{}\"", format),
                location{"remind", {}, 0, 0});
        }
        // The sheet is the page's alone: another format would ignore it without a word.
        if (format != "page") {
            if (options.paper) {
                throw value_error(
                    fmt::format("only the page format (one printed page) takes a paper size, not \"{}\"",
                                format),
                    location{"paper", {}, 0, 0});
            }
            if (options.orientation) {
                throw value_error(
                    fmt::format("only the page format (one printed page) takes an orientation, not \"{}\"",
                                format),
                    location{"orientation", {}, 0, 0});
            }
        }
        const detail::language_scope language(options.language);
        return f.render(s, options);
    }
    std::string allowed;
    for (const auto& f : table()) allowed += (allowed.empty() ? "" : ", ") + std::string(f.info.name);
    throw error("unknown format \"" + std::string(format) + "\"; allowed: " + allowed);
}

}  // namespace ttplan
