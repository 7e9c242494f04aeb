// The settings dialog keeps its own copy of the encoders' limits (the UI does not link the
// plugins), so a user sees a bad value before pressing Start. This test keeps the copy true:
// it reads the real x264, aac, hls and replay-buffer schemas and fails when they drift apart.
#include <catch2/catch.hpp>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/aac/aac_types.hpp"
#include "plugins/hls/hls_types.hpp"
#include "plugins/record/record_types.hpp"
#include "plugins/x264/x264_types.hpp"
#include "ui/settings/profile_validation.hpp"

using namespace lm;
using lm::ui::ProfileLimits;

namespace {

const Property& property(const PropertySchema& schema, const std::string& key) {
    for (const Property& p : schema) {
        if (p.key == key)
            return p;
    }
    FAIL("no property " << key);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("the settings' encoder limits are the plugins' own", "[ui][settings]") {
    PluginRegistry registry;
    register_x264_types(registry);
    register_aac_types(registry);
    const PropertySchema& x264 = registry.video_encoder("x264")->properties;
    const PropertySchema& aac = registry.audio_encoder("aac")->properties;

    CHECK(property(x264, "bitrate_kbps").min == ProfileLimits::kMinVideoBitrateKbps);
    CHECK(property(x264, "bitrate_kbps").max == ProfileLimits::kMaxVideoBitrateKbps);
    CHECK(property(x264, "crf").max == ProfileLimits::kMaxCrf);
    CHECK(property(x264, "keyint_s").min == ProfileLimits::kMinKeyframeIntervalS);
    CHECK(property(x264, "keyint_s").max == ProfileLimits::kMaxKeyframeIntervalS);
    CHECK(property(aac, "bitrate_kbps").min == ProfileLimits::kMinAudioBitrateKbps);
    CHECK(property(aac, "bitrate_kbps").max == ProfileLimits::kMaxAudioBitrateKbps);

    std::vector<std::string> presets;
    for (const PropertyOption& option : property(x264, "preset").options)
        presets.push_back(option.value.get<std::string>());
    CHECK(presets == lm::ui::x264_presets());
}

TEST_CASE("the HLS, replay buffer and split limits are the plugins' own", "[ui][settings]") {
    PluginRegistry registry;
    register_hls_types(registry);
    register_record_types(registry);
    const PropertySchema& hls = registry.output("hls")->properties;
    const PropertySchema& replay = registry.output("replay_buffer")->properties;

    CHECK(property(hls, "segment_s").min == ProfileLimits::kMinHlsSegmentS);
    CHECK(property(hls, "segment_s").max == ProfileLimits::kMaxHlsSegmentS);
    CHECK(property(hls, "playlist_segments").min == ProfileLimits::kMinHlsPlaylistSegments);
    CHECK(property(hls, "playlist_segments").max == ProfileLimits::kMaxHlsPlaylistSegments);
    const lm::ui::HlsFolderSettings defaults;
    CHECK(property(hls, "segment_s").default_value == defaults.segment_s);
    CHECK(property(hls, "playlist_segments").default_value == defaults.playlist_segments);
    CHECK(property(hls, "delete_segments").default_value == defaults.delete_segments);
    CHECK(property(hls, "low_latency").default_value == defaults.low_latency);

    CHECK(property(replay, "seconds").min == ProfileLimits::kMinReplaySeconds);
    CHECK(property(replay, "seconds").max == ProfileLimits::kMaxReplaySeconds);
    CHECK(property(replay, "seconds").default_value == lm::ui::ReplayBufferSettings{}.seconds);

    // The record output takes 0 for "no split"; the settings offer splitting as a choice and
    // start the lengths at 1.
    const PropertySchema& record = registry.output("record")->properties;
    CHECK(property(record, "split_time_s").max == ProfileLimits::kMaxSplitTimeS);
    CHECK(property(record, "split_size_mb").max == ProfileLimits::kMaxSplitSizeMb);
}
