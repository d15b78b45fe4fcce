// The words every human format shares: dates and month and weekday names (spelled here, never
// taken from a locale, so output is the same on every machine), parameter lists and the phrases
// that say how an item ended. Plain text, never escaped: each format escapes what it writes.
// Private to the library.
#pragma once

#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include "date_names.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// ttplan::disclaimer in the current language: every human format prints it.
const char* safety_line();

// "Mon" ... "Sun" of a date, in the current language (date_names.hpp keeps the English names,
// for input and machine formats).
std::string_view weekday_abbrev(day_point d);
// "Jan" ... "Dec" of month 1..12, in the current language ("ene", "janv.").
std::string_view month_abbrev_words(unsigned month);
// "Mon 4 Jan 2027"
std::string long_date(day_point d);
// "4 Jan 2027"
std::string short_date(day_point d);
// "January 2027"
std::string month_title(date::year_month ym);

// Names are one line in every readable format: line breaks and tabs become spaces, other
// control characters their control pictures and bidirectional controls U+FFFD, so a name can
// neither break a table or grid, send a terminal escape sequence nor reorder the text after
// it; invalid UTF-8 becomes U+FFFD (utf8_text.hpp's one_line_text). The words below that quote
// a protocol's ids (decision and protocol words, ending words) pass them through it.
std::string one_line(std::string_view text);

// "From Mon 4 Jan 2027 to Wed 7 Mar 2029: 2 years, 2 months and 4 days (794 days)": the dates
// and length a plan's text and Markdown open with.
std::string plan_length_words(const schedule& s);

// "Day 8" or "Days 1 to 28".
std::string day_range(std::int32_t first_day, std::int32_t last_day);

// "name=value, name=value" in name order; `assign` goes between name and value, and `clean`
// (an escape or one_line) is applied to each name and value.
using text_filter = std::string (*)(std::string_view);
std::string parameters_text(const typed_values& values, std::string_view assign = "=",
                            text_filter clean = nullptr);

std::string parameters_text(const parameter_values& values);

// "arm=left or right and flag=true"
std::string condition_text(const condition& c);

// "Blinatumomab (blinatumomab)", or only the id when the title is empty or the same.
std::string protocol_words(const segment& seg);

// "Vincristine (Chemotherapy)", but "Hospital stay" rather than "Hospital stay (Hospital stay)".
std::string labelled_activity(std::string_view activity, category kind);

// Times within a day in plain words, "" when there are none: "twice daily at 08:00 and
// 20:00", "every 6 hours", "30-minute infusion", "continuous infusion over 28 days" (a span),
// "42 hours after Methotrexate, at 04:00". `kind` decides whether a duration is an infusion;
// `clean` (an escape) is applied to the activity name an "after" quotes, the only text in them
// that comes from the protocol.
std::string timing_words(const timing& t, category kind, bool continuous, text_filter clean = nullptr);
// " (twice daily)": timing_words in brackets after a name, or "" when there are none.
std::string timing_suffix(const timing& t, category kind, bool continuous, text_filter clean = nullptr);

// How an item that ended early ended, without a leading comma: "stopped early" when the
// treatment record stopped it, "stopped early on switching to blinatumomab" when a switch
// stopped it (`next` is the protocol switched to), otherwise "cut at the end of treatment".
std::string ending_words(ending_reason ending, const segment* next);

// "may be Thu 7 Jan 2027 to Sat 9 Jan 2027": the dates an event's window allows; of a window
// that lists them, "may be Mon 11 Jan 2027 or Mon 18 Jan 2027" (", " between more than two).
std::string window_words(const date_window& w, std::string (*date_text)(day_point) = long_date);
// The dates alone, each written by `date_text`: "7 Jan 2027 to 9 Jan 2027" for a range, "11 Jan
// 2027 or 18 Jan 2027" or "A, B or C" for a list.
std::string window_dates_words(const date_window& w, std::string (*date_text)(day_point) = long_date);

// Where an event's date comes from when it is not the plan's: "moved from Mon 11 Jan 2027"
// (the clinic calendar, or the record's event_moved) or "added" (the record's event_added);
// empty for an event on its planned date.
std::string moved_words(const event& e, std::string (*date_text)(day_point) = long_date);
// "A or B", "A, B or C": alternatives in words.
std::string or_words(const std::vector<std::string>& items);

// "29 days", "1 week", "2 years".
std::string length_words(const length& l);
// "from 1 week to 6 weeks (until counts recover)": an uncertain length; the reason passes
// through one_line.
std::string range_words(const length_range& r);

// How far an item may move with an uncertain length, "" when it cannot: "may start Tue 9 Feb
// 2027 to Tue 16 Mar 2027", "may end Mon 8 Feb 2027 to Mon 15 Mar 2027", or both joined by
// " and ", for a phase occurrence or span (possible_first, possible_last) or, with `last` unset,
// an event or decision ("may be on ... to ...").
std::string possible_words(const std::optional<date_window>& first, const std::optional<date_window>& last);
std::string possible_words(const std::optional<date_window>& date);

// The note every format gives a plan with uncertain lengths (empty when there is none): "Some
// lengths are uncertain (Hyper-CVAD courses: about 3-4 weeks each): this plan uses the expected
// lengths and may end from ... to ...; dates that move with them are tentative."
std::string uncertain_note(const schedule& s);

// Where a decision is taken: "Induction Day 29" (with ", cycle 2" for a repeated phase), the
// phase named as `phase_name` gives it.
std::string decision_place(const decision& d, std::string_view phase_name);

// What a decision says, after its date and place, in the words of its protocol (plain_words.hpp):
// "Response at the end of induction: MRD-positive, decided by bone-marrow MRD" once known, or
// "Response at the end of induction, decided by bone-marrow MRD: not known yet; this plan follows
// MRD-negative; the other possible result is MRD-positive" while pending.
std::string decision_words(const schedule& s, const decision& d);

// The note every format gives a plan with pending decisions (empty when there is none):
// "Dates marked (pending) come after a decision not taken yet (Response at the end of induction on Mon 1 Feb
// 2027) and follow the plan's assumed branch; they change with the decision." Without a
// marker, the same said of "what comes after" the decision.
std::string pending_note(const schedule& s, std::string_view marker);

}  // namespace ttplan::detail
