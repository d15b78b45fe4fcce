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
// ("8CI"); a "+" stands for further kinds. Every day of a hospital stay or continuous therapy
// is marked on a line under its week: "H" in hospital, a lower-case letter per continuous
// therapy ("Ha"), "+" past four; the header has a key to them. Names are made printable as in
// every terminal format (line breaks become spaces; see printable_line in <ttplan/text.hpp>).
std::string to_month_calendar(const schedule& s);

}  // namespace ttplan
