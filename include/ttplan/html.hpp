// The standalone HTML page: a timeline picture, lengths, and month-by-month calendars.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <string>
#include <utility>
#include <vector>

namespace TTPLAN_API ttplan {

// One self-contained HTML5 document (polyglot: it also parses as XML) with no external
// resources: title, protocol, parameters and disclaimer; an inline SVG timeline whose bar
// lengths are proportional to calendar time; a summary of lengths; and a Monday-first calendar
// for every month from the start to the end, listing each treatment day's activities and
// marking every day of a hospital stay or continuous therapy (with a key above the months).
// Every protocol-supplied text is escaped. Deterministic: equal schedules give equal bytes.
std::string to_html(const schedule& s, const render_options& options = {});

// Several plans (variants of one protocol, or different protocols) on one shared time axis,
// each under its label, followed by a table comparing their lengths. No month calendars.
std::string to_html_comparison(const std::vector<std::pair<std::string, schedule>>& labelled);

}  // namespace ttplan
