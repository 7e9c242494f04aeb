// The devices a creator can pick for the audio sources and for monitoring, for the dialogs. Each
// call asks the system afresh (PortAudio, the sound server) and may take up to ~2 s when a server
// does not answer: call it off the mixer threads (the UI thread is fine for a dialog).
#pragma once

#include <string>
#include <vector>

namespace lm {

struct AudioDevice {
    std::string name;         ///< what goes into the source's `device` setting
    std::string description;  ///< what the creator reads ("Built-in Audio Analog Stereo")
};

/// Inputs for the "audio_input" source: {"default", ...} first, then every PortAudio device
/// with input channels (ALSA's own "default" entry is folded into the first one).
std::vector<AudioDevice> list_audio_input_devices();

/// Outputs whose sound the "desktop_audio" source can record: {"default", ...} first, then
/// each monitor source of the sound server (name "<sink>.monitor"). Only "default" when no
/// server is reachable.
std::vector<AudioDevice> list_desktop_audio_devices();

/// Outputs the monitor can play on: {"default", ...} first (the server's default output, which
/// it follows when that changes), then each sink of the sound server by name. Only "default"
/// when no server is reachable.
std::vector<AudioDevice> list_monitoring_devices();

}  // namespace lm
