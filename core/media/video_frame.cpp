#include "core/media/video_frame.hpp"

#include <stdexcept>

namespace lm {

VideoFrame::VideoFrame(PixelFormat format, int width, int height)
    : format_(format), width_(width), height_(height) {
    if (width <= 0 || height <= 0)
        throw std::invalid_argument("VideoFrame: empty size");
    if (format != PixelFormat::rgba && (width % 2 != 0 || height % 2 != 0)) {
        throw std::invalid_argument("VideoFrame: 4:2:0 formats need an even width and height");
    }
    size_t total = 0;
    for (int p = 0; p < plane_count(); ++p) {
        offsets_[p] = static_cast<int>(total);
        total += static_cast<size_t>(stride(p)) * plane_height(p);
    }
    buffer_.resize(total);
}

int VideoFrame::plane_count() const {
    switch (format_) {
        case PixelFormat::nv12:
            return 2;
        case PixelFormat::i420:
            return 3;
        case PixelFormat::rgba:
            return 1;
    }
    return 0;
}

int VideoFrame::stride(int plane) const {
    switch (format_) {
        case PixelFormat::nv12:
            return width_;  // Y: 1 byte per pixel; CbCr: 2 bytes per 2 pixels
        case PixelFormat::i420:
            return plane == 0 ? width_ : width_ / 2;
        case PixelFormat::rgba:
            return width_ * 4;
    }
    return 0;
}

int VideoFrame::plane_height(int plane) const {
    if (format_ == PixelFormat::rgba || plane == 0)
        return height_;
    return height_ / 2;
}

}  // namespace lm
