#include "core/plugin/plugin_api.hpp"
#include "plugins/pipewire_capture/pipewire_capture_types.hpp"

LM_DECLARE_PLUGIN("pipewire_capture", "Screen capture through the desktop portal and PipeWire",
                  lm::register_pipewire_capture_types)
