// Recycles the buffers of raw video frames, so a 30 fps pipeline does not allocate (and the
// kernel does not zero) 1.4 MB of fresh pages for every 720p frame.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "core/media/video_frame.hpp"

namespace lm {

class VideoFramePool {
public:
    /// Frames of this format and size; at most `max_idle` free frames are kept for reuse.
    VideoFramePool(PixelFormat format, int width, int height, size_t max_idle = 8);

    /// A frame only the caller holds, ready to fill: a recycled one or a new one. When the
    /// last reference to it goes (on any thread, possibly after the pool is gone), its buffer
    /// returns to the pool. The contents are stale: the producer overwrites every byte.
    /// MT safe.
    std::shared_ptr<VideoFrame> acquire();

    /// Free frames waiting for reuse (for tests and stats). MT safe.
    size_t idle() const;

private:
    struct Shelf {
        std::mutex mutex;
        std::vector<std::unique_ptr<VideoFrame>> frames;  // guarded by mutex
        size_t max_idle = 0;
    };

    PixelFormat format_;
    int width_;
    int height_;
    // Shared with every frame handed out, so a frame released after the pool is destroyed
    // still has somewhere to go (and is simply freed).
    std::shared_ptr<Shelf> shelf_;
};

}  // namespace lm
