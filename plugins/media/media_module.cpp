#include "core/plugin/plugin_api.hpp"
#include "plugins/media/media_types.hpp"

LM_DECLARE_PLUGIN("media", "Media file source (any file FFmpeg plays)", lm::register_media_types)
