// Registration of the "x264" video encoder type.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// The settings the "x264" encoder understands, with their defaults (see X264Settings).
PropertySchema x264_properties();

/// Adds the "x264" VideoEncoderType. Called by the module's entry point and by code that links
/// lm_plugin_x264 directly.
void register_x264_types(PluginRegistry& registry);

}  // namespace lm
