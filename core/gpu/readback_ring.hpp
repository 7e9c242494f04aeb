// Asynchronous readback of Nv12Converter's planes (for encoders) or of an RGBA render target
// (for the preview) into CPU frames through pixel-buffer objects, so the render thread never
// waits for the GPU. Video thread only, GL context current.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/media/video_frame.hpp"
#include "core/media/video_frame_pool.hpp"

namespace lm {

class Nv12Converter;
class RenderTarget;

/// A ring of pixel-buffer objects, `depth` frames deep. start() queues an asynchronous copy of
/// the converter's planes (glReadPixels into a PBO + a fence) and returns at once; a later
/// poll() hands back the frame once its fence has signalled, so the GPU (or llvmpipe's
/// threads) works while the render thread goes on. Frames come out in the order started.
class ReadbackRing {
public:
    /// Reads NV12 frames from an Nv12Converter. GL context current.
    ReadbackRing(int width, int height, int depth = 3)
        : ReadbackRing(PixelFormat::nv12, width, height, depth) {}
    /// `format` is nv12 (start with a converter) or rgba (start with a render target).
    ReadbackRing(PixelFormat format, int width, int height, int depth);
    ~ReadbackRing();
    ReadbackRing(const ReadbackRing&) = delete;
    ReadbackRing& operator=(const ReadbackRing&) = delete;

    /// Starts reading `converter`'s current planes, tagging them with `index`/`pts_ns`.
    /// If every slot is busy, first completes the oldest one (blocking) and keeps it for poll().
    void start(const Nv12Converter& converter, int64_t index, int64_t pts_ns);
    /// Starts reading an RGBA8 `target` of the ring's size (an rgba ring).
    void start(const RenderTarget& target, int64_t index, int64_t pts_ns);

    /// The oldest finished frame (an NV12 VideoFrame with index and pts_ns set), or null if
    /// none is ready. With `wait`, blocks until the oldest pending read completes (null only
    /// when nothing is pending). Never reorders.
    std::shared_ptr<VideoFrame> poll(bool wait = false);

    /// Number of reads started but not yet returned by poll().
    int pending() const;

private:
    struct Slot;
    /// The slot the next read goes to (completing the oldest read first if all are busy).
    Slot& begin_read(int64_t index, int64_t pts_ns);
    void end_read();
    std::shared_ptr<VideoFrame> finish_oldest();
    /// Bytes per row in a slot's buffer: for NV12 the converter's packed rows, width rounded
    /// up to a multiple of 4; for RGBA 4 bytes per pixel.
    int row_bytes() const {
        return format_ == PixelFormat::rgba ? width_ * 4 : (width_ + 3) / 4 * 4;
    }
    size_t buffer_bytes() const;

    PixelFormat format_;
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
