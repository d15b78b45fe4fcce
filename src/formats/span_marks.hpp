// What the month grids (the `calendar` text and the HTML page) mark on every day a span covers:
// hospital stays and continuous therapy. One table for both, so that a letter means the same
// thing on paper and on screen. Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// One mark: 'H' for every hospital stay ("in hospital", whatever the stay is called); a lower-case
// letter per continuous therapy (activity name and category), in the order of their first day,
// skipping h, l and o, which read as H, 1 and 0; '*' for the therapies past the last letter.
struct span_mark {
    char key = '*';
    bool stay = false;
    category kind = category::chemotherapy;
    // The activity names it stands for, in order of first day: one, except for 'H' and '*'.
    std::vector<std::string_view> activities;
};

// A day a mark covers in a month grid.
struct marked_day {
    const span_mark* mark = nullptr;
    const span* first_span = nullptr;  // the first span of the mark covering the day
    bool starts = false;               // a span of the mark begins that day
    bool ends = false;                 // a span of the mark ends that day
    bool tentative = false;            // a span of the mark covering the day is tentative
};

class span_marks {
public:
    // The schedule must outlive this table.
    explicit span_marks(const schedule& s);

    // Every mark the plan uses, 'H' first, then in key order.
    const std::vector<span_mark>& marks() const noexcept { return marks_; }
    const span_mark& of(const span& t) const { return marks_[of_span_[index(t)]]; }

    // For each day from `first` to `last`, the marks covering it, in key order, each once.
    // Calls come month after month (each `first` after the previous call's `last`), so the
    // work is the days shown plus the spans that touch them, however long the plan.
    std::vector<std::vector<marked_day>> days(day_point first, day_point last);

private:
    std::size_t index(const span& t) const { return static_cast<std::size_t>(&t - s_.spans().data()); }

    const schedule& s_;
    std::vector<span_mark> marks_;
    std::vector<std::size_t> of_span_;  // mark index by span index
    std::size_t next_ = 0;              // the first span no call has reached yet
    std::vector<std::size_t> open_;     // spans begun before, perhaps still running
};

}  // namespace ttplan::detail
