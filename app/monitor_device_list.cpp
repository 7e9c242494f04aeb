#include "app/monitor_device_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "app/headless_runner.hpp"
#include "app/plugin_directory.hpp"
#include "core/audio/monitor_playback.hpp"
#include "core/plugin/module_loader.hpp"
#include "core/plugin/plugin_registry.hpp"

namespace lm {

int list_monitor_devices(const CommandLineOptions& options) {
    // Declared first so it is destroyed last: the registry holds code from the modules.
    ModuleLoader modules;
    PluginRegistry registry;
    if (!load_plugins(options, modules, registry))
        return kExitStartFailed;
    if (registry.audio_monitors().empty())
        std::cerr << "livemachine: no audio monitor plugin is loaded: monitoring is not heard\n";
    const auto devices = monitoring_devices(registry);
    size_t width = 0;
    for (const auto& device : devices)
        width = std::max(width, device.first.size());
    for (const auto& [name, label] : devices)
        std::cout << fmt::format("{:<{}}  {}\n", name, width, label);
    return kExitOk;
}

}  // namespace lm
