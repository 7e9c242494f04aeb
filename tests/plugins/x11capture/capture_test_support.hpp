// Shared by the capture tests: drawing a source through the real video mixer (GPU, NV12 out,
// BT.709 limited range) and reading colours back at canvas positions.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <future>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

#include "core/gpu/gpu_test_support.hpp"
#include "core/media/clock.hpp"
#include "core/video/video_mixer.hpp"

namespace lm::test {

inline std::shared_ptr<Scene> scene_of(std::shared_ptr<Source> source) {
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source = std::move(source);
    scene->items.push_back(item);
    return scene;
}

/// Renders `frames` frames of `source` alone, at the canvas's top-left, unscaled.
inline std::vector<VideoFramePtr> run_mixer(std::shared_ptr<Source> source, VideoFormat format,
                                            int frames) {
    auto queue = std::make_shared<VideoFrameQueue>(frames + 4);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, frames);
    mixer.set_scene(scene_of(std::move(source)));
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> out;
    while (auto frame = queue->pop())
        out.push_back(*frame);
    return out;
}

/// The last of `frames` frames at 30 fps, `width` x `height`.
inline VideoFramePtr last_frame(std::shared_ptr<Source> source, int width, int height,
                                int frames = 15) {
    auto out = run_mixer(std::move(source), {width, height, {30, 1}}, frames);
    REQUIRE(out.size() == size_t(frames));
    return out.back();
}

struct Yuv {
    int y = 0;
    int cb = 0;
    int cr = 0;
    friend std::ostream& operator<<(std::ostream& os, Yuv v) {
        return os << "Y " << v.y << " Cb " << v.cb << " Cr " << v.cr;
    }
};

inline Yuv yuv_at(const VideoFrame& frame, int x, int y) {
    const uint8_t* chroma = frame.data(1) + (y / 2) * frame.stride(1) + (x / 2) * 2;
    return {frame.data(0)[y * frame.stride(0) + x], chroma[0], chroma[1]};
}

/// Whether NV12 pixel (x, y) shows `rgb` (0xRRGGBB), within rounding of the conversion.
inline bool shows(const VideoFrame& frame, int x, int y, uint32_t rgb) {
    const YCbCr want = bt709_limited(
        Rgb8{uint8_t((rgb >> 16) & 0xFF), uint8_t((rgb >> 8) & 0xFF), uint8_t(rgb & 0xFF)});
    const Yuv got = yuv_at(frame, x, y);
    return std::abs(got.y - want.y) <= 3 && std::abs(got.cb - want.cb) <= 3 &&
           std::abs(got.cr - want.cr) <= 3;
}

#define CHECK_SHOWS(frame, x, y, rgb)                                                 \
    do {                                                                              \
        INFO("at (" << (x) << ", " << (y) << "): " << lm::test::yuv_at(frame, x, y)); \
        CHECK(lm::test::shows(frame, x, y, rgb));                                     \
    } while (false)

/// Polls `done` every 10 ms for up to `timeout`; returns its last answer.
inline bool wait_until(const std::function<bool()>& done,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

}  // namespace lm::test
