// The SVG timeline shared by the HTML document and the comparison page. Private to the library.
#pragma once

#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include "agenda.hpp"
#include "category_style.hpp"
#include "markup_escape.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// One block of lanes on the shared time axis: a plan's agenda, built once by the caller.
struct timeline_group {
    std::string label;  // shown as a heading row; empty for a single schedule
    const agenda* plan = nullptr;
};

// The timeline picture: month and year axis spanning every group, one lane per phase id
// (cycles side by side), one lane per continuous therapy, event ticks, and a legend.
// `id` becomes the svg element's id (and prefixes pattern ids, so two pictures can share a page).
std::string svg_timeline(const std::vector<timeline_group>& groups, std::string_view id);

// The same picture with its size in SVG user units, for documents that place it: the SVG file
// and the printed page draw this one picture, translated and scaled, never a second drawing.
struct timeline_picture {
    std::string markup;  // the <svg> element svg_timeline returns
    double width = 0;
    double height = 0;
};
timeline_picture draw_timeline(const std::vector<timeline_group>& groups, std::string_view id);

// A coordinate as the timeline writes them: at most two decimals, no trailing zeros.
std::string svg_number(double v);

}  // namespace ttplan::detail
