// The NVENC encoder's settings as typed values, read from the JSON settings object.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace lm {

enum class NvencRateControl {
    cbr = 1,  ///< constant bitrate: what streaming platforms ask for
    vbr,      ///< average bitrate capped by max_bitrate_kbps
    crf,      ///< constant quality (VBR steered by `cq`, no bitrate target): recordings
    cqp,      ///< one fixed quantiser for every frame
};

struct NvencSettings {
    NvencRateControl rate_control = NvencRateControl::cbr;
    int bitrate_kbps = 2500;
    int max_bitrate_kbps = 0;      ///< vbr only: the cap; 0 means 1.5 x bitrate_kbps
    int cq = 23;                   ///< crf only: NVENC's target quality, 1..51, lower is better
    int qp = 23;                   ///< cqp only
    std::string preset = "p5";     ///< p1 (fastest) .. p7 (best)
    std::string tuning = "hq";     ///< hq, ll (low latency), ull (ultra low latency)
    std::string profile = "high";  ///< baseline, main, high
    int keyint_s = 2;
    int bframes = 2;
    int lookahead_frames = 0;  ///< 0 turns look-ahead off
    int gpu = 0;               ///< CUDA device index

    /// Reads every known key present (missing keys keep their defaults) and checks types,
    /// ranges and names. Throws EncoderError naming the key, the value and what is allowed.
    static NvencSettings from_json(const nlohmann::json& settings);

    int effective_max_bitrate_kbps() const {
        return max_bitrate_kbps > 0 ? max_bitrate_kbps : bitrate_kbps * 3 / 2;
    }
};

const char* to_string(NvencRateControl mode);

struct NvencLimits {
    static constexpr int kMinBitrateKbps = 50;
    static constexpr int kMaxBitrateKbps = 200'000;
    static constexpr int kMaxQuality = 51;
    static constexpr int kMinKeyintS = 1;
    static constexpr int kMaxKeyintS = 20;
    static constexpr int kMaxBframes = 4;
    static constexpr int kMaxLookahead = 32;
    static constexpr int kMaxGpu = 15;
};

}  // namespace lm
