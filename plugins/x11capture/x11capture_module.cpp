#include "core/plugin/plugin_api.hpp"
#include "plugins/x11capture/x11capture_types.hpp"

LM_DECLARE_PLUGIN("x11capture", "X11 screen and window capture", lm::register_x11capture_types)
