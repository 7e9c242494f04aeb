#include "plugins/audio_devices/capture_sink.hpp"

#include "core/media/clock.hpp"

namespace lm {

CaptureSink::CaptureSink(std::shared_ptr<CaptureRing> ring)
    : ring_(std::move(ring)), heartbeat_ns_(clock::now_ns()) {}

void CaptureSink::write_interleaved(const float* data, int frames, int channels,
                                    int64_t capture_end_ns) {
    std::lock_guard lock(mutex_);
    if (!closed_)
        ring_->write_interleaved(data, frames, channels, capture_end_ns);
}

void CaptureSink::heartbeat() {
    heartbeat_ns_.store(clock::now_ns());
}

void CaptureSink::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
}

}  // namespace lm
