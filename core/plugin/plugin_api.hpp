// The one entry point every plugin module exports. The loader checks `api_version` before it
// calls anything else, so a module built against another engine is refused, not crashed.
#pragma once

#include "core/plugin/plugin_registry.hpp"

/// Bump when any type reachable from PluginRegistry changes layout or meaning.
#define LM_PLUGIN_API_VERSION 4

extern "C" {
struct LmPluginInfo {
    int api_version;          ///< LM_PLUGIN_API_VERSION the module was built with
    const char* name;         ///< "x264"
    const char* description;  ///< one line
    void (*register_types)(lm::PluginRegistry& registry);
};
}

/// Defines the module's entry point. Use once per plugin module:
///   LM_DECLARE_PLUGIN("x264", "H.264 encoding with libx264", register_x264_types)
#define LM_DECLARE_PLUGIN(NAME, DESCRIPTION, REGISTER_FN)                                      \
    extern "C" __attribute__((visibility("default"))) const LmPluginInfo*                      \
    livemachine_plugin_info() {                                                                \
        static const LmPluginInfo info{LM_PLUGIN_API_VERSION, NAME, DESCRIPTION, REGISTER_FN}; \
        return &info;                                                                          \
    }

namespace lm {

inline constexpr const char* kPluginEntrySymbol = "livemachine_plugin_info";

}  // namespace lm
