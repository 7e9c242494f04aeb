#include "plugins/filters/sharpen_filter.hpp"

namespace lm {

// On premultiplied colour, which keeps transparent edges from gaining a dark fringe; the
// result stays a valid premultiplied colour (no channel above alpha).
std::string_view SharpenFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform vec2 u_input_size;
uniform float u_amount;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    ivec2 size = ivec2(u_input_size);
    ivec2 at = ivec2(v_source_px);
    vec4 centre = texelFetch(u_texture, at, 0);
    vec4 sum = vec4(0.0);
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            sum += texelFetch(u_texture, clamp(at + ivec2(dx, dy), ivec2(0), size - 1), 0);
    vec4 blurred = sum / 9.0;
    vec3 c = centre.rgb + u_amount * (centre.rgb - blurred.rgb);
    frag_color = vec4(clamp(c, 0.0, centre.a), centre.a);
}
)";
}

void SharpenFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
    program.set("u_amount", float(amount_));
}

}  // namespace lm
