#include "plugins/filters/color_filters.hpp"

#include <cmath>

namespace lm {

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

void ColorCorrectionFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
    program.set("u_brightness", float(settings_.brightness));
    program.set("u_contrast", float(settings_.contrast));
    program.set("u_saturation", float(settings_.saturation));
    program.set("u_gamma", float(settings_.gamma));
    program.set("u_hue", float(settings_.hue_degrees * M_PI / 180.0));
    program.set("u_opacity", float(settings_.opacity));
}

LutFilter::LutFilter(const std::filesystem::path& path, double amount)
    : file_(
          path,
          [](const std::filesystem::path& file) -> std::variant<CubeLut, std::string> {
              CubeLutResult loaded = load_cube_lut(file);
              if (!loaded.error.empty())
                  return std::move(loaded.error);
              return std::move(loaded.lut);
          },
          "LUT: no file chosen; pick a .cube file"),
      amount_(amount) {}

LutFilter::~LutFilter() = default;  // the texture went with release_gpu (video thread)

// Straight colour -> the LUT's domain -> texel centres of the 3D texture (the file's entries
// sit at the corners of the cube, which are the texel centres), interpolated by the GPU.
std::string_view LutFilter::fragment_shader() const {
    return R"(#version 330 core
uniform sampler2D u_texture;
uniform sampler3D u_lut;
uniform float u_lut_size;
uniform vec4 u_domain_min;
uniform vec4 u_domain_max;
uniform float u_amount;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 p = texture(u_texture, v_uv);
    if (p.a <= 0.0) { frag_color = vec4(0.0); return; }
    vec3 c = p.rgb / p.a;
    vec3 at = clamp((c - u_domain_min.rgb) / (u_domain_max.rgb - u_domain_min.rgb), 0.0, 1.0);
    vec3 looked_up = texture(u_lut, (at * (u_lut_size - 1.0) + 0.5) / u_lut_size).rgb;
    c = clamp(mix(c, looked_up, u_amount), 0.0, 1.0);
    frag_color = vec4(c * p.a, p.a);
}
)";
}

void LutFilter::set_uniforms(GlProgram& program, const VideoFilterContext&) {
    if (auto fresh = file_.take_if_new()) {
        lut_ = std::move(fresh);
        release_own_gpu();
    }
    if (!lut_) {
        program.set("u_amount", 0.0f);  // not read yet (the file changed just now): unchanged
        return;
    }
    const int size = lut_->size;
    if (texture_ == 0) {
        glGenTextures(1, &texture_);
        glBindTexture(GL_TEXTURE_3D, texture_);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        for (const GLenum wrap : {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R})
            glTexParameteri(GL_TEXTURE_3D, wrap, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage3D(GL_TEXTURE_3D, 0, GL_RGB32F, size, size, size, 0, GL_RGB, GL_FLOAT,
                     lut_->rgb.data());
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_3D, texture_);
    program.set("u_lut", 1);
    program.set("u_lut_size", float(size));
    const auto& lo = lut_->domain_min;
    const auto& hi = lut_->domain_max;
    program.set("u_domain_min", lo[0], lo[1], lo[2], 0.0f);
    program.set("u_domain_max", hi[0], hi[1], hi[2], 0.0f);
    program.set("u_amount", float(amount_));
}

void LutFilter::release_own_gpu() {
    if (texture_ != 0) {
        glDeleteTextures(1, &texture_);
        texture_ = 0;
    }
}

}  // namespace lm
