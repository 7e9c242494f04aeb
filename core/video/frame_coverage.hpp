// Which parts of an RGBA picture are see-through, opaque or in between, so FramePainter draws
// only what shows and draws the opaque parts without blending.
//
// Why: a software rasteriser (Mesa llvmpipe, what runs where there is no GPU) pays for every
// pixel a quad covers, and more for every pixel it blends. The usual overlay is a full-canvas
// PNG that is transparent but for a lower third and a logo; drawn whole, it costs a full-frame
// blend each frame. Drawn as its covered tiles, it costs a fifth of that, and a GPU saves the
// same fill rate.
#pragma once

#include <cstdint>
#include <vector>

namespace lm {

/// A rectangle of the picture, in its pixels (x1, y1 exclusive).
struct CoverageRect {
    int x0 = 0;
    int y0 = 0;
    int x1 = 0;
    int y1 = 0;
    bool opaque = false;  ///< every pixel of it (and of a margin around it) has alpha 255

    friend bool operator==(const CoverageRect&, const CoverageRect&) = default;
};

struct CoverageOptions {
    int tile = 64;  ///< the grid the picture is judged on, in pixels
    /// Pixels around a tile that are judged with it. Bilinear sampling of a scaled picture
    /// reads the texels beside the one a pixel lands on, so a tile next to a visible one is
    /// not truly empty at its border, nor a tile next to a see-through one truly opaque.
    int margin = 2;
};

/// The parts of `rgba` (straight or premultiplied alpha in byte 3 of each pixel; rows
/// `stride` bytes apart) that are not wholly transparent, as few rectangles as the tile grid
/// allows: adjacent tiles of the same kind are merged along rows, then equal row runs down.
/// An opaque picture gives one opaque rectangle, a transparent one none.
std::vector<CoverageRect> compute_coverage(const uint8_t* rgba, int width, int height, int stride,
                                           CoverageOptions options = {});

}  // namespace lm
