// Registers the basic sources: colour, tone and the test pattern.
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_basic_types(PluginRegistry& registry);

}  // namespace lm
