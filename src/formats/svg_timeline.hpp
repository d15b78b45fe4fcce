// The SVG timeline shared by the HTML document and the comparison page. Private to the library.
#pragma once

#include <ttplan/model.hpp>
#include <ttplan/schedule.hpp>

#include "agenda.hpp"
#include "category_style.hpp"
#include "markup_escape.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// One block of lanes on the shared time axis: a plan's agenda, built once by the caller.
struct timeline_group {
    std::string label;  // shown as a heading row; empty for a single schedule
    const agenda* plan = nullptr;
    // Whether each phase and continuous-therapy bar is a link to its first day on the same page
    // (`#` + day_anchor(first)), so that a tap or the keyboard reaches its details.
    bool links = false;
};

// How the picture is laid out. `wide`: labels in a column left of a 1200-unit plot, for desktops
// and print. `narrow`: 320 units wide, each lane's label above its bars and larger text, so that
// on a phone's 288 to 400 CSS pixels every text stays at least 12 pixels tall.
enum class timeline_layout { wide, narrow };

// The id of a day's cell in the month grids ("d-2027-01-04"), which linked bars point at.
std::string day_anchor(day_point d);

// The timeline picture: month and year axis spanning every group, one lane per phase id
// (cycles side by side), one lane per continuous therapy, event ticks, and a legend.
// `id` becomes the svg element's id (and prefixes pattern ids, so two pictures can share a page).
// `today`, set and on the axis: a red line down the lanes on that day, labelled "Today".
std::string svg_timeline(const std::vector<timeline_group>& groups, std::string_view id,
                         timeline_layout layout = timeline_layout::wide,
                         const std::optional<day_point>& today = std::nullopt);

// The same picture with its size in SVG user units, for documents that place it: the SVG file
// and the printed page draw this one picture, translated and scaled, never a second drawing.
struct timeline_picture {
    std::string markup;  // the <svg> element svg_timeline returns
    double width = 0;
    double height = 0;
};
timeline_picture draw_timeline(const std::vector<timeline_group>& groups, std::string_view id,
                               timeline_layout layout = timeline_layout::wide,
                               const std::optional<day_point>& today = std::nullopt);

// A coordinate as the timeline writes them: at most two decimals, no trailing zeros.
std::string svg_number(double v);

}  // namespace ttplan::detail
