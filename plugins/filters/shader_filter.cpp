#include "plugins/filters/shader_filter.hpp"

namespace lm {
namespace {

constexpr const char* kCopyShader = R"(#version 330 core
uniform sampler2D u_texture;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = texture(u_texture, v_uv); }
)";

}  // namespace

void ShaderFilter::render(VideoFilterContext& context) {
    const PictureSize input{context.input.width(), context.input.height()};
    const bool working = status().ok();
    const PictureSize output = working ? output_size(input) : input;
    std::unique_ptr<GlProgram>& program = working ? program_ : copy_program_;
    if (!program)
        program = context.painter.make_program(working ? fragment_shader() : kCopyShader);
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = float(output.width);
    geometry.canvas_height = geometry.source_height = float(output.height);
    geometry.source_rect = {0, 0, float(output.width), float(output.height)};
    program->use();
    program->set("u_texture", 0);
    program->set("u_input_size", float(input.width), float(input.height));
    // First: making a texture of the filter's own binds it to the active unit.
    if (working)
        set_uniforms(*program, context);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, context.input.id());
    context.painter.draw(*program, geometry, QuadPainter::Blend::over);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void ShaderFilter::release_gpu() {
    program_.reset();
    copy_program_.reset();
    release_own_gpu();
}

}  // namespace lm
