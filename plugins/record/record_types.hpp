// Registration of the "record" output type.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// "path": the file to record to (.mkv, .mp4 or .flv; .mkv is added when there is none);
/// "split_time_s", "split_size_mb": split into parts (0: never), see docs/recording.md.
PropertySchema record_properties();

/// Adds the "record" OutputType. Called by the module's entry point and by code that links
/// lm_plugin_record directly.
void register_record_types(PluginRegistry& registry);

}  // namespace lm
