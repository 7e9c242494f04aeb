#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

/// The media file source and the stinger transition.
void register_media_types(PluginRegistry& registry);

}  // namespace lm
