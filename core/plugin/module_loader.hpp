// Loads plugin modules (shared objects) and lets them register into a PluginRegistry.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/plugin/plugin_registry.hpp"

namespace lm {

struct LoadedModule {
    std::string name;
    std::filesystem::path path;
};

struct ModuleLoadReport {
    std::vector<LoadedModule> loaded;
    /// One line per module refused: "path: why" (missing symbol, API version mismatch, dlopen
    /// error).
    std::vector<std::string> errors;
};

/// Owns the dlopen handles; modules stay loaded for the loader's lifetime, which must outlast
/// every object the registered factories created.
class ModuleLoader {
public:
    ModuleLoader() = default;
    ~ModuleLoader();
    ModuleLoader(const ModuleLoader&) = delete;
    ModuleLoader& operator=(const ModuleLoader&) = delete;

    /// Loads one module; throws std::runtime_error naming the file and the reason.
    LoadedModule load(const std::filesystem::path& path, PluginRegistry& registry);
    /// Loads every `*.so` in `directory` (sorted by name), collecting failures instead of
    /// stopping at the first.
    ModuleLoadReport load_directory(const std::filesystem::path& directory,
                                    PluginRegistry& registry);

private:
    std::vector<void*> handles_;
};

}  // namespace lm
