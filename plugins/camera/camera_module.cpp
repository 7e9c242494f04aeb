#include "core/plugin/plugin_api.hpp"
#include "plugins/camera/camera_types.hpp"

LM_DECLARE_PLUGIN("camera", "Video capture devices (Video4Linux2)", lm::register_camera_types)
