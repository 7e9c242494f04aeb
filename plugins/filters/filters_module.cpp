#include "core/plugin/plugin_api.hpp"
#include "plugins/filters/filters_types.hpp"

LM_DECLARE_PLUGIN("filters", "Colour correction, chroma key, gain, noise gate, limiter",
                  lm::register_filter_types)
