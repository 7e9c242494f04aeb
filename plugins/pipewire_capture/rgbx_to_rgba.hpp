// Converts the 32-bit pixels of a PipeWire video buffer (SPA_VIDEO_FORMAT_BGRx/BGRA/RGBx/RGBA,
// byte order in memory) into the RGBA frames the engine draws, with alpha 255: a captured
// screen is opaque whatever its fourth byte says.
#pragma once

#include <cstdint>

#include "core/media/video_frame.hpp"

namespace lm {

enum class ChannelOrder {
    rgb = 1,  ///< R G B x in memory: RGBx, RGBA
    bgr,      ///< B G R x in memory: BGRx, BGRA
};

/// Fills `out` (PixelFormat::rgba) from `src`, whose rows are `src_stride` bytes apart and at
/// least out.width() pixels long.
void rgbx_to_rgba(const uint8_t* src, int src_stride, ChannelOrder order, VideoFrame& out);

}  // namespace lm
