#include "app/encoder_list.hpp"

#include <fmt/format.h>

#include <iostream>

#include "app/headless_runner.hpp"
#include "app/plugin_directory.hpp"
#include "core/plugin/module_loader.hpp"
#include "core/plugin/plugin_registry.hpp"

namespace lm {

int list_encoders(const CommandLineOptions& options) {
    // Declared first so it is destroyed last: the registry holds code from the modules.
    ModuleLoader modules;
    PluginRegistry registry;
    if (!load_plugins(options, modules, registry))
        return kExitStartFailed;
    size_t width = 0;
    for (const VideoEncoderType* type : registry.video_encoders())
        width = std::max(width, type->id.size());
    for (const VideoEncoderType* type : registry.video_encoders()) {
        const EncoderAvailability availability = type->availability();
        std::cout << fmt::format("{:<{}}  {}: {}\n", type->id, width, type->display_name,
                                 availability.available ? std::string("available")
                                                        : "unavailable: " + availability.reason);
    }
    return kExitOk;
}

EncoderCheck check_video_encoder(const PluginRegistry& registry,
                                 const CommandLineOptions& options) {
    const VideoEncoderType* type = registry.video_encoder(options.video_encoder);
    if (type == nullptr) {
        std::string known;
        for (const VideoEncoderType* t : registry.video_encoders())
            known += (known.empty() ? "" : ", ") + t->id;
        return {kExitUsage, fmt::format("--encoder '{}': no such video encoder (this "
                                        "installation has: {})",
                                        options.video_encoder, known)};
    }
    if (options.encoder_fallback)
        return {};  // the studio says why and falls back if it cannot open
    const EncoderAvailability availability = type->availability();
    if (!availability.available) {
        return {kExitStartFailed,
                fmt::format("--encoder {}: cannot encode on this machine: {} (use --encoder "
                            "x264, or add --encoder-fallback)",
                            options.video_encoder, availability.reason)};
    }
    return {};
}

}  // namespace lm
