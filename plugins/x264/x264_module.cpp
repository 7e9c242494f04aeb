// The loadable module: only the entry point. The code lives in lm_plugin_x264.
#include "core/plugin/plugin_api.hpp"
#include "plugins/x264/x264_types.hpp"

LM_DECLARE_PLUGIN("x264", "H.264 video encoding with libx264", lm::register_x264_types)
