// Registers the NVENC video encoder type ("nvenc"): its settings schema and its probe.
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

PropertySchema nvenc_properties();
void register_nvenc_types(PluginRegistry& registry);

}  // namespace lm
