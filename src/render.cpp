// Dispatch from a format name to the format's module.
#include <ttplan/csv.hpp>
#include <ttplan/error.hpp>
#include <ttplan/format.hpp>
#include <ttplan/html.hpp>
#include <ttplan/ical.hpp>
#include <ttplan/markdown.hpp>
#include <ttplan/month_calendar.hpp>

#include <array>

namespace ttplan {

namespace {

using render_fn = std::string (*)(const schedule&, const render_options&);

struct format_entry {
    std::string_view name;
    render_fn render;
};

const auto& formats() {
    static const std::array table{
        format_entry{"text", [](const schedule& s, const render_options&) { return to_text(s); }},
        format_entry{"json", [](const schedule& s, const render_options&) { return to_json(s); }},
        format_entry{"ics", [](const schedule& s, const render_options& o) { return to_ical(s, o); }},
        format_entry{"html", [](const schedule& s, const render_options&) { return to_html(s); }},
        format_entry{"csv", [](const schedule& s, const render_options& o) { return to_csv(s, o); }},
        format_entry{"md", [](const schedule& s, const render_options&) { return to_markdown(s); }},
        format_entry{"calendar", [](const schedule& s, const render_options&) { return to_month_calendar(s); }},
    };
    return table;
}

}  // namespace

std::vector<std::string_view> format_names() {
    std::vector<std::string_view> names;
    for (const auto& f : formats()) names.push_back(f.name);
    return names;
}

std::string render(const schedule& s, std::string_view format, const render_options& options) {
    for (const auto& f : formats()) {
        if (f.name == format) return f.render(s, options);
    }
    std::string allowed;
    for (const auto& f : formats()) allowed += (allowed.empty() ? "" : ", ") + std::string(f.name);
    throw error("unknown format \"" + std::string(format) + "\"; allowed: " + allowed);
}

}  // namespace ttplan
