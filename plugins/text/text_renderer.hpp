// Lays out and draws text with Pango and Cairo into a CPU picture: font fallback, shaping,
// bidirectional text, CJK and colour emoji come from Pango, fontconfig and cairo. Slow (a
// millisecond to tens of them): never call it on the video or audio thread.
#pragma once

#include <string>
#include <string_view>

#include "core/media/video_frame.hpp"
#include "plugins/text/text_settings.hpp"

typedef struct _PangoFontMap PangoFontMap;
typedef struct _PangoContext PangoContext;

namespace lm {

struct RenderedText {
    /// Premultiplied RGBA, exactly the size of the text with its outline, shadow and padding;
    /// null when there is nothing to draw (empty text).
    VideoFramePtr frame;
    int unknown_glyphs = 0;  ///< characters no installed font has (drawn as boxes)
    bool clipped = false;    ///< the picture would pass kMaxTextSidePx and was cut there
    int full_width = 0;      ///< size before clipping
    int full_height = 0;
};

/// One renderer per source: it owns its own Pango font map, so sources never share mutable
/// Pango state. Not thread-safe: the owner serialises calls.
class TextRenderer {
public:
    TextRenderer();
    ~TextRenderer();
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    /// Whether fontconfig has any family of the Pango family list `families` ("DejaVu Sans",
    /// "Foo, Serif"): by any of a font's names, ignoring case, generic names included.
    bool has_family(std::string_view families) const;

    /// Draws `text` (valid UTF-8) in `style`, with the font family list `families` instead of
    /// style.font_family (the caller has chosen a fallback when that one is missing).
    RenderedText render(const TextStyle& style, std::string_view families, std::string_view text);

private:
    PangoFontMap* font_map_;
    PangoContext* context_;
};

}  // namespace lm
