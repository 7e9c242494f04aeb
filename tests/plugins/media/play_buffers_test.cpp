#include <catch2/catch.hpp>

#include <thread>

#include "plugins/media/play_buffers.hpp"

using namespace lm;

namespace {

VideoFramePtr frame_numbered(int64_t n) {
    auto frame = std::make_shared<VideoFrame>(PixelFormat::rgba, 2, 2);
    frame->index = n;
    return frame;
}

}  // namespace

TEST_CASE("the frame queue gives the newest frame due and drops the ones it passed over",
          "[media]") {
    FrameQueue queue(8);
    for (int64_t n = 0; n < 5; ++n)
        REQUIRE(queue.push(n * 40, frame_numbered(n)));  // a 25 fps file
    CHECK(queue.take_due(-1) == nullptr);                // nothing due before play time 0
    CHECK(queue.take_due(0)->index == 0);
    CHECK(queue.take_due(33) == nullptr);  // frame 1 is due at 40: keep showing frame 0
    CHECK(queue.take_due(125)->index == 3);
    CHECK(queue.front_time() == 160);
}

TEST_CASE("a full frame queue makes the producer wait until frames are taken", "[media]") {
    FrameQueue queue(2);
    REQUIRE(queue.push(0, frame_numbered(0)));
    REQUIRE(queue.push(40, frame_numbered(1)));
    std::atomic<bool> pushed{false};
    std::thread producer([&] {
        queue.push(80, frame_numbered(2));
        pushed = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(pushed);  // waits for room
    CHECK(queue.take_due(0)->index == 0);
    producer.join();
    CHECK(queue.front_time() == 40);
    queue.close();
    CHECK_FALSE(queue.push(120, frame_numbered(3)));
}

TEST_CASE("skipping the audio ring forward frees room like a read", "[media]") {
    AudioRing ring(2, 1000);
    std::vector<float> samples(1000, 0.25f);
    const float* planes[2] = {samples.data(), samples.data()};
    REQUIRE(ring.write(0, planes, 1000));
    ring.skip_to(400);
    CHECK(ring.front_position() == 400);
    REQUIRE(ring.write(1000, planes, 400));  // fits now, no wait
    ring.skip_to(5000);                      // past everything: late samples are not kept
    REQUIRE(ring.write(4000, planes, 500));
    CHECK(ring.front_position() == -1);
}

TEST_CASE("the audio ring places samples by position: gaps are silence, the newest wins",
          "[media]") {
    AudioRing ring(2, 4800);
    std::vector<float> ones(100, 1.0f);
    std::vector<float> twos(100, 2.0f);
    const float* a[2] = {ones.data(), ones.data()};
    const float* b[2] = {twos.data(), twos.data()};
    REQUIRE(ring.write(-50, a, 100));  // starts before play time 0 (an encoder's priming)
    REQUIRE(ring.write(100, b, 100));  // a 50-sample gap, then 2.0s
    REQUIRE(ring.write(150, a, 100));  // replaces the last 50 of the 2.0s
    std::vector<float> out(2 * 300, -1.0f);
    CHECK(ring.read(0, out.data(), 300, 300) == 250);
    for (int c = 0; c < 2; ++c) {
        const float* ch = out.data() + c * 300;
        CHECK(ch[0] == 1.0f);
        CHECK(ch[49] == 1.0f);
        CHECK(ch[50] == 0.0f);  // the gap
        CHECK(ch[99] == 0.0f);
        CHECK(ch[100] == 2.0f);
        CHECK(ch[149] == 2.0f);
        CHECK(ch[150] == 1.0f);  // replaced
        CHECK(ch[200] == 1.0f);
        CHECK(ch[249] == 1.0f);
        CHECK(ch[250] == 0.0f);  // not written yet: silence
    }
    // The reader went past the writer: samples arriving late for those positions are dropped.
    REQUIRE(ring.write(250, a, 100));
    CHECK(ring.front_position() == 300);
    CHECK(ring.read(300, out.data(), 300, 50) == 50);
}

TEST_CASE("a full audio ring makes the writer wait for the reader", "[media]") {
    AudioRing ring(2, 1000);
    std::vector<float> samples(600, 0.5f);
    const float* planes[2] = {samples.data(), samples.data()};
    REQUIRE(ring.write(0, planes, 600));
    std::atomic<bool> written{false};
    std::thread writer([&] {
        ring.write(600, planes, 600);
        written = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(written);
    std::vector<float> out(2 * 100);
    ring.read(0, out.data(), 100, 100);  // 500 held + 600 > 1000: still waits
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK_FALSE(written);
    ring.read(100, out.data(), 100, 100);  // 400 held + 600 = 1000: fits
    writer.join();
    CHECK(written);
    CHECK(ring.read(200, out.data(), 100, 100) == 100);
    CHECK(out[0] == 0.5f);
}
