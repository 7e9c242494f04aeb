// Captures what an output device plays ("desktop audio") by recording its PulseAudio monitor
// source, as 48 kHz float32 stereo (the server converts). Works on PulseAudio and on PipeWire
// through pipewire-pulse.
#pragma once

#include <string>

#include "plugins/audio_devices/capture_backend.hpp"

namespace lm {

class PulseMonitorCapture final : public CaptureBackend {
public:
    /// `device_name`: "default" (the default output's monitor), an output (sink) name such as
    /// "alsa_output.pci-0000_00_1f.3.analog-stereo", or a monitor source name ("<sink>.monitor").
    explicit PulseMonitorCapture(std::string device_name);

    std::string capture(CaptureSink& sink, const StopSignal& stop) override;

    /// The PulseAudio source recorded for `device_name`.
    static std::string monitor_source_name(const std::string& device_name);

private:
    std::string device_name_;
};

}  // namespace lm
