// Plain-text descriptions for a person at a terminal: a protocol as `ttplan show` prints it,
// and a schedule's lengths as `ttplan summary` prints them. Unlike the formats (format.hpp),
// these are not files other tools read: the wording may change between versions.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include <string>

namespace TTPLAN_API ttplan {

// Everything a protocol declares, in words.
// Returns: UTF-8 text, every line ending in '\n': the title; "id (version v)"; the summary and
// description when present; then the sections "Parameters" (each with its type, allowed values
// and default), "Phases" (length, day numbering, repeat bounds and the condition it runs
// under), "Dependencies", "Across phases" (only when the protocol has tracks), "Notes" and
// "Sources" (only when present); last, the disclaimer. Sections are separated by a blank
// line, entries are indented by two spaces, and an empty "Parameters" or "Dependencies"
// section reads "(none)".
// Remarks: reads only `p`, which need not be valid (a protocol that fails validation is
// described as it stands, so a reader can see what is wrong). Throws nothing but
// std::bad_alloc.
std::string describe(const protocol& p);

// How long each phase and the whole treatment take.
// Returns: UTF-8 text, every line ending in '\n': the title and id of the main protocol; its
// parameter values as "Parameters: name=value, ..." (left out when it has none); one "Then
// from <date>: <title> (<id>), <reason>" line per protocol the plan continued with; a table
// with one row per phase (name, days, share of the whole treatment, first and last day, and
// the number of cycles when more than one), where a phase of a continued protocol carries
// "[<protocol id>]"; the whole treatment's dates and days, its length in words
// (describe_length) with the longest phase's share, the number of treatment days; last, the
// disclaimer.
// Remarks: dates are "YYYY-MM-DD" and shares are rounded to whole percent, so they need not
// add up to 100. The same figures as values: totals_by_phase() (schedule.hpp) and summarize()
// (compare.hpp). Throws nothing but std::bad_alloc.
std::string summary_text(const schedule& s);

}  // namespace ttplan
