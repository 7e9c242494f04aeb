// Registration of the "aac" audio encoder type.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// The settings the "aac" encoder understands ("bitrate_kbps"), with defaults.
PropertySchema aac_properties();

/// Adds the "aac" AudioEncoderType. Called by the module's entry point and by code that links
/// lm_plugin_aac directly.
void register_aac_types(PluginRegistry& registry);

}  // namespace lm
