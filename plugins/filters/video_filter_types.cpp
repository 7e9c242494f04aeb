// The picture filter types: ids, settings schemas and factories.
#include "core/scene/property_builders.hpp"
#include "plugins/filters/color_filters.hpp"
#include "plugins/filters/filters_types.hpp"
#include "plugins/filters/geometry_filters.hpp"
#include "plugins/filters/key_filters.hpp"
#include "plugins/filters/mask_filter.hpp"
#include "plugins/filters/sharpen_filter.hpp"

namespace lm {
namespace {

using property::color;
using property::integer;
using property::number;

double get(const nlohmann::json& s, const char* key) {
    return s[key].get<double>();
}

int get_int(const nlohmann::json& s, const char* key) {
    return s[key].get<int>();
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

FilterType color_key_type() {
    FilterType type;
    type.id = "color_key";
    type.display_name = "Colour key";
    type.properties = {color("key_color", "Key colour", 0xFF00FF00),
                       number("similarity", "Similarity (1-1000)", 80, 1, 1000),
                       number("smoothness", "Smoothness (1-1000)", 50, 1, 1000)};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        ColorKey k;
        k.key_color = s["key_color"].get<uint32_t>();
        k.similarity = get(s, "similarity") / 1000.0;
        k.smoothness = get(s, "smoothness") / 1000.0;
        return std::make_unique<ColorKeyFilter>(k);
    };
    return type;
}

FilterType crop_pad_type() {
    FilterType type;
    type.id = "crop_pad";
    type.display_name = "Crop/pad";
    for (const char* side : {"left", "top", "right", "bottom"}) {
        type.properties.push_back(integer(std::string("crop_") + side,
                                          std::string("Crop ") + side + " (px)", 0, 0, 16384));
    }
    for (const char* side : {"left", "top", "right", "bottom"}) {
        type.properties.push_back(
            integer(std::string("pad_") + side, std::string("Pad ") + side + " (px)", 0, 0, 16384));
    }
    type.properties.push_back(color("pad_color", "Pad colour", 0x00000000));
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        CropPad c;
        c.crop_left = get_int(s, "crop_left");
        c.crop_top = get_int(s, "crop_top");
        c.crop_right = get_int(s, "crop_right");
        c.crop_bottom = get_int(s, "crop_bottom");
        c.pad_left = get_int(s, "pad_left");
        c.pad_top = get_int(s, "pad_top");
        c.pad_right = get_int(s, "pad_right");
        c.pad_bottom = get_int(s, "pad_bottom");
        c.pad_color = s["pad_color"].get<uint32_t>();
        return std::make_unique<CropPadFilter>(c);
    };
    return type;
}

FilterType sharpen_type() {
    FilterType type;
    type.id = "sharpen";
    type.display_name = "Sharpen";
    type.properties = {number("amount", "Amount (%)", 50, 0, 500,
                              "how much of each pixel's difference from its neighbours is added")};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        return std::make_unique<SharpenFilter>(get(s, "amount") / 100.0);
    };
    return type;
}

FilterType scroll_type() {
    FilterType type;
    type.id = "scroll";
    type.display_name = "Scroll";
    type.properties = {
        number("speed_x", "Horizontal speed (px/s)", 0, -10000, 10000, "positive moves right"),
        number("speed_y", "Vertical speed (px/s)", 0, -10000, 10000, "positive moves down")};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        return std::make_unique<ScrollFilter>(Scroll{get(s, "speed_x"), get(s, "speed_y")});
    };
    return type;
}

FilterType mask_blend_type() {
    FilterType type;
    type.id = "mask_blend";
    type.display_name = "Image mask/blend";
    type.properties = {
        property::path("image", "Image", "", "a picture file, stretched over the source"),
        property::list("mode", "Mode", "alpha_mask",
                       {{"Alpha mask (image alpha)", "alpha_mask"},
                        {"Luminance mask (image brightness)", "luminance_mask"},
                        {"Blend: multiply", "multiply"},
                        {"Blend: add", "add"},
                        {"Blend: subtract", "subtract"}})};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        static const std::pair<const char*, MaskBlend::Mode> kModes[] = {
            {"alpha_mask", MaskBlend::Mode::alpha_mask},
            {"luminance_mask", MaskBlend::Mode::luminance_mask},
            {"multiply", MaskBlend::Mode::multiply},
            {"add", MaskBlend::Mode::add},
            {"subtract", MaskBlend::Mode::subtract}};
        MaskBlend m;
        m.image = s["image"].get<std::string>();
        const auto mode = s["mode"].get<std::string>();
        for (const auto& [name, value] : kModes) {
            if (mode == name)
                m.mode = value;
        }
        return std::make_unique<MaskBlendFilter>(m);
    };
    return type;
}

FilterType lut_type() {
    FilterType type;
    type.id = "lut";
    type.display_name = "LUT (.cube)";
    type.properties = {property::path("file", "LUT file (.cube)", "", "a 3D LUT in .cube form"),
                       number("amount", "Amount (%)", 100, 0, 100)};
    type.create_video = [](const nlohmann::json& s) -> std::unique_ptr<VideoFilter> {
        return std::make_unique<LutFilter>(s["file"].get<std::string>(), get(s, "amount") / 100.0);
    };
    return type;
}

}  // namespace

std::vector<FilterType> video_filter_types() {
    return {color_correction_type(), chroma_key_type(), color_key_type(),  crop_pad_type(),
            sharpen_type(),          scroll_type(),     mask_blend_type(), lut_type()};
}

}  // namespace lm
