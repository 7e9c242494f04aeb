// A picture file decoded into memory: one RGBA frame for a still image, every frame with its
// start time for an animation (GIF, APNG). Immutable once built, shared between the thread that
// decoded it and the video thread that draws it.
#pragma once

#include <cstdint>
#include <vector>

#include "core/media/video_frame.hpp"
#include "core/video/frame_painter.hpp"

namespace lm {

struct DecodedImage {
    /// PixelFormat::rgba, all the same size for the formats FFmpeg decodes here. Never empty.
    std::vector<VideoFramePtr> frames;
    /// When each frame starts, from the start of the animation (frame_start_ns[0] == 0).
    std::vector<int64_t> frame_start_ns;
    /// One pass through the animation (the last frame's end); 0 for a still picture.
    int64_t duration_ns = 0;
    /// How the colour relates to alpha: straight for most decoders, premultiplied for SVG
    /// (librsvg draws through cairo, whose pixels are premultiplied).
    FramePainter::Alpha alpha = FramePainter::Alpha::straight;

    int width() const { return frames.front()->width(); }
    int height() const { return frames.front()->height(); }
    bool animated() const { return frames.size() > 1; }
};

/// How an animation plays.
struct AnimationPlayback {
    bool loop = true;  ///< false: stays on the last frame after one pass
    double speed_percent = 100;
};

/// The index of the frame to show `elapsed_ns` after the animation started, at
/// `playback.speed_percent`. Negative times show the first frame. Pure; MT safe.
size_t frame_index_at(const DecodedImage& image, int64_t elapsed_ns,
                      const AnimationPlayback& playback);

}  // namespace lm
