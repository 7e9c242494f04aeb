#include "plugins/record/record_types.hpp"

#include "plugins/record/record_output.hpp"
#include "plugins/record/replay_output.hpp"

namespace lm {

PropertySchema record_properties() {
    Property path;
    path.key = "path";
    path.label = "File";
    path.type = PropertyType::path;
    path.default_value = "";
    path.description =
        "Where to record: .mkv (default, survives crashes), .mp4 (fragmented) or .flv. An "
        "existing file is never overwritten.";

    Property split_time;
    split_time.key = "split_time_s";
    split_time.label = "Split every (s)";
    split_time.type = PropertyType::number;
    split_time.default_value = 0.0;
    split_time.min = 0;
    split_time.max = 7 * 24 * 3600;
    split_time.description =
        "Start a new file (show-001.mkv, show-002.mkv, …) at the first keyframe after this "
        "many seconds; 0 records one file.";

    Property split_size;
    split_size.key = "split_size_mb";
    split_size.label = "Split at size (MB)";
    split_size.type = PropertyType::integer;
    split_size.default_value = 0;
    split_size.min = 0;
    split_size.max = 100'000'000;
    split_size.description =
        "Start a new file at the first keyframe after a file reaches this many megabytes "
        "(1 MB = 1,000,000 bytes); 0 for no size limit.";
    return {path, split_time, split_size};
}

PropertySchema replay_buffer_properties() {
    Property folder;
    folder.key = "folder";
    folder.label = "Folder";
    folder.type = PropertyType::path;
    folder.default_value = ".";
    folder.description =
        "Where saved replays go, each a new file named replay-YYYY-MM-DD_HH-MM-SS.mkv.";

    Property seconds;
    seconds.key = "seconds";
    seconds.label = "Keep (s)";
    seconds.type = PropertyType::number;
    seconds.default_value = 20.0;
    seconds.min = 1;
    seconds.max = 3600;
    seconds.description =
        "How much of the stream a saved replay holds: at least this many seconds, from the "
        "keyframe before them.";

    Property format;
    format.key = "format";
    format.label = "Format";
    format.type = PropertyType::list;
    format.default_value = "mkv";
    format.options = {{"Matroska (.mkv)", "mkv"}, {"MP4 (.mp4)", "mp4"}, {"FLV (.flv)", "flv"}};
    format.description = "The container of saved replays: mkv, mp4 or flv.";
    return {folder, seconds, format};
}

void register_record_types(PluginRegistry& registry) {
    OutputType type;
    type.id = "record";
    type.display_name = "Recording";
    type.properties = record_properties();
    type.create = [](const nlohmann::json& settings) -> std::unique_ptr<Output> {
        return std::make_unique<RecordOutput>(settings);
    };
    registry.add(std::move(type));

    OutputType replay;
    replay.id = "replay_buffer";
    replay.display_name = "Replay buffer";
    replay.properties = replay_buffer_properties();
    replay.create = [](const nlohmann::json& settings) -> std::unique_ptr<Output> {
        return std::make_unique<ReplayOutput>(settings);
    };
    registry.add(std::move(replay));
}

}  // namespace lm
