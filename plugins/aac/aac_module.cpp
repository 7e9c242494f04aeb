// The loadable module: only the entry point. The code lives in lm_plugin_aac.
#include "core/plugin/plugin_api.hpp"
#include "plugins/aac/aac_types.hpp"

LM_DECLARE_PLUGIN("aac", "AAC-LC audio encoding with FFmpeg's native encoder",
                  lm::register_aac_types)
