#include "core/video/frame_painter.hpp"

#include <algorithm>

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

/// Whether source rows map to canvas rows or columns (scaled, moved, mirrored, turned by a
/// multiple of 90 degrees). Then rectangles that share an edge share it exactly; under any
/// other rotation, two rectangles meeting in a T (one edge ending inside another) may both
/// draw a pixel on that edge, or neither, which shows as a stray dot.
bool axis_aligned(const QuadGeometry& geometry) {
    const auto& m = geometry.source_to_canvas;
    return (m[1] == 0 && m[3] == 0) || (m[0] == 0 && m[4] == 0);
}

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
        if (alpha == Alpha::opaque)
            coverage_.assign(1, CoverageRect{0, 0, frame->width(), frame->height(), true});
        else
            coverage_ =
                compute_coverage(frame->data(0), frame->width(), frame->height(), frame->stride(0));
    }
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture_->id());
    program_->use();
    program_->set("u_texture", 0);
    program_->set("u_premultiplied", alpha == Alpha::premultiplied ? 1 : 0);
    draw_covered(context, *frame);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void FramePainter::draw_covered(VideoRenderContext& context, const VideoFrame& frame) {
    if (coverage_.empty())
        return;  // wholly transparent
    const QuadGeometry& whole = context.geometry;
    const bool opaque = coverage_.size() == 1 && coverage_[0].opaque;  // all of it, then
    if (!axis_aligned(whole) || (coverage_.size() == 1 && !opaque)) {
        context.painter.draw(*program_, whole,
                             opaque ? QuadPainter::Blend::replace : QuadPainter::Blend::over);
        return;
    }
    // The coverage is in the frame's pixels, the geometry in the source's (a camera's "no
    // signal" picture is smaller than the camera).
    const float scale_x = whole.source_width / float(frame.width());
    const float scale_y = whole.source_height / float(frame.height());
    for (const CoverageRect& covered : coverage_) {
        QuadGeometry part = whole;
        part.source_rect = {std::max(whole.source_rect[0], float(covered.x0) * scale_x),
                            std::max(whole.source_rect[1], float(covered.y0) * scale_y),
                            std::min(whole.source_rect[2], float(covered.x1) * scale_x),
                            std::min(whole.source_rect[3], float(covered.y1) * scale_y)};
        if (part.source_rect[2] <= part.source_rect[0] ||
            part.source_rect[3] <= part.source_rect[1])
            continue;  // cropped away
        context.painter.draw(
            *program_, part,
            covered.opaque ? QuadPainter::Blend::replace : QuadPainter::Blend::over);
    }
}

void FramePainter::release() {
    program_.reset();
    texture_.reset();
    uploaded_.reset();
    coverage_.clear();
}

}  // namespace lm
