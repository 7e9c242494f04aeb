// Registers the "camera" source type ("Video capture device", Video4Linux2).
#pragma once

#include <filesystem>
#include <vector>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/camera/camera_devices.hpp"
#include "plugins/camera/camera_worker.hpp"

namespace lm {

/// The source's settings from JSON already checked against the schema. Throws
/// std::invalid_argument for an unknown format (a value the schema cannot reject by itself).
CameraSettings camera_settings_from_json(const nlohmann::json& settings);

/// The choices the `device` setting offers for `devices`: "first camera" (the empty setting)
/// first, then each camera by its display_name(), the value that finds it again after a replug.
std::vector<PropertyOption> camera_device_options(const std::vector<CameraDevice>& devices);

/// `dev_dir` is where the `device` property's options look for video nodes when a dialog
/// opens (tests pass a folder of their own); the module registers with /dev.
void register_camera_types(PluginRegistry& registry, const std::filesystem::path& dev_dir);
void register_camera_types(PluginRegistry& registry);

}  // namespace lm
