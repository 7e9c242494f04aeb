#include "core/gpu/nv12_converter.hpp"

#include <fmt/format.h>

#include "core/gpu/gpu_device.hpp"

namespace lm {
namespace {

// One triangle covering the whole target, generated from gl_VertexID (no vertex buffer).
constexpr std::string_view kFullscreenVertexShader = R"(#version 330 core
void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
)";

// Texel (qx, y) of the luma target holds Y of source pixels 4qx .. 4qx+3 of row y. Output row r
// is input row r (both have row 0 = top), so no flip; texelFetch needs no filtering. Pixels past
// the right edge (width not a multiple of 4) repeat the last column and are dropped on readback.
constexpr std::string_view kLumaFragmentShader = R"(#version 330 core
uniform sampler2D u_rgba;
out vec4 frag_color;
const vec3 kLuma = vec3(0.2126, 0.7152, 0.0722);
float luma_at(ivec2 p, ivec2 last) { return dot(kLuma, texelFetch(u_rgba, min(p, last), 0).rgb); }
void main() {
    ivec2 last = textureSize(u_rgba, 0) - 1;
    ivec2 p = ivec2(gl_FragCoord.xy) * ivec2(4, 1);
    vec4 y = vec4(luma_at(p, last), luma_at(p + ivec2(1, 0), last),
                  luma_at(p + ivec2(2, 0), last), luma_at(p + ivec2(3, 0), last));
    frag_color = (16.0 + 219.0 * y) / 255.0;
}
)";

// Texel (qx, cy) of the chroma target holds chroma samples 2qx and 2qx+1 of row cy. Sample c
// covers source texels 2c..2c+1 by 2cy..2cy+1; their shared corner, (2c + 1, 2cy + 1) in texel
// units, is where one bilinear tap weighs the four equally. Chroma is linear in R, G, B, so
// converting the average equals averaging the conversions.
constexpr std::string_view kChromaFragmentShader = R"(#version 330 core
uniform sampler2D u_rgba;
uniform vec2 u_texel_size;  // 1 / source size
out vec4 frag_color;
const vec3 kLuma = vec3(0.2126, 0.7152, 0.0722);
vec2 cbcr_at(vec2 block_centre) {
    vec3 rgb = texture(u_rgba, block_centre * u_texel_size).rgb;
    float y = dot(kLuma, rgb);
    return vec2(128.0 + 224.0 * (rgb.b - y) / 1.8556, 128.0 + 224.0 * (rgb.r - y) / 1.5748) / 255.0;
}
void main() {
    vec2 texel = floor(gl_FragCoord.xy);
    float centre_y = 2.0 * texel.y + 1.0;
    frag_color = vec4(cbcr_at(vec2(4.0 * texel.x + 1.0, centre_y)),
                      cbcr_at(vec2(4.0 * texel.x + 3.0, centre_y)));
}
)";

}  // namespace

Nv12Converter::Nv12Converter(int width, int height) : width_(width), height_(height) {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
        throw GpuError(
            fmt::format("Nv12Converter: size {}x{} must be positive and even", width, height));
    }
    // Four bytes of a plane row per texel: see the header for the layout.
    const int packed_width = (width + 3) / 4;
    luma_ = std::make_unique<RenderTarget>(GL_RGBA8, packed_width, height);
    chroma_ = std::make_unique<RenderTarget>(GL_RGBA8, packed_width, height / 2);
    luma_program_ = std::make_unique<GlProgram>(kFullscreenVertexShader, kLumaFragmentShader);
    chroma_program_ = std::make_unique<GlProgram>(kFullscreenVertexShader, kChromaFragmentShader);
    // A core profile refuses to draw without a vertex array object, even an empty one.
    glGenVertexArrays(1, &vao_);
}

Nv12Converter::~Nv12Converter() {
    if (vao_ != 0) {
        glDeleteVertexArrays(1, &vao_);
    }
}

void Nv12Converter::convert(const GlTexture& rgba) {
    if (rgba.width() != width_ || rgba.height() != height_) {
        throw GpuError(fmt::format("Nv12Converter: input is {}x{}, converter is {}x{}",
                                   rgba.width(), rgba.height(), width_, height_));
    }
    glDisable(GL_BLEND);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, rgba.id());
    glBindVertexArray(vao_);

    luma_->bind();
    luma_program_->use();
    luma_program_->set("u_rgba", 0);
    glDrawArrays(GL_TRIANGLES, 0, 3);

    chroma_->bind();
    chroma_program_->use();
    chroma_program_->set("u_rgba", 0);
    chroma_program_->set("u_texel_size", 1.0f / static_cast<float>(width_),
                         1.0f / static_cast<float>(height_));
    glDrawArrays(GL_TRIANGLES, 0, 3);

    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace lm
