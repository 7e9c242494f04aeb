// Filters that move the picture's pixels: crop/pad and scroll.
#pragma once

#include <cstdint>
#include <optional>

#include "plugins/filters/shader_filter.hpp"

namespace lm {

struct CropPad {
    int crop_left = 0;  ///< pixels taken off each side
    int crop_top = 0;
    int crop_right = 0;
    int crop_bottom = 0;
    int pad_left = 0;  ///< pixels of `pad_color` added on each side, after the crop
    int pad_top = 0;
    int pad_right = 0;
    int pad_bottom = 0;
    uint32_t pad_color = 0x00000000;  ///< 0xAARRGGBB; transparent by default
};

/// Cuts pixels off the edges and adds a border: the source's size changes accordingly (a
/// 1280x720 source cropped 100 left and padded 20 top is 1180x740).
class CropPadFilter : public ShaderFilter {
public:
    explicit CropPadFilter(CropPad settings) : settings_(settings) {}
    PictureSize output_size(PictureSize input) const override;

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    CropPad settings_;
};

struct Scroll {
    double speed_x_px_per_s = 0;  ///< positive moves the picture right
    double speed_y_px_per_s = 0;  ///< positive moves it down
};

/// Moves the picture continuously, wrapping around: what leaves one edge comes in at the
/// other. Time counts from the first frame the filter draws.
class ScrollFilter : public ShaderFilter {
public:
    explicit ScrollFilter(Scroll settings) : settings_(settings) {}

protected:
    std::string_view fragment_shader() const override;
    void set_uniforms(GlProgram& program, const VideoFilterContext& context) override;

private:
    Scroll settings_;
    std::optional<int64_t> first_pts_ns_;  // video thread
};

}  // namespace lm
