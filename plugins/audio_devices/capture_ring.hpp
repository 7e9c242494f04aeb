// The hand-over between a capture thread and the audio thread: a single-producer,
// single-consumer ring of planar stereo float samples at 48 kHz, lock-free on both sides.
//
// Drop policy (latency stays low and bounded whatever the device does):
//  - more than kMaxExcessFrames (100 ms) beyond what the mixer pulls: the reader drops the
//    oldest samples, keeping one tick plus kPrimeFrames;
//  - newest sample captured more than kStaleNs ago (the source was not pulled while the ring
//    was full, or the device stalled): the reader drops everything;
//  - ring full when the capture thread writes: the new samples are dropped (the writer may
//    never move the reader's position); what the ring holds then ages until the stale rule
//    clears it, so a source pulled again after a pause never plays old sound.
// Running dry outputs silence and counts an underrun; after one, playback resumes only once a
// tick plus kPrimeFrames are buffered, so capture jitter does not turn into a glitch per tick.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/media/audio_block.hpp"

namespace lm {

struct CaptureCounters {
    uint64_t frames_captured = 0;  ///< delivered by the device, kept or not
    uint64_t frames_dropped = 0;   ///< thrown away by any of the drop rules above
    uint64_t underruns = 0;        ///< ticks that got less audio than they needed
    /// How long before the last tick's time its first sample was captured: how late the
    /// captured sound reaches the mix (ms).
    double latency_ms = 0;
};

class CaptureRing {
public:
    static constexpr int kChannels = 2;
    static constexpr int kCapacityFrames = kAudioSampleRate;        // 1 s
    static constexpr int kMaxExcessFrames = kAudioSampleRate / 10;  // 100 ms
    static constexpr int kPrimeFrames = kAudioSampleRate / 50;      // 20 ms
    static constexpr int64_t kStaleNs = 250'000'000;

    CaptureRing();
    CaptureRing(const CaptureRing&) = delete;
    CaptureRing& operator=(const CaptureRing&) = delete;

    /// Capture thread only. Appends `frames` interleaved frames of 1 or 2 channels (mono is
    /// copied to both), the last of which was captured at `capture_end_ns` (clock::now_ns()).
    void write_interleaved(const float* data, int frames, int channels, int64_t capture_end_ns);

    /// Audio thread only: no lock, no allocation. Fills `out` (zeroed by the caller) with the
    /// oldest buffered samples after applying the drop rules at time `now_ns`: left and right
    /// go to channels 0 and 1, a mono output gets their average, further channels stay silent.
    void read(AudioBlock& out, int64_t now_ns);

    /// Any thread.
    CaptureCounters counters() const;

private:
    std::vector<float> samples_[kChannels];  // kCapacityFrames each; sized once
    // Positions count frames since construction; the slot is position % kCapacityFrames.
    std::atomic<uint64_t> write_position_{0};  // written by the capture thread only
    std::atomic<uint64_t> read_position_{0};   // written by the audio thread only
    std::atomic<int64_t> newest_capture_ns_{0};
    bool primed_ = false;  // audio thread only

    std::atomic<uint64_t> frames_dropped_by_writer_{0};
    std::atomic<uint64_t> frames_dropped_by_reader_{0};
    std::atomic<uint64_t> underruns_{0};
    std::atomic<double> latency_ms_{0};
};

}  // namespace lm
