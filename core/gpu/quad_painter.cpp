#include "core/gpu/quad_painter.hpp"

namespace lm {
namespace {

// The one vertex stage: unit-square corners -> source pixels (the cropped rectangle) -> canvas
// pixels (the item's transform) -> clip space. Canvas y goes down and maps straight to clip y
// without a flip, so canvas row 0 lands in framebuffer row 0, which is texture row 0 and the
// first row glReadPixels returns: the top of the picture stays at row 0 everywhere.
constexpr std::string_view kQuadVertexShader = R"(#version 330 core
layout(location = 0) in vec2 a_corner;
uniform vec4 u_source_rect;       // x0, y0, x1, y1 in source pixels
uniform mat3 u_source_to_canvas;  // source pixels -> canvas pixels
uniform vec2 u_canvas_size;       // canvas pixels
uniform vec2 u_source_size;       // full source size in pixels
out vec2 v_source_px;
out vec2 v_uv;
void main() {
    v_source_px = mix(u_source_rect.xy, u_source_rect.zw, a_corner);
    v_uv = v_source_px / max(u_source_size, vec2(1.0));
    vec2 canvas_px = (u_source_to_canvas * vec3(v_source_px, 1.0)).xy;
    gl_Position = vec4(2.0 * canvas_px / u_canvas_size - 1.0, 0.0, 1.0);
}
)";

constexpr std::string_view kBlitFragmentShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
uniform sampler2D u_texture;
uniform float u_opacity;
out vec4 frag_color;
void main() { frag_color = texture(u_texture, v_uv) * u_opacity; }
)";

constexpr std::string_view kFillFragmentShader = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
uniform vec4 u_color;  // premultiplied
out vec4 frag_color;
void main() { frag_color = u_color; }
)";

}  // namespace

QuadPainter::QuadPainter() {
    // A triangle strip over the unit square; the vertex shader stretches it to the rectangle.
    const float corners[] = {0, 0, 1, 0, 0, 1, 1, 1};
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, sizeof(corners), corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    blit_program_ = make_program(kBlitFragmentShader);
    fill_program_ = make_program(kFillFragmentShader);
}

QuadPainter::~QuadPainter() {
    blit_program_.reset();
    fill_program_.reset();
    if (vbo_ != 0) {
        glDeleteBuffers(1, &vbo_);
    }
    if (vao_ != 0) {
        glDeleteVertexArrays(1, &vao_);
    }
}

std::unique_ptr<GlProgram> QuadPainter::make_program(std::string_view fragment_source) const {
    return std::make_unique<GlProgram>(kQuadVertexShader, fragment_source);
}

void QuadPainter::draw(GlProgram& program, const QuadGeometry& geometry, Blend blend) {
    const auto& rect = geometry.source_rect;
    program.set("u_source_rect", rect[0], rect[1], rect[2], rect[3]);
    program.set_mat3("u_source_to_canvas", geometry.source_to_canvas);
    program.set("u_canvas_size", geometry.canvas_width, geometry.canvas_height);
    program.set("u_source_size", geometry.source_width, geometry.source_height);
    if (blend == Blend::over) {
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    } else {
        // Whatever blending the caller left on would otherwise apply.
        glDisable(GL_BLEND);
    }
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glDisable(GL_BLEND);
}

void QuadPainter::blit(const GlTexture& texture, float opacity, float offset_x, float offset_y) {
    // The bound target's size is the viewport RenderTarget::bind() set.
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    const auto target_width = static_cast<float>(viewport[2]);
    const auto target_height = static_cast<float>(viewport[3]);
    const auto source_width = static_cast<float>(texture.width());
    const auto source_height = static_cast<float>(texture.height());

    blit_program_->use();
    blit_program_->set("u_texture", 0);
    blit_program_->set("u_source_rect", 0.0f, 0.0f, source_width, source_height);
    blit_program_->set_mat3("u_source_to_canvas",
                            {target_width / source_width, 0, 0, 0, target_height / source_height, 0,
                             offset_x, offset_y, 1});
    blit_program_->set("u_canvas_size", target_width, target_height);
    blit_program_->set("u_source_size", source_width, source_height);
    blit_program_->set("u_opacity", opacity);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, texture.id());
    if (opacity >= 1.0f) {
        glDisable(GL_BLEND);
    } else {
        glEnable(GL_BLEND);
        glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied "over"
    }
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void QuadPainter::fill(float r, float g, float b, float alpha) {
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    const auto width = static_cast<float>(viewport[2]);
    const auto height = static_cast<float>(viewport[3]);
    fill_program_->use();
    fill_program_->set("u_source_rect", 0.0f, 0.0f, width, height);
    fill_program_->set_mat3("u_source_to_canvas", {1, 0, 0, 0, 1, 0, 0, 0, 1});
    fill_program_->set("u_canvas_size", width, height);
    fill_program_->set("u_source_size", width, height);
    fill_program_->set("u_color", r * alpha, g * alpha, b * alpha, alpha);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
}

}  // namespace lm
