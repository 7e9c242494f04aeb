// Asynchronous readback of Nv12Converter's planes into CPU frames through pixel-buffer objects,
// so the render thread never waits for the GPU. Video thread only, GL context current.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/media/video_frame.hpp"
#include "core/media/video_frame_pool.hpp"

namespace lm {

class Nv12Converter;

/// A ring of pixel-buffer objects, `depth` frames deep. start() queues an asynchronous copy of
/// the converter's planes (glReadPixels into a PBO + a fence) and returns at once; a later
/// poll() hands back the frame once its fence has signalled, so the GPU (or llvmpipe's
/// threads) works while the render thread goes on. Frames come out in the order started.
class ReadbackRing {
public:
    ReadbackRing(int width, int height, int depth = 3);  ///< GL context current
    ~ReadbackRing();
    ReadbackRing(const ReadbackRing&) = delete;
    ReadbackRing& operator=(const ReadbackRing&) = delete;

    /// Starts reading `converter`'s current planes, tagging them with `index`/`pts_ns`.
    /// If every slot is busy, first completes the oldest one (blocking) and keeps it for poll().
    void start(const Nv12Converter& converter, int64_t index, int64_t pts_ns);

    /// The oldest finished frame (an NV12 VideoFrame with index and pts_ns set), or null if
    /// none is ready. With `wait`, blocks until the oldest pending read completes (null only
    /// when nothing is pending). Never reorders.
    std::shared_ptr<VideoFrame> poll(bool wait = false);

    /// Number of reads started but not yet returned by poll().
    int pending() const;

private:
    struct Slot;
    std::shared_ptr<VideoFrame> finish_oldest();
    /// Bytes per plane row in a slot's buffer: the converter's packed rows, width rounded up
    /// to a multiple of 4.
    int row_bytes() const { return (width_ + 3) / 4 * 4; }

    int width_;
    int height_;
    VideoFramePool frame_pool_;  // frames outlive the ring safely (see the pool)
    std::vector<std::unique_ptr<Slot>> slots_;
    int next_start_ = 0;   // slot the next start() uses
    int next_finish_ = 0;  // oldest slot still pending
    int pending_ = 0;      // slots holding a read in flight (not yet finished)
    std::vector<std::shared_ptr<VideoFrame>> finished_;  // completed early by start()
};

}  // namespace lm
