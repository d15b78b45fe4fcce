// Markdown output (CommonMark with GitHub tables) for handouts and course material.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <string>

namespace TTPLAN_API ttplan {

// The schedule as a Markdown document: title, protocol, parameters, start, end and length in
// words, the disclaimer; a table of phase occurrences; a table of continuous therapy; one
// table of dated events per phase occurrence (activities of one date share a cell).
// Remarks: text from the protocol is inert: newlines and other control characters become
// spaces, '<', '>' and '&' become HTML entities, and Markdown punctuation (\ ` * _ [ ] | ~ #)
// is backslash-escaped, so names never open tags, links, emphasis or new table cells.
std::string to_markdown(const schedule& s, const render_options& options = {});

}  // namespace ttplan
