// Registers the "camera" source type ("Video capture device", Video4Linux2).
#pragma once

#include "core/plugin/plugin_registry.hpp"
#include "plugins/camera/camera_worker.hpp"

namespace lm {

/// The source's settings from JSON already checked against the schema. Throws
/// std::invalid_argument for an unknown format (a value the schema cannot reject by itself).
CameraSettings camera_settings_from_json(const nlohmann::json& settings);

void register_camera_types(PluginRegistry& registry);

}  // namespace lm
