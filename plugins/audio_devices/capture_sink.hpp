// Where a capture attempt delivers its audio: a gate in front of the source's CaptureRing that
// the source can close. A capture stuck inside a sound library is abandoned and replaced by a
// new attempt; if the old one ever wakes up, the closed gate keeps it from becoming a second
// writer of the single-producer ring. Also carries the attempt's signs of life.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "plugins/audio_devices/capture_ring.hpp"

namespace lm {

class CaptureSink {
public:
    explicit CaptureSink(std::shared_ptr<CaptureRing> ring);

    /// Capture thread. Forwards to CaptureRing::write_interleaved unless closed.
    void write_interleaved(const float* data, int frames, int channels, int64_t capture_end_ns);
    /// Capture thread: audio flows (the device is open and started).
    void mark_started() { started_.store(true); }
    /// Capture thread: called at least every ~100 ms while capturing, so the source can tell
    /// a working capture from one stuck inside a library.
    void heartbeat();

    /// Any thread. After it returns no write reaches the ring.
    void close();

    bool started() const { return started_.load(); }
    /// clock::now_ns() of the last heartbeat (or of construction).
    int64_t last_heartbeat_ns() const { return heartbeat_ns_.load(); }

private:
    const std::shared_ptr<CaptureRing> ring_;
    std::mutex mutex_;     // writers only, never the audio thread: guards closed_ and the write
    bool closed_ = false;  // guarded by mutex_
    std::atomic<bool> started_{false};
    std::atomic<int64_t> heartbeat_ns_;
};

}  // namespace lm
