#include "core/gpu/readback_ring.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <vector>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"
#include "core/gpu/quad_painter.hpp"
#include "tests/core/gpu/gpu_test_support.hpp"

namespace lm {
namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 36;
constexpr int64_t kFrameNs = 33'333'333;

// Frame n is a flat grey whose level identifies it, so a frame read from the wrong slot or a
// stale buffer is caught, not just a wrong index.
uint8_t grey_level(int64_t index) {
    return static_cast<uint8_t>(20 + 23 * index);
}

// Renders frame `index` into `converter` (the mixer's steps minus compositing).
void render_frame(GlTexture& canvas, Nv12Converter& converter, int64_t index) {
    const uint8_t level = grey_level(index);
    canvas.upload(test::make_rgba(kWidth, kHeight, [&](int, int) {
                      return test::Rgb8{level, level, level};
                  }).data());
    converter.convert(canvas);
}

// Checks that `frame` is frame `index`: its tags and its pixels.
void check_frame(const std::shared_ptr<VideoFrame>& frame, int64_t index) {
    REQUIRE(frame != nullptr);
    INFO("frame " << index);
    CHECK(frame->index == index);
    CHECK(frame->pts_ns == index * kFrameNs);
    CHECK(frame->format() == PixelFormat::nv12);
    CHECK(frame->width() == kWidth);
    CHECK(frame->height() == kHeight);
    const uint8_t level = grey_level(index);
    const double expected_y = test::bt709_limited(test::Rgb8{level, level, level}).y;
    const uint8_t* luma = frame->data(0);
    CHECK(std::abs(luma[0] - expected_y) <= 2.0);
    CHECK(std::abs(luma[kWidth * kHeight - 1] - expected_y) <= 2.0);
    const uint8_t* chroma = frame->data(1);
    CHECK(std::abs(chroma[0] - 128) <= 2);
    CHECK(std::abs(chroma[kWidth * kHeight / 2 - 1] - 128) <= 2);
}

}  // namespace

TEST_CASE("ReadbackRing returns frames in the order started, with their index and pts", "[gpu]") {
    auto device = GpuDevice::create();
    GlTexture canvas(GL_RGBA8, kWidth, kHeight);
    Nv12Converter converter(kWidth, kHeight);
    ReadbackRing ring(kWidth, kHeight, 3);

    std::vector<std::shared_ptr<VideoFrame>> received;
    const int frames = 8;
    for (int64_t index = 0; index < frames; ++index) {
        render_frame(canvas, converter, index);
        ring.start(converter, index, index * kFrameNs);
        // What the mixer does each tick: take whatever is ready, never wait.
        while (auto frame = ring.poll(false)) {
            received.push_back(std::move(frame));
        }
    }
    while (ring.pending() > 0) {
        auto frame = ring.poll(true);
        REQUIRE(frame != nullptr);
        received.push_back(std::move(frame));
    }
    REQUIRE(received.size() == frames);
    for (int64_t index = 0; index < frames; ++index) {
        check_frame(received[index], index);
    }
    CHECK(ring.poll(true) == nullptr);
    CHECK(ring.poll(false) == nullptr);
}

TEST_CASE("ReadbackRing keeps every frame when started faster than it is polled", "[gpu]") {
    auto device = GpuDevice::create();
    GlTexture canvas(GL_RGBA8, kWidth, kHeight);
    Nv12Converter converter(kWidth, kHeight);
    ReadbackRing ring(kWidth, kHeight, 2);

    // Five reads through two slots: start() completes the oldest ones early and holds them.
    const int frames = 5;
    for (int64_t index = 0; index < frames; ++index) {
        render_frame(canvas, converter, index);
        ring.start(converter, index, index * kFrameNs);
        CHECK(ring.pending() == index + 1);
    }
    for (int64_t index = 0; index < frames; ++index) {
        check_frame(ring.poll(index % 2 == 0), index);
        CHECK(ring.pending() == frames - index - 1);
    }
    CHECK(ring.poll(true) == nullptr);
}

TEST_CASE("ReadbackRing::poll(false) returns without waiting for the GPU", "[gpu]") {
    auto device = GpuDevice::create();
    GlTexture canvas(GL_RGBA8, kWidth, kHeight);
    Nv12Converter converter(kWidth, kHeight);
    ReadbackRing ring(kWidth, kHeight, 3);
    CHECK(ring.poll(false) == nullptr);  // nothing started

    // Slow work queued after the read, as the next frame's rendering would be: a poll that
    // waits for the GPU to go idle (instead of testing its own fence) would sit through it.
    QuadPainter painter;
    RenderTarget busy(GL_RGBA8, 1920, 1080);
    auto slow = painter.make_program(R"(#version 330 core
in vec2 v_source_px;
in vec2 v_uv;
out vec4 frag_color;
void main() {
    float a = v_uv.x;
    for (int i = 0; i < 16; ++i) a = fract(sin(a * 12.9898 + float(i)) * 43758.5453);
    frag_color = vec4(a, a, a, 1.0);
}
)");
    QuadGeometry everywhere;
    everywhere.canvas_width = everywhere.source_width = 1920;
    everywhere.canvas_height = everywhere.source_height = 1080;
    everywhere.source_rect = {0, 0, 1920, 1080};

    using Clock = std::chrono::steady_clock;
    int64_t received = 0;
    const int frames = 3;
    for (int64_t index = 0; index < frames; ++index) {
        render_frame(canvas, converter, index);
        ring.start(converter, index, index * kFrameNs);
        busy.bind();
        slow->use();
        painter.draw(*slow, everywhere);
        glFlush();

        const Clock::time_point before_poll = Clock::now();
        std::shared_ptr<VideoFrame> frame = ring.poll(false);
        const Clock::time_point after_poll = Clock::now();
        glFinish();
        const Clock::duration poll_time = after_poll - before_poll;
        const Clock::duration rest_of_gpu_work = Clock::now() - after_poll;
        const double poll_ms = std::chrono::duration<double, std::milli>(poll_time).count();
        const double rest_ms = std::chrono::duration<double, std::milli>(rest_of_gpu_work).count();
        INFO("frame " << index << ": poll " << poll_ms << " ms, GPU busy " << rest_ms
                      << " ms after");
        CHECK(poll_time < rest_of_gpu_work);
        // Null (read unfinished) or the oldest frame: never a later one.
        if (frame != nullptr) {
            check_frame(frame, received++);
        }
    }
    while (auto frame = ring.poll(true)) {
        check_frame(frame, received++);
    }
    CHECK(received == frames);
}

TEST_CASE("ReadbackRing rejects a converter of another size", "[gpu]") {
    auto device = GpuDevice::create();
    Nv12Converter converter(kWidth, kHeight);
    ReadbackRing ring(kWidth * 2, kHeight, 2);
    CHECK_THROWS_AS(ring.start(converter, 0, 0), GpuError);
    CHECK(ring.pending() == 0);
    CHECK_THROWS_AS(ReadbackRing(kWidth, kHeight, 0), GpuError);
}

}  // namespace lm
