#include "plugins/basic/basic_types.hpp"

#include "core/scene/property_builders.hpp"
#include "plugins/basic/color_source.hpp"
#include "plugins/basic/test_pattern_source.hpp"
#include "plugins/basic/tone_source.hpp"

namespace lm {
namespace {

using property::boolean;
using property::integer;
using property::number;

constexpr int kMaxSourceSide = 7680;

SourceType color_source_type() {
    Property color;
    color.key = "color";
    color.label = "Colour";
    color.type = PropertyType::color;
    color.default_value = 0xFFFFFFFFu;
    return {"color_source",
            "Colour",
            Source::kVideo,
            {color, integer("width", "Width", 1280, 1, kMaxSourceSide),
             integer("height", "Height", 720, 1, kMaxSourceSide)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                return std::make_shared<ColorSource>(s["color"].get<uint32_t>(),
                                                     s["width"].get<int>(), s["height"].get<int>());
            }};
}

SourceType tone_source_type() {
    return {"tone_source",
            "Tone",
            Source::kAudio,
            {number("frequency_hz", "Frequency (Hz)", 440, 1, 20'000),
             number("level_dbfs", "Level (dBFS)", -18, -96, 0)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                return std::make_shared<ToneSource>(s["frequency_hz"].get<double>(),
                                                    s["level_dbfs"].get<double>());
            }};
}

SourceType test_pattern_type() {
    return {"test_pattern",
            "Test pattern",
            Source::kVideo | Source::kAudio,
            {integer("width", "Width", 1280, 16, kMaxSourceSide),
             integer("height", "Height", 720, 16, kMaxSourceSide),
             boolean("beep", "Sync beep every second", true),
             number("beep_frequency_hz", "Beep frequency (Hz)", 1000, 20, 20'000),
             number("beep_level_dbfs", "Beep level (dBFS)", -6, -96, 0)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                TestPatternSettings settings;
                settings.width = s["width"].get<int>();
                settings.height = s["height"].get<int>();
                settings.beep = s["beep"].get<bool>();
                settings.beep_frequency_hz = s["beep_frequency_hz"].get<double>();
                settings.beep_level_dbfs = s["beep_level_dbfs"].get<double>();
                return std::make_shared<TestPatternSource>(settings);
            }};
}

}  // namespace

void register_basic_types(PluginRegistry& registry) {
    registry.add(color_source_type());
    registry.add(tone_source_type());
    registry.add(test_pattern_type());
}

}  // namespace lm
