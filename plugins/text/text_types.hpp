// Registers the Text source ("text_source") and its settings schema.
#pragma once

#include "core/plugin/plugin_registry.hpp"

namespace lm {

/// The Text source's type: id, schema (defaults as in TextSettings) and factory.
SourceType text_source_type();

void register_text_types(PluginRegistry& registry);

}  // namespace lm
