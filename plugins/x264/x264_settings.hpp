// The x264 encoder's settings as typed values, read from the JSON settings object.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace lm {

enum class X264RateControl {
    cbr = 1,  ///< constant bitrate with filler: what streaming platforms ask for
    vbr,      ///< average bitrate capped by max_bitrate_kbps
    crf,      ///< constant quality (recordings)
};

/// Defaults here are the schema's defaults (x264_properties() reads them from a
/// default-constructed X264Settings), so the two cannot drift apart.
struct X264Settings {
    X264RateControl rate_control = X264RateControl::cbr;
    int bitrate_kbps = 2500;
    /// vbr only: the VBV cap; 0 means 1.5 x bitrate_kbps.
    int max_bitrate_kbps = 0;
    int crf = 23;
    std::string preset = "veryfast";
    std::string tune = "none";  ///< "none" or one of x264's tunes
    std::string profile = "high";
    int keyint_s = 2;
    int bframes = -1;  ///< -1 keeps the preset's value
    int threads = 0;   ///< 0 lets x264 choose

    /// Reads every known key present in `settings` (missing keys keep their defaults) and
    /// checks types, ranges and names. Throws EncoderError naming the key, the value and what
    /// is allowed, e.g. "x264: unknown preset 'ultrafst' (use one of ultrafast, ...)".
    static X264Settings from_json(const nlohmann::json& settings);

    /// The VBV cap actually used in vbr mode.
    int effective_max_bitrate_kbps() const {
        return max_bitrate_kbps > 0 ? max_bitrate_kbps : bitrate_kbps * 3 / 2;
    }
};

/// Name of a rate-control mode as it appears in settings ("cbr", "vbr", "crf").
const char* to_string(X264RateControl mode);

/// Limits shared by the schema and from_json.
struct X264Limits {
    static constexpr int kMinBitrateKbps = 50;
    static constexpr int kMaxBitrateKbps = 200'000;
    static constexpr int kMaxCrf = 51;
    static constexpr int kMinKeyintS = 1;
    static constexpr int kMaxKeyintS = 20;
    static constexpr int kMaxBframes = 16;
    static constexpr int kMaxThreads = 64;
};

}  // namespace lm
