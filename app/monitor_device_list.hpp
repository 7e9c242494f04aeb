// --list-monitor-devices: where --monitor-device can send the sound of monitored items.
#pragma once

#include "app/command_line.hpp"

namespace lm {

/// Loads the plugins and prints one line per output device monitoring can play on,
/// "NAME  LABEL", "default" first. Returns the process exit code (1 when no plugin could be
/// loaded).
int list_monitor_devices(const CommandLineOptions& options);

}  // namespace lm
