// The SVG timeline shared by the HTML document and the comparison page. Private to the library.
#pragma once

#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include "markup_escape.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// How a category looks: a colour (the timeline adds a fill pattern) and a code readable without colour.
struct category_style {
    std::string_view colour;  // "#rrggbb", dark enough for white text and for a white page
    std::string_view code;    // two letters, printed wherever colour alone would carry meaning
};
const category_style& style_of(category c);

// "Mon 4 Jan 2027"
std::string long_date(day_point d);

// One block of lanes on the shared time axis.
struct timeline_group {
    std::string label;  // shown as a heading row; empty for a single schedule
    const schedule* plan = nullptr;
};

// The timeline picture: month and year axis spanning every group, one lane per phase id
// (cycles side by side), one lane per continuous therapy, event ticks, and a legend.
// `id` becomes the svg element's id (and prefixes pattern ids, so two pictures can share a page).
std::string svg_timeline(const std::vector<timeline_group>& groups, std::string_view id);

}  // namespace ttplan::detail
