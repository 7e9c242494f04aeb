// Registers the audio capture sources: "audio_input" (a microphone through PortAudio) and
// "desktop_audio" (what an output device plays, through the PulseAudio monitor), and the
// "pulse_monitor" audio monitor (the studio's monitoring, played on a sound server output).
#pragma once

#include <memory>
#include <string>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/audio_devices/audio_capture_source.hpp"

namespace lm {

void register_audio_devices_types(PluginRegistry& registry);

/// The sources themselves, as the registry creates them ("" means "default").
std::shared_ptr<AudioCaptureSource> make_audio_input_source(const std::string& device);
std::shared_ptr<AudioCaptureSource> make_desktop_audio_source(const std::string& device);

}  // namespace lm
