// PipeWire screen capture through a real desktop portal: a private headless sway with
// xdg-desktop-portal-wlr, PipeWire and xdg-desktop-portal (see wayland_portal_session.hpp);
// the captured screen is drawn through the real video mixer.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/pipewire_capture/pipewire_capture_source.hpp"
#include "plugins/pipewire_capture/pipewire_capture_types.hpp"
#include "tests/plugins/pipewire_capture/wayland_portal_session.hpp"
#include "tests/plugins/x11capture/capture_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

constexpr uint32_t kRed = 0xFF0000;
constexpr uint32_t kGreen = 0x00FF00;
constexpr uint32_t kBlue = 0x2040A0;
// ctest's SKIP_RETURN_CODE for the plugin tests (tests/CMakeLists.txt).
constexpr int kSkipped = 77;

/// Leaves the test as skipped, loudly, when the desktop it needs is not installed (see
/// packaging/install-deps.sh).
void skip_without(WaylandPortalSession::Parts parts) {
    const std::string missing = WaylandPortalSession::missing_program(parts);
    if (!missing.empty()) {
        std::printf("SKIP: %s is not installed (packaging/install-deps.sh installs it)\n",
                    missing.c_str());
        std::fflush(stdout);
        std::_Exit(kSkipped);
    }
}

PipeWireCaptureSettings settings_for(const WaylandPortalSession& session,
                                     std::string restore_token = {}) {
    PipeWireCaptureSettings settings;
    settings.bus_address = session.bus_address();
    settings.request.kind = PortalCaptureKind::screen;
    settings.request.show_cursor = false;
    settings.request.restore_token = std::move(restore_token);
    return settings;
}

/// Waits for the first picture. `redraw`, if given, is called every second meanwhile:
/// xdg-desktop-portal-wlr sends a picture only when the screen changes (copy_with_damage), and
/// a cast that starts on an unchanged screen may wait for the next change.
void wait_for_picture(const PipeWireCaptureSource& source, const WaylandPortalSession& session,
                      const std::function<void()>& redraw = {}) {
    bool arrived = false;
    for (int second = 0; second < 15 && !arrived; ++second) {
        arrived = wait_until([&] { return source.width() > 0; }, std::chrono::seconds(1));
        if (!arrived && redraw)
            redraw();
    }
    INFO("status: " << source.status().message);
    INFO("xdg-desktop-portal-wlr: " << session.log_tail("xdg-desktop-portal-wlr"));
    REQUIRE(arrived);
}

/// Draws `source` through the mixer until the middle of the picture shows `rgb` (a change takes
/// a moment: sway restarts swaybg, xdpw copies at up to 30 fps) or 10 s pass; returns the last
/// frame drawn.
VideoFramePtr frame_showing(const std::shared_ptr<PipeWireCaptureSource>& source, uint32_t rgb) {
    VideoFramePtr frame;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
        frame = last_frame(source, 640, 480, 5);
    } while (!shows(*frame, 320, 240, rgb) && std::chrono::steady_clock::now() < deadline);
    return frame;
}

}  // namespace

TEST_CASE("PipeWire capture shows the shared screen, its size and its colour changes",
          "[pipewire_capture][gpu]") {
    skip_without(WaylandPortalSession::Parts::full);
    WaylandPortalSession session(WaylandPortalSession::Parts::full, 640, 480, kRed,
                                 LM_XDPW_SHM_SHIM);
    auto source = std::make_shared<PipeWireCaptureSource>(settings_for(session));
    wait_for_picture(*source, session, [&] { session.set_background(kRed); });
    CHECK(source->width() == 640);
    CHECK(source->height() == 480);
    CHECK(source->status().ok());
    {
        const VideoFramePtr frame = frame_showing(source, kRed);
        CHECK_SHOWS(*frame, 10, 10, kRed);
        CHECK_SHOWS(*frame, 320, 240, kRed);
        CHECK_SHOWS(*frame, 630, 470, kRed);
    }

    const uint64_t before = source->captured_frames();
    session.set_background(kGreen);
    {
        const VideoFramePtr frame = frame_showing(source, kGreen);
        CHECK(source->captured_frames() > before);
        CHECK_SHOWS(*frame, 10, 10, kGreen);
        CHECK_SHOWS(*frame, 320, 240, kGreen);
        CHECK_SHOWS(*frame, 630, 470, kGreen);
    }

    SECTION("the portal's restore token brings the same screen back on the next start") {
        // The source offers the token for its saved settings (the window keeps it there).
        const nlohmann::json learned = source->learned_settings();
        REQUIRE(learned.contains("restore_token"));
        const std::string token = learned["restore_token"].get<std::string>();
        CHECK_FALSE(token.empty());
        CHECK(token == source->restore_token());
        source.reset();  // closes the first session
        auto restored = std::make_shared<PipeWireCaptureSource>(settings_for(session, token));
        wait_for_picture(*restored, session, [&] { session.set_background(kBlue); });
        CHECK(restored->status().ok());
        CHECK_SHOWS(*frame_showing(restored, kBlue), 320, 240, kBlue);
    }

    SECTION("a source not drawn for a while shows the screen as it is now when drawn again") {
        // The stream is not paused while hidden: xdg-desktop-portal-wlr sends only changes, and
        // one made during a pause would never arrive (this section failed when it paused).
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        session.set_background(kBlue);
        // Long enough for the change to arrive, while the source is still not drawn.
        std::this_thread::sleep_for(std::chrono::seconds(2));
        // The first frame drawn shows it: nothing is waited for once drawing starts.
        CHECK_SHOWS(*last_frame(source, 640, 480, 1), 320, 240, kBlue);
    }

    SECTION("when the desktop stops sharing, the source says the stream ended") {
        session.stop_portal_backend();
        const bool ended = wait_until(
            [&] { return source->status().message.find("the stream ended") != std::string::npos; },
            std::chrono::seconds(10));
        INFO("status: " << source->status().message);
        CHECK(ended);
        CHECK(source->status().level == SourceStatus::Level::error);
        CHECK(source->width() == 0);  // nothing left to draw
    }
}

TEST_CASE("PipeWire capture says so when the user cancels the screen selection",
          "[pipewire_capture]") {
    skip_without(WaylandPortalSession::Parts::full);
    WaylandPortalSession session(WaylandPortalSession::Parts::full_user_cancels, 320, 240, kRed,
                                 LM_XDPW_SHM_SHIM);
    PipeWireCaptureSource source(settings_for(session));
    REQUIRE(wait_until([&] { return source.status().level == SourceStatus::Level::error; },
                       std::chrono::seconds(10)));
    CHECK(source.status().message ==
          "screen capture (PipeWire): the user cancelled the screen selection");
    CHECK(source.width() == 0);
    CHECK(source.restore_token().empty());
    CHECK(source.learned_settings().empty());  // nothing for the collection to keep
}

TEST_CASE("PipeWire capture says so when the session has no desktop portal", "[pipewire_capture]") {
    skip_without(WaylandPortalSession::Parts::bus_only);
    WaylandPortalSession session(WaylandPortalSession::Parts::bus_only, 0, 0, 0);
    PipeWireCaptureSource source(settings_for(session));
    // It says it is waiting for the portal until it finds there is none.
    const bool reported =
        wait_until([&] { return source.status().level == SourceStatus::Level::error; });
    INFO("status: " << source.status().message);
    CHECK(reported);
    CHECK(source.status().level == SourceStatus::Level::error);
    CHECK(source.status().message.find("no desktop portal on this session (not Wayland?)") !=
          std::string::npos);
    CHECK(source.width() == 0);
}

TEST_CASE("PipeWire capture without a session bus says there is no portal", "[pipewire_capture]") {
    PipeWireCaptureSettings settings;  // no bus address: DBUS_SESSION_BUS_ADDRESS unset
    PipeWireCaptureSource source(settings);
    REQUIRE(wait_until([&] { return source.status().level == SourceStatus::Level::error; }));
    CHECK(source.status().message ==
          "screen capture (PipeWire): no desktop portal on this session (not Wayland?): there is "
          "no session bus (DBUS_SESSION_BUS_ADDRESS is not set, and there is no "
          "$XDG_RUNTIME_DIR/bus)");
}

TEST_CASE("a window capture where the portal offers only screens says to choose 'screen'",
          "[pipewire_capture]") {
    skip_without(WaylandPortalSession::Parts::full);
    WaylandPortalSession session(WaylandPortalSession::Parts::full, 320, 240, kRed,
                                 LM_XDPW_SHM_SHIM);
    // Made as the studio makes it: from settings, with the bus from the environment.
    REQUIRE(setenv("DBUS_SESSION_BUS_ADDRESS", session.bus_address().c_str(), 1) == 0);
    PluginRegistry registry;
    register_pipewire_capture_types(registry);
    const SourceType* type = registry.source("pipewire_capture");
    REQUIRE(type != nullptr);
    const nlohmann::json settings = apply_schema(type->properties, {{"capture", "window"}});
    CHECK(settings["show_cursor"] == true);
    CHECK(settings["restore_token"] == "");
    const std::shared_ptr<Source> source = type->create(settings);
    REQUIRE(wait_until([&] { return source->status().level == SourceStatus::Level::error; }));
    CHECK(source->status().message ==
          "window capture (PipeWire): this desktop's portal offers no window capture; choose "
          "'screen'");
    CHECK(source->width() == 0);
}
