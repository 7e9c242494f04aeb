#include "plugins/filters/key_filters.hpp"

#include <algorithm>

namespace lm {
namespace {

struct Rgb {
    float r = 0;
    float g = 0;
    float b = 0;
};

Rgb rgb_of(uint32_t argb) {
    return {float((argb >> 16) & 0xff) / 255.0f, float((argb >> 8) & 0xff) / 255.0f,
            float(argb & 0xff) / 255.0f};
}

}  // namespace

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

void ChromaKeyFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
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

// Compares straight colour in RGB, so only the colour itself (and what is within
// `similarity` of it) goes.
std::string_view ColorKeyFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform vec4 u_key_rgb;  // rgb used
uniform float u_similarity;
uniform float u_smoothness;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 p = texture(u_texture, v_uv);
    if (p.a <= 0.0) { frag_color = vec4(0.0); return; }
    vec3 c = p.rgb / p.a;
    float distance = length(c - u_key_rgb.rgb);
    // An exact match (distance 0) is always keyed out, however small the similarity.
    float keep = distance <= u_similarity
                     ? 0.0
                     : smoothstep(u_similarity, u_similarity + u_smoothness, distance);
    frag_color = p * keep;
}
)";
}

void ColorKeyFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
    const Rgb key = rgb_of(settings_.key_color);
    program.set("u_key_rgb", key.r, key.g, key.b, 0.0f);
    program.set("u_similarity", float(settings_.similarity));
    program.set("u_smoothness", float(std::max(settings_.smoothness, 1e-4)));
}

}  // namespace lm
