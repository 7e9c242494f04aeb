#include "plugins/basic/color_source.hpp"

namespace lm {
namespace {

constexpr const char* kFragmentShader = R"(#version 330 core
uniform vec4 u_color;  // premultiplied
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = u_color; }
)";

}  // namespace

ColorSource::ColorSource(uint32_t argb, int width, int height)
    : argb_(argb), width_(width), height_(height) {}

void ColorSource::render_video(VideoRenderContext& context) {
    if (!program_)
        program_ = context.painter.make_program(kFragmentShader);
    const float a = float((argb_ >> 24) & 0xff) / 255.0f;
    const float r = float((argb_ >> 16) & 0xff) / 255.0f;
    const float g = float((argb_ >> 8) & 0xff) / 255.0f;
    const float b = float(argb_ & 0xff) / 255.0f;
    program_->use();
    program_->set("u_color", r * a, g * a, b * a, a);
    // An opaque colour (the usual background) replaces what is under it: no blending, which a
    // software rasteriser pays for on every pixel.
    const bool opaque = (argb_ >> 24) == 0xff;
    context.painter.draw(*program_, context.geometry,
                         opaque ? QuadPainter::Blend::replace : QuadPainter::Blend::over);
}

}  // namespace lm
