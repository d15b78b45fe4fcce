// Side-by-side comparison of plans: one summary per plan, and one table for text, Markdown
// and HTML built from the same rows, so the three always show the same figures.
#include <ttplan/compare.hpp>
#include <ttplan/html.hpp>
#include <ttplan/version.hpp>

#include "html_page.hpp"
#include "i18n/language.hpp"
#include "i18n/protocol_texts.hpp"
#include "markup_escape.hpp"
#include "utf8_text.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ttplan {

namespace {

// Distinct dates covered by the events and spans of one category.
std::int64_t days_of(const std::map<category, std::int64_t>& by_category, category c) {
    const auto it = by_category.find(c);
    return it == by_category.end() ? 0 : it->second;
}

struct row {
    std::string label;
    std::vector<std::string> cells;  // one per plan
    bool numeric = true;             // right-aligned
    bool heading = false;            // a group title with no cells
};

struct phase_key {
    std::string protocol;
    std::string phase;
    std::string name;
};

std::string days_cell(const phase_length& p) {
    return p.cycles > 1 ? detail::trf("{days} ({cycles} cycles)", fmt::arg("days", p.days),
                                      fmt::arg("cycles", p.cycles))
                        : std::to_string(p.days);
}

bool same_protocol(const labelled_schedules& plans) {
    return std::all_of(plans.begin(), plans.end(),
                       [&](const auto& p) { return p.second.protocol() == plans.front().second.protocol(); });
}

bool same_start(const labelled_schedules& plans) {
    return std::all_of(plans.begin(), plans.end(),
                       [&](const auto& p) { return p.second.start() == plans.front().second.start(); });
}

// Every protocol the plans follow, in order of first appearance: (title, id).
std::vector<std::pair<std::string, std::string>> protocols_of(const labelled_schedules& plans) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [label, s] : plans) {
        for (const segment& seg : s.segments()) {
            std::pair<std::string, std::string> one{seg.protocol.title, seg.protocol.id};
            if (std::find(out.begin(), out.end(), one) == out.end()) out.push_back(std::move(one));
        }
    }
    return out;
}

std::string parameters_text(const typed_values& values) {
    return values.empty() ? fmt::format("({})", detail::tr("no parameters"))
                          : detail::parameters_text(values);
}

// What a plan is: its protocols in order, each with its parameter values.
std::string plan_description(const schedule& s) {
    std::string out;
    for (std::size_t i = 0; i < s.segments().size(); ++i) {
        const segment& seg = s.segments()[i];
        if (i > 0)
            out += "; " + detail::trf("then from {date}", fmt::arg("date", format_date(seg.start))) + " ";
        out += fmt::format("{} ({})", seg.protocol.id, parameters_text(seg.parameters));
    }
    return out;
}

std::vector<row> comparison_rows(const labelled_schedules& plans, const std::vector<variant_summary>& sums) {
    // Every phase any plan has, in order of first appearance; named with its protocol when
    // the plans' phases come from more than one.
    std::vector<phase_key> keys;
    std::set<std::string> protocols;
    for (const auto& sum : sums) {
        for (const auto& p : sum.phases) {
            protocols.insert(p.protocol);
            const bool known = std::any_of(keys.begin(), keys.end(), [&](const phase_key& k) {
                return k.protocol == p.protocol && k.phase == p.phase;
            });
            if (!known) keys.push_back({p.protocol, p.phase, p.name.empty() ? p.phase : p.name});
        }
    }
    std::vector<row> rows;
    const auto add = [&](std::string label, auto cell, bool numeric = true) {
        row r{std::move(label), {}, numeric, false};
        for (const auto& sum : sums) r.cells.push_back(cell(sum));
        rows.push_back(std::move(r));
    };
    using detail::tr;
    rows.push_back({tr("Days per phase"), {}, false, true});
    for (const auto& k : keys) {
        const std::string label = protocols.size() > 1 ? fmt::format("{} ({})", k.name, k.protocol) : k.name;
        add(label, [&](const variant_summary& sum) {
            for (const auto& p : sum.phases) {
                if (p.protocol == k.protocol && p.phase == k.phase) return days_cell(p);
            }
            return std::string("-");
        });
    }
    rows.push_back({tr("Whole treatment"), {}, false, true});
    if (!same_start(plans)) add(tr("First day"), [](const auto& sum) { return format_date(sum.start); });
    add(tr("Last day"), [](const auto& sum) { return format_date(sum.end); });
    add(tr("Calendar days"), [](const auto& sum) { return std::to_string(sum.total_days); });
    add(
        tr("In words"), [](const auto& sum) { return sum.length_in_words; }, false);
    add(tr("Treatment days"), [](const auto& sum) { return std::to_string(sum.treatment_days); });
    add(tr("Clinic days"), [](const auto& sum) { return std::to_string(sum.clinic_days); });
    add(tr("Hospital days"), [](const auto& sum) { return std::to_string(sum.hospital_days); });
    add(tr("Intrathecal procedures"),
        [](const auto& sum) { return std::to_string(sum.intrathecal_procedures); });
    add(tr("Radiation days"), [](const auto& sum) { return std::to_string(sum.radiation_days); });
    add(tr("Targeted-therapy days"), [](const auto& sum) { return std::to_string(sum.targeted_days); });
    return rows;
}

std::vector<variant_summary> summaries(const labelled_schedules& plans) {
    std::vector<variant_summary> out;
    for (const auto& [label, s] : plans) out.push_back(summarize(s));
    return out;
}

// Display width in terminal columns (wide characters take two, combining marks none).
std::size_t width_of(std::string_view text) {
    return detail::columns(text);
}

std::string pad(const std::string& text, std::size_t width, bool right) {
    const std::string fill(width > width_of(text) ? width - width_of(text) : 0, ' ');
    return right ? fill + text : text + fill;
}

std::string md(std::string_view text) {
    return detail::escape_markdown(text);
}

// The plans with their protocols' texts in `language` where the protocols translate them.
labelled_schedules in_language(const labelled_schedules& plans, std::string_view language) {
    labelled_schedules out;
    out.reserve(plans.size());
    for (const auto& [label, s] : plans) out.emplace_back(label, detail::in_language(s, language).get());
    return out;
}

}  // namespace

const phase_length* variant_summary::longest() const {
    const auto it =
        std::max_element(phases.begin(), phases.end(),
                         [](const phase_length& a, const phase_length& b) { return a.days < b.days; });
    return it == phases.end() ? nullptr : &*it;
}

variant_summary summarize(const schedule& s) {
    variant_summary out;
    out.start = s.start();
    out.end = s.end();
    out.total_days = s.total_days();
    out.length_in_words = describe_length(s.start(), s.end());
    for (const auto& t : s.totals_by_phase())
        out.phases.push_back(
            phase_length{s.segments()[t.segment].protocol.id, t.phase, t.name, t.occurrences, t.days});
    const auto by_category = s.days_by_category();
    out.treatment_days = s.treatment_days();
    out.clinic_days = s.clinic_days();
    out.hospital_days = days_of(by_category, category::hospital_stay);
    out.radiation_days = days_of(by_category, category::radiation);
    out.targeted_days = days_of(by_category, category::targeted);
    out.intrathecal_procedures = std::count_if(s.events().begin(), s.events().end(), [](const event& e) {
        return e.category == category::intrathecal;
    });
    return out;
}

std::string comparison_text(const labelled_schedules& given, std::string_view language) {
    using detail::tr;
    using detail::trf;
    const detail::language_scope scope(language);
    const labelled_schedules plans = in_language(given, language);
    std::string out = std::string(tr("Comparison of treatment timelines")) + "\n";
    if (plans.empty()) return out + "\n" + tr("No plans to compare.") + "\n\n" + detail::safety_line() + "\n";
    const schedule& first = plans.front().second;
    if (same_protocol(plans))
        out += detail::one_line(trf("Protocol: {title} ({id})", fmt::arg("title", first.protocol().title),
                                    fmt::arg("id", first.protocol().id))) +
               "\n";
    else {
        std::string list;
        for (const auto& [title, id] : protocols_of(plans))
            list += fmt::format("{}{} ({})", list.empty() ? "" : "; ", title, id);
        out += detail::one_line(trf("Protocols: {list}", fmt::arg("list", list))) + "\n";
    }
    if (same_start(plans))
        out += trf("Start: {date}", fmt::arg("date", detail::long_date(first.start()))) + "\n";

    // Labels and cells quote phase names: printable before they are measured.
    auto rows = comparison_rows(plans, summaries(plans));
    for (auto& r : rows) {
        r.label = detail::one_line(r.label);
        for (auto& cell : r.cells) cell = detail::one_line(cell);
    }
    std::size_t label_width = 0;
    for (const auto& r : rows) label_width = std::max(label_width, width_of(r.label) + (r.heading ? 0 : 2));
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < plans.size(); ++c) {
        std::size_t w = width_of(detail::one_line(plans[c].first));
        for (const auto& r : rows) {
            if (!r.heading) w = std::max(w, width_of(r.cells[c]));
        }
        widths.push_back(w);
    }
    out += "\n" + std::string(label_width, ' ');
    for (std::size_t c = 0; c < plans.size(); ++c)
        out += "  " + pad(detail::one_line(plans[c].first), widths[c], true);
    out += "\n";
    for (const auto& r : rows) {
        if (r.heading) {
            out += r.label + "\n";
            continue;
        }
        out += pad("  " + r.label, label_width, false);
        for (std::size_t c = 0; c < plans.size(); ++c) out += "  " + pad(r.cells[c], widths[c], true);
        out += "\n";
    }
    out += "\n" + std::string(tr("Plans")) + "\n";
    for (const auto& [label, s] : plans)
        out += fmt::format("  {}: {}\n", detail::one_line(label), detail::one_line(plan_description(s)));
    out += fmt::format("\n{}\n", detail::safety_line());
    return out;
}

std::string comparison_markdown(const labelled_schedules& given, std::string_view language) {
    using detail::tr;
    using detail::trf;
    const detail::language_scope scope(language);
    const labelled_schedules plans = in_language(given, language);
    std::string out = "# " + std::string(tr("Comparison of treatment timelines")) + "\n\n";
    if (plans.empty()) return out + tr("No plans to compare.") + "\n\n> " + detail::safety_line() + "\n";
    const schedule& first = plans.front().second;
    if (same_protocol(plans))
        out += trf("Protocol: **{title}** ({id})", fmt::arg("title", md(first.protocol().title)),
                   fmt::arg("id", md(first.protocol().id))) +
               "  \n";
    else {
        std::string list;
        for (const auto& [title, id] : protocols_of(plans))
            list += fmt::format("{}**{}** ({})", list.empty() ? "" : "; ", md(title), md(id));
        out += trf("Protocols: {list}", fmt::arg("list", list)) + "  \n";
    }
    if (same_start(plans))
        out += trf("Start: {date}", fmt::arg("date", detail::long_date(first.start()))) + "\n";
    out += fmt::format("\n> {}\n\n", detail::safety_line());

    const auto rows = comparison_rows(plans, summaries(plans));
    out += "| |";
    for (const auto& [label, s] : plans) out += " " + md(label) + " |";
    out += "\n|:---|";
    for (std::size_t c = 0; c < plans.size(); ++c) out += "---:|";
    out += "\n";
    for (const auto& r : rows) {
        if (r.heading) {
            out += "| **" + md(r.label) + "** |";
            for (std::size_t c = 0; c < plans.size(); ++c) out += " |";
            out += "\n";
            continue;
        }
        out += "| " + md(r.label) + " |";
        for (const auto& cell : r.cells) out += " " + md(cell) + " |";
        out += "\n";
    }
    out += "\n## " + std::string(tr("Plans")) + "\n\n";
    for (const auto& [label, s] : plans)
        out += fmt::format("- **{}**: {}\n", md(label), md(plan_description(s)));
    return out;
}

std::string comparison_html(const labelled_schedules& given, std::string_view language) {
    using detail::tr;
    const detail::language_scope scope(language);
    const labelled_schedules plans = in_language(given, language);
    std::string page =
        detail::html_head(tr("Comparison of treatment timelines")) + detail::comparison_body(plans);
    if (plans.empty()) return page + detail::html_footer();
    using detail::escape_xml;
    const auto rows = comparison_rows(plans, summaries(plans));
    std::string table = fmt::format(
        "<section id=\"comparison\">\n<h2>{}</h2>\n<table class=\"facts\"><thead><tr>"
        "<th scope=\"col\">{}</th>",
        escape_xml(tr("Side by side")), escape_xml(tr("Days and counts")));
    for (const auto& [label, s] : plans) table += fmt::format("<th scope=\"col\">{}</th>", escape_xml(label));
    table += "</tr></thead><tbody>\n";
    for (const auto& r : rows) {
        if (r.heading) {
            table += fmt::format("<tr><th scope=\"colgroup\" colspan=\"{}\">{}</th></tr>\n", plans.size() + 1,
                                 escape_xml(r.label));
            continue;
        }
        table += fmt::format("<tr><th scope=\"row\">{}</th>", escape_xml(r.label));
        for (const auto& cell : r.cells)
            table += (r.numeric ? "<td class=\"n\">" : "<td>") + escape_xml(cell) + "</td>";
        table += "</tr>\n";
    }
    table += "</tbody></table>\n<ul>\n";
    for (const auto& [label, s] : plans)
        table += fmt::format("<li><strong>{}</strong>: {}</li>\n", escape_xml(label),
                             escape_xml(plan_description(s)));
    table += "</ul>\n</section>\n";
    return page + table + detail::html_footer();
}

}  // namespace ttplan
