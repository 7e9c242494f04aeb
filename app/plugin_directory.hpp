// Where the plugin modules are: shared by the window and the headless runner.
#pragma once

#include <filesystem>

#include "app/command_line.hpp"

namespace lm {

/// --plugin-dir, then $LIVEMACHINE_PLUGIN_DIR, then the installed folder beside the binary,
/// then the build tree's folder (running from a build without installing).
std::filesystem::path plugin_directory(const CommandLineOptions& options);

}  // namespace lm
