#include "plugins/media/media_types.hpp"

#include "core/scene/property_builders.hpp"
#include "plugins/media/media_source.hpp"

namespace lm {
namespace {

using property::boolean;

SourceType media_source_type() {
    Property file;
    file.key = "file";
    file.label = "File";
    file.type = PropertyType::path;
    file.default_value = "";
    file.description = "Any video or audio file FFmpeg opens: mp4, mkv, mov, webm, mp3, wav…";
    Property speed;
    speed.key = "speed_percent";
    speed.label = "Speed (%)";
    speed.type = PropertyType::number;
    speed.default_value = 100;
    speed.min = 25;
    speed.max = 400;
    return {"media_source",
            "Media file",
            Source::kVideo | Source::kAudio,
            {file, boolean("loop", "Loop", true, "Start again at the end"),
             boolean("restart_when_shown", "Restart when shown", true,
                     "Play from the beginning each time the source is shown; otherwise resume"),
             speed,
             boolean("hardware_decode", "Use hardware decoding when available", true,
                     "VAAPI or CUDA when the machine has them; software otherwise")},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                MediaSettings settings;
                settings.file = s["file"].get<std::string>();
                settings.loop = s["loop"].get<bool>();
                settings.restart_when_shown = s["restart_when_shown"].get<bool>();
                settings.speed = s["speed_percent"].get<double>() / 100.0;
                settings.hardware_decode = s["hardware_decode"].get<bool>();
                return std::make_shared<MediaSource>(settings);
            }};
}

}  // namespace

void register_media_types(PluginRegistry& registry) {
    registry.add(media_source_type());
}

}  // namespace lm
