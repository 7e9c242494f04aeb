#include "plugins/nvenc/nvenc_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "core/encode/encoder.hpp"

namespace lm {
namespace {

int read_int(const nlohmann::json& settings, const char* key, int fallback, int min, int max) {
    const auto it = settings.find(key);
    if (it == settings.end() || it->is_null())
        return fallback;
    // JSON from a dialog may carry 2500.0 for an integer field: accept whole numbers only.
    if (!it->is_number() || std::floor(it->get<double>()) != it->get<double>()) {
        throw EncoderError(
            fmt::format("nvenc: '{}' must be a whole number, got {}", key, it->dump()));
    }
    const double value = it->get<double>();
    if (value < min || value > max) {
        throw EncoderError(
            fmt::format("nvenc: '{}' is {}, which is outside {}..{}", key, it->dump(), min, max));
    }
    return static_cast<int>(value);
}

std::string read_choice(const nlohmann::json& settings, const char* key, std::string fallback,
                        std::initializer_list<const char*> allowed) {
    const auto it = settings.find(key);
    if (it == settings.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        throw EncoderError(fmt::format("nvenc: '{}' must be a string, got {}", key, it->dump()));
    const std::string value = it->get<std::string>();
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        return value;
    std::string names;
    for (const char* name : allowed)
        names += (names.empty() ? "" : ", ") + std::string(name);
    throw EncoderError(fmt::format("nvenc: unknown {} '{}' (use one of {})", key, value, names));
}

}  // namespace

const char* to_string(NvencRateControl mode) {
    switch (mode) {
        case NvencRateControl::cbr:
            return "cbr";
        case NvencRateControl::vbr:
            return "vbr";
        case NvencRateControl::crf:
            return "crf";
        case NvencRateControl::cqp:
            return "cqp";
    }
    return "cbr";
}

NvencSettings NvencSettings::from_json(const nlohmann::json& settings) {
    using L = NvencLimits;
    NvencSettings s;
    const std::string mode = read_choice(settings, "rate_control", to_string(s.rate_control),
                                         {"cbr", "vbr", "crf", "cqp"});
    for (NvencRateControl m : {NvencRateControl::cbr, NvencRateControl::vbr, NvencRateControl::crf,
                               NvencRateControl::cqp}) {
        if (mode == to_string(m))
            s.rate_control = m;
    }
    s.bitrate_kbps =
        read_int(settings, "bitrate_kbps", s.bitrate_kbps, L::kMinBitrateKbps, L::kMaxBitrateKbps);
    s.max_bitrate_kbps =
        read_int(settings, "max_bitrate_kbps", s.max_bitrate_kbps, 0, L::kMaxBitrateKbps);
    s.cq = read_int(settings, "cq", s.cq, 1, L::kMaxQuality);
    s.qp = read_int(settings, "qp", s.qp, 0, L::kMaxQuality);
    s.preset =
        read_choice(settings, "preset", s.preset, {"p1", "p2", "p3", "p4", "p5", "p6", "p7"});
    s.tuning = read_choice(settings, "tuning", s.tuning, {"hq", "ll", "ull"});
    s.profile = read_choice(settings, "profile", s.profile, {"baseline", "main", "high"});
    s.keyint_s = read_int(settings, "keyint_s", s.keyint_s, L::kMinKeyintS, L::kMaxKeyintS);
    s.bframes = read_int(settings, "bframes", s.bframes, 0, L::kMaxBframes);
    s.lookahead_frames =
        read_int(settings, "lookahead_frames", s.lookahead_frames, 0, L::kMaxLookahead);
    s.gpu = read_int(settings, "gpu", s.gpu, 0, L::kMaxGpu);
    if (s.rate_control == NvencRateControl::vbr && s.max_bitrate_kbps != 0 &&
        s.max_bitrate_kbps < s.bitrate_kbps) {
        throw EncoderError(
            fmt::format("nvenc: max_bitrate_kbps ({}) must be at least "
                        "bitrate_kbps ({})",
                        s.max_bitrate_kbps, s.bitrate_kbps));
    }
    if (s.profile == "baseline" && s.bframes > 0)
        throw EncoderError("nvenc: the baseline profile has no B-frames (set bframes to 0)");
    return s;
}

}  // namespace lm
