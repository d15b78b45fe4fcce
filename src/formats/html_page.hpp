// The parts HTML pages are built from, shared by the plan page, the comparison page and
// `ttplan compare`'s page. Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include "agenda.hpp"
#include "i18n/language.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ttplan::detail {

// A fixed text in the reader's language (a tr() result) as element content: escaped as
// escape_xml escapes, except that quotes and apostrophes stay themselves ("What's next"), as
// they may in content. Never for attribute values: those take escape_xml.
std::string html_text(std::string_view text);

// A translated text with {fields} as element content: html_format(tr("Protocol {id}"), ...)
// makes the translation html_text, then fills its fields with `args`, which are markup already
// (escaped text, <code>, <strong>). The text is marked where it is written (tr, trn), so that
// the catalogs find it.
template <class... Args>
std::string html_format(const char* translated, const Args&... args) {
    return fmt::format(fmt::runtime(html_text(translated)), args...);
}

// From the doctype to the opening <body>: the title, the style sheet and the category colours.
std::string html_head(std::string_view title);
// The footer with the disclaimer, then </body></html>.
std::string html_footer();
// "What each phase is": per phase of each segment, in plan order, its dates, the protocol's
// description and what to expect; empty when the protocol gives neither for any phase.
std::string phases_section(const agenda& plan);
// The comparison page's content between head and footer: overview, shared-axis timeline and the
// lengths of each plan.
std::string comparison_body(const std::vector<std::pair<std::string, schedule>>& labelled);

}  // namespace ttplan::detail
