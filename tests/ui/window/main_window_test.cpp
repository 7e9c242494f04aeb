// The real window over the real engine: plugins loaded from the build, the GPU mixer on
// whatever EGL device there is (llvmpipe in CI), a real nginx-rtmp server.
#include <catch2/catch.hpp>

#include <QPushButton>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/media/video_frame.hpp"
#include "core/scene/transition.hpp"
#include "core/studio.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/settings/settings_dialog.hpp"
#include "ui/stats/output_stats_table.hpp"
#include "ui/stats/stats_dock.hpp"
#include "ui/stats/stats_panel.hpp"
#include "ui/window/studio_status_bar.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;
using Kind = OutputController::Kind;
using Phase = OutputController::Phase;

namespace {

/// The RGBA pixel of the newest preview frame at a canvas position.
std::array<uint8_t, 4> preview_pixel(const Studio& studio, double canvas_x, double canvas_y) {
    const auto frame = studio.preview_frame();
    if (!frame)
        return {0, 0, 0, 0};
    const int x = int(canvas_x / studio.settings().video.width * frame->width());
    const int y = int(canvas_y / studio.settings().video.height * frame->height());
    const uint8_t* p = frame->data(0) + y * frame->stride(0) + x * 4;
    return {p[0], p[1], p[2], p[3]};
}

Profile streaming_to(Profile profile, const std::string& server, const std::string& key) {
    StreamDestination destination;
    destination.name = "Test server";
    destination.service_id = "custom";
    destination.server_url = server;
    destination.stream_key = key;
    destination.enabled = true;
    profile.destinations = {destination};
    return profile;
}

/// A TCP port that accepts connections into its backlog but never answers: a server that
/// hangs during the RTMP handshake.
class SilentServer {
public:
    SilentServer() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
        listen(fd_, 4);
        socklen_t length = sizeof address;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~SilentServer() { close(fd_); }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace

TEST_CASE("first start: the default collection, a live preview, saved on exit",
          "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    {
        MainWindow window(plugins.registry, paths_in(config));
        window.show();
        CHECK(window.controller().scene_names() == QStringList{"Scene"});
        const auto items = window.controller().items();
        REQUIRE(items.size() == 2);
        CHECK(items[0].source_type == "test_pattern");
        CHECK(items[0].muted);
        CHECK(items[1].source_type == "text_source");  // the caption over it
        CHECK(window.controller().source_settings(items[1].id)["text"] == "Live Machine");
        REQUIRE(window.studio());
        CHECK(wait_until([&] { return window.studio()->preview_frame() != nullptr; }, 10000));
        window.close();
    }
    CHECK(std::filesystem::exists(config.path() / "scenes" / "Untitled.json"));
    CHECK(std::filesystem::exists(config.path() / "profiles" / "Untitled" / "profile.json"));
}

TEST_CASE("a colour source added to the scene shows in the program", "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    StudioController& controller = window.controller();
    const int id = controller.add_source("color_source", "Red",
                                         {{"color", 0xFFFF0000}, {"width", 200}, {"height", 100}});
    ItemTransform transform;
    transform.position = {100, 100};
    controller.set_item_transform(id, transform);
    CHECK(wait_until(
        [&] {
            const auto pixel = preview_pixel(*window.studio(), 200, 150);
            return pixel[0] > 200 && pixel[1] < 40 && pixel[2] < 40;
        },
        10000));
    // Hidden, the test pattern shows there again.
    controller.set_item_visible(id, false);
    CHECK(wait_until(
        [&] {
            const auto pixel = preview_pixel(*window.studio(), 200, 150);
            return !(pixel[0] > 200 && pixel[1] < 40 && pixel[2] < 40);
        },
        10000));
}

TEST_CASE("Start Streaming with no destination opens the stream settings", "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    auto* button = window.findChild<QPushButton*>("streamButton");
    REQUIRE(button);
    QTest::mouseClick(button, Qt::LeftButton);
    REQUIRE(window.settings_dialog());
    CHECK(window.settings_dialog()->current_page() == SettingsDialog::Page::stream);
    CHECK(window.outputs().phase(Kind::streaming) == Phase::off);
}

TEST_CASE("streaming to a real server: LIVE, a bitrate in the stats, data at the server",
          "[ui][window][gpu][rtmp]") {
    RtmpServer server;
    REQUIRE(server.started());
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    window.apply_profile(streaming_to(window.profile(), server.url(""), "show"));

    auto* button = window.findChild<QPushButton*>("streamButton");
    REQUIRE(button);
    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(wait_until([&] { return window.outputs().phase(Kind::streaming) == Phase::live; }, 5000));
    auto* status = window.findChild<StudioStatusBar*>();
    REQUIRE(status);
    CHECK(wait_until([&] { return status->text_of("live").contains("LIVE 00:00:0"); }, 3000));

    auto* stats = window.findChild<StatsDock*>();
    REQUIRE(stats);
    const std::string name = window.studio()->stats().outputs.at(0).counters.name;
    CHECK(name.find("show") == std::string::npos);  // the key never shows
    CHECK(wait_until(
        [&] {
            const QString bitrate = stats->panel()->outputs()->text_of(QString::fromStdString(name),
                                                                       OutputColumn::bitrate);
            return bitrate.split(' ').value(0).toFloat() > 100.0f;
        },
        5000));
    CHECK(wait_until([&] { return server.bytes_received() > 50'000; }, 5000));

    QTest::mouseClick(button, Qt::LeftButton);
    CHECK(wait_until([&] { return window.outputs().phase(Kind::streaming) == Phase::off; }, 10000));
    CHECK(window.shown_errors().isEmpty());
}

TEST_CASE("a server that never answers: the window keeps running and says so",
          "[ui][window][gpu]") {
    SilentServer silent;
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    REQUIRE(wait_until([&] { return window.studio()->preview_frame() != nullptr; }, 10000));
    window.apply_profile(streaming_to(
        window.profile(), "rtmp://127.0.0.1:" + std::to_string(silent.port()) + "/live", "x"));
    QTest::mouseClick(window.findChild<QPushButton*>("streamButton"), Qt::LeftButton);
    CHECK(window.outputs().phase(Kind::streaming) == Phase::starting);

    // While the connection hangs, the UI thread turns and the preview keeps moving.
    const int64_t first = window.studio()->preview_frame()->index;
    QElapsedTimer timer;
    timer.start();
    int turns = 0;
    while (timer.elapsed() < 2000) {
        QTest::qWait(10);
        ++turns;
    }
    CHECK(turns > 50);
    CHECK(window.studio()->preview_frame()->index - first >= 30);
    CHECK(window.outputs().phase(Kind::streaming) == Phase::starting);

    // Stopping gives up on the connection at once.
    QTest::mouseClick(window.findChild<QPushButton*>("streamButton"), Qt::LeftButton);
    CHECK(wait_until([&] { return window.outputs().phase(Kind::streaming) == Phase::off; }, 5000));
}

TEST_CASE("a refused connection is reported with the destination", "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    int port = 0;
    {
        SilentServer reserve;  // a port the kernel just gave out: free again once closed
        port = reserve.port();
    }
    window.apply_profile(
        streaming_to(window.profile(), "rtmp://127.0.0.1:" + std::to_string(port) + "/live", "x"));
    QTest::mouseClick(window.findChild<QPushButton*>("streamButton"), Qt::LeftButton);
    CHECK(wait_until([&] { return !window.shown_errors().isEmpty(); }, 15000));
    CHECK(window.shown_errors().join("\n").contains("127.0.0.1"));
    CHECK(wait_until([&] { return window.outputs().phase(Kind::streaming) == Phase::off; }, 5000));
}

TEST_CASE("a malformed collection is reported and left untouched", "[ui][window][gpu]") {
    TempDir config;
    const auto scenes = config.path() / "scenes";
    std::filesystem::create_directories(scenes);
    const std::string broken = "{ \"format\": \"livemachine-scene-collection\", \"version\": 1,";
    std::ofstream(scenes / "Show.json") << broken;
    std::ofstream(scenes / ".current") << "Show\n";
    Plugins plugins;
    {
        MainWindow window(plugins.registry, paths_in(config));
        window.show();
        REQUIRE_FALSE(window.shown_errors().isEmpty());
        CHECK(window.shown_errors().join("\n").contains("Show.json"));
        CHECK(window.controller().scene_names() == QStringList{"Scene"});
        window.controller().add_scene("Another");
        window.close();
    }
    std::ifstream file(scenes / "Show.json");
    const std::string kept((std::istreambuf_iterator<char>(file)), {});
    CHECK(kept == broken);
    CHECK(std::filesystem::exists(scenes / "Show (recovered).json"));
}

TEST_CASE("studio mode: edit the preview scene, then fade it to program", "[ui][window][gpu]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    window.show();
    StudioController& controller = window.controller();
    const nlohmann::json full = {{"width", 1280}, {"height", 720}};
    nlohmann::json red = full;
    red["color"] = 0xFFFF0000;
    nlohmann::json blue = full;
    blue["color"] = 0xFF0000FF;
    controller.add_source("color_source", "Red", red);
    controller.add_scene("Blue");
    controller.add_source("color_source", "Blue", blue);
    controller.set_current_scene("Scene");
    auto program = [&] { return preview_pixel(*window.studio(), 640, 360); };
    auto is_red = [](auto p) { return p[0] > 230 && p[2] < 25; };
    auto is_blue = [](auto p) { return p[2] > 230 && p[0] < 25; };
    REQUIRE(wait_until([&] { return is_red(program()); }, 10000));

    auto* studio_mode = window.findChild<QPushButton*>("studioModeButton");
    REQUIRE(studio_mode);
    QTest::mouseClick(studio_mode, Qt::LeftButton);
    REQUIRE(controller.studio_mode());
    auto* transition = window.findChild<QPushButton*>("transitionButton");
    REQUIRE(transition);
    CHECK(transition->isVisible());

    // Switching scenes now edits the preview; program stays red.
    controller.set_current_scene("Blue");
    CHECK(controller.program_scene() == "Scene");
    CHECK(wait_until(
        [&] {
            auto frame = window.studio()->studio_preview_frame();
            if (!frame)
                return false;
            const uint8_t* p =
                frame->data(0) + (frame->height() / 2) * frame->stride(0) + frame->width() / 2 * 4;
            return p[2] > 230 && p[0] < 25;
        },
        10000));
    QTest::qWait(300);
    CHECK(is_red(program()));

    // A one-second fade: program passes through a mix of both, then shows blue.
    controller.set_transition(Transition{Transition::Kind::fade, 1000});
    QTest::mouseClick(transition, Qt::LeftButton);
    CHECK(controller.program_scene() == "Blue");
    bool saw_mix = false;
    CHECK(wait_until(
        [&] {
            const auto p = program();
            saw_mix = saw_mix || (p[0] > 60 && p[0] < 200 && p[2] > 60 && p[2] < 200);
            return is_blue(p);
        },
        5000));
    CHECK(saw_mix);

    // Leaving studio mode keeps program on the edited scene.
    QTest::mouseClick(studio_mode, Qt::LeftButton);
    CHECK_FALSE(controller.studio_mode());
    CHECK_FALSE(transition->isVisible());
}
