// The sound filter types: ids, settings schemas and factories.
#include "core/scene/property_builders.hpp"
#include "plugins/filters/audio_filters.hpp"
#include "plugins/filters/delay_filter.hpp"
#include "plugins/filters/filters_types.hpp"
#include "plugins/filters/noise_suppression_filter.hpp"

namespace lm {
namespace {

using property::number;

double get(const nlohmann::json& s, const char* key) {
    return s[key].get<double>();
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

FilterType compressor_type() {
    FilterType type;
    type.id = "compressor";
    type.display_name = "Compressor";
    type.properties = {
        number("ratio", "Ratio", 10, 1, 32, "4 turns 4 dB over the threshold into 1 dB over"),
        number("threshold_db", "Threshold (dB)", -18, -60, 0),
        number("attack_ms", "Attack (ms)", 6, 1, 500),
        number("release_ms", "Release (ms)", 60, 1, 1000),
        number("output_gain_db", "Output gain (dB)", 0, -32, 32)};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        Compressor c;
        c.ratio = get(s, "ratio");
        c.threshold_dbfs = get(s, "threshold_db");
        c.attack_ms = get(s, "attack_ms");
        c.release_ms = get(s, "release_ms");
        c.output_gain_db = get(s, "output_gain_db");
        return std::make_unique<CompressorFilter>(c);
    };
    return type;
}

FilterType noise_suppression_type() {
    FilterType type;
    type.id = "noise_suppression";
    type.display_name = "Noise suppression";
    type.properties = {property::integer("suppress_db", "Suppression (dB)", -30, -60, 0,
                                         "how far steady noise is turned down at most")};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        return std::make_unique<NoiseSuppressionFilter>(s["suppress_db"].get<int>());
    };
    return type;
}

FilterType sync_offset_type() {
    FilterType type;
    type.id = "sync_offset";
    type.display_name = "Sync offset (audio delay)";
    type.properties = {property::integer("delay_ms", "Delay (ms)", 0, 0, 10'000,
                                         "how much later the source's sound is heard")};
    type.create_audio = [](const nlohmann::json& s) -> std::unique_ptr<AudioFilter> {
        return std::make_unique<DelayFilter>(get(s, "delay_ms"));
    };
    return type;
}

}  // namespace

std::vector<FilterType> audio_filter_types() {
    return {gain_type(),       noise_gate_type(),        limiter_type(),
            compressor_type(), noise_suppression_type(), sync_offset_type()};
}

}  // namespace lm
