#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

void register_filter_types(PluginRegistry& registry);

}  // namespace lm
