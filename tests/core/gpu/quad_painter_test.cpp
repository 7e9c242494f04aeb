#include "core/gpu/quad_painter.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "core/gpu/gpu_device.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

constexpr const char* kSolidColour = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
uniform vec4 u_colour;
out vec4 frag_color;
void main() { frag_color = u_colour; }
)";

// Writes the interpolated source position as colour, to see where each pixel samples from.
constexpr const char* kShowUv = R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = vec4(v_uv, 0.0, 1.0); }
)";

void clear_transparent(RenderTarget& target) {
    target.bind();
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

TEST_CASE("QuadPainter places a scaled, translated quad on the right canvas pixels", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 64, 48);
    clear_transparent(canvas);

    auto program = painter.make_program(kSolidColour);
    program->use();
    program->set("u_colour", 1.0f, 0.0f, 0.0f, 1.0f);
    QuadGeometry geometry;
    // A 10x8 source scaled 2x and moved to (20, 12): covers canvas x 20..39, y 12..27.
    geometry.source_to_canvas = {2, 0, 0, 0, 2, 0, 20, 12, 1};
    geometry.canvas_width = 64;
    geometry.canvas_height = 48;
    geometry.source_width = 10;
    geometry.source_height = 8;
    geometry.source_rect = {0, 0, 10, 8};
    painter.draw(*program, geometry);

    const auto pixels = test::read_rgba(canvas);
    int covered = 0;
    for (int y = 0; y < 48; ++y) {
        for (int x = 0; x < 64; ++x) {
            const bool inside = x >= 20 && x < 40 && y >= 12 && y < 28;
            const uint8_t* p = test::pixel_at(pixels, 64, x, y);
            INFO("pixel " << x << "," << y);
            REQUIRE(p[0] == (inside ? 255 : 0));
            REQUIRE(p[3] == (inside ? 255 : 0));
            covered += inside ? 1 : 0;
        }
    }
    CHECK(covered == 20 * 16);
}

TEST_CASE("QuadPainter maps a cropped source rectangle to v_uv and v_source_px", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 100, 100);
    clear_transparent(canvas);

    auto program = painter.make_program(kShowUv);
    program->use();
    QuadGeometry geometry;
    // Show only the top-right quarter of a 100x100 source, moved to the canvas' top-left.
    geometry.source_to_canvas = {1, 0, 0, 0, 1, 0, -50, 0, 1};
    geometry.canvas_width = 100;
    geometry.canvas_height = 100;
    geometry.source_width = 100;
    geometry.source_height = 100;
    geometry.source_rect = {50, 0, 100, 50};
    painter.draw(*program, geometry);

    const auto pixels = test::read_rgba(canvas);
    for (int y : {0, 10, 49}) {
        for (int x : {0, 25, 49}) {
            const uint8_t* p = test::pixel_at(pixels, 100, x, y);
            INFO("pixel " << x << "," << y);
            // The pixel centre (x + 0.5, y + 0.5) samples source (x + 50.5, y + 0.5).
            CHECK(std::abs(p[0] - (x + 50.5) / 100.0 * 255.0) <= 1.0);
            CHECK(std::abs(p[1] - (y + 0.5) / 100.0 * 255.0) <= 1.0);
        }
    }
    CHECK(test::pixel_at(pixels, 100, 50, 10)[3] == 0);  // right of the crop: untouched
    CHECK(test::pixel_at(pixels, 100, 10, 50)[3] == 0);  // below the crop: untouched
}

TEST_CASE("QuadPainter blends premultiplied colour over what is there", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 8, 8);
    clear_transparent(canvas);
    auto program = painter.make_program(kSolidColour);
    program->use();
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = 8;
    geometry.canvas_height = geometry.source_height = 8;
    geometry.source_rect = {0, 0, 8, 8};

    program->set("u_colour", 1.0f, 0.0f, 0.0f, 1.0f);
    painter.draw(*program, geometry);
    // Green at 50 % opacity, premultiplied: (0, 0.5, 0, 0.5).
    program->set("u_colour", 0.0f, 0.5f, 0.0f, 0.5f);
    painter.draw(*program, geometry);

    const std::vector<uint8_t> pixels = test::read_rgba(canvas);
    const uint8_t* p = test::pixel_at(pixels, 8, 3, 3);
    CHECK(std::abs(p[0] - 127.5) <= 1.0);
    CHECK(std::abs(p[1] - 127.5) <= 1.0);
    CHECK(p[2] == 0);
    CHECK(p[3] == 255);
}

TEST_CASE("QuadPainter replace mode writes opaque colour whatever blending is left on", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 8, 8);
    canvas.bind();
    glClearColor(0.0f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    // Additive blending left on by someone else would turn green over blue into cyan.
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE);
    auto program = painter.make_program(kSolidColour);
    program->use();
    program->set("u_colour", 0.0f, 1.0f, 0.0f, 1.0f);
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = 8;
    geometry.canvas_height = geometry.source_height = 8;
    geometry.source_rect = {0, 0, 4, 8};  // left half only
    painter.draw(*program, geometry, QuadPainter::Blend::replace);

    const std::vector<uint8_t> pixels = test::read_rgba(canvas);
    const uint8_t* left = test::pixel_at(pixels, 8, 1, 4);
    const uint8_t* right = test::pixel_at(pixels, 8, 6, 4);
    CHECK(std::vector<int>(left, left + 4) == std::vector<int>{0, 255, 0, 255});
    CHECK(std::vector<int>(right, right + 4) == std::vector<int>{0, 0, 255, 255});
}

TEST_CASE("QuadPainter::blit copies a texture 1:1 keeping row 0 at the top", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    const int width = 16;
    const int height = 10;
    GlTexture source(GL_RGBA8, width, height);
    // Top half white, bottom half transparent, with one red pixel marking the top-left corner.
    auto image = test::make_rgba(width, height, [&](int x, int y) {
        if (x == 0 && y == 0) {
            return test::Rgb8{255, 0, 0};
        }
        return y < height / 2 ? test::Rgb8{255, 255, 255} : test::Rgb8{0, 0, 0};
    });
    for (size_t i = static_cast<size_t>(width) * (height / 2) * 4 + 3; i < image.size(); i += 4) {
        image[i] = 0;
    }
    source.upload(image.data());
    RenderTarget target(GL_RGBA8, width, height);
    target.bind();
    // blit copies, even with blending left on by someone else: transparent source pixels must
    // replace the half-transparent blue underneath, not let it show through.
    glClearColor(0.0f, 0.0f, 0.5f, 0.5f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_BLEND);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    painter.blit(source);

    const auto pixels = test::read_rgba(target);
    const uint8_t* corner = test::pixel_at(pixels, width, 0, 0);
    CHECK(corner[0] == 255);
    CHECK(corner[1] == 0);
    for (int y = 0; y < height; ++y) {
        for (int x = 1; x < width; ++x) {
            const uint8_t* p = test::pixel_at(pixels, width, x, y);
            const int expected = y < height / 2 ? 255 : 0;
            INFO("pixel " << x << "," << y);
            REQUIRE(p[0] == expected);
            REQUIRE(p[2] == expected);
            REQUIRE(p[3] == expected);
        }
    }
}

}  // namespace lm
