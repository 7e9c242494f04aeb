#include "plugins/x264/x264_settings.hpp"

#include <fmt/format.h>

#include <x264.h>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/encode/encoder.hpp"

namespace lm {
namespace {

std::string join_names(const char* const* names) {
    std::string joined;
    for (int i = 0; names[i] != nullptr; ++i) {
        if (i > 0)
            joined += ", ";
        joined += names[i];
    }
    return joined;
}

bool contains(const char* const* names, const std::string& name) {
    for (int i = 0; names[i] != nullptr; ++i) {
        if (name == names[i])
            return true;
    }
    return false;
}

int read_int(const nlohmann::json& settings, const char* key, int fallback, int min, int max) {
    const auto it = settings.find(key);
    if (it == settings.end() || it->is_null())
        return fallback;
    // JSON from a dialog may carry 2500.0 for an integer field: accept whole numbers only.
    const double value = it->is_number() ? it->get<double>() : 0.5;
    if (!it->is_number() || std::floor(value) != value) {
        throw EncoderError(
            fmt::format("x264: '{}' must be a whole number, got {}", key, it->dump()));
    }
    if (value < min || value > max) {
        throw EncoderError(
            fmt::format("x264: '{}' is {}, which is outside {}..{}", key, it->dump(), min, max));
    }
    return static_cast<int>(value);
}

std::string read_string(const nlohmann::json& settings, const char* key, std::string fallback) {
    const auto it = settings.find(key);
    if (it == settings.end() || it->is_null())
        return fallback;
    if (!it->is_string()) {
        throw EncoderError(fmt::format("x264: '{}' must be a string, got {}", key, it->dump()));
    }
    return it->get<std::string>();
}

}  // namespace

const char* to_string(X264RateControl mode) {
    switch (mode) {
        case X264RateControl::cbr:
            return "cbr";
        case X264RateControl::vbr:
            return "vbr";
        case X264RateControl::crf:
            return "crf";
    }
    return "?";
}

X264Settings X264Settings::from_json(const nlohmann::json& settings) {
    if (!settings.is_object() && !settings.is_null()) {
        throw EncoderError("x264: settings must be a JSON object, got " + settings.dump());
    }
    X264Settings s;
    using L = X264Limits;

    const std::string mode = read_string(settings, "rate_control", to_string(s.rate_control));
    if (mode == "cbr") {
        s.rate_control = X264RateControl::cbr;
    } else if (mode == "vbr") {
        s.rate_control = X264RateControl::vbr;
    } else if (mode == "crf") {
        s.rate_control = X264RateControl::crf;
    } else {
        throw EncoderError(
            fmt::format("x264: unknown rate_control '{}' (use one of cbr, vbr, crf)", mode));
    }

    s.bitrate_kbps =
        read_int(settings, "bitrate_kbps", s.bitrate_kbps, L::kMinBitrateKbps, L::kMaxBitrateKbps);
    s.max_bitrate_kbps =
        read_int(settings, "max_bitrate_kbps", s.max_bitrate_kbps, 0, L::kMaxBitrateKbps);
    if (s.rate_control == X264RateControl::vbr && s.max_bitrate_kbps != 0 &&
        s.max_bitrate_kbps < s.bitrate_kbps) {
        throw EncoderError(fmt::format(
            "x264: max_bitrate_kbps ({}) must be at least bitrate_kbps ({}), or 0 for 1.5x",
            s.max_bitrate_kbps, s.bitrate_kbps));
    }
    s.crf = read_int(settings, "crf", s.crf, 0, L::kMaxCrf);
    s.keyint_s = read_int(settings, "keyint_s", s.keyint_s, L::kMinKeyintS, L::kMaxKeyintS);
    s.bframes = read_int(settings, "bframes", s.bframes, -1, L::kMaxBframes);
    s.threads = read_int(settings, "threads", s.threads, 0, L::kMaxThreads);

    s.preset = read_string(settings, "preset", s.preset);
    if (!contains(x264_preset_names, s.preset)) {
        throw EncoderError(fmt::format("x264: unknown preset '{}' (use one of {})", s.preset,
                                       join_names(x264_preset_names)));
    }
    s.tune = read_string(settings, "tune", s.tune);
    // psnr and ssim exist in x264 but only matter for benchmarks, so they are not offered.
    static const char* const kTunes[] = {"none",       "film",       "animation",   "grain",
                                         "stillimage", "fastdecode", "zerolatency", nullptr};
    if (!contains(kTunes, s.tune)) {
        throw EncoderError(
            fmt::format("x264: unknown tune '{}' (use one of {})", s.tune, join_names(kTunes)));
    }
    s.profile = read_string(settings, "profile", s.profile);
    // The input is 8-bit 4:2:0, so the high10/422/444 profiles would only fail later.
    static const char* const kProfiles[] = {"baseline", "main", "high", nullptr};
    if (!contains(kProfiles, s.profile)) {
        throw EncoderError(fmt::format("x264: unknown profile '{}' (use one of {})", s.profile,
                                       join_names(kProfiles)));
    }
    return s;
}

}  // namespace lm
