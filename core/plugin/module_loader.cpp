#include "core/plugin/module_loader.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "core/plugin/plugin_api.hpp"

namespace lm {

namespace {

std::string dl_error_text() {
    const char* text = dlerror();
    return text != nullptr ? text : "unknown dynamic loader error";
}

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why) {
    throw std::runtime_error(fmt::format("{}: {}", path.string(), why));
}

}  // namespace

ModuleLoader::~ModuleLoader() {
    // Reverse order: a module loaded later may use types of one loaded earlier.
    for (auto it = handles_.rbegin(); it != handles_.rend(); ++it)
        dlclose(*it);
}

LoadedModule ModuleLoader::load(const std::filesystem::path& path, PluginRegistry& registry) {
    // RTLD_NOW: a missing symbol fails here, with the file named, instead of crashing the
    // video thread later. RTLD_LOCAL: two plugins' private symbols never collide.
    // A bare file name would make dlopen search the library path instead of opening the
    // file the caller named.
    const std::filesystem::path file = path.has_parent_path() ? path : "." / path;
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
        refuse(path, fmt::format("cannot load plugin: {}", dl_error_text()));

    using EntryPoint = const LmPluginInfo* (*)();
    dlerror();  // clear, so a stale error is not mistaken for this lookup's
    auto* entry = reinterpret_cast<EntryPoint>(dlsym(handle, kPluginEntrySymbol));
    if (entry == nullptr) {
        dlclose(handle);
        refuse(path, fmt::format("not a Live Machine plugin: it has no '{}' entry point",
                                 kPluginEntrySymbol));
    }
    const LmPluginInfo* info = entry();
    if (info == nullptr) {
        dlclose(handle);
        refuse(path,
               fmt::format("not a Live Machine plugin: '{}' returned nothing", kPluginEntrySymbol));
    }

    // Copy the name now: after dlclose its storage is gone.
    const std::string name = info->name != nullptr && *info->name != '\0' ? std::string(info->name)
                                                                          : path.stem().string();
    // The version is checked before anything else in the module is touched: a module built
    // against another layout of PluginRegistry would corrupt it.
    if (info->api_version != LM_PLUGIN_API_VERSION) {
        const int module_version = info->api_version;
        dlclose(handle);
        refuse(path, fmt::format("plugin {} was built for plugin API {}, this Live Machine has {}",
                                 name, module_version, LM_PLUGIN_API_VERSION));
    }
    if (info->register_types == nullptr) {
        dlclose(handle);
        refuse(path, fmt::format("plugin {} has no register function", name));
    }

    // From here the handle is kept even if registration throws halfway: the types it did
    // register hold function objects whose code lives in the module.
    handles_.push_back(handle);
    try {
        info->register_types(registry);
    } catch (const std::exception& error) {
        refuse(path, fmt::format("plugin {} failed to register its types: {}", name, error.what()));
    }
    return LoadedModule{name, path};
}

ModuleLoadReport ModuleLoader::load_directory(const std::filesystem::path& directory,
                                              PluginRegistry& registry) {
    ModuleLoadReport report;
    std::vector<std::filesystem::path> modules;
    std::error_code error;
    std::filesystem::directory_iterator it(directory, error);
    if (error) {
        report.errors.push_back(
            fmt::format("{}: cannot read plugin folder: {}", directory.string(), error.message()));
        return report;
    }
    for (const auto& entry : it) {
        std::error_code type_error;
        if (entry.path().extension() == ".so" && entry.is_regular_file(type_error)) {
            modules.push_back(entry.path());
        }
    }
    // Sorted, so the load order (and which of two clashing plugins wins) is reproducible.
    std::sort(modules.begin(), modules.end());
    for (const auto& path : modules) {
        try {
            report.loaded.push_back(load(path, registry));
        } catch (const std::exception& failure) {
            report.errors.emplace_back(failure.what());  // already "path: why"
        }
    }
    return report;
}

}  // namespace lm
