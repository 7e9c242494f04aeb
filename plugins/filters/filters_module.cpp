#include "core/plugin/plugin_api.hpp"
#include "plugins/filters/filters_types.hpp"

LM_DECLARE_PLUGIN("filters",
                  "Picture filters (colour, keys, crop, sharpen, scroll, mask, LUT) and sound "
                  "filters (gain, gate, limiter, compressor, noise suppression, sync offset)",
                  lm::register_filter_types)
