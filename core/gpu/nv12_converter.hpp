// RGBA -> NV12 on the GPU (BT.709, limited range), and an asynchronous readback ring so the
// render thread never waits for the GPU.
#pragma once

#include <memory>
#include <vector>

#include "core/gpu/gl_objects.hpp"
// ReadbackRing lives in its own file; included here so users of the converter get both.
#include "core/gpu/readback_ring.hpp"

namespace lm {

/// One render pass writing the NV12 planes' bytes directly. Values:
///   Y  = 16  + 219 * (0.2126 R + 0.7152 G + 0.0722 B)
///   Cb = 128 + 224 * (B - Y') / 1.8556,   Cr = 128 + 224 * (R - Y') / 1.5748
/// on gamma-encoded (non-linear) R, G, B in 0..1; each chroma sample is the average of its 2x2
/// block. Each fragment converts a 4x2 block of pixels: it fetches the eight once and writes
/// three colour attachments of framebuffer(), all RGBA8, packed_width() = ceil(width / 4)
/// texels wide and height / 2 rows, row 0 = top:
///   kLumaEven: row r holds Y of picture row 2r, pixels 4x .. 4x+3 in R, G, B, A;
///   kLumaOdd:  the same for picture row 2r + 1;
///   kChroma:   texel x holds Cb, Cr of chroma sample 2x, then of 2x+1.
/// Reading kLumaEven and kLumaOdd with a pack row length of two rows interleaves them into
/// the Y plane; kChroma read as is gives the CbCr plane (rows padded to a multiple of 4 bytes
/// when the width is not one). Fetching each pixel once and writing four bytes per output
/// makes the conversion far cheaper on llvmpipe than per-plane passes (docs/performance.md).
class Nv12Converter {
public:
    enum Attachment : int { kLumaEven = 0, kLumaOdd = 1, kChroma = 2 };

    Nv12Converter(int width, int height);  ///< width, height even; GL context current
    ~Nv12Converter();
    Nv12Converter(const Nv12Converter&) = delete;
    Nv12Converter& operator=(const Nv12Converter&) = delete;

    /// Converts `rgba` (width x height) into the three attachments.
    void convert(const GlTexture& rgba);

    /// The framebuffer holding the attachments above. Valid until the next convert().
    GLuint framebuffer() const { return fbo_; }
    int packed_width() const { return (width_ + 3) / 4; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    int width_;
    int height_;
    std::vector<GlTexture> planes_;  // indexed by Attachment
    GLuint fbo_ = 0;
    std::unique_ptr<GlProgram> program_;
    GLuint vao_ = 0;
};

}  // namespace lm
