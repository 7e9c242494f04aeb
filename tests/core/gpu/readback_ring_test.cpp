#include "core/gpu/readback_ring.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <vector>

#include "core/gpu/gpu_device.hpp"
#include "core/gpu/nv12_converter.hpp"
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
        while (auto frame = ring.poll(false))
            received.push_back(std::move(frame));
    }
    while (ring.pending() > 0) {
        auto frame = ring.poll(true);
        REQUIRE(frame != nullptr);
        received.push_back(std::move(frame));
    }
    REQUIRE(received.size() == frames);
    for (int64_t index = 0; index < frames; ++index)
        check_frame(received[index], index);
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

TEST_CASE("ReadbackRing::poll(false) never waits for the GPU", "[gpu]") {
    auto device = GpuDevice::create();
    const int width = 1920;
    const int height = 1080;
    GlTexture canvas(GL_RGBA8, width, height);
    Nv12Converter converter(width, height);
    ReadbackRing ring(width, height, 3);

    using Clock = std::chrono::steady_clock;
    CHECK(ring.poll(false) == nullptr);  // nothing started: null at once

    int64_t started = 0;
    int64_t received = 0;
    int null_polls = 0;
    Clock::duration slowest_poll{};
    for (; started < 6; ++started) {
        converter.convert(canvas);
        ring.start(converter, started, started * kFrameNs);
        // A non-blocking poll may find the read unfinished (null) or done (the oldest frame),
        // and must not reorder; it returns without waiting on the fence.
        const Clock::time_point before = Clock::now();
        std::shared_ptr<VideoFrame> frame = ring.poll(false);
        slowest_poll = std::max(slowest_poll, Clock::now() - before);
        if (frame == nullptr) {
            ++null_polls;
            continue;
        }
        CHECK(frame->index == received);
        ++received;
    }
    while (auto frame = ring.poll(true)) {
        CHECK(frame->index == received);
        ++received;
    }
    CHECK(received == started);
    const double slowest_poll_ms = std::chrono::duration<double, std::milli>(slowest_poll).count();
    UNSCOPED_INFO("null polls: " << null_polls << ", slowest poll: " << slowest_poll_ms << " ms");
    // Copying a finished 1080p frame out of a mapped buffer takes a few milliseconds; waiting
    // for llvmpipe to render and read back one takes far longer, so this bound separates them.
    CHECK(slowest_poll < std::chrono::milliseconds(250));
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
