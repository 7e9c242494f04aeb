// The profile's hotkeys on the real window: keys pressed on the window switch scenes and start
// and stop recording, each action only in the direction it names.
#include <catch2/catch.hpp>

#include "ui/model/studio_controller.hpp"
#include "ui/window/hotkeys.hpp"
#include "window_fixture.hpp"

using namespace lm;
using namespace lm::ui;
using namespace lm::ui::testing;
namespace fs = std::filesystem;
using Kind = OutputController::Kind;
using Phase = OutputController::Phase;

namespace {

/// The window's own instance once MainWindow installs it, else a new one.
Hotkeys& installed_hotkeys(MainWindow& window) {
    if (auto* existing = window.findChild<Hotkeys*>())
        return *existing;
    return *new Hotkeys(window);
}

/// Applies `hotkeys` (and `recordings` as the recording folder) and reloads the shortcuts.
Hotkeys& use_hotkeys(MainWindow& window, std::map<std::string, std::string> hotkeys,
                     const fs::path& recordings = {}) {
    Profile profile = window.profile();
    profile.hotkeys = std::move(hotkeys);
    if (!recordings.empty())
        profile.output.recording_folder = recordings.string();
    window.apply_profile(profile);
    Hotkeys& installed = installed_hotkeys(window);
    installed.reload();
    return installed;
}

void show_active(MainWindow& window) {
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

uintmax_t bytes_in(const fs::path& folder) {
    uintmax_t total = 0;
    for (const auto& entry : fs::directory_iterator(folder))
        total += entry.file_size();
    return total;
}

}  // namespace

TEST_CASE("scene hotkeys switch the current scene", "[ui][window][gpu][hotkeys]") {
    TempDir config;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    show_active(window);
    StudioController& controller = window.controller();
    controller.add_scene("Scene 2");
    controller.set_current_scene("Scene");
    use_hotkeys(window, {{"switch_scene:Scene 2", "Ctrl+2"},
                         {"switch_scene:Scene", "Ctrl+1"},
                         {"switch_scene:Gone", "Ctrl+3"}});

    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    CHECK(controller.current_scene() == "Scene 2");
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);  // no such scene: nothing
    CHECK(controller.current_scene() == "Scene 2");
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    CHECK(controller.current_scene() == "Scene");

    // After the profile changes, the old keys are gone.
    use_hotkeys(window, {{"switch_scene:Scene 2", "Ctrl+Shift+2"}});
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    CHECK(controller.current_scene() == "Scene");
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(controller.current_scene() == "Scene 2");
}

TEST_CASE("recording hotkeys: start only starts, stop only stops", "[ui][window][gpu][hotkeys]") {
    TempDir config;
    TempDir recordings;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    show_active(window);
    use_hotkeys(window,
                {{kStartRecordingAction, "Ctrl+Shift+R"}, {kStopRecordingAction, "Ctrl+Shift+T"}},
                recordings.path());
    const auto phase = [&] { return window.outputs().phase(Kind::recording); };

    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(phase() == Phase::off);

    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK((phase() == Phase::starting || phase() == Phase::live));
    REQUIRE(wait_until([&] { return phase() == Phase::live; }, 10000));
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(phase() == Phase::live);

    CHECK(wait_until([&] { return bytes_in(recordings.path()) > 0; }, 10000));
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(phase() != Phase::live);
    CHECK(wait_until([&] { return phase() == Phase::off; }, 10000));
    CHECK(window.shown_errors().isEmpty());
}

TEST_CASE("one key bound to start and stop toggles, and unusable keys are skipped",
          "[ui][window][gpu][hotkeys]") {
    TempDir config;
    TempDir recordings;
    Plugins plugins;
    MainWindow window(plugins.registry, paths_in(config));
    show_active(window);
    Hotkeys& hotkeys = use_hotkeys(window,
                                   {{kStartRecordingAction, "F9"},
                                    {kStopRecordingAction, "F9"},
                                    {kStartStreamingAction, "NoSuchKey"},
                                    {"not_an_action", "F10"}},
                                   recordings.path());
    REQUIRE(hotkeys.bindings().size() == 1);
    CHECK(hotkeys.bindings()[0].actions.size() == 2);
    const auto phase = [&] { return window.outputs().phase(Kind::recording); };

    QTest::keyClick(&window, Qt::Key_F9);
    CHECK(phase() != Phase::off);
    REQUIRE(wait_until([&] { return phase() == Phase::live; }, 10000));
    QTest::keyClick(&window, Qt::Key_F9);
    CHECK(wait_until([&] { return phase() == Phase::off; }, 10000));
}
