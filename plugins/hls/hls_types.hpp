// Registration of the "hls" output type.
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/properties.hpp"

namespace lm {

/// "folder", "segment_s", "playlist_segments", "delete_segments", "low_latency",
/// "segment_format" ("mpegts" or "fmp4"): see HlsSettings.
PropertySchema hls_properties();

/// Adds the "hls" OutputType. Called by the module's entry point and by code that links
/// lm_plugin_hls directly.
void register_hls_types(PluginRegistry& registry);

}  // namespace lm
