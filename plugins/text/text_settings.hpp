// What a text source shows and how: the text (or the file it comes from) and its look. Plain
// data, parsed from the settings JSON the schema has already checked.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace lm {

enum class TextAlign { left = 1, center, right };

/// How the text looks. Colours are 0xAARRGGBB, not premultiplied; lengths are pixels.
struct TextStyle {
    std::string font_family = "DejaVu Sans";
    int size_px = 64;
    bool bold = false;
    bool italic = false;
    uint32_t color = 0xFFFFFFFFu;
    bool outline = false;
    uint32_t outline_color = 0xFF000000u;
    int outline_width_px = 4;  ///< how far the outline reaches outside each glyph
    bool shadow = false;
    uint32_t shadow_color = 0xFF000000u;
    int shadow_offset_px = 4;  ///< right and down; negative: left and up
    uint32_t background_color = 0x00000000u;
    TextAlign align = TextAlign::left;
    bool wrap = false;
    int wrap_width_px = 800;  ///< the whole picture's width when wrapping
    int padding_px = 0;       ///< around everything, filled with the background colour
};

struct TextSettings {
    std::string text = "Live Machine";
    bool from_file = false;
    std::filesystem::path file;  ///< UTF-8 text file, read when from_file
    TextStyle style;
};

/// Limits shared by the schema and validate(); a picture never grows past kMaxTextSidePx.
inline constexpr int kMinTextSizePx = 8;
inline constexpr int kMaxTextSizePx = 512;
inline constexpr int kMaxOutlineWidthPx = 64;
inline constexpr int kMaxShadowOffsetPx = 64;
inline constexpr int kMaxPaddingPx = 512;
inline constexpr int kMaxTextSidePx = 4096;

/// Throws std::invalid_argument naming the setting when a value can never work (a size out of
/// range): the schema refuses those too, this guards sources built in code.
void validate(const TextSettings& settings);

/// Reads settings that apply_schema() has filled and checked (keys as in the schema).
TextSettings text_settings_from_json(const nlohmann::json& settings);

}  // namespace lm
