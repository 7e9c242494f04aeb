#include "plugins/media/media_types.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "core/scene/property_builders.hpp"
#include "plugins/media/media_source.hpp"
#include "plugins/media/stinger_overlay.hpp"

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

std::string check_stinger(const Transition& transition) {
    const std::string& file = transition.stinger_file;
    if (file.empty())
        return "Choose the stinger's video file.";
    if (!std::filesystem::exists(file))
        return fmt::format("'{}' not found.", file);
    MediaInfo info;
    try {
        MediaPlayerOptions options;
        options.loop = false;
        options.hardware_decode = false;
        info = MediaPlayer(file, options).info();
    } catch (const MediaError& error) {
        return fmt::format("Cannot play it: {}", error.what());
    }
    if (!info.has_video)
        return fmt::format("'{}' has no video.", file);
    if (info.duration_ns <= 0)
        return fmt::format("'{}' does not say how long it is.", file);
    const int64_t length_ms = info.duration_ns / 1'000'000;
    if (transition.stinger_point_ms > length_ms) {
        return fmt::format("The transition point ({} ms) is after the video ends ({} ms).",
                           transition.stinger_point_ms, length_ms);
    }
    return {};
}

}  // namespace

void register_media_types(PluginRegistry& registry) {
    registry.add(media_source_type());
    registry.add(TransitionType{"stinger", "Stinger",
                                [](const Transition& transition) {
                                    return std::make_shared<StingerOverlay>(
                                        transition.stinger_file);
                                },
                                check_stinger});
}

}  // namespace lm
