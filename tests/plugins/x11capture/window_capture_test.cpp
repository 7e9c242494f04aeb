// Window capture against a private Xvfb (which has Composite), drawn through the video mixer.
#include <catch2/catch.hpp>

#include "plugins/x11capture/capture_source.hpp"
#include "plugins/x11capture/screen_capturer.hpp"
#include "plugins/x11capture/window_capturer.hpp"
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
constexpr uint32_t kYellow = 0xFFFF00;
constexpr uint32_t kQuadrants[4] = {kRed, kGreen, kBlue, kWhite};

std::shared_ptr<CaptureSource> window_source(const std::string& display, const std::string& title,
                                             bool show_cursor = false) {
    WindowCaptureSettings settings;
    settings.x11.display_name = display;
    settings.x11.show_cursor = show_cursor;
    settings.title = title;
    return std::make_shared<CaptureSource>(std::make_unique<WindowCapturer>(settings));
}

std::string missing_message(const std::string& title) {
    return "window capture: no window titled '" + title + "'; it will be picked up when it opens";
}

void wait_for_picture(const CaptureSource& source) {
    INFO("status: " << source.status().message);
    REQUIRE(wait_until([&] { return source.width() > 0; }));
}

}  // namespace

TEST_CASE("window capture shows the titled window even when another covers it",
          "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kRoot);
    const xcb_window_t window = client.create_window(60, 40, 200, 150, kRoot, "Capture me");
    client.add_quadrants(window, 200, 150, kQuadrants);
    client.create_window(0, 0, 640, 480, kYellow, "Cover");  // on top of everything

    auto source = window_source(server.display(), "Capture me");
    wait_for_picture(*source);
    CHECK(source->width() == 200);
    CHECK(source->height() == 150);
    const VideoFramePtr frame = last_frame(source, 200, 150);
    CHECK_SHOWS(*frame, 50, 36, kRed);
    CHECK_SHOWS(*frame, 150, 36, kGreen);
    CHECK_SHOWS(*frame, 50, 112, kBlue);
    CHECK_SHOWS(*frame, 150, 112, kWhite);
    CHECK_SHOWS(*frame, 1, 1, kRed);
    CHECK_SHOWS(*frame, 198, 148, kWhite);
    CHECK(source->status().ok());

    // The screen itself shows the cover: what was captured was not visible.
    ScreenCaptureSettings screen;
    screen.x11.display_name = server.display();
    screen.x11.show_cursor = false;
    auto whole = std::make_shared<CaptureSource>(std::make_unique<ScreenCapturer>(screen));
    wait_for_picture(*whole);
    CHECK_SHOWS(*last_frame(whole, 640, 480, 5), 110, 76, kYellow);
}

TEST_CASE("without Composite an uncovered window is still captured, with a warning",
          "[x11capture][gpu]") {
    XvfbServer server({"-screen", "0", "640x480x24", "-extension", "Composite"});
    X11TestClient client(server.display());
    client.create_window(60, 40, 200, 150, kGreen, "Plain");

    auto source = window_source(server.display(), "Plain");
    wait_for_picture(*source);
    CHECK_SHOWS(*last_frame(source, 200, 150, 5), 100, 75, kGreen);
    CHECK(source->status() ==
          SourceStatus{SourceStatus::Level::warning,
                       "window capture: the X server has no Composite extension, so parts of "
                       "the window that other windows cover cannot be captured"});
}

TEST_CASE("window capture draws the cursor where it is over the window", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.create_window(60, 40, 200, 150, kBlue, "Pointed at");
    client.set_solid_cursor(kYellow, 16);
    client.move_pointer(60 + 100, 40 + 50);

    auto source = window_source(server.display(), "Pointed at", true);
    wait_for_picture(*source);
    const VideoFramePtr frame = last_frame(source, 200, 150);
    CHECK_SHOWS(*frame, 107, 57, kYellow);  // window coordinates
    CHECK_SHOWS(*frame, 120, 57, kBlue);
    CHECK_SHOWS(*frame, 96, 46, kBlue);
}

TEST_CASE("window capture follows a resized window", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    const xcb_window_t window = client.create_window(20, 20, 200, 150, kRed, "Resizable");
    auto source = window_source(server.display(), "Resizable");
    wait_for_picture(*source);
    CHECK(source->width() == 200);

    client.resize(window, 320, 240);
    const VideoFramePtr frame = last_frame(source, 320, 240, 20);
    CHECK(source->width() == 320);
    CHECK(source->height() == 240);
    CHECK_SHOWS(*frame, 300, 220, kRed);  // outside the old size
}

TEST_CASE("a window that opens late, closes and comes back is picked up each time",
          "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.set_root_colour(kRoot);
    auto source = window_source(server.display(), "Late window");
    REQUIRE(wait_until([&] { return source->status().message == missing_message("Late window"); }));
    CHECK(source->status().level == SourceStatus::Level::error);
    CHECK(source->width() == 0);

    // It is looked for about every second while drawn.
    xcb_window_t window = client.create_window(0, 0, 160, 120, kGreen, "Late window");
    VideoFramePtr frame = last_frame(source, 160, 120, 60);
    CHECK(source->status().ok());
    CHECK_SHOWS(*frame, 80, 60, kGreen);

    // Closed mid-show: the same status, and the picture goes.
    client.destroy(window);
    frame = last_frame(source, 160, 120, 15);
    CHECK(source->status().message == missing_message("Late window"));
    CHECK(yuv_at(*frame, 80, 60).y <= 17);

    window = client.create_window(0, 0, 160, 120, kBlue, "Late window");
    frame = last_frame(source, 160, 120, 60);
    CHECK(source->status().ok());
    CHECK_SHOWS(*frame, 80, 60, kBlue);
}

TEST_CASE("a hidden window keeps its last picture with a warning until it is back",
          "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    const xcb_window_t window = client.create_window(0, 0, 160, 120, kRed, "Hideable");
    auto source = window_source(server.display(), "Hideable");
    wait_for_picture(*source);

    client.unmap(window);  // what a window manager does to a minimised window
    VideoFramePtr frame = last_frame(source, 160, 120, 15);
    CHECK(source->status() ==
          SourceStatus{SourceStatus::Level::warning,
                       "window capture: window 'Hideable' is minimised or hidden; showing its "
                       "last picture"});
    CHECK_SHOWS(*frame, 80, 60, kRed);

    client.map(window);
    client.set_colour(window, kBlue);  // proves the picture is fresh, not the one kept
    frame = last_frame(source, 160, 120, 15);
    CHECK(source->status().ok());
    CHECK_SHOWS(*frame, 80, 60, kBlue);
}

TEST_CASE("the exact title wins, and a part of a title finds a window", "[x11capture][gpu]") {
    XvfbServer server;
    X11TestClient client(server.display());
    client.create_window(0, 0, 100, 100, kRed, "Editor");
    client.create_window(200, 0, 100, 100, kBlue, "Editor 2");  // later, on top
    client.create_window(0, 200, 100, 100, kGreen, "Terminal - bash");

    auto exact = window_source(server.display(), "Editor");
    wait_for_picture(*exact);
    CHECK_SHOWS(*last_frame(exact, 100, 100, 5), 50, 50, kRed);

    auto part = window_source(server.display(), "minal - b");
    wait_for_picture(*part);
    CHECK_SHOWS(*last_frame(part, 100, 100, 5), 50, 50, kGreen);
}

TEST_CASE("window capture with no title chosen says so", "[x11capture]") {
    XvfbServer server;
    auto source = window_source(server.display(), "");
    CHECK(wait_until([&] {
        return source->status().message ==
               "window capture: no window chosen; set 'window' to the title of the window to "
               "capture";
    }));
}
