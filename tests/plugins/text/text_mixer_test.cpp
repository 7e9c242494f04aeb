// The text source through the real video mixer (llvmpipe in CI): drawn where its item is,
// blended over the canvas once (premultiplied alpha), nothing elsewhere.
#include <catch2/catch.hpp>

#include <future>

#include "core/media/clock.hpp"
#include "core/video/video_mixer.hpp"
#include "plugins/text/text_source.hpp"

using namespace lm;

namespace {

std::vector<VideoFramePtr> run_mixer(std::shared_ptr<Source> source, ItemTransform transform,
                                     VideoFormat format, int frames) {
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source = std::move(source);
    item.transform = transform;
    scene->items.push_back(item);

    auto queue = std::make_shared<VideoFrameQueue>(frames + 4);
    VideoMixer mixer(format);
    mixer.add_consumer(queue, 0, frames);
    mixer.set_scene(std::move(scene));
    std::promise<int64_t> start;
    mixer.start(start.get_future().share());
    start.set_value(clock::now_ns());
    std::vector<VideoFramePtr> out;
    while (auto frame = queue->pop())
        out.push_back(*frame);
    return out;
}

int luma(const VideoFrame& frame, int x, int y) {
    return frame.data(0)[y * frame.stride(0) + x];
}

}  // namespace

TEST_CASE("white text on black lands in its item's rectangle and nowhere else", "[text][gpu]") {
    TextSettings settings;
    settings.text = "Hi!";
    settings.style.size_px = 40;
    auto source = std::make_shared<TextSource>(settings);
    const int w = source->width();
    const int h = source->height();
    REQUIRE(w > 20);
    REQUIRE(w < 140);
    ItemTransform transform;
    transform.position = {180, 60};
    const auto frames = run_mixer(source, transform, {320, 180, {30, 1}}, 2);
    REQUIRE(frames.size() == 2);
    const VideoFrame& frame = *frames.back();

    int bright_inside = 0;
    int lit_outside = 0;
    for (int y = 0; y < 180; ++y) {
        for (int x = 0; x < 320; ++x) {
            const bool inside = x >= 180 && x < 180 + w && y >= 60 && y < 60 + h;
            if (inside && luma(frame, x, y) >= 230)
                ++bright_inside;
            if (!inside && luma(frame, x, y) > 18)
                ++lit_outside;
        }
    }
    INFO("text " << w << "x" << h);
    CHECK(bright_inside > 150);
    CHECK(lit_outside == 0);
    // The left part of the canvas, where there is no text, is black.
    for (int x = 0; x < 170; x += 7)
        CHECK(luma(frame, x, 90) <= 18);
}

TEST_CASE("a half-transparent background blends over the canvas exactly once", "[text][gpu]") {
    TextSettings settings;
    settings.text = "x";
    settings.style.background_color = 0x80FF0000;  // red at 50 %
    settings.style.padding_px = 30;
    auto source = std::make_shared<TextSource>(settings);
    const auto frames = run_mixer(source, {}, {320, 180, {30, 1}}, 2);
    REQUIRE(frames.size() == 2);
    // (128, 0, 0) over black in BT.709 limited range: Y = 16 + 219 * 0.2126 * 128 / 255 = 39.4.
    // Multiplying by alpha twice would give 27.7, not multiplying 63.
    CHECK(luma(*frames.back(), 5, 5) == Approx(39.4).margin(2));
}
