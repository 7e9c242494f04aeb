// Registration of the "record" and "replay_buffer" output types.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// "path": the file to record to (.mkv, .mp4 or .flv; .mkv is added when there is none);
/// "split_time_s", "split_size_mb": split into parts (0: never), see docs/recording.md.
PropertySchema record_properties();

/// "folder", "seconds", "format": the replay buffer (plugins/record/replay_output.hpp).
PropertySchema replay_buffer_properties();

/// Adds the "record" and "replay_buffer" OutputTypes. Called by the module's entry point and by
/// code that links lm_plugin_record directly.
void register_record_types(PluginRegistry& registry);

}  // namespace lm
