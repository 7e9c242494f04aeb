#include "plugins/text/text_settings.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace lm {
namespace {

void check_range(const char* key, int value, int min, int max) {
    if (value < min || value > max) {
        throw std::invalid_argument(
            fmt::format("text setting '{}' is {}; allowed: {} to {}", key, value, min, max));
    }
}

TextAlign align_from(const std::string& name) {
    if (name == "center")
        return TextAlign::center;
    if (name == "right")
        return TextAlign::right;
    if (name == "left")
        return TextAlign::left;
    throw std::invalid_argument(
        fmt::format("text setting 'align' is '{}'; allowed: left, center, right", name));
}

}  // namespace

void validate(const TextSettings& settings) {
    const TextStyle& style = settings.style;
    check_range("size", style.size_px, kMinTextSizePx, kMaxTextSizePx);
    check_range("outline_width", style.outline_width_px, 1, kMaxOutlineWidthPx);
    check_range("shadow_offset", style.shadow_offset_px, -kMaxShadowOffsetPx, kMaxShadowOffsetPx);
    check_range("wrap_width", style.wrap_width_px, 1, kMaxTextSidePx);
    check_range("padding", style.padding_px, 0, kMaxPaddingPx);
}

TextSettings text_settings_from_json(const nlohmann::json& s) {
    TextSettings settings;
    settings.text = s["text"].get<std::string>();
    settings.from_file = s["from_file"].get<bool>();
    settings.file = s["file"].get<std::string>();
    TextStyle& style = settings.style;
    style.font_family = s["font"].get<std::string>();
    style.size_px = s["size"].get<int>();
    style.bold = s["bold"].get<bool>();
    style.italic = s["italic"].get<bool>();
    style.color = s["color"].get<uint32_t>();
    style.outline = s["outline"].get<bool>();
    style.outline_color = s["outline_color"].get<uint32_t>();
    style.outline_width_px = s["outline_width"].get<int>();
    style.shadow = s["shadow"].get<bool>();
    style.shadow_color = s["shadow_color"].get<uint32_t>();
    style.shadow_offset_px = s["shadow_offset"].get<int>();
    style.background_color = s["background_color"].get<uint32_t>();
    style.align = align_from(s["align"].get<std::string>());
    style.wrap = s["wrap"].get<bool>();
    style.wrap_width_px = s["wrap_width"].get<int>();
    style.padding_px = s["padding"].get<int>();
    return settings;
}

}  // namespace lm
