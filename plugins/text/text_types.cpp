#include "plugins/text/text_types.hpp"

#include "plugins/text/text_source.hpp"

namespace lm {
namespace {

Property make(std::string key, std::string label, PropertyType type, nlohmann::json value,
              std::string description = {}) {
    Property p;
    p.key = std::move(key);
    p.label = std::move(label);
    p.type = type;
    p.default_value = std::move(value);
    p.description = std::move(description);
    return p;
}

Property integer(std::string key, std::string label, int value, int min, int max,
                 std::string description = {}) {
    Property p = make(std::move(key), std::move(label), PropertyType::integer, value,
                      std::move(description));
    p.min = min;
    p.max = max;
    return p;
}

Property boolean(std::string key, std::string label, bool value) {
    return make(std::move(key), std::move(label), PropertyType::boolean, value);
}

Property color(std::string key, std::string label, uint32_t value) {
    return make(std::move(key), std::move(label), PropertyType::color, value);
}

PropertySchema text_schema() {
    const TextSettings d;  // the defaults live in one place
    Property align = make("align", "Alignment", PropertyType::list, "left");
    align.options = {{"Left", "left"}, {"Centre", "center"}, {"Right", "right"}};
    return {
        make("text", "Text", PropertyType::text, d.text),
        make("font", "Font family", PropertyType::text, d.style.font_family,
             "A fontconfig family name, e.g. 'DejaVu Sans' or 'Serif'"),
        integer("size", "Size (px)", d.style.size_px, kMinTextSizePx, kMaxTextSizePx),
        boolean("bold", "Bold", d.style.bold),
        boolean("italic", "Italic", d.style.italic),
        color("color", "Colour", d.style.color),
        boolean("outline", "Outline", d.style.outline),
        color("outline_color", "Outline colour", d.style.outline_color),
        integer("outline_width", "Outline width (px)", d.style.outline_width_px, 1,
                kMaxOutlineWidthPx),
        boolean("shadow", "Shadow", d.style.shadow),
        color("shadow_color", "Shadow colour", d.style.shadow_color),
        integer("shadow_offset", "Shadow offset (px)", d.style.shadow_offset_px,
                -kMaxShadowOffsetPx, kMaxShadowOffsetPx,
                "How far the shadow falls right and down; negative: left and up"),
        color("background_color", "Background colour", d.style.background_color),
        align,
        boolean("wrap", "Wrap lines", d.style.wrap),
        integer("wrap_width", "Wrap width (px)", d.style.wrap_width_px, 1, kMaxTextSidePx,
                "The source's width when wrapping"),
        boolean("from_file", "Read from file", d.from_file),
        make("file", "Text file", PropertyType::path, d.file.string(),
             "A UTF-8 text file; the source follows its changes"),
        integer("padding", "Padding (px)", d.style.padding_px, 0, kMaxPaddingPx),
    };
}

}  // namespace

SourceType text_source_type() {
    return {"text_source", "Text", Source::kVideo, text_schema(),
            [](const nlohmann::json& settings) -> std::shared_ptr<Source> {
                return std::make_shared<TextSource>(text_settings_from_json(settings));
            }};
}

void register_text_types(PluginRegistry& registry) {
    registry.add(text_source_type());
}

}  // namespace lm
