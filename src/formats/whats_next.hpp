// "What's next" on a given day: where the plan stands (before it, in which phase and day, or
// after it), the next treatment days, the next hospital stay and the next decision. Built once
// from the agenda and written by the text, Markdown and HTML formats; plain text, each format
// escapes what it writes. The library never reads the clock: the caller gives the day
// (render_options::today). Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include "agenda.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ttplan::detail {

// How many dates with treatment "What's next" lists.
inline constexpr std::size_t next_days_shown = 3;

struct whats_next {
    enum class stage : std::uint8_t { before, during, after };

    day_point today;
    stage when = stage::during;
    // One line saying where the plan stands: "Treatment starts in 27 days, on Mon 4 Jan 2027.",
    // "Today is Day 8 of Induction.", "The plan ended on Sun 2 Jan 2029."
    std::string where;
    // During the plan: continuous therapy running today ("Dexamethasone, until Sun 31 Jan 2027").
    std::vector<std::string> running;
    // The next dates with dated activities from today on (at most next_days_shown):
    // "Mon 11 Jan 2027 (in 4 days), Induction Day 8: Vincristine (Chemotherapy); ..."
    std::vector<std::string> next_days;
    // The hospital stay under way or next: "In hospital now, until Sun 10 Jan 2027 (Induction)";
    // empty when none is planned from today on.
    std::string next_stay;
    // The next decision from today on, and decisions still pending from before today.
    std::vector<std::string> decisions;
};

// Where the plan stands on `today` and what comes next.
whats_next make_whats_next(const agenda& plan, day_point today);

// "Mon 4 Jan 2027 (today)", "(tomorrow)", "(in 5 days)".
std::string relative_words(day_point date, day_point today);

// The section in each human format; empty when `today` is unset.
std::string whats_next_text(const agenda& plan, const std::optional<day_point>& today);
std::string whats_next_markdown(const agenda& plan, const std::optional<day_point>& today);
std::string whats_next_html(const agenda& plan, const std::optional<day_point>& today);

}  // namespace ttplan::detail
