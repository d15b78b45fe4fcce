// CSV output (RFC 4180) for spreadsheets and import into scheduling software.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <string>

namespace TTPLAN_API ttplan {

// The schedule as CSV: CRLF line ends, a header row, UTF-8 without a byte order mark.
// Returns, for options.csv == csv_rows::events, one row per dated event:
//   date,weekday,phase,phase_name,cycle,day,activity,category,tentative,protocol
// and for csv_rows::phases one row per phase occurrence, then one per span:
//   kind,id_or_activity,name,cycle,start,end,days,category,tentative,protocol
// (kind "phase": phase id, phase name, category empty; kind "span": activity, the name of
// the phase it belongs to or empty for a protocol-wide track, its category). protocol is the
// id of the protocol the row belongs to: a continued plan may have the same phase id in two.
// Remarks: dates are YYYY-MM-DD, cycle is empty when the phase does not repeat, tentative is
// "true" or "false". Text cells (weekday, phase, phase_name, activity, category, kind,
// id_or_activity, name, protocol) that begin with '=', '+', '-', '@', tab or CR get a leading "'" so a
// spreadsheet shows them as text instead of running them as formulas; numeric cells (cycle,
// day, days) are never altered, so Day -7 stays the number -7. A cell containing a comma,
// semicolon, double quote, CR or LF is quoted, with quotes doubled.
// Identical inputs give identical bytes.
std::string to_csv(const schedule& s, const render_options& options = {});

}  // namespace ttplan
