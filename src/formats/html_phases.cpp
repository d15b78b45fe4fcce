// The HTML page's section that says what each phase is, in the protocol's words.
#include "agenda.hpp"
#include "html_page.hpp"
#include "i18n/language.hpp"
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
        // TRANSLATORS: the dates of a phase under its name: "Mon 4 Jan 2027 to Mon 1 Feb 2027".
        std::string when =
            fmt::format(fmt::runtime(trc("phase dates", "{first} to {last}")),
                        fmt::arg("first", long_date(p.first)), fmt::arg("last", long_date(last)));
        // TRANSLATORS: after a phase's dates: "Mon 1 Mar 2027 to Sun 2 Apr 2029, 26 cycles".
        if (cycles > 1) when += ", " + trnf("{n} cycle", "{n} cycles", cycles, fmt::arg("n", cycles));
        items += fmt::format("<h3>{}</h3>\n<p class=\"when\">{}</p>\n", escape_xml(entry.phase_label),
                             escape_xml(when));
        if (!words->description.empty()) {
            // TRANSLATORS: in bold before the protocol's description of a phase.
            items += fmt::format("<p><strong>{}</strong> {}</p>\n", html_text(tr("What this phase is:")),
                                 escape_xml(words->description));
        }
        if (!words->expect.empty()) {
            // TRANSLATORS: in bold before the protocol's words on what a phase is like for the patient.
            items += fmt::format("<p><strong>{}</strong> {}</p>\n", html_text(tr("What to expect:")),
                                 escape_xml(words->expect));
        }
    }
    if (items.empty()) return {};
    return fmt::format("<section id=\"phases\" class=\"phase-words\">\n<h2>{}</h2>\n{}</section>\n",
                       html_text(tr("What each phase is")), items);
}

}  // namespace ttplan::detail
