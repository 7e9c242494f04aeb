// Picture filters, all on the GPU: one fragment shader each over the source's picture.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/scene/filter.hpp"

namespace lm {

/// A filter that is one fragment shader sampling `u_texture` (premultiplied) with uniforms
/// set by `set_uniforms`.
class ShaderFilter : public VideoFilter {
public:
    void render(VideoFilterContext& context) override;
    void release_gpu() override { program_.reset(); }

protected:
    virtual std::string_view fragment_shader() const = 0;
    virtual void set_uniforms(GlProgram& program) const = 0;

private:
    std::unique_ptr<GlProgram> program_;
};

struct ColorCorrection {
    double brightness = 0;   ///< -1 .. 1, added
    double contrast = 0;     ///< -1 .. 1: 0 unchanged, 1 doubles the distance from mid grey
    double saturation = 0;   ///< -1 .. 5: -1 grey, 0 unchanged
    double gamma = 0;        ///< -3 .. 3: >0 brightens the mid tones
    double hue_degrees = 0;  ///< -180 .. 180
    double opacity = 1;      ///< 0 .. 1
};

class ColorCorrectionFilter : public ShaderFilter {
public:
    explicit ColorCorrectionFilter(ColorCorrection settings) : settings_(settings) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program) const override;

private:
    ColorCorrection settings_;
};

struct ChromaKey {
    uint32_t key_color = 0xFF00FF00;  ///< 0xAARRGGBB
    double similarity = 0.4;          ///< chroma distance fully keyed out, 0 .. 1
    double smoothness = 0.08;         ///< how far beyond it the edge fades back in
    double spill = 0.1;               ///< how much key colour is taken out of what stays
};

class ChromaKeyFilter : public ShaderFilter {
public:
    explicit ChromaKeyFilter(ChromaKey settings) : settings_(settings) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program) const override;

private:
    ChromaKey settings_;
};

}  // namespace lm
