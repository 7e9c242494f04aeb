#include "core/video/frame_painter.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

#include "core/gpu/gpu_device.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

// The picture drawn whole, in one blended quad: what FramePainter drew before it learnt to
// skip transparent tiles, and what its tiled drawing must still look like.
constexpr const char* kWholeStraightAlpha = R"(#version 330 core
uniform sampler2D u_texture;
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    vec4 c = texture(u_texture, v_uv);
    frag_color = vec4(c.rgb * c.a, c.a);
}
)";

/// An overlay like a creator's: transparent, with an opaque logo, a half-transparent bar and a
/// soft (graded alpha) edge, in colours that differ per pixel so misplaced samples show. The
/// logo ends exactly on FramePainter's 64-pixel tile edges, where a scaled picture's bilinear
/// samples reach across: the tiles beside it must still be drawn, and blended.
VideoFramePtr overlay_picture(int width, int height) {
    auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, width, height);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            uint8_t* p = frame->data(0) + size_t(y) * frame->stride(0) + size_t(x) * 4;
            p[0] = uint8_t(x * 7);
            p[1] = uint8_t(y * 5);
            p[2] = uint8_t(x + y);
            p[3] = 0;
            if (x >= 128 && x < 256 && y >= 64 && y < 128)
                p[3] = 255;  // logo
            else if (y >= 180 && y < 230)
                p[3] = 150;  // lower third
            else if (y >= 230 && y < 250)
                p[3] = uint8_t(150 - (y - 230) * 7);  // its soft bottom edge
        }
    }
    return frame;
}

void fill_background(QuadPainter& painter, RenderTarget& target) {
    target.bind();
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    painter.fill(0.2f, 0.6f, 0.4f, 1.0f);
}

QuadGeometry placed(float scale, float degrees, float tx, float ty, const VideoFrame& frame,
                    const RenderTarget& canvas, std::array<float, 4> crop_rect) {
    const float c = std::cos(degrees * float(M_PI) / 180.0f) * scale;
    const float s = std::sin(degrees * float(M_PI) / 180.0f) * scale;
    QuadGeometry geometry;
    geometry.source_to_canvas = {c, s, 0, -s, c, 0, tx, ty, 1};
    geometry.canvas_width = float(canvas.width());
    geometry.canvas_height = float(canvas.height());
    geometry.source_width = float(frame.width());
    geometry.source_height = float(frame.height());
    geometry.source_rect = crop_rect;
    return geometry;
}

int largest_difference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
    int largest = 0;
    for (size_t i = 0; i < a.size(); ++i)
        largest = std::max(largest, std::abs(int(a[i]) - int(b[i])));
    return largest;
}

}  // namespace

TEST_CASE("FramePainter draws an overlay as the whole picture blended over would look", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    const VideoFramePtr picture = overlay_picture(400, 260);
    GlTexture texture(GL_RGBA8, picture->width(), picture->height());
    texture.upload(picture->data(0));
    auto whole_program = painter.make_program(kWholeStraightAlpha);

    struct Placement {
        const char* name;
        float scale, degrees, tx, ty;
        std::array<float, 4> crop;
    };
    const Placement placements[] = {
        {"1:1", 1.0f, 0.0f, 20.0f, 10.0f, {0, 0, 400, 260}},
        {"scaled up, cropped", 1.37f, 0.0f, -15.0f, 3.0f, {10, 15, 390, 255}},
        {"scaled down", 0.61f, 0.0f, 100.5f, 50.25f, {0, 0, 400, 260}},
        {"turned 180 degrees", -1.1f, 0.0f, 460.0f, 300.5f, {0, 0, 400, 260}},
        {"turned 90 degrees", 1.2f, 90.0f, 330.0f, -20.0f, {0, 0, 400, 260}},
        // Drawn whole: tiles meeting in a T would leave a stray dot on their edge.
        {"rotated", 0.9f, 11.0f, 60.0f, 5.0f, {0, 0, 400, 260}},
    };
    for (const Placement& p : placements) {
        SECTION(p.name) {
            RenderTarget tiled(GL_RGBA8, 480, 320);
            RenderTarget whole(GL_RGBA8, 480, 320);
            const QuadGeometry geometry =
                placed(p.scale, p.degrees, p.tx, p.ty, *picture, tiled, p.crop);

            fill_background(painter, tiled);
            FramePainter frame_painter;
            VideoRenderContext context{painter, geometry};
            frame_painter.draw(context, picture);
            frame_painter.release();

            fill_background(painter, whole);
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, texture.id());
            whole_program->use();
            whole_program->set("u_texture", 0);
            painter.draw(*whole_program, geometry);
            glBindTexture(GL_TEXTURE_2D, 0);

            const auto tiled_pixels = test::read_rgba(tiled);
            const auto whole_pixels = test::read_rgba(whole);
            // Blending the transparent tiles it skips changes nothing; drawing the opaque ones
            // without blending changes nothing either. Allow one step of rounding.
            CHECK(largest_difference(tiled_pixels, whole_pixels) <= 1);
            // And the picture is really there: the logo's pixels differ from the background.
            CHECK(largest_difference(whole_pixels, [&] {
                      RenderTarget empty(GL_RGBA8, 480, 320);
                      fill_background(painter, empty);
                      return test::read_rgba(empty);
                  }()) > 100);
        }
    }
}

TEST_CASE("FramePainter draws an opaque picture without looking at its alpha", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 64, 64);
    fill_background(painter, canvas);
    auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, 32, 32);
    for (int i = 0; i < 32 * 32; ++i) {
        uint8_t* p = frame->data(0) + i * 4;
        p[0] = 250, p[1] = 10, p[2] = 10, p[3] = 255;
    }
    QuadGeometry geometry = placed(1.0f, 0.0f, 16.0f, 16.0f, *frame, canvas, {0, 0, 32, 32});
    FramePainter frame_painter;
    VideoRenderContext context{painter, geometry};
    frame_painter.draw(context, frame, FramePainter::Alpha::opaque);
    frame_painter.release();
    const auto pixels = test::read_rgba(canvas);
    const uint8_t* inside = test::pixel_at(pixels, 64, 30, 30);
    const uint8_t* outside = test::pixel_at(pixels, 64, 5, 5);
    CHECK(int(inside[0]) == 250);
    CHECK(int(inside[1]) == 10);
    CHECK(int(outside[1]) == 153);  // the background's green, 0.6
}

}  // namespace lm
