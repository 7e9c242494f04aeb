// Where the plugin modules are: shared by the window and the headless runner.
#pragma once

#include <filesystem>

#include "app/command_line.hpp"

namespace lm {

class ModuleLoader;
class PluginRegistry;

/// --plugin-dir, then $LIVEMACHINE_PLUGIN_DIR, then the installed folder beside the binary,
/// then the build tree's folder (running from a build without installing).
std::filesystem::path plugin_directory(const CommandLineOptions& options);

/// Loads the modules of plugin_directory(options) into `registry` (declare `modules` before
/// `registry`: the registry holds code from the modules). Prints each module that failed on
/// stderr ("livemachine: ..."); returns false, after saying where it looked, when none loaded.
bool load_plugins(const CommandLineOptions& options, ModuleLoader& modules,
                  PluginRegistry& registry);

}  // namespace lm
