#include "app/plugin_directory.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "app/build_info.hpp"
#include "core/plugin/module_loader.hpp"

namespace lm {
namespace {

std::filesystem::path executable_dir() {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::current_path() : exe.parent_path();
}

}  // namespace

std::filesystem::path plugin_directory(const CommandLineOptions& options) {
    if (options.plugin_dir)
        return *options.plugin_dir;
    if (const char* env = std::getenv("LIVEMACHINE_PLUGIN_DIR"); env && *env)
        return env;
    const auto installed = executable_dir().parent_path() / build_info::kInstalledPluginDir;
    if (std::filesystem::is_directory(installed))
        return installed;
    return build_info::kBuildPluginDir;
}

bool load_plugins(const CommandLineOptions& options, ModuleLoader& modules,
                  PluginRegistry& registry) {
    const auto plugin_dir = plugin_directory(options);
    const ModuleLoadReport report = modules.load_directory(plugin_dir, registry);
    for (const auto& error : report.errors)
        std::cerr << "livemachine: " << error << "\n";
    if (report.loaded.empty()) {
        std::cerr << fmt::format("livemachine: no plugins found in '{}' (use --plugin-dir)\n",
                                 plugin_dir.string());
        return false;
    }
    return true;
}

}  // namespace lm
