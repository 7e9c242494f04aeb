#include "core/plugin/plugin_api.hpp"
#include "plugins/audio_devices/audio_devices_types.hpp"

LM_DECLARE_PLUGIN("audio_devices", "Microphone and desktop audio capture, audio monitoring",
                  lm::register_audio_devices_types)
