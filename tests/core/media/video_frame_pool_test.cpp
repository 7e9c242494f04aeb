#include <catch2/catch.hpp>

#include <thread>

#include "core/media/video_frame_pool.hpp"

using namespace lm;

TEST_CASE("a released frame's buffer is handed out again", "[media]") {
    VideoFramePool pool(PixelFormat::nv12, 64, 32, 2);
    auto first = pool.acquire();
    REQUIRE(first->width() == 64);
    REQUIRE(first->format() == PixelFormat::nv12);
    first->index = 7;
    const uint8_t* buffer = first->data(0);
    first.reset();
    CHECK(pool.idle() == 1);

    auto again = pool.acquire();
    CHECK(again->data(0) == buffer);  // the same memory, not a new allocation
    CHECK(again->index == 0);         // metadata reset for the new producer
    CHECK(pool.idle() == 0);
}

TEST_CASE("a frame still in use is never handed out twice", "[media]") {
    VideoFramePool pool(PixelFormat::nv12, 64, 32, 4);
    auto held = pool.acquire();
    std::shared_ptr<const VideoFrame> reader = held;  // e.g. an encoder's queue
    held.reset();
    auto other = pool.acquire();
    CHECK(other->data(0) != reader->data(0));
}

TEST_CASE("the pool keeps at most max_idle frames and outlives nothing", "[media]") {
    std::vector<std::shared_ptr<VideoFrame>> frames;
    {
        VideoFramePool pool(PixelFormat::rgba, 8, 8, 2);
        for (int i = 0; i < 5; ++i)
            frames.push_back(pool.acquire());
        frames.resize(1);
        CHECK(pool.idle() == 2);
    }
    // Released after the pool is gone: freed, no crash (ASan would see a use-after-free).
    frames.clear();
}

TEST_CASE("frames released on other threads come back safely", "[media]") {
    VideoFramePool pool(PixelFormat::nv12, 64, 32, 8);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&pool] {
            for (int i = 0; i < 200; ++i) {
                auto frame = pool.acquire();
                frame->data(0)[0] = uint8_t(i);
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    CHECK(pool.idle() <= 8);
    CHECK(pool.idle() >= 1);
}
