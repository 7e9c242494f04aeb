#include "core/video/frame_painter.hpp"

namespace lm {
namespace {

constexpr const char* kFragmentShader = R"(#version 330 core
uniform sampler2D u_texture;
uniform int u_premultiplied;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 c = texture(u_texture, v_uv);
    frag_color = u_premultiplied != 0 ? c : vec4(c.rgb * c.a, c.a);
}
)";

}  // namespace

void FramePainter::draw(VideoRenderContext& context, const VideoFramePtr& frame, Alpha alpha) {
    if (!frame || frame->format() != PixelFormat::rgba)
        return;
    if (!program_)
        program_ = context.painter.make_program(kFragmentShader);
    if (frame != uploaded_) {
        if (!texture_ || texture_->width() != frame->width() ||
            texture_->height() != frame->height()) {
            texture_.emplace(GL_RGBA8, frame->width(), frame->height());
        }
        texture_->upload(frame->data(0));
        uploaded_ = frame;
    }
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_->id());
    program_->use();
    program_->set("u_texture", 0);
    program_->set("u_premultiplied", alpha == Alpha::premultiplied ? 1 : 0);
    context.painter.draw(*program_, context.geometry);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void FramePainter::release() {
    program_.reset();
    texture_.reset();
    uploaded_.reset();
}

}  // namespace lm
