#include "plugins/hls/hls_types.hpp"

#include "core/scene/property_builders.hpp"
#include "plugins/hls/hls_output.hpp"

namespace lm {

PropertySchema hls_properties() {
    const HlsSettings defaults;
    using namespace property;
    return {
        path("folder", "Folder", "",
             "The folder your web server serves; stream.m3u8 and its segments are written "
             "there. It must exist."),
        number("segment_s", "Segment length (s)", defaults.segment_s, HlsSettings::kMinSegmentS,
               HlsSettings::kMaxSegmentS,
               "Segments are cut at keyframes: keep this equal to the keyframe interval."),
        integer("playlist_segments", "Playlist length (segments)", defaults.playlist_segments,
                HlsSettings::kMinPlaylistSegments, HlsSettings::kMaxPlaylistSegments,
                "How many of the newest segments the playlist lists."),
        boolean("delete_segments", "Delete old segments", defaults.delete_segments,
                "Remove segments that have left the playlist, so the folder stays small."),
        boolean("low_latency", "Low latency", defaults.low_latency,
                "1 s independent segments (set the keyframe interval to 1 s): about 3-4 s behind "
                "live instead of 6-8 s. Not LL-HLS: FFmpeg 5.1 writes no partial segments."),
        list("segment_format", "Segment format", "mpegts",
             {{"MPEG-TS (.ts, plays everywhere)", "mpegts"}, {"Fragmented MP4 (.m4s)", "fmp4"}},
             "MPEG-TS plays on every HLS player; fMP4 suits newer players and CDNs."),
    };
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
