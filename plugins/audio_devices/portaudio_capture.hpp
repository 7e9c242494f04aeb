// Captures a microphone or line input through PortAudio (ALSA, or PulseAudio/PipeWire through
// ALSA's `pulse` device). Opens the device at 48 kHz when it allows, else at its default rate
// and resamples; takes at most two channels, and a mono input sounds on both.
#pragma once

#include <string>

#include "plugins/audio_devices/capture_backend.hpp"

namespace lm {

class PortAudioCapture final : public CaptureBackend {
public:
    /// `device_name`: a PortAudio input device name, or "default" for the system's default
    /// input (looked up again at every attempt, so it follows the system setting).
    explicit PortAudioCapture(std::string device_name);

    std::string capture(CaptureSink& sink, const StopSignal& stop) override;

private:
    std::string device_name_;
};

}  // namespace lm
