#include "plugins/filters/filters_types.hpp"

#include "plugins/filters/audio_filters.hpp"
#include "plugins/filters/video_filters.hpp"

namespace lm {
namespace {

Property number(std::string key, std::string label, double value, double min, double max) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = PropertyType::number;
    p.default_value = value;
    p.min = min;
    p.max = max;
    return p;
}

Property color(std::string key, std::string label, uint32_t value) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = PropertyType::color;
    p.default_value = value;
    return p;
}

double get(const nlohmann::json& s, const char* key) {
    return s[key].get<double>();
}

FilterType color_correction_type() {
    FilterType type;
    type.id = "color_correction";
    type.display_name = "Colour correction";
    type.properties = {number("brightness", "Brightness", 0, -1, 1),
                       number("contrast", "Contrast", 0, -1, 1),
                       number("saturation", "Saturation", 0, -1, 5),
                       number("gamma", "Gamma", 0, -3, 3),
                       number("hue_shift", "Hue shift (°)", 0, -180, 180),
                       number("opacity", "Opacity (%)", 100, 0, 100)};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        ColorCorrection c;
        c.brightness = get(s, "brightness");
        c.contrast = get(s, "contrast");
        c.saturation = get(s, "saturation");
        c.gamma = get(s, "gamma");
        c.hue_degrees = get(s, "hue_shift");
        c.opacity = get(s, "opacity") / 100.0;
        return std::make_unique<ColorCorrectionFilter>(c);
    };
    return type;
}

FilterType chroma_key_type() {
    FilterType type;
    type.id = "chroma_key";
    type.display_name = "Chroma key";
    type.properties = {color("key_color", "Key colour", 0xFF00FF00),
                       number("similarity", "Similarity (1-1000)", 400, 1, 1000),
                       number("smoothness", "Smoothness (1-1000)", 80, 1, 1000),
                       number("spill", "Key colour spill reduction (1-1000)", 100, 1, 1000)};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        ChromaKey k;
        k.key_color = s["key_color"].get<uint32_t>();
        k.similarity = get(s, "similarity") / 1000.0;
        k.smoothness = get(s, "smoothness") / 1000.0;
        k.spill = get(s, "spill") / 1000.0;
        return std::make_unique<ChromaKeyFilter>(k);
    };
    return type;
}

FilterType gain_type() {
    FilterType type;
    type.id = "gain";
    type.display_name = "Gain";
    type.properties = {number("gain_db", "Gain (dB)", 0, -30, 30)};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        return std::make_unique<GainFilter>(get(s, "gain_db"));
    };
    return type;
}

FilterType noise_gate_type() {
    FilterType type;
    type.id = "noise_gate";
    type.display_name = "Noise gate";
    type.properties = {number("open_threshold_db", "Open threshold (dB)", -26, -96, 0),
                       number("close_threshold_db", "Close threshold (dB)", -32, -96, 0),
                       number("attack_ms", "Attack (ms)", 25, 0, 10'000),
                       number("hold_ms", "Hold (ms)", 200, 0, 10'000),
                       number("release_ms", "Release (ms)", 150, 0, 10'000)};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        NoiseGate g;
        g.open_dbfs = get(s, "open_threshold_db");
        g.close_dbfs = get(s, "close_threshold_db");
        g.attack_ms = get(s, "attack_ms");
        g.hold_ms = get(s, "hold_ms");
        g.release_ms = get(s, "release_ms");
        return std::make_unique<NoiseGateFilter>(g);
    };
    return type;
}

FilterType limiter_type() {
    FilterType type;
    type.id = "limiter";
    type.display_name = "Limiter";
    type.properties = {number("threshold_db", "Threshold (dB)", -6, -60, 0),
                       number("release_ms", "Release (ms)", 60, 1, 1000)};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        return std::make_unique<LimiterFilter>(
            Limiter{get(s, "threshold_db"), get(s, "release_ms")});
    };
    return type;
}

}  // namespace

void register_filter_types(PluginRegistry& registry) {
    registry.add(color_correction_type());
    registry.add(chroma_key_type());
    registry.add(gain_type());
    registry.add(noise_gate_type());
    registry.add(limiter_type());
}

}  // namespace lm
