// Draws one source's rectangle onto the bound render target: the single vertex stage every
// source shares. A source supplies only a fragment shader.
//
// Fragment shader contract (GLSL 330 core):
//   in vec2 v_source_px;   // position inside the source, in source pixels (0,0 = top-left)
//   in vec2 v_uv;          // the same, normalised to 0..1 over the full source size
//   out vec4 frag_color;   // premultiplied-alpha colour
// It may also declare and read the uniforms draw() sets for the vertex stage:
//   uniform vec2 u_source_size;   // full source size in pixels
//   uniform vec2 u_canvas_size;   // canvas size in pixels
// Blending is premultiplied "over": glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA).
#pragma once

#include <array>
#include <memory>
#include <string_view>

#include "core/gpu/gl_objects.hpp"

namespace lm {

/// Where a source's pixels land on the canvas.
struct QuadGeometry {
    /// Source pixels -> canvas pixels (both y-down), column-major 3x3 affine matrix.
    std::array<float, 9> source_to_canvas{1, 0, 0, 0, 1, 0, 0, 0, 1};
    float canvas_width = 0;
    float canvas_height = 0;
    float source_width = 0;
    float source_height = 0;
    /// The visible part of the source after cropping, in source pixels: x0, y0, x1, y1.
    std::array<float, 4> source_rect{0, 0, 0, 0};
};

class QuadPainter {
public:
    QuadPainter();  ///< creates the vertex array and buffer; GL context must be current
    ~QuadPainter();
    QuadPainter(const QuadPainter&) = delete;
    QuadPainter& operator=(const QuadPainter&) = delete;

    /// Links `fragment_source` with the shared quad vertex shader.
    std::unique_ptr<GlProgram> make_program(std::string_view fragment_source) const;

    enum class Blend {
        over = 1,  ///< premultiplied alpha over what is there
        replace,   ///< opaque pixels: skips the read-modify-write of blending (cheaper on
                   ///< software rasterisers); only correct when the program's alpha is 1
    };

    /// Draws `geometry`'s source rectangle with `program` (which the caller has put in use
    /// and given its own uniforms) into the currently bound framebuffer.
    void draw(GlProgram& program, const QuadGeometry& geometry, Blend blend = Blend::over);

    /// Stretches a texture over the whole bound target, moved by (offset_x, offset_y) target
    /// pixels (what leaves the target is cut off). At full opacity it replaces what is there;
    /// below, it is blended "over" with its colour scaled by `opacity` (a crossfade).
    void blit(const GlTexture& texture, float opacity = 1.0f, float offset_x = 0.0f,
              float offset_y = 0.0f);
    /// Covers the whole bound target with a colour (straight RGB, 0..1) at `alpha`, blended
    /// over what is there.
    void fill(float r, float g, float b, float alpha);

private:
    GLuint vao_ = 0;
    GLuint vbo_ = 0;
    std::unique_ptr<GlProgram> blit_program_;
    std::unique_ptr<GlProgram> fill_program_;
};

}  // namespace lm
