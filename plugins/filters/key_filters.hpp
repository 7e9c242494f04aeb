// Filters that make part of the picture transparent by its colour.
#pragma once

#include <cstdint>

#include "plugins/filters/shader_filter.hpp"

namespace lm {

struct ChromaKey {
    uint32_t key_color = 0xFF00FF00;  ///< 0xAARRGGBB
    double similarity = 0.4;          ///< chroma distance fully keyed out, 0 .. 1
    double smoothness = 0.08;         ///< how far beyond it the edge fades back in
    double spill = 0.1;               ///< how much key colour is taken out of what stays
};

/// Keys on chroma, for green and blue screens (shadows on the screen go too).
class ChromaKeyFilter : public ShaderFilter {
public:
    explicit ChromaKeyFilter(ChromaKey settings) : settings_(settings) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    ChromaKey settings_;
};

struct ColorKey {
    uint32_t key_color = 0xFF00FF00;  ///< 0xAARRGGBB
    double similarity = 0.08;         ///< RGB distance (0 .. 1.73) fully keyed out
    double smoothness = 0.05;         ///< how far beyond it the edge fades back in
};

/// Keys one exact colour (and those near it in RGB), brightness included: a flat background
/// colour, a slide's margin. Unlike the chroma key, a darker shade of the colour stays.
class ColorKeyFilter : public ShaderFilter {
public:
    explicit ColorKeyFilter(ColorKey settings) : settings_(settings) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    ColorKey settings_;
};

}  // namespace lm
