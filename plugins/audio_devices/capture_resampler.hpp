// Brings interleaved float audio captured at a device's own rate to the engine's 48 kHz and
// hands it to a CaptureRing. Used on a capture thread, never on the audio thread.
#pragma once

#include <cstdint>
#include <vector>

#include "plugins/audio_devices/capture_sink.hpp"

struct SwrContext;

namespace lm {

class CaptureResampler {
public:
    /// `channels` is 1 or 2. Throws std::runtime_error if libswresample refuses the rates.
    CaptureResampler(int input_rate_hz, int channels);
    ~CaptureResampler();
    CaptureResampler(const CaptureResampler&) = delete;
    CaptureResampler& operator=(const CaptureResampler&) = delete;

    /// Converts `frames` interleaved frames whose last was captured at `capture_end_ns` and
    /// writes them to `sink`. At 48 kHz in, the samples go straight through.
    void write(const float* data, int frames, int64_t capture_end_ns, CaptureSink& sink);

private:
    int input_rate_hz_;
    int channels_;
    SwrContext* swr_ = nullptr;  // null when the device already runs at 48 kHz
    std::vector<float> converted_;
};

}  // namespace lm
