#include "plugins/text/text_renderer.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace lm {
namespace {

struct GObjectUnref {
    void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct CairoDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
    void operator()(cairo_pattern_t* pattern) const { cairo_pattern_destroy(pattern); }
};
template <typename T>
using CairoPtr = std::unique_ptr<T, CairoDestroy>;

struct FontDescriptionFree {
    void operator()(PangoFontDescription* description) const {
        pango_font_description_free(description);
    }
};

/// A rectangle as edges, in pixels, for unions and margins.
struct Box {
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
};

Box box_of(const PangoRectangle& r) {
    return {r.x, r.y, r.x + r.width, r.y + r.height};
}

Box unite(const Box& a, const Box& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

Box grow(const Box& box, int by) {
    return {box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by};
}

Box shift(const Box& box, int by) {
    return {box.x0 + by, box.y0 + by, box.x1 + by, box.y1 + by};
}

void set_source_argb(cairo_t* cr, uint32_t argb) {
    cairo_set_source_rgba(cr, ((argb >> 16) & 0xFF) / 255.0, ((argb >> 8) & 0xFF) / 255.0,
                          (argb & 0xFF) / 255.0, ((argb >> 24) & 0xFF) / 255.0);
}

bool same_name(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return g_ascii_tolower(x) == g_ascii_tolower(y); });
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && g_ascii_isspace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && g_ascii_isspace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Fontconfig matches a family by every name a font carries (文泉驿微米黑 as well as WenQuanYi
// Micro Hei), which Pango's family list does not show.
bool fontconfig_has_family(const std::string& family) {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcObjectSet* objects = FcObjectSetBuild(FC_FAMILY, nullptr);
    FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
    const bool found = fonts && fonts->nfont > 0;
    if (fonts)
        FcFontSetDestroy(fonts);
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    return found;
}

PangoAlignment pango_alignment(TextAlign align) {
    switch (align) {
        case TextAlign::center:
            return PANGO_ALIGN_CENTER;
        case TextAlign::right:
            return PANGO_ALIGN_RIGHT;
        case TextAlign::left:
            break;
    }
    return PANGO_ALIGN_LEFT;
}

GObjectPtr<PangoLayout> make_layout(PangoContext* context, const TextStyle& style,
                                    std::string_view families, int wrap_width_px) {
    GObjectPtr<PangoLayout> layout(pango_layout_new(context));
    std::unique_ptr<PangoFontDescription, FontDescriptionFree> font(pango_font_description_new());
    pango_font_description_set_family(font.get(), std::string(families).c_str());
    pango_font_description_set_absolute_size(font.get(), double(style.size_px) * PANGO_SCALE);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font.get(),
                                     style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    // With auto_dir on, Pango swaps left and right for right-to-left paragraphs; creators pick
    // a side of the picture. The context's weak base direction still lets the bidi algorithm
    // find each paragraph's own direction, so Hebrew and Arabic punctuation lands right.
    pango_layout_set_auto_dir(layout.get(), FALSE);
    pango_layout_set_alignment(layout.get(), pango_alignment(style.align));
    if (wrap_width_px > 0) {
        pango_layout_set_width(layout.get(), wrap_width_px * PANGO_SCALE);
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    return layout;
}

// Draws the glyphs (with their outline) into a group and returns it, so the shadow can use
// the whole silhouette, colour emoji included, as its mask.
CairoPtr<cairo_pattern_t> draw_text_group(cairo_t* cr, PangoLayout* layout, const TextStyle& style,
                                          double x, double y) {
    cairo_push_group(cr);
    cairo_translate(cr, x, y);
    if (style.outline) {
        pango_cairo_layout_path(cr, layout);
        cairo_set_line_width(cr, 2.0 * style.outline_width_px);  // half of it lies inside
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        set_source_argb(cr, style.outline_color);
        cairo_stroke(cr);
        // Replace the inner half of the stroke, so a translucent fill does not show it.
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    }
    cairo_move_to(cr, 0, 0);
    set_source_argb(cr, style.color);
    pango_cairo_show_layout(cr, layout);
    return CairoPtr<cairo_pattern_t>(cairo_pop_group(cr));
}

// Cairo keeps premultiplied ARGB in native-endian 32-bit words (BGRA bytes on x86).
VideoFramePtr to_rgba(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, width, height);
    for (int y = 0; y < height; ++y) {
        const auto* in = reinterpret_cast<const uint32_t*>(data + std::ptrdiff_t(y) * stride);
        uint8_t* out = frame->data(0) + std::ptrdiff_t(y) * frame->stride(0);
        for (int x = 0; x < width; ++x) {
            const uint32_t argb = in[x];
            out[4 * x + 0] = uint8_t(argb >> 16);
            out[4 * x + 1] = uint8_t(argb >> 8);
            out[4 * x + 2] = uint8_t(argb);
            out[4 * x + 3] = uint8_t(argb >> 24);
        }
    }
    return frame;
}

}  // namespace

TextRenderer::TextRenderer()
    : font_map_(pango_cairo_font_map_new()), context_(pango_font_map_create_context(font_map_)) {
    // Grey antialiasing (subpixel colour fringes would show on a video) and unhinted metrics,
    // so the layout does not depend on the hinting a desktop happens to configure.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
}

TextRenderer::~TextRenderer() {
    g_object_unref(context_);
    g_object_unref(font_map_);
}

bool TextRenderer::has_family(std::string_view families) const {
    PangoFontFamily** listed = nullptr;
    int count = 0;
    // Pango's list adds the generic names ("Sans", "Monospace") fontconfig resolves itself.
    pango_font_map_list_families(font_map_, &listed, &count);
    bool found = false;
    std::size_t start = 0;
    while (!found && start <= families.size()) {
        const std::size_t comma = std::min(families.find(',', start), families.size());
        const std::string_view family = trimmed(families.substr(start, comma - start));
        start = comma + 1;
        if (family.empty())
            continue;
        for (int i = 0; i < count && !found; ++i)
            found = same_name(family, pango_font_family_get_name(listed[i]));
        found = found || fontconfig_has_family(std::string(family));
    }
    g_free(listed);
    return found;
}

RenderedText TextRenderer::render(const TextStyle& style, std::string_view families,
                                  std::string_view text) {
    RenderedText result;
    if (text.empty())
        return result;
    const int outline = style.outline ? style.outline_width_px : 0;
    const int shadow = style.shadow ? style.shadow_offset_px : 0;
    const int padding = style.padding_px;
    // Wrapping fixes the picture's width: the text gets what padding, outline and shadow
    // leave of it.
    const int wrap_width =
        style.wrap ? std::max(1, style.wrap_width_px - 2 * (padding + outline) - std::abs(shadow))
                   : 0;
    GObjectPtr<PangoLayout> layout = make_layout(context_, style, families, wrap_width);
    pango_layout_set_text(layout.get(), text.data(), int(text.size()));
    result.unknown_glyphs = pango_layout_get_unknown_glyphs_count(layout.get());

    PangoRectangle ink;
    PangoRectangle logical;
    pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
    // The logical box keeps the line height steady; ink can reach past it (italic overhang,
    // tall emoji).
    Box content = box_of(logical);
    if (ink.width > 0 && ink.height > 0)
        content = unite(content, box_of(ink));
    if (style.wrap) {
        content.x0 = 0;
        content.x1 = wrap_width;
    }
    const Box text_box = grow(content, outline);
    const Box all = style.shadow ? unite(text_box, shift(text_box, shadow)) : text_box;
    result.full_width = all.width() + 2 * padding;
    result.full_height = all.height() + 2 * padding;
    const int width = std::min(result.full_width, kMaxTextSidePx);
    const int height = std::min(result.full_height, kMaxTextSidePx);
    result.clipped = width < result.full_width || height < result.full_height;
    if (width <= 0 || height <= 0)
        return result;

    CairoPtr<cairo_surface_t> surface(
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return result;
    CairoPtr<cairo_t> cr(cairo_create(surface.get()));
    set_source_argb(cr.get(), style.background_color);
    cairo_paint(cr.get());
    CairoPtr<cairo_pattern_t> glyphs =
        draw_text_group(cr.get(), layout.get(), style, padding - all.x0, padding - all.y0);
    if (style.shadow) {
        cairo_save(cr.get());
        cairo_translate(cr.get(), shadow, shadow);
        set_source_argb(cr.get(), style.shadow_color);
        cairo_mask(cr.get(), glyphs.get());
        cairo_restore(cr.get());
    }
    cairo_set_source(cr.get(), glyphs.get());
    cairo_paint(cr.get());
    result.frame = to_rgba(surface.get());
    return result;
}

}  // namespace lm
