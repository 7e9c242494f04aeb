#include "plugins/camera/camera_types.hpp"

#include <stdexcept>

#include "plugins/camera/camera_source.hpp"

namespace lm {
namespace {

// V4L2 sizes are 32-bit, but no capture device goes past 8K.
constexpr double kMaxSide = 8192;
constexpr double kMaxFps = 240;

Property property(std::string key, std::string label, PropertyType type,
                  nlohmann::json default_value, std::string description) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = type;
    p.default_value = std::move(default_value);
    p.description = std::move(description);
    return p;
}

Property integer(std::string key, std::string label, double max, std::string description) {
    Property p = property(std::move(key), std::move(label), PropertyType::integer, 0,
                          std::move(description));
    p.min = 0;
    p.max = max;
    return p;
}

PropertySchema camera_schema(const std::filesystem::path& dev_dir) {
    Property format = property("format", "Format", PropertyType::list, "auto",
                               "Auto picks MJPEG when the camera offers it (HD at full frame "
                               "rate over USB 2), else YUYV.");
    format.options = {{"Auto", "auto"}, {"MJPEG", "mjpeg"}, {"YUYV (uncompressed)", "yuyv"}};
    Property device = property(
        "device", "Device", PropertyType::text, "",
        "Empty: the first camera. A name like 'HD Webcam C920 (usb-0000:00:14.0-2)' finds the "
        "camera again after it is replugged; /dev/video0 also works.");
    // Listed when a dialog opens, so a camera plugged in since shows up.
    device.current_options = [dev_dir] {
        return camera_device_options(list_camera_devices(dev_dir));
    };
    return {
        device,
        integer("width", "Width", kMaxSide, "0: the camera's largest size"),
        integer("height", "Height", kMaxSide, "0: the camera's largest size"),
        integer("fps", "Frame rate", kMaxFps, "0: the camera's default"),
        format,
    };
}

}  // namespace

CameraSettings camera_settings_from_json(const nlohmann::json& s) {
    CameraSettings settings;
    settings.device = s.at("device").get<std::string>();
    settings.request.width = s.at("width").get<int>();
    settings.request.height = s.at("height").get<int>();
    settings.request.fps = s.at("fps").get<int>();
    const std::string format = s.at("format").get<std::string>();
    if (format == "auto")
        settings.request.format = CameraFormatChoice::automatic;
    else if (format == "mjpeg")
        settings.request.format = CameraFormatChoice::mjpeg;
    else if (format == "yuyv")
        settings.request.format = CameraFormatChoice::yuyv;
    else
        throw std::invalid_argument("camera: format '" + format +
                                    "' is not one of auto, mjpeg, yuyv");
    return settings;
}

std::vector<PropertyOption> camera_device_options(const std::vector<CameraDevice>& devices) {
    std::vector<PropertyOption> options{{"First camera found", ""}};
    for (const CameraDevice& device : devices) {
        const std::string name = device.display_name();
        options.push_back({name + " at " + device.path.string(), name});
    }
    return options;
}

void register_camera_types(PluginRegistry& registry, const std::filesystem::path& dev_dir) {
    registry.add({"camera", "Video capture device", Source::kVideo, camera_schema(dev_dir),
                  [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                      return std::make_shared<CameraSource>(camera_settings_from_json(s));
                  }});
}

void register_camera_types(PluginRegistry& registry) {
    register_camera_types(registry, "/dev");
}

}  // namespace lm
