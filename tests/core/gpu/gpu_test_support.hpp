// Helpers shared by the GPU tests: reference BT.709 values computed from the formulas, solid
// and patterned RGBA images, and reading a render target back to the CPU.
#pragma once

#include <epoxy/gl.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "core/gpu/gl_objects.hpp"

namespace lm::test {

struct Rgb8 {
    uint8_t r = 0;
    uint8_t g = 0;
    uint8_t b = 0;
};

/// BT.709 limited range, straight from the definition (R, G, B gamma-encoded in 0..1).
struct YCbCr {
    double y = 0;
    double cb = 0;
    double cr = 0;
};

inline YCbCr bt709_limited(double r, double g, double b) {
    const double luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return {16.0 + 219.0 * luma, 128.0 + 224.0 * (b - luma) / 1.8556,
            128.0 + 224.0 * (r - luma) / 1.5748};
}

inline YCbCr bt709_limited(Rgb8 c) {
    return bt709_limited(c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

/// Tightly packed RGBA8, row 0 = top; `colour_at(x, y)` gives each pixel (alpha 255).
inline std::vector<uint8_t> make_rgba(int width, int height,
                                      const std::function<Rgb8(int, int)>& colour_at) {
    std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * 4);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const Rgb8 c = colour_at(x, y);
            uint8_t* p = &pixels[(static_cast<size_t>(y) * width + x) * 4];
            p[0] = c.r;
            p[1] = c.g;
            p[2] = c.b;
            p[3] = 255;
        }
    }
    return pixels;
}

/// Reads an RGBA8 render target synchronously (row 0 of the result = first row GL returns).
inline std::vector<uint8_t> read_rgba(const RenderTarget& target) {
    std::vector<uint8_t> pixels(static_cast<size_t>(target.width()) * target.height() * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, target.framebuffer());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, target.width(), target.height(), GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    return pixels;
}

/// The RGBA of pixel (x, y) in a buffer from read_rgba().
inline const uint8_t* pixel_at(const std::vector<uint8_t>& rgba, int width, int x, int y) {
    return &rgba[(static_cast<size_t>(y) * width + x) * 4];
}

}  // namespace lm::test
