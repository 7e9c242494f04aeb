// CaptureWorker: runs a Capturer on a thread of its own and hands the newest picture to the
// video thread through a one-frame slot. It captures at the output frame rate only while the
// source is being drawn: after about a second without a draw it sleeps, so a capture in a
// hidden scene costs nothing, and the next draw wakes it. While the capturer has nothing to
// show (no display, no window) it retries at the capturer's pace whether drawn or not: a
// source without a picture has no size, so the mixer never draws it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "core/media/rational.hpp"
#include "core/media/video_frame.hpp"
#include "plugins/x11capture/capturer.hpp"

namespace lm {

class CaptureWorker {
public:
    /// Starts the capture thread. It takes one picture at once, so the status and the size are
    /// known before the first draw, then waits to be drawn.
    explicit CaptureWorker(std::unique_ptr<Capturer> capturer);
    ~CaptureWorker();  ///< stops and joins the thread
    CaptureWorker(const CaptureWorker&) = delete;
    CaptureWorker& operator=(const CaptureWorker&) = delete;

    /// Video thread: the source is being drawn at `frame_rate`. Cheap: takes a lock only to
    /// wake a sleeping capture.
    void note_drawn(Rational frame_rate);
    /// The newest picture, or null. MT safe.
    VideoFramePtr latest() const;
    /// Pictures taken since the start (diagnostics, tests). MT safe.
    uint64_t captured_frames() const { return captured_frames_.load(); }
    /// Looks at the screen since the start: pictures taken, and looks that found nothing had
    /// changed (a still screen is not taken again). MT safe.
    uint64_t looks() const { return looks_.load(); }
    /// The capturer's status. MT safe.
    SourceStatus status() const { return capturer_->status(); }

    /// How long without a draw before the capture sleeps.
    static constexpr std::chrono::milliseconds kIdleAfter{1000};

private:
    void run();
    bool drawn_recently() const;
    void publish(const CaptureResult& result);

    const std::unique_ptr<Capturer> capturer_;  // used on the capture thread only
    std::atomic<int64_t> last_drawn_ns_{0};     // steady clock; 0 = never drawn
    std::atomic<int64_t> frame_period_ns_;      // from the output frame rate
    std::atomic<bool> sleeping_{false};
    std::atomic<uint64_t> captured_frames_{0};
    std::atomic<uint64_t> looks_{0};

    mutable std::mutex slot_mutex_;
    VideoFramePtr slot_;  // guarded by slot_mutex_

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // guarded by wake_mutex_
    std::thread thread_;
};

}  // namespace lm
