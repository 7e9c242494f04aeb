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
constexpr std::string_view kFragmentShader = R"(#version 330 core
uniform sampler2D u_rgba;
layout(location = 0) out vec4 luma_even;
layout(location = 1) out vec4 luma_odd;
layout(location = 2) out vec4 chroma;
const vec3 kLuma = vec3(0.2126, 0.7152, 0.0722);

// Cb, Cr of one (averaged) colour, as bytes / 255.
vec2 cbcr(vec3 rgb) {
    float y = dot(kLuma, rgb);
    return vec2(128.0 + 224.0 * (rgb.b - y) / 1.8556, 128.0 + 224.0 * (rgb.r - y) / 1.5748) / 255.0;
}

void main() {
    // Columns past the right edge (width not a multiple of 4) repeat the last pixel; they only
    // fill the padding of the packed rows.
    ivec2 last = textureSize(u_rgba, 0) - 1;
    ivec2 base = ivec2(gl_FragCoord.xy) * ivec2(4, 2);
    vec3 top[4];
    vec3 bottom[4];
    for (int i = 0; i < 4; ++i) {
        int x = min(base.x + i, last.x);
        top[i] = texelFetch(u_rgba, ivec2(x, base.y), 0).rgb;
        bottom[i] = texelFetch(u_rgba, ivec2(x, base.y + 1), 0).rgb;
    }
    luma_even = (16.0 + 219.0 * vec4(dot(kLuma, top[0]), dot(kLuma, top[1]),
                                     dot(kLuma, top[2]), dot(kLuma, top[3]))) / 255.0;
    luma_odd = (16.0 + 219.0 * vec4(dot(kLuma, bottom[0]), dot(kLuma, bottom[1]),
                                    dot(kLuma, bottom[2]), dot(kLuma, bottom[3]))) / 255.0;
    chroma = vec4(cbcr(0.25 * (top[0] + top[1] + bottom[0] + bottom[1])),
                  cbcr(0.25 * (top[2] + top[3] + bottom[2] + bottom[3])));
}
)";

}  // namespace

Nv12Converter::Nv12Converter(int width, int height) : width_(width), height_(height) {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
        throw GpuError(
            fmt::format("Nv12Converter: size {}x{} must be positive and even", width, height));
    }
    for (int i = 0; i < 3; ++i)
        planes_.emplace_back(GL_RGBA8, packed_width(), height / 2);
    glGenFramebuffers(1, &fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    const GLenum attachments[3] = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1,
                                   GL_COLOR_ATTACHMENT2};
    for (int i = 0; i < 3; ++i) {
        glFramebufferTexture2D(GL_FRAMEBUFFER, attachments[i], GL_TEXTURE_2D, planes_[i].id(), 0);
    }
    glDrawBuffers(3, attachments);
    const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
        glDeleteFramebuffers(1, &fbo_);
        throw GpuError(
            fmt::format("Nv12Converter: framebuffer incomplete (status 0x{:x})", status));
    }
    program_ = std::make_unique<GlProgram>(kFullscreenVertexShader, kFragmentShader);
    glGenVertexArrays(1, &vao_);
}

Nv12Converter::~Nv12Converter() {
    if (vao_ != 0)
        glDeleteVertexArrays(1, &vao_);
    if (fbo_ != 0)
        glDeleteFramebuffers(1, &fbo_);
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
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, packed_width(), height_ / 2);
    program_->use();
    program_->set("u_rgba", 0);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace lm
