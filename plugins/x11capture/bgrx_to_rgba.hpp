// Converts the X server's 32-bit pixels (blue, green, red, unused: little-endian 0x00RRGGBB)
// into the RGBA frames the engine draws, with alpha 255.
#pragma once

#include <cstdint>

namespace lm {

/// Converts `width` x `height` pixels. Strides are in bytes; the rows may not overlap.
void bgrx_to_rgba(const uint8_t* bgrx, int bgrx_stride, uint8_t* rgba, int rgba_stride, int width,
                  int height);

}  // namespace lm
