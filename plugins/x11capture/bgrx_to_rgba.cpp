#include "plugins/x11capture/bgrx_to_rgba.hpp"

#include <cstddef>
#include <cstring>

namespace lm {
namespace {

// Whole 32-bit words with shifts and masks, a form the compiler vectorises (see
// CMakeLists.txt) into four or more pixels per instruction.
void convert_row(const uint8_t* __restrict src, uint8_t* __restrict dst, int width) {
    for (int i = 0; i < width; ++i) {
        uint32_t bgrx;
        std::memcpy(&bgrx, src + 4 * i, 4);
        // In memory B G R X is the word 0xXXRRGGBB; R G B A is 0xAABBGGRR.
        const uint32_t rgba =
            ((bgrx >> 16) & 0xFFu) | (bgrx & 0xFF00u) | ((bgrx & 0xFFu) << 16) | 0xFF000000u;
        std::memcpy(dst + 4 * i, &rgba, 4);
    }
}

}  // namespace

void bgrx_to_rgba(const uint8_t* bgrx, int bgrx_stride, uint8_t* rgba, int rgba_stride, int width,
                  int height) {
    for (int y = 0; y < height; ++y)
        convert_row(bgrx + std::ptrdiff_t(y) * bgrx_stride, rgba + std::ptrdiff_t(y) * rgba_stride,
                    width);
}

}  // namespace lm
