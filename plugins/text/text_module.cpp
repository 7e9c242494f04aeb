#include "core/plugin/plugin_api.hpp"
#include "plugins/text/text_types.hpp"

LM_DECLARE_PLUGIN("text", "Text rendered with Pango and Cairo", lm::register_text_types)
