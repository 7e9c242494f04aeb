// Which animation frame shows when: loop, play once, speed.
#include "plugins/image/decoded_image.hpp"

#include <catch2/catch.hpp>

using namespace lm;

namespace {

constexpr int64_t kMs = 1'000'000;

// Three frames: 300 ms, 600 ms, 300 ms (the test GIF's timing).
DecodedImage three_frames() {
    DecodedImage image;
    for (int i = 0; i < 3; ++i)
        image.frames.push_back(std::make_shared<VideoFrame>(PixelFormat::rgba, 4, 4));
    image.frame_start_ns = {0, 300 * kMs, 900 * kMs};
    image.duration_ns = 1200 * kMs;
    return image;
}

}  // namespace

TEST_CASE("a looping animation shows each frame for its own duration, again and again", "[image]") {
    const DecodedImage image = three_frames();
    const AnimationPlayback playback{true, 100};
    CHECK(frame_index_at(image, -5 * kMs, playback) == 0);
    CHECK(frame_index_at(image, 0, playback) == 0);
    CHECK(frame_index_at(image, 299 * kMs, playback) == 0);
    CHECK(frame_index_at(image, 300 * kMs, playback) == 1);
    CHECK(frame_index_at(image, 899 * kMs, playback) == 1);
    CHECK(frame_index_at(image, 900 * kMs, playback) == 2);
    CHECK(frame_index_at(image, 1199 * kMs, playback) == 2);
    CHECK(frame_index_at(image, 1200 * kMs, playback) == 0);
    CHECK(frame_index_at(image, 1500 * kMs, playback) == 1);
    // Ten hours in, still on the beat: 36000 s is 30000 whole passes.
    CHECK(frame_index_at(image, 36'000'000 * kMs + 950 * kMs, playback) == 2);
}

TEST_CASE("without loop the animation stops on its last frame", "[image]") {
    const DecodedImage image = three_frames();
    const AnimationPlayback once{false, 100};
    CHECK(frame_index_at(image, 100 * kMs, once) == 0);
    CHECK(frame_index_at(image, 1000 * kMs, once) == 2);
    CHECK(frame_index_at(image, 1200 * kMs, once) == 2);
    CHECK(frame_index_at(image, 60'000 * kMs, once) == 2);
}

TEST_CASE("speed scales the animation's clock", "[image]") {
    const DecodedImage image = three_frames();
    const AnimationPlayback twice{true, 200};
    CHECK(frame_index_at(image, 149 * kMs, twice) == 0);
    CHECK(frame_index_at(image, 150 * kMs, twice) == 1);
    CHECK(frame_index_at(image, 450 * kMs, twice) == 2);
    CHECK(frame_index_at(image, 600 * kMs, twice) == 0);
    const AnimationPlayback tenth{true, 10};
    CHECK(frame_index_at(image, 2999 * kMs, tenth) == 0);
    CHECK(frame_index_at(image, 3000 * kMs, tenth) == 1);
}

TEST_CASE("a still picture always shows its one frame", "[image]") {
    DecodedImage image;
    image.frames.push_back(std::make_shared<VideoFrame>(PixelFormat::rgba, 4, 4));
    image.frame_start_ns = {0};
    CHECK(frame_index_at(image, 0, {}) == 0);
    CHECK(frame_index_at(image, 5000 * kMs, {false, 1000}) == 0);
}
