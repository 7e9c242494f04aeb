#include "core/gpu/nv12_converter.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/quad_painter.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

using test::Rgb8;
using test::YCbCr;

constexpr double kTolerance = 2.0;

// Converts `rgba` on the GPU and reads it back through a ReadbackRing, as the mixer does.
std::shared_ptr<VideoFrame> convert_and_read(const GlTexture& texture) {
    Nv12Converter converter(texture.width(), texture.height());
    converter.convert(texture);
    ReadbackRing ring(texture.width(), texture.height(), 2);
    ring.start(converter, 0, 0);
    return ring.poll(true);
}

std::shared_ptr<VideoFrame> convert_and_read(int width, int height,
                                             const std::function<Rgb8(int, int)>& colour_at) {
    GlTexture texture(GL_RGBA8, width, height);
    texture.upload(test::make_rgba(width, height, colour_at).data());
    return convert_and_read(texture);
}

// The largest deviation of any Y, Cb or Cr sample from the expected values, and where it is.
struct Deviation {
    double worst = 0;
    std::string where = "nowhere";
    void add(double got, double expected, const char* what, int x, int y) {
        const double d = std::abs(got - expected);
        if (d > worst) {
            worst = d;
            std::ostringstream s;
            s << what << " at " << x << "," << y << ": got " << got << ", expected " << expected;
            where = s.str();
        }
    }
};

// Compares every luma sample with `luma_at(x, y)` and every chroma sample with
// `chroma_at(cx, cy)` (only .cb and .cr are used).
Deviation compare(const VideoFrame& frame, const std::function<double(int, int)>& luma_at,
                  const std::function<YCbCr(int, int)>& chroma_at) {
    Deviation deviation;
    for (int y = 0; y < frame.plane_height(0); ++y) {
        const uint8_t* row = frame.data(0) + static_cast<size_t>(y) * frame.stride(0);
        for (int x = 0; x < frame.width(); ++x) {
            deviation.add(row[x], luma_at(x, y), "Y", x, y);
        }
    }
    for (int cy = 0; cy < frame.plane_height(1); ++cy) {
        const uint8_t* row = frame.data(1) + static_cast<size_t>(cy) * frame.stride(1);
        for (int cx = 0; cx < frame.width() / 2; ++cx) {
            const YCbCr expected = chroma_at(cx, cy);
            deviation.add(row[2 * cx], expected.cb, "Cb", cx, cy);
            deviation.add(row[2 * cx + 1], expected.cr, "Cr", cx, cy);
        }
    }
    return deviation;
}

YCbCr average(std::initializer_list<YCbCr> values) {
    YCbCr sum;
    for (const YCbCr& v : values) {
        sum.y += v.y;
        sum.cb += v.cb;
        sum.cr += v.cr;
    }
    const auto n = static_cast<double>(values.size());
    return {sum.y / n, sum.cb / n, sum.cr / n};
}

}  // namespace

TEST_CASE("Nv12Converter turns solid colours into BT.709 limited-range NV12", "[gpu]") {
    auto device = GpuDevice::create();
    struct Named {
        const char* name;
        Rgb8 colour;
    };
    const Named colours[] = {{"red", {255, 0, 0}},      {"green", {0, 255, 0}},
                             {"blue", {0, 0, 255}},     {"white", {255, 255, 255}},
                             {"black", {0, 0, 0}},      {"grey", {128, 128, 128}},
                             {"orange", {230, 120, 40}}};
    for (const Named& named : colours) {
        const YCbCr expected = test::bt709_limited(named.colour);
        auto frame = convert_and_read(64, 32, [&](int, int) { return named.colour; });
        REQUIRE(frame != nullptr);
        CHECK(frame->format() == PixelFormat::nv12);
        CHECK(frame->width() == 64);
        CHECK(frame->height() == 32);
        const Deviation d = compare(
            *frame, [&](int, int) { return expected.y; }, [&](int, int) { return expected; });
        INFO(named.name << ": " << d.where);
        CHECK(d.worst <= kTolerance);
    }
}

TEST_CASE("Nv12Converter averages each 2x2 block into one chroma sample", "[gpu]") {
    auto device = GpuDevice::create();
    const Rgb8 red{255, 0, 0};
    const Rgb8 blue{0, 0, 255};

    SECTION("four different colours in every block") {
        const Rgb8 corners[2][2] = {{red, {0, 255, 0}}, {blue, {255, 255, 255}}};
        auto frame = convert_and_read(32, 16, [&](int x, int y) { return corners[y % 2][x % 2]; });
        REQUIRE(frame != nullptr);
        const YCbCr mean =
            average({test::bt709_limited(corners[0][0]), test::bt709_limited(corners[0][1]),
                     test::bt709_limited(corners[1][0]), test::bt709_limited(corners[1][1])});
        const Deviation d = compare(
            *frame, [&](int x, int y) { return test::bt709_limited(corners[y % 2][x % 2]).y; },
            [&](int, int) { return mean; });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
    SECTION("left half red, right half blue, split on a block boundary: no bleeding") {
        auto frame = convert_and_read(32, 8, [&](int x, int) { return x < 16 ? red : blue; });
        REQUIRE(frame != nullptr);
        const Deviation d = compare(
            *frame, [&](int x, int) { return test::bt709_limited(x < 16 ? red : blue).y; },
            [&](int cx, int) { return test::bt709_limited(cx < 8 ? red : blue); });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
    SECTION("left half red, right half blue, split inside a block: that block is the mean") {
        auto frame = convert_and_read(32, 8, [&](int x, int) { return x < 17 ? red : blue; });
        REQUIRE(frame != nullptr);
        const YCbCr mixed = average({test::bt709_limited(red), test::bt709_limited(blue)});
        const Deviation d = compare(
            *frame, [&](int x, int) { return test::bt709_limited(x < 17 ? red : blue).y; },
            [&](int cx, int) {
                return cx < 8    ? test::bt709_limited(red)
                       : cx == 8 ? mixed
                                 : test::bt709_limited(blue);
            });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
}

TEST_CASE("Nv12Converter keeps the top of the picture in row 0", "[gpu]") {
    auto device = GpuDevice::create();
    const int width = 16;
    const int height = 12;
    SECTION("luma: top half white, bottom half black") {
        auto frame = convert_and_read(width, height, [&](int, int y) {
            return y < height / 2 ? Rgb8{255, 255, 255} : Rgb8{0, 0, 0};
        });
        REQUIRE(frame != nullptr);
        CHECK(frame->data(0)[0] == 235);
        CHECK(frame->data(0)[static_cast<size_t>(height - 1) * frame->stride(0)] == 16);
        const Deviation d = compare(
            *frame, [&](int, int y) { return y < height / 2 ? 235.0 : 16.0; },
            [&](int, int) {
                return YCbCr{0, 128, 128};
            });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
    SECTION("chroma: top half red, bottom half blue") {
        const Rgb8 red{255, 0, 0};
        const Rgb8 blue{0, 0, 255};
        auto frame = convert_and_read(width, height,
                                      [&](int, int y) { return y < height / 2 ? red : blue; });
        REQUIRE(frame != nullptr);
        const Deviation d = compare(
            *frame, [&](int, int y) { return test::bt709_limited(y < height / 2 ? red : blue).y; },
            [&](int, int cy) { return test::bt709_limited(cy < height / 4 ? red : blue); });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
}

TEST_CASE("Nv12Converter converts every pixel of a gradient at its own position", "[gpu]") {
    auto device = GpuDevice::create();
    // Every pixel differs from its neighbours, so a half-pixel shift or a flip shows up.
    const auto colour_at = [](int x, int y) {
        return Rgb8{static_cast<uint8_t>(x % 256), static_cast<uint8_t>(y % 256),
                    static_cast<uint8_t>((3 * x + 5 * y) % 256)};
    };
    // 38x22: plane rows of 38 bytes, not a multiple of 4, catch row padding in the readback.
    for (const auto& [width, height] : {std::pair{1280, 720}, std::pair{38, 22}}) {
        INFO(width << "x" << height);
        auto frame = convert_and_read(width, height, colour_at);
        REQUIRE(frame != nullptr);
        const Deviation d = compare(
            *frame, [&](int x, int y) { return test::bt709_limited(colour_at(x, y)).y; },
            [&](int cx, int cy) {
                return average({test::bt709_limited(colour_at(2 * cx, 2 * cy)),
                                test::bt709_limited(colour_at(2 * cx + 1, 2 * cy)),
                                test::bt709_limited(colour_at(2 * cx, 2 * cy + 1)),
                                test::bt709_limited(colour_at(2 * cx + 1, 2 * cy + 1))});
            });
        INFO(d.where);
        CHECK(d.worst <= kTolerance);
    }
}

TEST_CASE("Nv12Converter converts a canvas the QuadPainter rendered", "[gpu]") {
    auto device = GpuDevice::create();
    QuadPainter painter;
    RenderTarget canvas(GL_RGBA8, 48, 32);
    canvas.bind();
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    auto program = painter.make_program(R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() { frag_color = vec4(vec3(128.0 / 255.0), 1.0); }
)");
    program->use();
    QuadGeometry geometry;
    geometry.canvas_width = geometry.source_width = 48;
    geometry.canvas_height = geometry.source_height = 32;
    geometry.source_rect = {0, 0, 48, 32};
    painter.draw(*program, geometry);

    auto frame = convert_and_read(canvas.texture());
    REQUIRE(frame != nullptr);
    const YCbCr grey = test::bt709_limited(Rgb8{128, 128, 128});
    const Deviation d = compare(
        *frame, [&](int, int) { return grey.y; }, [&](int, int) { return grey; });
    INFO(d.where);
    CHECK(d.worst <= kTolerance);
}

TEST_CASE("Nv12Converter refuses odd sizes and mismatched inputs", "[gpu]") {
    auto device = GpuDevice::create();
    CHECK_THROWS_AS(Nv12Converter(63, 32), GpuError);
    CHECK_THROWS_AS(Nv12Converter(64, 0), GpuError);
    Nv12Converter converter(64, 32);
    GlTexture wrong_size(GL_RGBA8, 32, 32);
    CHECK_THROWS_AS(converter.convert(wrong_size), GpuError);
}

}  // namespace lm
