#include "plugins/nvenc/nvenc_types.hpp"

#include "core/encode/encoder.hpp"
#include "core/scene/property_builders.hpp"
#include "plugins/nvenc/nvenc_encoder.hpp"
#include "plugins/nvenc/nvenc_probe.hpp"
#include "plugins/nvenc/nvenc_settings.hpp"

namespace lm {
using property::integer;
using property::list;

PropertySchema nvenc_properties() {
    const NvencSettings defaults;
    using L = NvencLimits;
    return {
        list("rate_control", "Rate control", to_string(defaults.rate_control),
             {{"CBR (constant bitrate, for streaming)", "cbr"},
              {"VBR (average bitrate with a cap)", "vbr"},
              {"Constant quality (for recording)", "crf"},
              {"Constant QP", "cqp"}},
             "CBR is what streaming platforms expect."),
        integer("bitrate_kbps", "Bitrate (kbps)", defaults.bitrate_kbps, L::kMinBitrateKbps,
                L::kMaxBitrateKbps, "Target bitrate for CBR and VBR."),
        integer("max_bitrate_kbps", "Maximum bitrate (kbps)", defaults.max_bitrate_kbps, 0,
                L::kMaxBitrateKbps, "VBR only: the cap; 0 means 1.5 x the bitrate."),
        integer("cq", "Quality (CQ)", defaults.cq, 1, L::kMaxQuality,
                "Constant quality only: lower is better and bigger."),
        integer("qp", "Quantiser (QP)", defaults.qp, 0, L::kMaxQuality, "Constant QP only."),
        list("preset", "Preset", defaults.preset,
             {{"P1 (fastest)", "p1"},
              {"P2", "p2"},
              {"P3", "p3"},
              {"P4", "p4"},
              {"P5", "p5"},
              {"P6", "p6"},
              {"P7 (best quality)", "p7"}},
             "Higher presets compress better and use more of the GPU's encoder."),
        list("tuning", "Tuning", defaults.tuning,
             {{"High quality", "hq"}, {"Low latency", "ll"}, {"Ultra low latency", "ull"}},
             "High quality suits streaming and recording."),
        list("profile", "Profile", defaults.profile,
             {{"baseline", "baseline"}, {"main", "main"}, {"high", "high"}},
             "H.264 profile; high unless an old device needs otherwise."),
        integer("keyint_s", "Keyframe interval (s)", defaults.keyint_s, L::kMinKeyintS,
                L::kMaxKeyintS, "Streaming platforms want 2 seconds."),
        integer("bframes", "B-frames", defaults.bframes, 0, L::kMaxBframes,
                "0 for the lowest latency."),
        integer("lookahead_frames", "Look-ahead (frames)", defaults.lookahead_frames, 0,
                L::kMaxLookahead, "0 turns look-ahead off; it costs latency."),
        integer("gpu", "GPU", defaults.gpu, 0, L::kMaxGpu, "CUDA device index."),
    };
}

void register_nvenc_types(PluginRegistry& registry) {
    VideoEncoderType type;
    type.id = "nvenc";
    type.display_name = "NVENC (H.264, NVIDIA GPU)";
    type.properties = nvenc_properties();
    type.create = [](const VideoFormat& format,
                     const nlohmann::json& settings) -> std::unique_ptr<VideoEncoder> {
        return std::make_unique<NvencEncoder>(format, settings);
    };
    type.probe = [] { return probe_nvenc(NvencCodec::h264); };
    registry.add(std::move(type));
}

}  // namespace lm
