#pragma once

#include <vector>

#include "core/plugin/plugin_registry.hpp"

namespace lm {

/// Registers every filter type of this plugin.
void register_filter_types(PluginRegistry& registry);

/// The picture filter types (video_filter_types.cpp) and the sound filter types
/// (audio_filter_types.cpp).
std::vector<FilterType> video_filter_types();
std::vector<FilterType> audio_filter_types();

}  // namespace lm
