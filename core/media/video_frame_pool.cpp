#include "core/media/video_frame_pool.hpp"

namespace lm {

VideoFramePool::VideoFramePool(PixelFormat format, int width, int height, size_t max_idle)
    : format_(format), width_(width), height_(height), shelf_(std::make_shared<Shelf>()) {
    shelf_->max_idle = max_idle;
}

std::shared_ptr<VideoFrame> VideoFramePool::acquire() {
    std::unique_ptr<VideoFrame> frame;
    {
        std::lock_guard lock(shelf_->mutex);
        if (!shelf_->frames.empty()) {
            frame = std::move(shelf_->frames.back());
            shelf_->frames.pop_back();
        }
    }
    if (!frame)
        frame = std::make_unique<VideoFrame>(format_, width_, height_);
    frame->index = 0;
    frame->pts_ns = 0;
    return std::shared_ptr<VideoFrame>(frame.release(), [shelf = shelf_](VideoFrame* released) {
        std::unique_ptr<VideoFrame> owned(released);
        std::lock_guard lock(shelf->mutex);
        if (shelf->frames.size() < shelf->max_idle)
            shelf->frames.push_back(std::move(owned));
    });
}

size_t VideoFramePool::idle() const {
    std::lock_guard lock(shelf_->mutex);
    return shelf_->frames.size();
}

}  // namespace lm
