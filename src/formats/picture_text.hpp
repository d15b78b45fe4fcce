// What the SVG file and the printed page both write around the timeline: the header lines
// and text wrapped to a width. Private to the library.
#pragma once

#include <ttplan/schedule.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ttplan::detail {

// The fonts every picture names: DejaVu Sans is in Debian's fonts-dejavu-core, which librsvg
// finds through fontconfig; a viewer without it takes its sans-serif.
inline constexpr std::string_view picture_fonts = "'DejaVu Sans', Verdana, sans-serif";

// About how wide DejaVu Sans sets text, in ems per column: a little over its average, so that
// text measured with it stays inside the width it was wrapped to.
inline constexpr double em_per_column = 0.6;

// `text` (one line, unescaped) broken at spaces into lines of at most `width` units at
// `font_size`; a word longer than a line is shortened with "…".
std::vector<std::string> wrap_text(std::string_view text, double width, double font_size);

// `text` shortened to `width` units at `font_size`.
std::string fit_text(std::string_view text, double width, double font_size);

// "Mon 4 Jan 2027 to Tue 1 Feb 2028: 1 year and 1 month (394 calendar days, 98 of them with
// treatment, 40 with a dated activity to attend)", as the HTML page says it, with each protocol a
// continued plan switches to.
std::string dates_line(const schedule& s);
// "Parameters: risk = standard, ...", or "" when the plan has none.
std::string parameters_line(const schedule& s);

// The creation date of a PDF: the timestamp, else the start date at midnight UTC.
std::int64_t picture_time(const schedule& s, const std::optional<std::int64_t>& timestamp);

}  // namespace ttplan::detail
