#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_media_types(PluginRegistry& registry);

}  // namespace lm
