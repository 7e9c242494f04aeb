#include "ui/mixer/controls_dock.hpp"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <catch2/catch.hpp>

#include "ui/widgets/status_colours.hpp"

using lm::ui::ControlsDock;
using Phase = ControlsDock::OutputPhase;

TEST_CASE("The controls dock's buttons ask the window through signals") {
    ControlsDock dock;
    dock.show();  // laid out: a hidden dock squeezes its buttons into its default size
    CHECK(dock.objectName() == "controlsDock");
    CHECK(dock.windowTitle() == "Controls");
    QSignalSpy stream(&dock, &ControlsDock::streamToggleRequested);
    QSignalSpy record(&dock, &ControlsDock::recordToggleRequested);
    QSignalSpy studio_mode(&dock, &ControlsDock::studioModeToggled);
    QSignalSpy settings(&dock, &ControlsDock::settingsRequested);
    QSignalSpy exit(&dock, &ControlsDock::exitRequested);

    auto click = [&](const char* name) {
        auto* button = dock.findChild<QPushButton*>(name);
        REQUIRE(button != nullptr);
        QTest::mouseClick(button, Qt::LeftButton);
    };
    click("streamButton");
    CHECK(stream.count() == 1);
    // Asking is not doing: the button stays as it was until the window reports a phase.
    CHECK_FALSE(dock.stream_button()->isChecked());
    CHECK(dock.stream_button()->text() == "Start Streaming");
    click("recordButton");
    CHECK(record.count() == 1);
    CHECK_FALSE(dock.record_button()->isChecked());
    click("studioModeButton");
    REQUIRE(studio_mode.count() == 1);
    CHECK(studio_mode.at(0).at(0).toBool());
    click("settingsButton");
    CHECK(settings.count() == 1);
    click("exitButton");
    CHECK(exit.count() == 1);
    CHECK(stream.count() == 1);
    CHECK(record.count() == 1);

    // The window's own state changes do not echo back as requests.
    dock.set_studio_mode(false);
    CHECK_FALSE(dock.studio_mode_button()->isChecked());
    CHECK(studio_mode.count() == 1);
    dock.set_streaming(Phase::kLive);
    CHECK(stream.count() == 1);
}

TEST_CASE("The streaming button follows the output's phase") {
    ControlsDock dock;
    QPushButton* button = dock.stream_button();
    QLabel* status = dock.stream_status();
    CHECK(button->text() == "Start Streaming");
    CHECK(status->isHidden());

    dock.set_streaming(Phase::kStarting);
    CHECK(button->text() == "Stop Streaming");
    CHECK(button->isEnabled());  // a slow connection can be cancelled
    CHECK(button->isChecked());
    CHECK_FALSE(status->isHidden());
    CHECK(status->text() == "Connecting…");

    dock.set_streaming(Phase::kLive);
    CHECK(button->text() == "Stop Streaming");
    CHECK(button->isEnabled());
    CHECK(status->isHidden());

    dock.set_streaming(Phase::kReconnecting);
    CHECK(button->text() == "Stop Streaming");
    CHECK(button->isEnabled());
    CHECK(status->text() == "Reconnecting…");
    CHECK(status->palette().color(QPalette::WindowText) == lm::ui::warning_colour());

    dock.set_streaming(Phase::kStopping);
    CHECK(button->text() == "Stopping…");
    CHECK_FALSE(button->isEnabled());

    dock.set_streaming(Phase::kOff);
    CHECK(button->text() == "Start Streaming");
    CHECK(button->isEnabled());
    CHECK_FALSE(button->isChecked());
    CHECK(status->isHidden());
    CHECK(status->palette().color(QPalette::WindowText) != lm::ui::warning_colour());
}

TEST_CASE("The recording button follows its own phase, apart from streaming") {
    ControlsDock dock;
    dock.set_streaming(Phase::kLive);
    dock.set_recording(Phase::kStarting);
    CHECK(dock.record_button()->text() == "Stop Recording");
    CHECK(dock.record_button()->isEnabled());
    CHECK(dock.record_status()->text() == "Starting…");
    dock.set_recording(Phase::kStopping);
    CHECK(dock.record_button()->text() == "Stopping…");
    CHECK_FALSE(dock.record_button()->isEnabled());
    CHECK(dock.stream_button()->text() == "Stop Streaming");
    CHECK(dock.stream_button()->isEnabled());
    dock.set_recording(Phase::kOff);
    CHECK(dock.record_button()->text() == "Start Recording");
    CHECK(dock.recording() == Phase::kOff);
    CHECK(dock.streaming() == Phase::kLive);

    // A click while live asks to stop and leaves the button pressed in until told otherwise.
    QSignalSpy stream(&dock, &ControlsDock::streamToggleRequested);
    QTest::mouseClick(dock.stream_button(), Qt::LeftButton);
    CHECK(stream.count() == 1);
    CHECK(dock.stream_button()->isChecked());
}

TEST_CASE("Pause follows the recording; Save Replay follows the replay buffer") {
    ControlsDock dock;
    dock.show();
    QSignalSpy pause(&dock, &ControlsDock::pauseToggleRequested);
    QSignalSpy replay(&dock, &ControlsDock::replayBufferToggleRequested);
    QSignalSpy save(&dock, &ControlsDock::saveReplayRequested);
    QPushButton* pause_button = dock.pause_button();
    QPushButton* replay_button = dock.replay_button();
    QPushButton* save_button = dock.save_replay_button();
    REQUIRE(pause_button->objectName() == "pauseButton");
    REQUIRE(replay_button->objectName() == "replayBufferButton");
    REQUIRE(save_button->objectName() == "saveReplayButton");

    // Nothing to pause or save until the window says the output is live.
    CHECK_FALSE(pause_button->isEnabled());
    CHECK_FALSE(save_button->isEnabled());
    dock.set_recording(Phase::kStarting);
    CHECK_FALSE(pause_button->isEnabled());
    dock.set_recording(Phase::kLive);
    REQUIRE(pause_button->isEnabled());
    CHECK(pause_button->text() == "Pause Recording");
    QTest::mouseClick(pause_button, Qt::LeftButton);
    CHECK(pause.count() == 1);
    dock.set_recording_paused(true);
    CHECK(pause_button->text() == "Resume Recording");
    CHECK(dock.record_button()->text() == "Stop Recording");  // a paused recording can stop
    dock.set_recording_paused(false);
    CHECK(pause_button->text() == "Pause Recording");
    dock.set_recording(Phase::kStopping);
    CHECK_FALSE(pause_button->isEnabled());

    CHECK(replay_button->text() == "Start Replay Buffer");
    QTest::mouseClick(replay_button, Qt::LeftButton);
    CHECK(replay.count() == 1);
    CHECK_FALSE(replay_button->isChecked());  // asking is not doing
    dock.set_replay_buffer(Phase::kStarting);
    CHECK(replay_button->text() == "Stop Replay Buffer");
    CHECK_FALSE(save_button->isEnabled());
    dock.set_replay_buffer(Phase::kLive);
    REQUIRE(save_button->isEnabled());
    QTest::mouseClick(save_button, Qt::LeftButton);
    CHECK(save.count() == 1);
    dock.set_replay_buffer(Phase::kOff);
    CHECK(replay_button->text() == "Start Replay Buffer");
    CHECK_FALSE(save_button->isEnabled());
    CHECK(pause.count() == 1);
    CHECK(replay.count() == 1);
}
