// The HTML page's section that says what each phase is, in the protocol's words.
#include "agenda.hpp"
#include "html_page.hpp"
#include "markup_escape.hpp"
#include "plain_words.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

namespace ttplan::detail {

std::string phases_section(const agenda& plan) {
    const schedule& s = plan.plan();
    // The dates of every occurrence of a phase in its segment, in one pass: a daily cycle run for
    // years has thousands of occurrences.
    std::map<std::pair<std::size_t, std::string_view>, std::pair<day_point, std::int32_t>> spread;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        auto [it, added] = spread.try_emplace({p.segment, p.phase}, p.last, 0);
        it->second.first = std::max(it->second.first, p.last);
        ++it->second.second;
    }
    std::string items;
    phase_notes notes;
    for (const auto& entry : plan.occurrences()) {
        const phase_occurrence& p = *entry.occurrence;
        const phase_words* words = notes.first_time(s, p);
        if (words == nullptr) continue;
        const auto [last, cycles] = spread.at({p.segment, p.phase});
        items += fmt::format("<h3>{}</h3>\n<p class=\"when\">{} to {}{}</p>\n", escape_xml(entry.phase_label),
                             long_date(p.first), long_date(last),
                             cycles > 1 ? fmt::format(", {} cycles", cycles) : std::string());
        if (!words->description.empty())
            items += fmt::format("<p><strong>What this phase is:</strong> {}</p>\n", escape_xml(words->description));
        if (!words->expect.empty())
            items += fmt::format("<p><strong>What to expect:</strong> {}</p>\n", escape_xml(words->expect));
    }
    if (items.empty()) return {};
    return "<section id=\"phases\" class=\"phase-words\">\n<h2>What each phase is</h2>\n" + items + "</section>\n";
}

}  // namespace ttplan::detail
