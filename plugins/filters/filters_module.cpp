#include "core/plugin/plugin_api.hpp"
#include "plugins/filters/filters_types.hpp"

LM_DECLARE_PLUGIN(
    "filters",
    "Picture filters (colour, keys, crop, sharpen, scroll, mask, LUT) and sound filters "
    "(gain, noise gate, limiter)",
    lm::register_filter_types)
