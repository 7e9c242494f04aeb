#include "plugins/filters/filters_types.hpp"

namespace lm {

void register_filter_types(PluginRegistry& registry) {
    for (FilterType& type : video_filter_types())
        registry.add(std::move(type));
    for (FilterType& type : audio_filter_types())
        registry.add(std::move(type));
}

}  // namespace lm
