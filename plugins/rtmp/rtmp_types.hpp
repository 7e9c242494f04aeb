// Registration of the "rtmp" output type.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// "url" (secret: it carries the stream key) and "connect_timeout_s".
PropertySchema rtmp_properties();

/// Adds the "rtmp" OutputType. Called by the module's entry point and by code that links
/// lm_plugin_rtmp directly.
void register_rtmp_types(PluginRegistry& registry);

}  // namespace lm
