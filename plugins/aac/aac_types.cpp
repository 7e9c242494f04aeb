#include "plugins/aac/aac_types.hpp"

#include "plugins/aac/aac_encoder.hpp"

namespace lm {

PropertySchema aac_properties() {
    Property bitrate;
    bitrate.key = "bitrate_kbps";
    bitrate.label = "Bitrate (kbps)";
    bitrate.type = PropertyType::integer;
    bitrate.default_value = AacSettings{}.bitrate_kbps;
    bitrate.min = AacSettings::kMinBitrateKbps;
    bitrate.max = AacSettings::kMaxBitrateKbps;
    bitrate.description = "160 kbps is transparent for stereo speech and music on streams.";
    return {bitrate};
}

void register_aac_types(PluginRegistry& registry) {
    AudioEncoderType type;
    type.id = "aac";
    type.display_name = "AAC (FFmpeg)";
    type.properties = aac_properties();
    type.create = [](int channels,
                     const nlohmann::json& settings) -> std::unique_ptr<AudioEncoder> {
        return std::make_unique<AacEncoder>(channels, settings);
    };
    registry.add(std::move(type));
}

}  // namespace lm
