#include "core/video/frame_coverage.hpp"

#include <algorithm>

namespace lm {
namespace {

enum class TileKind { empty, mixed, opaque };

/// Judges the pixels of [x0, x1) x [y0, y1): stops reading as soon as it has seen both a
/// see-through and an opaque pixel, since the tile is then mixed whatever follows.
TileKind judge(const uint8_t* rgba, int stride, int x0, int y0, int x1, int y1) {
    bool any_visible = false;
    bool any_see_through = false;
    for (int y = y0; y < y1; ++y) {
        const uint8_t* alpha = rgba + static_cast<size_t>(y) * stride + size_t(x0) * 4 + 3;
        for (int x = x0; x < x1; ++x, alpha += 4) {
            any_visible |= *alpha != 0;
            any_see_through |= *alpha != 255;
        }
        if (any_visible && any_see_through)
            return TileKind::mixed;
    }
    if (!any_visible)
        return TileKind::empty;
    return any_see_through ? TileKind::mixed : TileKind::opaque;
}

}  // namespace

std::vector<CoverageRect> compute_coverage(const uint8_t* rgba, int width, int height, int stride,
                                           CoverageOptions options) {
    std::vector<CoverageRect> rects;
    if (!rgba || width <= 0 || height <= 0)
        return rects;
    const int tile = std::max(1, options.tile);
    const int margin = std::max(0, options.margin);
    const int tiles_x = (width + tile - 1) / tile;

    // Rectangles still growing downwards: those whose bottom is the current tile row's top.
    std::vector<size_t> open;
    std::vector<size_t> next_open;
    for (int top = 0; top < height; top += tile) {
        const int bottom = std::min(top + tile, height);
        next_open.clear();
        int run_start = 0;
        TileKind run_kind = TileKind::empty;
        // One step past the last tile closes the final run.
        for (int tx = 0; tx <= tiles_x; ++tx) {
            TileKind kind = TileKind::empty;
            if (tx < tiles_x) {
                const int left = tx * tile;
                kind =
                    judge(rgba, stride, std::max(0, left - margin), std::max(0, top - margin),
                          std::min(width, left + tile + margin), std::min(height, bottom + margin));
            }
            if (tx > 0 && kind == run_kind)
                continue;
            if (tx > 0 && run_kind != TileKind::empty) {
                const CoverageRect run{run_start, top, std::min(tx * tile, width), bottom,
                                       run_kind == TileKind::opaque};
                // The same columns and kind as a rectangle ending right above: grow it down.
                auto above = std::find_if(open.begin(), open.end(), [&](size_t i) {
                    const CoverageRect& r = rects[i];
                    return r.x0 == run.x0 && r.x1 == run.x1 && r.opaque == run.opaque;
                });
                if (above != open.end()) {
                    rects[*above].y1 = bottom;
                    next_open.push_back(*above);
                } else {
                    rects.push_back(run);
                    next_open.push_back(rects.size() - 1);
                }
            }
            run_start = tx * tile;
            run_kind = kind;
        }
        open.swap(next_open);
    }
    return rects;
}

}  // namespace lm
