#include "plugins/hls/hls_types.hpp"

#include "plugins/hls/hls_output.hpp"

namespace lm {

PropertySchema hls_properties() {
    const HlsSettings defaults;
    Property folder;
    folder.key = "folder";
    folder.label = "Folder";
    folder.type = PropertyType::path;
    folder.default_value = "";
    folder.description =
        "The folder your web server serves; stream.m3u8 and its segments are written there. It "
        "must exist.";

    Property segment;
    segment.key = "segment_s";
    segment.label = "Segment length (s)";
    segment.type = PropertyType::number;
    segment.default_value = defaults.segment_s;
    segment.min = HlsSettings::kMinSegmentS;
    segment.max = HlsSettings::kMaxSegmentS;
    segment.description =
        "Segments are cut at keyframes: keep this equal to the keyframe interval.";

    Property playlist;
    playlist.key = "playlist_segments";
    playlist.label = "Playlist length (segments)";
    playlist.type = PropertyType::integer;
    playlist.default_value = defaults.playlist_segments;
    playlist.min = HlsSettings::kMinPlaylistSegments;
    playlist.max = HlsSettings::kMaxPlaylistSegments;
    playlist.description = "How many of the newest segments the playlist lists.";

    Property remove;
    remove.key = "delete_segments";
    remove.label = "Delete old segments";
    remove.type = PropertyType::boolean;
    remove.default_value = defaults.delete_segments;
    remove.description = "Remove segments that have left the playlist, so the folder stays small.";

    Property low_latency;
    low_latency.key = "low_latency";
    low_latency.label = "Low latency";
    low_latency.type = PropertyType::boolean;
    low_latency.default_value = defaults.low_latency;
    low_latency.description =
        "1 s independent segments (set the keyframe interval to 1 s): about 3-4 s behind live "
        "instead of 6-8 s. Not LL-HLS: FFmpeg 5.1 writes no partial segments.";

    Property format;
    format.key = "segment_format";
    format.label = "Segment format";
    format.type = PropertyType::list;
    format.default_value = "mpegts";
    format.options = {{"MPEG-TS (.ts, plays everywhere)", "mpegts"},
                      {"Fragmented MP4 (.m4s)", "fmp4"}};
    format.description = "MPEG-TS plays on every HLS player; fMP4 suits newer players and CDNs.";
    return {folder, segment, playlist, remove, low_latency, format};
}

void register_hls_types(PluginRegistry& registry) {
    OutputType type;
    type.id = "hls";
    type.display_name = "HLS folder";
    type.properties = hls_properties();
    type.create = [](const nlohmann::json& settings) -> std::unique_ptr<Output> {
        return std::make_unique<HlsOutput>(settings);
    };
    registry.add(std::move(type));
}

}  // namespace lm
