// Screen capture against a private Xvfb, drawn through the real video mixer.
#include <catch2/catch.hpp>

#include <thread>

#include "plugins/x11capture/capture_source.hpp"
#include "plugins/x11capture/screen_capturer.hpp"
#include "tests/plugins/x11capture/capture_test_support.hpp"
#include "tests/plugins/x11capture/x11_test_client.hpp"
#include "tests/plugins/x11capture/xvfb_server.hpp"

using namespace lm;
using namespace lm::test;

namespace {

constexpr uint32_t kRoot = 0x2040A0;
constexpr uint32_t kRed = 0xFF0000;
constexpr uint32_t kGreen = 0x00FF00;
constexpr uint32_t kBlue = 0x0000FF;
constexpr uint32_t kWhite = 0xFFFFFF;
constexpr uint32_t kGrey = 0x808080;
constexpr uint32_t kYellow = 0xFFFF00;
constexpr uint32_t kQuadrants[4] = {kRed, kGreen, kBlue, kWhite};

ScreenCaptureSettings settings_for(const std::string& display) {
    ScreenCaptureSettings settings;
    settings.x11.display_name = display;
    settings.x11.show_cursor = false;
    return settings;
}

std::shared_ptr<CaptureSource> screen_source(const ScreenCaptureSettings& settings) {
    return std::make_shared<CaptureSource>(std::make_unique<ScreenCapturer>(settings));
}

/// Waits for the first picture (taken when the source is made).
void wait_for_picture(const CaptureSource& source) {
    INFO("status: " << source.status().message);
    REQUIRE(wait_until([&] { return source.width() > 0; }));
}

}  // namespace

TEST_CASE("screen capture shows the screen's colours at their places", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kRoot);
    const xcb_window_t window = client.create_window(100, 80, 200, 160, kRoot);
    client.add_quadrants(window, 200, 160, kQuadrants);

    auto source = screen_source(settings_for(server.display()));
    wait_for_picture(*source);
    CHECK(source->width() == 640);
    CHECK(source->height() == 480);
    const VideoFramePtr frame = last_frame(source, 640, 480);
    CHECK_SHOWS(*frame, 20, 20, kRoot);
    CHECK_SHOWS(*frame, 600, 440, kRoot);
    CHECK_SHOWS(*frame, 150, 120, kRed);
    CHECK_SHOWS(*frame, 250, 120, kGreen);
    CHECK_SHOWS(*frame, 150, 200, kBlue);
    CHECK_SHOWS(*frame, 250, 200, kWhite);
    // The window's edges land on the right pixels (pairs share chroma, hence the odd/even x).
    CHECK_SHOWS(*frame, 101, 81, kRed);
    CHECK_SHOWS(*frame, 98, 81, kRoot);
    CHECK_SHOWS(*frame, 298, 238, kWhite);
    CHECK_SHOWS(*frame, 301, 238, kRoot);
    CHECK_SHOWS(*frame, 298, 241, kRoot);
    CHECK(source->status().ok());
}

TEST_CASE("the rectangle setting captures only that part of the screen", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kRoot);
    const xcb_window_t window = client.create_window(100, 80, 200, 160, kRoot);
    client.add_quadrants(window, 200, 160, kQuadrants);

    ScreenCaptureSettings settings = settings_for(server.display());
    settings.x = 100;
    settings.y = 80;
    settings.width = 200;
    settings.height = 160;
    auto source = screen_source(settings);
    wait_for_picture(*source);
    CHECK(source->width() == 200);
    CHECK(source->height() == 160);
    const VideoFramePtr frame = last_frame(source, 200, 160);
    CHECK_SHOWS(*frame, 50, 40, kRed);
    CHECK_SHOWS(*frame, 150, 40, kGreen);
    CHECK_SHOWS(*frame, 50, 120, kBlue);
    CHECK_SHOWS(*frame, 150, 120, kWhite);
    CHECK_SHOWS(*frame, 1, 1, kRed);
    CHECK_SHOWS(*frame, 198, 158, kWhite);

    SECTION("a rectangle reaching past the edge is cut to the screen") {
        settings.x = 600;
        settings.y = 0;
        settings.width = 100;
        settings.height = 0;  // to the bottom
        auto edge = screen_source(settings);
        wait_for_picture(*edge);
        CHECK(edge->width() == 40);
        CHECK(edge->height() == 480);
    }
    SECTION("a rectangle off the screen is reported") {
        settings.x = 700;
        auto off = screen_source(settings);
        const std::string message =
            "screen capture: the rectangle at (700, 80) lies outside screen 0 of X display '" +
            server.display() + "' (640x480); change x, y, width or height";
        CHECK(wait_until([&] { return off->status().message == message; }));
        CHECK(off->status().level == SourceStatus::Level::error);
        CHECK(off->width() == 0);
    }
}

TEST_CASE("the cursor is drawn where the pointer is, only when asked", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kGrey);
    client.set_solid_cursor(kYellow, 16);  // hot spot at its top-left corner
    client.move_pointer(400, 300);

    ScreenCaptureSettings settings = settings_for(server.display());
    settings.x11.show_cursor = true;
    auto with_cursor = screen_source(settings);
    wait_for_picture(*with_cursor);
    VideoFramePtr frame = last_frame(with_cursor, 640, 480);
    CHECK_SHOWS(*frame, 407, 307, kYellow);
    CHECK_SHOWS(*frame, 401, 301, kYellow);
    CHECK_SHOWS(*frame, 420, 307, kGrey);
    CHECK_SHOWS(*frame, 396, 296, kGrey);

    // The pointer moves; the capture follows it.
    client.move_pointer(100, 60);
    frame = last_frame(with_cursor, 640, 480);
    CHECK_SHOWS(*frame, 107, 67, kYellow);
    CHECK_SHOWS(*frame, 407, 307, kGrey);

    settings.x11.show_cursor = false;
    auto without_cursor = screen_source(settings);
    wait_for_picture(*without_cursor);
    frame = last_frame(without_cursor, 640, 480);
    CHECK_SHOWS(*frame, 107, 67, kGrey);
}

TEST_CASE("without XShm the capture uses XGetImage and warns", "[x11capture][gpu]") {
    XvfbServer server({"-screen", "0", "640x480x24", "-extension", "MIT-SHM"});
    X11TestClient client(server.display());
    client.set_root_colour(kGreen);
    client.create_window(10, 10, 100, 100, kRed);

    auto source = screen_source(settings_for(server.display()));
    wait_for_picture(*source);
    const SourceStatus status = source->status();
    CHECK(status.level == SourceStatus::Level::warning);
    CHECK(status.message == "screen capture: X display '" + server.display() +
                                "' does not share memory (no XShm); using the slower XGetImage");
    const VideoFramePtr frame = last_frame(source, 640, 480);
    CHECK_SHOWS(*frame, 300, 300, kGreen);
    CHECK_SHOWS(*frame, 50, 50, kRed);
}

TEST_CASE("a display that cannot be opened is reported and nothing is drawn", "[x11capture][gpu]") {
    const std::string display = XvfbServer::unused_display();
    auto source = screen_source(settings_for(display));
    const std::string message =
        "screen capture: cannot open X display '" + display + "' (is an X session running?)";
    REQUIRE(wait_until([&] { return source->status().message == message; }));
    CHECK(source->status().level == SourceStatus::Level::error);
    CHECK(source->width() == 0);
    const VideoFramePtr frame = last_frame(source, 320, 240, 5);
    CHECK(yuv_at(*frame, 160, 120).y <= 17);  // the black canvas
}

TEST_CASE("the screen setting picks an X screen and a missing one is reported",
          "[x11capture][gpu]") {
    XvfbServer server({"-screen", "0", "640x480x24", "-screen", "1", "320x240x24"});
    X11TestClient client(server.display());
    client.set_root_colour(kRed, 0);
    client.set_root_colour(kBlue, 1);

    ScreenCaptureSettings settings = settings_for(server.display());
    settings.screen = 1;
    auto second = screen_source(settings);
    wait_for_picture(*second);
    CHECK(second->width() == 320);
    CHECK(second->height() == 240);
    CHECK_SHOWS(*last_frame(second, 320, 240), 160, 120, kBlue);

    settings.screen = 2;
    auto missing = screen_source(settings);
    const std::string message =
        "screen capture: X display '" + server.display() + "' has no screen 2; it has 2 (0 to 1)";
    CHECK(wait_until([&] { return missing->status().message == message; }));
}

TEST_CASE("a 16-bit screen is refused with a clear message", "[x11capture]") {
    XvfbServer server({"-screen", "0", "640x480x16"});
    auto source = screen_source(settings_for(server.display()));
    const std::string message = "screen capture: screen 0 of X display '" + server.display() +
                                "' uses 16-bit colour; only 24- and 32-bit screens can be captured";
    CHECK(wait_until([&] { return source->status().message == message; }));
}

TEST_CASE("capture runs at the output frame rate while drawn and stops when hidden",
          "[x11capture][gpu]") {
    XvfbServer server;
    auto source = screen_source(settings_for(server.display()));
    wait_for_picture(*source);

    // Drawn at 10 fps for 2 s: about 20 looks (not the 60 of the initial 30 fps). The screen
    // stays still, so they take no new pictures (see the next test).
    const uint64_t before = source->looks();
    run_mixer(source, {320, 240, {10, 1}}, 20);
    const uint64_t while_drawn = source->looks() - before;
    CHECK(while_drawn >= 12);
    CHECK(while_drawn <= 26);

    // Not drawn: it stops within about a second and stays stopped.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const uint64_t stopped = source->looks();
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    CHECK(source->looks() == stopped);

    // Drawn again: it wakes up.
    run_mixer(source, {320, 240, {30, 1}}, 15);
    CHECK(source->looks() >= stopped + 8);
}

TEST_CASE("a still screen is not taken again; a change, or the pointer moving, is",
          "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kRoot);
    const xcb_window_t window = client.create_window(100, 80, 200, 160, kRed);
    auto source = screen_source(settings_for(server.display()));
    wait_for_picture(*source);

    // 1 s of frames at 30 fps over a screen where nothing happens: looked at every frame,
    // taken again at most once (the look that set up the server's change reports).
    const uint64_t pictures = source->captured_frames();
    const uint64_t looks = source->looks();
    run_mixer(source, {320, 240, {30, 1}}, 30);
    CHECK(source->looks() - looks >= 20);
    CHECK(source->captured_frames() - pictures <= 1);

    // A window changes colour (a child of the root, as every application's window is): the
    // next pictures show it.
    client.set_colour(window, kGreen);
    run_mixer(source, {320, 240, {30, 1}}, 10);
    CHECK(source->captured_frames() > pictures);
    CHECK_SHOWS(*last_frame(source, 640, 480), 200, 160, kGreen);

    // The pointer moves over a still screen: taken again, so the drawn pointer follows.
    const uint64_t before_pointer = source->captured_frames();
    client.move_pointer(400, 300);
    run_mixer(source, {320, 240, {30, 1}}, 10);
    CHECK(source->captured_frames() > before_pointer);
}
