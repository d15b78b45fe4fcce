// SVG documents drawn by librsvg over cairo into PNG and PDF bytes: the one path every
// picture format takes, so a PNG or a printed page shows what the SVG shows. Private to the
// library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ttplan::detail {

// `svg` at `scale` device pixels per CSS pixel (96 per inch), or smaller where that would make
// it more than `max_height` pixels high, into a PNG with a white background. Throws error when
// librsvg cannot read it or cairo cannot draw it.
std::string svg_to_png(std::string_view svg, double scale, double max_height);

// `svg` into a one-page PDF of its own size (1 CSS pixel = 0.75 point), text kept as text.
// `created` (seconds since 1970) is the creation and modification date; `title` the
// document's title. Throws error as svg_to_png.
std::string svg_to_pdf(std::string_view svg, std::int64_t created, std::string_view title);

}  // namespace ttplan::detail
