// Synthetic camera-like NV12 pictures for encoder tests: moving gradients, a sliding box and
// grain. Frame n is a pure function of n, so a test can regenerate what it sent and compare
// it with what the decoder gives back.
#pragma once

#include <cstdint>
#include <vector>

#include "core/media/video_frame.hpp"

namespace lm::test {

class MovingPicture {
public:
    MovingPicture(int width, int height);

    /// Frame `index` (its `index` field set too). Costs a few milliseconds at 720p.
    VideoFramePtr frame(int64_t index) const;

    int width() const { return width_; }
    int height() const { return height_; }

private:
    int width_;
    int height_;
    /// Pre-generated grain: each frame reads a window at its own offset, because drawing fresh
    /// random numbers for 1.4 million bytes a frame would dominate a 900-frame test.
    std::vector<int8_t> grain_;
};

/// Luma PSNR in dB between two NV12 pictures of the same size, over every 4th row (enough to
/// tell the right picture from a neighbour, and cheap). `b` is given as a plane and stride
/// because decoders hand out their own buffers.
double luma_psnr(const VideoFrame& a, const uint8_t* b, int b_stride);

}  // namespace lm::test
