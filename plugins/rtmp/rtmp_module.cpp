// The loadable module: only the entry point. The code lives in lm_plugin_rtmp.
#include "core/plugin/plugin_api.hpp"
#include "plugins/rtmp/rtmp_types.hpp"

LM_DECLARE_PLUGIN("rtmp", "Streaming to RTMP and RTMPS servers", lm::register_rtmp_types)
