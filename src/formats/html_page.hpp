// The parts HTML pages are built from, shared by the plan page, the comparison page and
// `ttplan compare`'s page. Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include "agenda.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ttplan::detail {

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
