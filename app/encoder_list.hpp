// --list-encoders and the check behind --encoder: which video encoders this installation has
// and whether each can run on this machine.
#pragma once

#include <string>

#include "app/command_line.hpp"
#include "core/plugin/plugin_registry.hpp"

namespace lm {

/// Loads the plugins and prints one line per video encoder on stdout:
/// "nvenc  NVENC (H.264, NVIDIA GPU): unavailable: no NVIDIA driver (libcuda.so.1 not found)".
/// Returns the process exit code (1 when no plugin could be loaded).
int list_encoders(const CommandLineOptions& options);

/// What to do about options.video_encoder before starting.
struct EncoderCheck {
    int exit_code = 0;  ///< non-zero: print `error` and stop with this code
    std::string error;
};

/// An unknown encoder is a bad command line (2); a known one whose probe says it cannot run
/// here cannot start (1), unless --encoder-fallback lets the studio fall back to x264 when it
/// fails to open.
EncoderCheck check_video_encoder(const PluginRegistry& registry, const CommandLineOptions& options);

}  // namespace lm
