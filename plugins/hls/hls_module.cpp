// The loadable module: only the entry point. The code lives in lm_plugin_hls.
#include "core/plugin/plugin_api.hpp"
#include "plugins/hls/hls_types.hpp"

LM_DECLARE_PLUGIN("hls", "HLS segments and a playlist in a folder, for self-hosting",
                  lm::register_hls_types)
