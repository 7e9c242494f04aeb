#include "plugins/pipewire_capture/rgbx_to_rgba.hpp"

#include <cstddef>
#include <cstring>

namespace lm {
namespace {

constexpr uint32_t kOpaque = 0xFF000000u;

// Whole little-endian words with masks, a form GCC vectorises (see CMakeLists.txt).
void opaque_row(const uint8_t* __restrict src, uint8_t* __restrict dst, int width) {
    for (int i = 0; i < width; ++i) {
        uint32_t word;
        std::memcpy(&word, src + 4 * i, 4);
        word |= kOpaque;
        std::memcpy(dst + 4 * i, &word, 4);
    }
}

void swapped_opaque_row(const uint8_t* __restrict src, uint8_t* __restrict dst, int width) {
    for (int i = 0; i < width; ++i) {
        uint32_t word;  // B G R x in memory: 0xxxRRGGBB
        std::memcpy(&word, src + 4 * i, 4);
        word = (word & 0x0000FF00u) | ((word >> 16) & 0xFFu) | ((word & 0xFFu) << 16) | kOpaque;
        std::memcpy(dst + 4 * i, &word, 4);
    }
}

}  // namespace

void rgbx_to_rgba(const uint8_t* src, int src_stride, ChannelOrder order, VideoFrame& out) {
    const auto row = order == ChannelOrder::bgr ? swapped_opaque_row : opaque_row;
    for (int y = 0; y < out.height(); ++y)
        row(src + std::ptrdiff_t(y) * src_stride, out.data(0) + std::ptrdiff_t(y) * out.stride(0),
            out.width());
}

}  // namespace lm
