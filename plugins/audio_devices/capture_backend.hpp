// One way of reaching a capture device (PortAudio for microphones, the PulseAudio client
// library for desktop audio). An AudioCaptureSource drives it on its capture thread and keeps
// retrying; the backend only knows how to open the device once and read until it fails.
#pragma once

#include <string>

#include "plugins/audio_devices/capture_sink.hpp"
#include "plugins/audio_devices/stop_signal.hpp"

namespace lm {

class CaptureBackend {
public:
    virtual ~CaptureBackend() = default;

    /// Capture thread only; may run again (even concurrently, after an attempt was abandoned)
    /// on another thread. Opens the device, calls sink.mark_started() once audio flows, then
    /// writes what it captures into `sink`, beating sink.heartbeat() at least every ~100 ms,
    /// until `stop` is requested (returns "") or the device or server fails: then it closes
    /// everything and returns the message for the creator ("microphone: no input device named
    /// 'X'; ..."). Must notice `stop` within ~100 ms unless a library call hangs.
    virtual std::string capture(CaptureSink& sink, const StopSignal& stop) = 0;
};

}  // namespace lm
