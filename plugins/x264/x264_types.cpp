#include "plugins/x264/x264_types.hpp"

#include <x264.h>
#include <cstdint>

#include "core/scene/property_builders.hpp"
#include "plugins/x264/x264_encoder.hpp"

namespace lm {
namespace {

std::vector<PropertyOption> options_of(std::initializer_list<const char*> values) {
    std::vector<PropertyOption> options;
    for (const char* value : values)
        options.push_back({value, value});
    return options;
}

using property::integer;
using property::list;

}  // namespace

PropertySchema x264_properties() {
    const X264Settings defaults;
    using L = X264Limits;
    std::vector<PropertyOption> presets;
    for (int i = 0; x264_preset_names[i] != nullptr; ++i) {
        presets.push_back({x264_preset_names[i], x264_preset_names[i]});
    }
    return {
        list("rate_control", "Rate control", to_string(defaults.rate_control),
             {{"CBR (constant bitrate, for streaming)", "cbr"},
              {"VBR (average bitrate with a cap)", "vbr"},
              {"CRF (constant quality, for recording)", "crf"}},
             "CBR is what streaming platforms expect."),
        integer("bitrate_kbps", "Bitrate (kbps)", defaults.bitrate_kbps, L::kMinBitrateKbps,
                L::kMaxBitrateKbps, "Target bitrate for CBR and VBR."),
        integer("max_bitrate_kbps", "Maximum bitrate (kbps)", defaults.max_bitrate_kbps, 0,
                L::kMaxBitrateKbps, "VBR only: the cap; 0 means 1.5 x the bitrate."),
        integer("crf", "Quality (CRF)", defaults.crf, 0, L::kMaxCrf,
                "CRF only: lower is better and bigger; 18-28 is the useful range."),
        list("preset", "CPU usage preset", defaults.preset, std::move(presets),
             "Slower presets compress better but need more CPU."),
        list("tune", "Tune", defaults.tune,
             options_of(
                 {"none", "film", "animation", "grain", "stillimage", "fastdecode", "zerolatency"}),
             "Tunes x264 for a kind of content."),
        list("profile", "Profile", defaults.profile, options_of({"baseline", "main", "high"}),
             "H.264 profile; high unless an old device needs otherwise."),
        integer("keyint_s", "Keyframe interval (s)", defaults.keyint_s, L::kMinKeyintS,
                L::kMaxKeyintS, "Streaming platforms want 2 seconds."),
        integer("bframes", "B-frames", defaults.bframes, -1, L::kMaxBframes,
                "-1 keeps the preset's number."),
        integer("threads", "Threads", defaults.threads, 0, L::kMaxThreads,
                "0 lets x264 choose from the CPU count."),
    };
}

void register_x264_types(PluginRegistry& registry) {
    VideoEncoderType type;
    type.id = "x264";
    type.display_name = "x264 (H.264, software)";
    type.properties = x264_properties();
    type.create = [](const VideoFormat& format,
                     const nlohmann::json& settings) -> std::unique_ptr<VideoEncoder> {
        return std::make_unique<X264Encoder>(format, settings);
    };
    registry.add(std::move(type));
}

}  // namespace lm
