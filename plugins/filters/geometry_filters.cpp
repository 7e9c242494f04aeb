#include "plugins/filters/geometry_filters.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

PictureSize CropPadFilter::output_size(PictureSize input) const {
    const CropPad& s = settings_;
    const int width = std::max(input.width - s.crop_left - s.crop_right, 0);
    const int height = std::max(input.height - s.crop_top - s.crop_bottom, 0);
    if (width == 0 || height == 0)
        return {};  // cropped away: padding alone shows no picture
    return {width + s.pad_left + s.pad_right, height + s.pad_top + s.pad_bottom};
}

// Output pixel -> input pixel by one offset; outside the kept rectangle, the pad colour.
std::string_view CropPadFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform vec2 u_input_size;
uniform vec2 u_offset;     // input px = output px + u_offset
uniform vec4 u_keep_rect;  // x0, y0, x1, y1 of the cropped picture, in output px
uniform vec4 u_pad_color;  // premultiplied
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec2 px = v_source_px;
    if (px.x < u_keep_rect.x || px.y < u_keep_rect.y || px.x >= u_keep_rect.z ||
        px.y >= u_keep_rect.w) {
        frag_color = u_pad_color;
        return;
    }
    frag_color = texture(u_texture, (px + u_offset) / u_input_size);
}
)";
}

void CropPadFilter::set_uniforms(GlProgram& program, const VideoFilterContext& context) {
    const CropPad& s = settings_;
    const PictureSize out = output_size({context.input.width(), context.input.height()});
    program.set("u_offset", float(s.crop_left - s.pad_left), float(s.crop_top - s.pad_top));
    program.set("u_keep_rect", float(s.pad_left), float(s.pad_top), float(out.width - s.pad_right),
                float(out.height - s.pad_bottom));
    const float a = float((s.pad_color >> 24) & 0xff) / 255.0f;
    program.set("u_pad_color", a * float((s.pad_color >> 16) & 0xff) / 255.0f,
                a * float((s.pad_color >> 8) & 0xff) / 255.0f,
                a * float(s.pad_color & 0xff) / 255.0f, a);
}

// Bilinear by hand between wrapped texels, so the seam where the picture wraps is as smooth
// as the rest (the texture's own filtering clamps at the edge).
std::string_view ScrollFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform vec2 u_input_size;
uniform vec2 u_shift;  // pixels the picture has moved, right and down
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
vec4 texel(vec2 at) {
    ivec2 size = ivec2(u_input_size);
    ivec2 i = ivec2(mod(at, u_input_size));
    return texelFetch(u_texture, clamp(i, ivec2(0), size - 1), 0);
}
void main() {
    vec2 at = v_source_px - u_shift - 0.5;  // texel centres at whole numbers
    vec2 base = floor(at);
    vec2 f = at - base;
    vec4 top = mix(texel(base), texel(base + vec2(1.0, 0.0)), f.x);
    vec4 bottom = mix(texel(base + vec2(0.0, 1.0)), texel(base + vec2(1.0, 1.0)), f.x);
    frag_color = mix(top, bottom, f.y);
}
)";
}

void ScrollFilter::set_uniforms(GlProgram& program, const VideoFilterContext& context) {
    if (!first_pts_ns_)
        first_pts_ns_ = context.pts_ns;
    const double seconds = double(context.pts_ns - *first_pts_ns_) / 1e9;
    // Kept within one picture, so the float stays precise however long the show runs.
    const double width = context.input.width();
    const double height = context.input.height();
    const auto shift = [](double distance, double size) {
        return float(distance - std::floor(distance / size) * size);
    };
    program.set("u_shift", shift(settings_.speed_x_px_per_s * seconds, width),
                shift(settings_.speed_y_px_per_s * seconds, height));
}

}  // namespace lm
