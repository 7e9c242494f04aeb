#include "core/plugin/plugin_api.hpp"
#include "plugins/basic/basic_types.hpp"

LM_DECLARE_PLUGIN("basic", "Colour, tone and test-pattern sources", lm::register_basic_types)
