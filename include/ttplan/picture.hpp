// Pictures of a plan: the timeline as a standalone SVG document, as PNG and PDF drawn from that
// SVG by librsvg over cairo, and the one-page summary for paper. All are deterministic: equal
// schedules and options give equal bytes.
#pragma once

#include <ttplan/export.hpp>
#include <ttplan/format.hpp>
#include <ttplan/schedule.hpp>

#include <string>
#include <string_view>

namespace TTPLAN_API ttplan {

// "a4" or "letter" (ASCII case ignored). Throws value_error located at option "paper" listing
// both otherwise.
paper_size parse_paper(std::string_view text);
// "landscape" or "portrait" (ASCII case ignored). Throws value_error located at option
// "orientation" listing both otherwise.
paper_orientation parse_orientation(std::string_view text);
std::string_view to_string(paper_size p);
std::string_view to_string(paper_orientation o);

// The timeline as one SVG 1.1 document: an XML declaration, width, height and viewBox in CSS
// pixels (1200 wide), a <title> and <desc>, its style sheet inside, the protocol title, the
// dates and parameters, the disclaimer, the timeline the HTML page shows inline and its legend.
// No external resources; fonts named are DejaVu Sans (Debian: fonts-dejavu-core), then sans-serif.
std::string to_svg(const schedule& s);

// to_svg drawn by librsvg into a PNG (a white background) at twice its size in CSS
// pixels (2400 pixels wide, 192 dots per inch), or less when the height would pass 16384 pixels;
// 8-bit RGB (cairo leaves out the alpha channel of an opaque picture).
std::string to_png(const schedule& s);

// to_svg drawn into a one-page vector PDF, 0.75 points per CSS pixel (the CSS inch). Its
// creation date is options.timestamp (default: the start date at midnight UTC), its title the
// protocol's.
std::string to_pdf(const schedule& s, const render_options& options = {});

// The one-page summary for paper as the SVG of the sheet (width and height in mm or inches,
// viewBox in points): title, dates, parameters, the disclaimer, the timeline scaled to the
// sheet, a table of phases with their dates and the key dates (hospital stays, decisions).
// Long plans are condensed (smaller type, then "and N more" rows) so that it is one sheet.
std::string page_svg(const schedule& s, paper_size paper = paper_size::a4,
                     paper_orientation orientation = paper_orientation::landscape);

// page_svg drawn into a PDF of exactly one page of that paper size (A4 595.28 x 841.89
// points, Letter 612 x 792, turned as asked). Creation date as to_pdf.
std::string to_page(const schedule& s, const render_options& options = {});

}  // namespace ttplan
