// RGBA -> NV12 on the GPU (BT.709, limited range), and an asynchronous readback ring so the
// render thread never waits for the GPU.
#pragma once

#include <memory>

#include "core/gpu/gl_objects.hpp"
// ReadbackRing lives in its own file; included here so users of the converter get both.
#include "core/gpu/readback_ring.hpp"

namespace lm {

/// Two render passes whose targets hold the NV12 planes' bytes directly. Values:
///   Y  = 16  + 219 * (0.2126 R + 0.7152 G + 0.0722 B)
///   Cb = 128 + 224 * (B - Y') / 1.8556,   Cr = 128 + 224 * (R - Y') / 1.5748
/// on gamma-encoded (non-linear) R, G, B in 0..1; each chroma sample is the average of its 2x2
/// block. Both targets are RGBA8, ceil(width / 4) texels wide, with row 0 = top:
///   luma():   height rows; texel x holds Y of pixels 4x .. 4x+3 in R, G, B, A.
///   chroma(): height / 2 rows; texel x holds Cb, Cr of chroma sample 2x, then of 2x+1.
/// So reading either as GL_RGBA bytes gives the plane's rows, padded to a multiple of 4 bytes
/// when the width is not one. (Four samples per fragment rather than one R8/RG8 sample makes
/// the conversion about twice as fast on llvmpipe; see docs/performance.md.)
class Nv12Converter {
public:
    Nv12Converter(int width, int height);  ///< width, height even; GL context current
    ~Nv12Converter();
    Nv12Converter(const Nv12Converter&) = delete;
    Nv12Converter& operator=(const Nv12Converter&) = delete;

    /// Renders `rgba` (width x height) into the luma and chroma targets.
    void convert(const GlTexture& rgba);

    /// The packed planes described above (GL_RGBA8). Valid until the next convert().
    const RenderTarget& luma() const { return *luma_; }
    const RenderTarget& chroma() const { return *chroma_; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    int width_;
    int height_;
    std::unique_ptr<RenderTarget> luma_;
    std::unique_ptr<RenderTarget> chroma_;
    std::unique_ptr<GlProgram> luma_program_;
    std::unique_ptr<GlProgram> chroma_program_;
    GLuint vao_ = 0;
};

}  // namespace lm
