#include "plugins/image/image_types.hpp"

#include "plugins/image/image_source.hpp"

namespace lm {
namespace {

SourceType image_source_type() {
    Property file;
    file.key = "file";
    file.label = "File";
    file.type = PropertyType::path;
    file.default_value = "";
    file.description = "PNG, JPEG, WebP, GIF, SVG, BMP or TIFF; reloaded when it changes";

    Property loop;
    loop.key = "loop";
    loop.label = "Loop animation";
    loop.type = PropertyType::boolean;
    loop.default_value = true;
    loop.description = "Off: an animated GIF plays once and stays on its last frame";

    Property speed;
    speed.key = "speed_percent";
    speed.label = "Animation speed (%)";
    speed.type = PropertyType::number;
    speed.default_value = 100;
    speed.min = ImageSource::kMinSpeedPercent;
    speed.max = ImageSource::kMaxSpeedPercent;

    return {"image_source",
            "Image",
            Source::kVideo,
            {file, loop, speed},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                ImageSourceSettings settings;
                settings.file = s["file"].get<std::string>();
                settings.loop = s["loop"].get<bool>();
                settings.speed_percent = s["speed_percent"].get<double>();
                return std::make_shared<ImageSource>(std::move(settings));
            }};
}

}  // namespace

void register_image_types(PluginRegistry& registry) {
    registry.add(image_source_type());
}

}  // namespace lm
