// Filters that change the colours of the picture: colour correction and 3D LUTs.
#pragma once

#include <epoxy/gl.h>

#include <filesystem>
#include <memory>

#include "plugins/filters/cube_lut.hpp"
#include "plugins/filters/shader_filter.hpp"
#include "plugins/filters/watched_file.hpp"

namespace lm {

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
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    ColorCorrection settings_;
};

/// Looks each colour up in a 3D LUT (a .cube file) on the GPU, with trilinear interpolation,
/// mixed with the original by `amount` (0 .. 1). The file is read when the filter is made and
/// again whenever it changes; while it is missing or not a 3D .cube, that is the filter's
/// status and the picture passes unchanged.
class LutFilter : public ShaderFilter {
public:
    LutFilter(const std::filesystem::path& path, double amount);
    ~LutFilter() override;
    LutFilter(const LutFilter&) = delete;
    LutFilter& operator=(const LutFilter&) = delete;

    SourceStatus status() const override { return file_.status(); }

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;
    void release_own_gpu() override;

private:
    WatchedFile<CubeLut> file_;
    double amount_;
    // Video thread.
    std::shared_ptr<const CubeLut> lut_;  // kept: the texture is made again after release_gpu
    GLuint texture_ = 0;                  // GL_TEXTURE_3D of lut_
};

}  // namespace lm
