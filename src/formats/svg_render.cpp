// librsvg reads the SVG and draws it with cairo onto an image (PNG) or a PDF surface. Both
// write to a string through cairo's stream callbacks, so nothing touches the file system.
#include "svg_render.hpp"

#include <ttplan/error.hpp>

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include <date/date.h>

namespace ttplan::detail {

namespace {

// CSS pixels per inch: what the SVG's px, mm and in mean to librsvg.
constexpr double css_dpi = 96;
// Points per CSS pixel (72 / 96).
constexpr double points_per_px = 0.75;

struct handle_deleter {
    void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
struct surface_deleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct context_deleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using handle_ptr = std::unique_ptr<RsvgHandle, handle_deleter>;
using surface_ptr = std::unique_ptr<cairo_surface_t, surface_deleter>;
using context_ptr = std::unique_ptr<cairo_t, context_deleter>;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct loaded {
    handle_ptr handle;
    double width = 0;  // CSS pixels
    double height = 0;
};

loaded load(std::string_view svg) {
    GError* failure = nullptr;
    // The document carries no references outside itself (every url() is a #fragment), and a
    // handle made from data has no base file to resolve one against.
    handle_ptr handle{rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &failure)};
    if (!handle) {
        const std::string why = failure ? failure->message : "unknown reason";
        if (failure) g_error_free(failure);
        throw error("librsvg could not read the SVG picture: " + why);
    }
    rsvg_handle_set_dpi(handle.get(), css_dpi);
    loaded out{std::move(handle), 0, 0};
    if (!rsvg_handle_get_intrinsic_size_in_pixels(out.handle.get(), &out.width, &out.height) || out.width <= 0 ||
        out.height <= 0) {
        throw error("the SVG picture has no size for librsvg to draw");
    }
    return out;
}

void draw(const loaded& picture, cairo_surface_t* surface, double width, double height) {
    const context_ptr cr{cairo_create(surface)};
    const RsvgRectangle viewport{0, 0, width, height};
    GError* failure = nullptr;
    if (!rsvg_handle_render_document(picture.handle.get(), cr.get(), &viewport, &failure)) {
        const std::string why = failure ? failure->message : "unknown reason";
        if (failure) g_error_free(failure);
        throw error("librsvg could not draw the SVG picture: " + why);
    }
    if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS)
        throw error(std::string("cairo could not draw the picture: ") + cairo_status_to_string(status));
}

// "2027-01-04T00:00:00": the form cairo_pdf_surface_set_metadata takes (UTC).
std::string iso_time(std::int64_t seconds) {
    const date::sys_seconds t{std::chrono::seconds{seconds}};
    return date::format("%Y-%m-%dT%H:%M:%S", t);
}

}  // namespace

std::string svg_to_png(std::string_view svg, double scale, double max_height) {
    const loaded picture = load(svg);
    scale = std::min(scale, max_height / picture.height);
    const auto w = static_cast<int>(std::ceil(picture.width * scale));
    const auto h = static_cast<int>(std::ceil(picture.height * scale));
    const surface_ptr surface{cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)};
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        throw error(fmt::format("cairo could not make a {} x {} pixel image: {}", w, h,
                                cairo_status_to_string(status)));
    }
    {
        // Paper white under the picture: a transparent PNG shows black in some viewers.
        const context_ptr cr{cairo_create(surface.get())};
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
    }
    draw(picture, surface.get(), picture.width * scale, picture.height * scale);
    cairo_surface_flush(surface.get());
    std::string out;
    if (const cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), append, &out);
        status != CAIRO_STATUS_SUCCESS) {
        throw error(std::string("cairo could not write the PNG: ") + cairo_status_to_string(status));
    }
    return out;
}

std::string svg_to_pdf(std::string_view svg, std::int64_t created, std::string_view title) {
    const loaded picture = load(svg);
    const double w = picture.width * points_per_px;
    const double h = picture.height * points_per_px;
    std::string out;
    const surface_ptr surface{cairo_pdf_surface_create_for_stream(append, &out, w, h)};
    // cairo dates a PDF by the clock unless told: the plan's own time keeps the bytes the same.
    const std::string when = iso_time(created);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, when.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, when.c_str());
    const std::string title_text(title);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title_text.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "ttplan");
    draw(picture, surface.get(), w, h);
    cairo_surface_finish(surface.get());
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
        throw error(std::string("cairo could not write the PDF: ") + cairo_status_to_string(status));
    return out;
}

}  // namespace ttplan::detail
