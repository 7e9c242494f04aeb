#include "plugins/audio_devices/capture_ring.hpp"

#include <algorithm>

#include "core/media/clock.hpp"

namespace lm {

CaptureRing::CaptureRing() {
    for (auto& channel : samples_)
        channel.assign(kCapacityFrames, 0.0f);
}

void CaptureRing::write_interleaved(const float* data, int frames, int channels,
                                    int64_t capture_end_ns) {
    if (frames <= 0 || channels <= 0)
        return;
    const uint64_t write = write_position_.load(std::memory_order_relaxed);
    const uint64_t read = read_position_.load(std::memory_order_acquire);
    const auto space = static_cast<int>(kCapacityFrames - (write - read));
    const int accepted = std::min(frames, space);
    if (accepted < frames)
        frames_dropped_by_writer_.fetch_add(frames - accepted, std::memory_order_relaxed);
    for (int i = 0; i < accepted; ++i) {
        const size_t slot = (write + i) % kCapacityFrames;
        const float* frame = data + static_cast<size_t>(i) * channels;
        samples_[0][slot] = frame[0];
        samples_[1][slot] = frame[channels > 1 ? 1 : 0];
    }
    if (accepted == 0)
        return;
    // The stamp describes the newest sample kept, not the newest captured: when the writer had
    // to drop, the ring's content grows old and the reader's stale rule clears it. Stored before
    // the position is published, so a reader never sees frames newer than the stamp it reads.
    const int64_t dropped_ns = int64_t(frames - accepted) * clock::kNsPerSecond / kAudioSampleRate;
    newest_capture_ns_.store(capture_end_ns - dropped_ns, std::memory_order_relaxed);
    write_position_.store(write + accepted, std::memory_order_release);
}

void CaptureRing::read(AudioBlock& out, int64_t now_ns) {
    const uint64_t write = write_position_.load(std::memory_order_acquire);
    uint64_t read = read_position_.load(std::memory_order_relaxed);
    const int64_t newest_ns = newest_capture_ns_.load(std::memory_order_relaxed);
    const auto needed = static_cast<uint64_t>(out.frames);
    uint64_t dropped = 0;

    if (write > read && now_ns - newest_ns > kStaleNs) {
        dropped += write - read;
        read = write;
    } else if (write - read > needed + kMaxExcessFrames) {
        const uint64_t keep = needed + kPrimeFrames;
        dropped += write - read - keep;
        read = write - keep;
    }
    if (dropped > 0)
        frames_dropped_by_reader_.fetch_add(dropped, std::memory_order_relaxed);

    const uint64_t available = write - read;
    if (!primed_ && available >= needed + kPrimeFrames)
        primed_ = true;
    if (!primed_ || available < needed) {
        underruns_.fetch_add(1, std::memory_order_relaxed);
        if (!primed_) {  // still buffering after an underrun: stay silent
            read_position_.store(read, std::memory_order_release);
            return;
        }
        primed_ = false;
    }

    const auto frames = static_cast<int>(std::min(available, needed));
    for (int i = 0; i < frames; ++i) {
        const size_t slot = (read + i) % kCapacityFrames;
        const float left = samples_[0][slot];
        const float right = samples_[1][slot];
        if (out.channels == 1) {
            out.channel(0)[i] = 0.5f * (left + right);
        } else if (out.channels > 1) {
            out.channel(0)[i] = left;
            out.channel(1)[i] = right;
        }
    }
    read_position_.store(read + frames, std::memory_order_release);
    // The tick's first sample was captured `available` samples before the newest one.
    latency_ms_.store(
        double(now_ns - newest_ns) / 1e6 + double(available) * 1000.0 / kAudioSampleRate,
        std::memory_order_relaxed);
}

CaptureCounters CaptureRing::counters() const {
    CaptureCounters counters;
    counters.frames_captured = write_position_.load() + frames_dropped_by_writer_.load();
    counters.frames_dropped = frames_dropped_by_writer_.load() + frames_dropped_by_reader_.load();
    counters.underruns = underruns_.load();
    counters.latency_ms = latency_ms_.load();
    return counters;
}

}  // namespace lm
