#include "app/plugin_directory.hpp"

#include <cstdlib>

#include "app/build_info.hpp"

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

}  // namespace lm
