// Registers the desktop-portal capture source: "pipewire_capture".
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_pipewire_capture_types(PluginRegistry& registry);

}  // namespace lm
