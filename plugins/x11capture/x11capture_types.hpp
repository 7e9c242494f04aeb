// Registers the X11 capture sources: "screen_capture" and "window_capture".
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_x11capture_types(PluginRegistry& registry);

}  // namespace lm
