// The pixel conversion, and (hidden, run by hand) what a 1920x1080 capture costs.
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>
#include <vector>

#include "plugins/x11capture/bgrx_to_rgba.hpp"
#include "plugins/x11capture/x11_connection.hpp"
#include "plugins/x11capture/x11_image_grabber.hpp"
#include "tests/plugins/x11capture/x11_test_client.hpp"
#include "tests/plugins/x11capture/xvfb_server.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("X pixels become RGBA with alpha 255, row strides respected", "[x11capture]") {
    // Two rows of two pixels, BGRX with a junk X byte, source rows padded to 12 bytes.
    const std::vector<uint8_t> bgrx = {
        0x00, 0x00, 0xFF, 0x12, 0x00, 0xFF, 0x00, 0x34, 0xEE, 0xEE, 0xEE, 0xEE,  // red, green
        0xFF, 0x00, 0x00, 0x56, 0x10, 0x20, 0x30, 0x78, 0xEE, 0xEE, 0xEE, 0xEE,  // blue, mix
    };
    std::vector<uint8_t> rgba(2 * 2 * 4, 0);
    bgrx_to_rgba(bgrx.data(), 12, rgba.data(), 8, 2, 2);
    CHECK(rgba == std::vector<uint8_t>{0xFF, 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00, 0xFF,  //
                                       0x00, 0x00, 0xFF, 0xFF, 0x30, 0x20, 0x10, 0xFF});
}

TEST_CASE("capture cost of a 1920x1080 frame", "[.][x11capture][benchmark]") {
    XvfbServer server({"-screen", "0", "1920x1080x24"});
    X11TestClient client(server.display());
    client.set_root_colour(0x336699);
    auto connection = X11Connection::open(server.display());
    REQUIRE(connection);
    const xcb_window_t root = connection->screen(0)->root;
    constexpr int kFrames = 100;
    using Clock = std::chrono::steady_clock;
    auto per_frame_ms = [](Clock::duration total) {
        return std::chrono::duration<double, std::milli>(total).count() / kFrames;
    };

    X11ImageGrabber grabber(*connection);
    REQUIRE(grabber.uses_shm());
    grabber.grab(root, 0, 0, 1920, 1080);  // warm up: segment, pool, page faults
    auto start = Clock::now();
    for (int i = 0; i < kFrames; ++i)
        REQUIRE(grabber.grab(root, 0, 0, 1920, 1080));
    const double shm_ms = per_frame_ms(Clock::now() - start);

    std::vector<uint8_t> in(size_t(1920) * 1080 * 4, 0x80);
    std::vector<uint8_t> out(in.size());
    start = Clock::now();
    for (int i = 0; i < kFrames; ++i)
        bgrx_to_rgba(in.data(), 1920 * 4, out.data(), 1920 * 4, 1920, 1080);
    const double convert_ms = per_frame_ms(Clock::now() - start);

    XvfbServer no_shm({"-screen", "0", "1920x1080x24", "-extension", "MIT-SHM"});
    auto plain_connection = X11Connection::open(no_shm.display());
    X11ImageGrabber plain(*plain_connection);
    REQUIRE_FALSE(plain.uses_shm());
    const xcb_window_t plain_root = plain_connection->screen(0)->root;
    plain.grab(plain_root, 0, 0, 1920, 1080);
    start = Clock::now();
    for (int i = 0; i < kFrames; ++i)
        REQUIRE(plain.grab(plain_root, 0, 0, 1920, 1080));
    const double get_image_ms = per_frame_ms(Clock::now() - start);

    std::cout << "1920x1080, mean of " << kFrames << " frames: XShmGetImage + conversion " << shm_ms
              << " ms; conversion alone " << convert_ms << " ms; XGetImage + conversion "
              << get_image_ms << " ms\n";
}
