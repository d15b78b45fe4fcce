#include "span_marks.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

namespace ttplan::detail {

namespace {

// h, l and o are left out: beside day numbers they read as H, 1 and 0.
constexpr std::string_view therapy_keys = "abcdefgijkmnpqrstuvwxyz";

}  // namespace

span_marks::span_marks(const schedule& s) : s_(s) {
    const auto& spans = s.spans();
    of_span_.resize(spans.size());
    const bool any_stay = std::any_of(spans.begin(), spans.end(),
                                      [](const span& t) { return t.category == category::hospital_stay; });
    if (any_stay) marks_.push_back(span_mark{'H', true, category::hospital_stay, {}});
    std::map<std::pair<std::string_view, category>, std::size_t> therapies;
    std::size_t overflow = 0;  // index of the '*' mark, once there is one
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const span& t = spans[i];
        std::size_t m = 0;
        if (t.category == category::hospital_stay) {
            m = 0;
        } else if (const auto it = therapies.find({t.activity, t.category}); it != therapies.end()) {
            m = it->second;
        } else {
            const std::size_t letters = therapies.size();
            if (letters < therapy_keys.size()) {
                m = marks_.size();
                marks_.push_back(span_mark{therapy_keys[letters], false, t.category, {}});
            } else {
                if (overflow == 0) {
                    overflow = marks_.size();
                    marks_.push_back(span_mark{'*', false, t.category, {}});
                }
                m = overflow;
            }
            therapies.emplace(std::pair<std::string_view, category>{t.activity, t.category}, m);
        }
        auto& names = marks_[m].activities;
        if (std::find(names.begin(), names.end(), std::string_view(t.activity)) == names.end())
            names.push_back(t.activity);
        of_span_[i] = m;
    }
}

std::vector<std::vector<marked_day>> span_marks::days(day_point first, day_point last) {
    const auto& spans = s_.spans();
    std::erase_if(open_, [&](std::size_t i) { return spans[i].last < first; });
    // Spans come sorted by their first day.
    for (; next_ < spans.size() && spans[next_].first <= last; ++next_) {
        if (spans[next_].last >= first) open_.push_back(next_);
    }
    std::vector<std::vector<marked_day>> out(static_cast<std::size_t>((last - first).count() + 1));
    for (const std::size_t i : open_) {
        const span& t = spans[i];
        const span_mark* mark = &marks_[of_span_[i]];
        for (day_point d = std::max(first, t.first); d <= std::min(last, t.last); d += date::days{1}) {
            auto& day = out[static_cast<std::size_t>((d - first).count())];
            auto it =
                std::find_if(day.begin(), day.end(), [&](const marked_day& m) { return m.mark == mark; });
            if (it == day.end()) it = day.insert(day.end(), marked_day{mark, &t});
            it->starts = it->starts || t.first == d;
            it->ends = it->ends || t.last == d;
            it->tentative = it->tentative || t.tentative;
        }
    }
    for (auto& day : out) {
        std::sort(day.begin(), day.end(),
                  [](const marked_day& a, const marked_day& b) { return a.mark < b.mark; });
    }
    return out;
}

}  // namespace ttplan::detail
