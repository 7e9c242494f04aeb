#include "plugins/filters/video_filters.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

void ShaderFilter::render(VideoFilterContext& context) {
    if (!program_)
        program_ = context.painter.make_program(fragment_shader());
    const auto width = float(context.input.width());
    const auto height = float(context.input.height());
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = width;
    geometry.canvas_height = geometry.source_height = height;
    geometry.source_rect = {0, 0, width, height};
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, context.input.id());
    program_->use();
    program_->set("u_texture", 0);
    set_uniforms(*program_);
    context.painter.draw(*program_, geometry, QuadPainter::Blend::over);
    glBindTexture(GL_TEXTURE_2D, 0);
}

// Works on straight colour (un-premultiplied), then premultiplies again.
std::string_view ColorCorrectionFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform float u_brightness;
uniform float u_contrast;
uniform float u_saturation;
uniform float u_gamma;
uniform float u_hue;
uniform float u_opacity;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
vec3 rotate_hue(vec3 c, float angle) {
    // Rodrigues' rotation about the grey axis.
    const vec3 k = vec3(0.57735);
    float cosa = cos(angle);
    return c * cosa + cross(k, c) * sin(angle) + k * dot(k, c) * (1.0 - cosa);
}
void main() {
    vec4 p = texture(u_texture, v_uv);
    if (p.a <= 0.0) { frag_color = vec4(0.0); return; }
    vec3 c = p.rgb / p.a;
    c = pow(max(c, vec3(0.0)), vec3(exp(-u_gamma)));
    c = (c - 0.5) * (1.0 + u_contrast) + 0.5;
    c = c + u_brightness;
    float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
    c = mix(vec3(luma), c, 1.0 + u_saturation);
    c = rotate_hue(c, u_hue);
    c = clamp(c, 0.0, 1.0);
    float a = p.a * u_opacity;
    frag_color = vec4(c * a, a);
}
)";
}

void ColorCorrectionFilter::set_uniforms(GlProgram& program) const {
    program.set("u_brightness", float(settings_.brightness));
    program.set("u_contrast", float(settings_.contrast));
    program.set("u_saturation", float(settings_.saturation));
    program.set("u_gamma", float(settings_.gamma));
    program.set("u_hue", float(settings_.hue_degrees * M_PI / 180.0));
    program.set("u_opacity", float(settings_.opacity));
}

// Keys on chroma (Cb, Cr) at full brightness, so shadows on the green screen key out too.
std::string_view ChromaKeyFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform vec2 u_key_chroma;
uniform vec4 u_key_rgb;  // rgb used
uniform float u_similarity;
uniform float u_smoothness;
uniform float u_spill;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
vec2 chroma(vec3 c) {
    float y = dot(c, vec3(0.2126, 0.7152, 0.0722));
    return vec2((c.b - y) / 1.8556, (c.r - y) / 1.5748);
}
void main() {
    vec4 p = texture(u_texture, v_uv);
    if (p.a <= 0.0) { frag_color = vec4(0.0); return; }
    vec3 c = p.rgb / p.a;
    // Chroma grows with brightness; comparing at full brightness keys a screen's shadows as
    // well as its lit parts (only down to a quarter, so near-black stays).
    vec3 lit = c / max(max(c.r, max(c.g, c.b)), 0.25);
    float distance = length(chroma(lit) - u_key_chroma);
    float keep = smoothstep(u_similarity, u_similarity + u_smoothness, distance);
    // Spill: what stays loses the key colour's excess over the other channels.
    float spill = clamp(1.0 - (distance - u_similarity) / max(u_spill, 1e-4), 0.0, 1.0);
    if (u_key_rgb.g >= u_key_rgb.r && u_key_rgb.g >= u_key_rgb.b)
        c.g = mix(c.g, min(c.g, max(c.r, c.b)), spill);
    else if (u_key_rgb.b >= u_key_rgb.r)
        c.b = mix(c.b, min(c.b, max(c.r, c.g)), spill);
    float a = p.a * keep;
    frag_color = vec4(c * a, a);
}
)";
}

void ChromaKeyFilter::set_uniforms(GlProgram& program) const {
    // At full brightness, as the shader compares pixels.
    const double r8 = double((settings_.key_color >> 16) & 0xff) / 255.0;
    const double g8 = double((settings_.key_color >> 8) & 0xff) / 255.0;
    const double b8 = double(settings_.key_color & 0xff) / 255.0;
    const double scale = 1.0 / std::max({r8, g8, b8, 0.25});
    const double r = r8 * scale;
    const double g = g8 * scale;
    const double b = b8 * scale;
    const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    // Chroma distances run to about 0.6 for saturated colours: similarity 0..1 maps onto it.
    program.set("u_key_chroma", float((b - y) / 1.8556), float((r - y) / 1.5748));
    program.set("u_key_rgb", float(r), float(g), float(b), 0.0f);
    program.set("u_similarity", float(settings_.similarity * 0.6));
    program.set("u_smoothness", float(settings_.smoothness * 0.6));
    program.set("u_spill", float(settings_.spill * 0.6));
}

}  // namespace lm
