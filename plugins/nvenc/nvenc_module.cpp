// The loadable module: only the entry point. The code lives in lm_plugin_nvenc.
#include "core/plugin/plugin_api.hpp"
#include "plugins/nvenc/nvenc_types.hpp"

LM_DECLARE_PLUGIN("nvenc", "H.264 video encoding on NVIDIA GPUs (NVENC)", lm::register_nvenc_types)
