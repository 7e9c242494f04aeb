// A raw video frame in CPU memory. Ref-counted through VideoFramePtr and immutable once
// published: the producer fills it while it holds the only reference, then hands out
// `std::shared_ptr<const VideoFrame>`.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace lm {

enum class PixelFormat {
    nv12 = 1,  ///< Y plane, then interleaved CbCr at half width and height (BT.709 limited)
    i420,      ///< Y, Cb, Cr planes; chroma at half width and height
    rgba,      ///< one plane, 4 bytes per pixel
};

class VideoFrame {
public:
    /// Allocates a frame with tightly packed planes. `width` and `height` must be even for
    /// the chroma-subsampled formats.
    VideoFrame(PixelFormat format, int width, int height);

    PixelFormat format() const { return format_; }
    int width() const { return width_; }
    int height() const { return height_; }
    int plane_count() const;
    int stride(int plane) const;
    int plane_height(int plane) const;
    const uint8_t* data(int plane) const { return buffer_.data() + offsets_[plane]; }
    uint8_t* data(int plane) { return buffer_.data() + offsets_[plane]; }

    /// Frame number since the output started: frame n is shown at start + n / fps.
    int64_t index = 0;
    /// Presentation time in nanoseconds since the output started (index / fps, exactly).
    int64_t pts_ns = 0;
    /// When the mixer began rendering it, on `clock::now_ns()` (the frame's deadline); encoders
    /// copy it onto the frame's packet (Packet::rendered_at_ns). 0: not from the mixer.
    int64_t rendered_at_ns = 0;

private:
    PixelFormat format_;
    int width_;
    int height_;
    int offsets_[3] = {0, 0, 0};
    std::vector<uint8_t> buffer_;
};

using VideoFramePtr = std::shared_ptr<const VideoFrame>;

}  // namespace lm
