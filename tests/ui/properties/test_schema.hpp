// A schema with one property of each type, shared by the form and dialog tests.
#pragma once

#include <string>
#include <utility>

#include "core/scene/properties.hpp"

namespace lm::ui::test {

inline lm::Property make_property(const char* key, const char* label, lm::PropertyType type,
                                  nlohmann::json default_value) {
    lm::Property p;
    p.key = key;
    p.label = label;
    p.type = type;
    p.default_value = std::move(default_value);
    p.description = std::string("What ") + label + " does.";
    return p;
}

// visible (boolean), width (integer 16..4096), offset (integer, unbounded), opacity (number
// 0..1), gain_db (number -30..30), title (text), stream_key (secret text), file (path),
// color (0xAARRGGBB), preset (list of strings), fps (list of numbers).
inline lm::PropertySchema every_type_schema() {
    using T = lm::PropertyType;
    lm::Property width = make_property("width", "Width", T::integer, 1280);
    width.min = 16;
    width.max = 4096;
    lm::Property offset = make_property("offset", "Offset", T::integer, 0);
    lm::Property opacity = make_property("opacity", "Opacity", T::number, 1.0);
    opacity.max = 1.0;
    lm::Property gain = make_property("gain_db", "Gain (dB)", T::number, 0.0);
    gain.min = -30;
    gain.max = 30;
    lm::Property key = make_property("stream_key", "Stream key", T::text, "");
    key.secret = true;
    lm::Property preset = make_property("preset", "Preset", T::list, "fast");
    preset.options = {{"Very fast", "veryfast"}, {"Fast", "fast"}, {"Slow", "slow"}};
    lm::Property fps = make_property("fps", "Frame rate", T::list, 30);
    fps.options = {{"30 fps", 30}, {"60 fps", 60}};
    return {
        make_property("visible", "Visible", T::boolean, true),
        width,
        offset,
        opacity,
        gain,
        make_property("title", "Title", T::text, "Hello"),
        key,
        make_property("file", "Media file", T::path, ""),
        make_property("color", "Colour", T::color, 0xFF336699u),
        preset,
        fps,
    };
}

}  // namespace lm::ui::test
