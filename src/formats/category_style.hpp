// How each category looks in the human formats: one table, looked up by category. Private to
// the library.
#pragma once

#include <ttplan/model.hpp>

#include <string_view>

namespace ttplan::detail {

struct category_style {
    char letter;              // the month calendar's marker after a day number ("4CI")
    std::string_view code;    // two letters, printed wherever colour alone would carry meaning
    std::string_view colour;  // "#rrggbb", dark enough for white text and for a white page
    std::string_view marks;   // SVG pattern marks drawn in white over the colour (8x8), or ""
};

const category_style& style_of(category c);

}  // namespace ttplan::detail
