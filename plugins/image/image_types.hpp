// Registers the Image source type ("image_source").
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_image_types(PluginRegistry& registry);

}  // namespace lm
