// Month calendars in plain text, like cal(1): an overview a family can pin to the fridge.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/schedule.hpp>

#include <string>

namespace TTPLAN_API ttplan {

// Month grids from the start month to the end month, two months side by side, weeks from
// Monday, at most 80 columns wide, plain text (no colour or escape sequences).
// Returns: a header (title, protocol, dates, length in words, disclaimer), a legend, then per
// pair of months the grids and, under them, which phase occurrences and continuous therapy
// run in each month ("Induction from 4 Jan; Consolidation 8-28 Feb (tentative)").
// Remarks: a day with dated activities shows up to two category letters after its number
// ("8CI"); a "+" stands for further kinds. Control characters in names become spaces.
std::string to_month_calendar(const schedule& s);

}  // namespace ttplan
