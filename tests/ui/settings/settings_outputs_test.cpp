// The settings for what the command line could do before the window: an HLS folder as a
// destination, a trusted certificate for an own rtmps:// server, the network page, the
// replay buffer, and their hotkeys; driven as a user would.
#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "ui/settings/settings_dialog.hpp"
#include "ui/settings/stream_services.hpp"

using namespace lm::ui;

namespace {

std::vector<EncoderChoice> encoders() {
    return {{"x264", "x264 (H.264, software)", true, ""}};
}

Profile start_profile(const QTemporaryDir& dir) {
    Profile p = default_profile();
    p.output.recording_folder = dir.path().toStdString();
    return p;
}

template <typename T>
T* find(const QWidget& parent, const char* name) {
    T* child = parent.findChild<T*>(name);
    INFO(name);
    REQUIRE(child != nullptr);
    return child;
}

QPushButton* ok_button(const QWidget& dialog) {
    return find<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok);
}

}  // namespace

TEST_CASE("an HLS folder is a destination beside the services", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    QTest::mouseClick(find<QPushButton>(dialog, "addDestinationButton"), Qt::LeftButton);
    auto* service = find<QComboBox>(dialog, "serviceCombo");
    service->setCurrentIndex(service->findData(QString(kHlsServiceId)));
    REQUIRE(service->currentText() == "HLS folder (self-hosted)");

    // A folder instead of a server, a key and a certificate.
    auto* hls = find<QWidget>(dialog, "hlsFolderEditor");
    CHECK(hls->isVisible());
    CHECK_FALSE(find<QComboBox>(dialog, "serverCombo")->isVisible());
    CHECK_FALSE(find<QLineEdit>(dialog, "streamKeyEdit")->isVisible());
    CHECK_FALSE(find<QLineEdit>(dialog, "certificateEdit")->isVisible());
    auto* folder_error = find<QLabel>(dialog, "hlsFolderError");
    CHECK(folder_error->isVisible());
    CHECK(folder_error->text() == "Choose the folder your web server serves.");
    CHECK_FALSE(ok_button(dialog)->isEnabled());

    auto* folder = find<QLineEdit>(dialog, "hlsFolderEdit");
    const QString missing = dir.path() + "/web";
    QTest::keyClicks(folder, missing);
    CHECK(folder_error->text() == "This folder does not exist: create it first.");
    std::filesystem::create_directory(missing.toStdString());
    QTest::keyClicks(folder, "/");  // any edit checks again
    CHECK_FALSE(folder_error->isVisible());
    find<QDoubleSpinBox>(dialog, "hlsSegmentSpin")->setValue(4);
    find<QSpinBox>(dialog, "hlsPlaylistSpin")->setValue(8);
    auto* format = find<QComboBox>(dialog, "hlsFormatCombo");
    format->setCurrentIndex(format->findData("fmp4"));
    find<QCheckBox>(dialog, "hlsLowLatencyCheck")->click();
    CHECK_FALSE(find<QDoubleSpinBox>(dialog, "hlsSegmentSpin")->isEnabled());

    auto* list = find<QListWidget>(dialog, "destinationList");
    CHECK(list->item(0)->text().contains(missing));
    REQUIRE(ok_button(dialog)->isEnabled());
    const Profile result = dialog.profile();
    REQUIRE(result.destinations.size() == 1);
    const StreamDestination& d = result.destinations[0];
    CHECK(d.writes_hls());
    CHECK(d.hls.folder == missing.toStdString() + "/");
    CHECK(d.hls.segment_s == 4);
    CHECK(d.hls.playlist_segments == 8);
    CHECK(d.hls.segment_format == HlsSegmentFormat::fmp4);
    CHECK(d.hls.low_latency);
    CHECK(d.hls.delete_segments);

    // Back to a service: the RTMP rows return.
    service->setCurrentIndex(service->findData("custom"));
    CHECK_FALSE(hls->isVisible());
    CHECK(find<QComboBox>(dialog, "serverCombo")->isVisible());
    CHECK(find<QLineEdit>(dialog, "certificateEdit")->isVisible());
}

TEST_CASE("a trusted certificate for an own rtmps:// server is checked inline",
          "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    QTest::mouseClick(find<QPushButton>(dialog, "addDestinationButton"), Qt::LeftButton);
    auto* service = find<QComboBox>(dialog, "serviceCombo");
    service->setCurrentIndex(service->findData("custom"));
    find<QComboBox>(dialog, "serverCombo")->setEditText("rtmps://own.example.com/live/key");
    REQUIRE(ok_button(dialog)->isEnabled());

    auto* certificate = find<QLineEdit>(dialog, "certificateEdit");
    auto* error = find<QLabel>(dialog, "certificateError");
    const QString pem = dir.path() + "/own.pem";
    QTest::keyClicks(certificate, pem);
    CHECK(error->isVisible());
    CHECK(error->text() == "This file does not exist.");
    CHECK_FALSE(ok_button(dialog)->isEnabled());

    std::ofstream(pem.toStdString()) << "-----BEGIN CERTIFICATE-----\nMIIB\n"
                                        "-----END CERTIFICATE-----\n";
    QTest::keyClick(certificate, Qt::Key_End);  // an edit without changing the path
    QTest::keyClicks(certificate, "x");
    QTest::keyClick(certificate, Qt::Key_Backspace);
    CHECK_FALSE(error->isVisible());
    REQUIRE(ok_button(dialog)->isEnabled());
    CHECK(dialog.profile().destinations.at(0).trusted_certificate == pem.toStdString());
}

TEST_CASE("the network page sets reconnect and dynamic bitrate", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    dialog.show_page(SettingsDialog::Page::network);
    auto* reconnect = find<QCheckBox>(dialog, "reconnectCheck");
    auto* attempts = find<QSpinBox>(dialog, "reconnectAttemptsSpin");
    auto* first = find<QDoubleSpinBox>(dialog, "reconnectDelaySpin");
    auto* longest = find<QDoubleSpinBox>(dialog, "reconnectMaxDelaySpin");
    auto* dynamic = find<QCheckBox>(dialog, "dynamicBitrateCheck");
    // The command line's defaults.
    CHECK(reconnect->isChecked());
    CHECK(attempts->value() == 100);
    CHECK(first->value() == 2.0);
    CHECK(longest->value() == 2.5);
    CHECK(dynamic->isChecked());
    CHECK_FALSE(find<QCheckBox>(dialog, "followSlowestCheck")->isChecked());

    attempts->setValue(12);
    first->setValue(5);
    auto* error = find<QLabel>(dialog, "reconnectMaxDelayError");
    CHECK(error->isVisible());
    CHECK(error->text() == "The longest wait cannot be shorter than the first one.");
    CHECK_FALSE(ok_button(dialog)->isEnabled());
    longest->setValue(10);
    CHECK_FALSE(error->isVisible());
    dynamic->click();
    REQUIRE(ok_button(dialog)->isEnabled());
    NetworkOptions network = dialog.profile().network;
    CHECK(network.reconnect_attempts == 12);
    CHECK(network.reconnect_delay_s == 5.0);
    CHECK(network.reconnect_max_delay_s == 10.0);
    CHECK_FALSE(network.dynamic_bitrate);

    reconnect->click();
    CHECK_FALSE(attempts->isEnabled());
    CHECK_FALSE(dialog.profile().network.reconnect);

    // The engine takes them at start: read-only while live, with the note.
    dialog.set_outputs_active(true);
    CHECK_FALSE(reconnect->isEnabled());
    CHECK_FALSE(dynamic->isEnabled());
    CHECK(find<QLabel>(dialog, "outputsActiveNote")->isVisible());
}

TEST_CASE("the replay buffer's settings are on the Output page", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    dialog.show_page(SettingsDialog::Page::output);
    auto* seconds = find<QSpinBox>(dialog, "replaySecondsSpin");
    CHECK(seconds->value() == 20);
    auto* folder = find<QLineEdit>(dialog, "replayFolderEdit");
    CHECK(folder->text().isEmpty());
    CHECK(folder->placeholderText() == "The recording folder");
    seconds->setValue(45);
    std::ofstream((dir.path() + "/file").toStdString()) << "x";
    QTest::keyClicks(folder, dir.path() + "/file");
    auto* error = find<QLabel>(dialog, "replayFolderError");
    CHECK(error->text() == "This is a file, not a folder.");
    CHECK_FALSE(ok_button(dialog)->isEnabled());
    folder->clear();
    QTest::keyClicks(folder, dir.path() + "/replays");
    CHECK_FALSE(error->isVisible());
    auto* format = find<QComboBox>(dialog, "replayContainerCombo");
    format->setCurrentIndex(format->findData("mp4"));
    REQUIRE(ok_button(dialog)->isEnabled());
    const ReplayBufferSettings replay = dialog.profile().output.replay_buffer;
    CHECK(replay.seconds == 45);
    CHECK(replay.folder == (dir.path() + "/replays").toStdString());
    CHECK(replay.container == RecordingContainer::mp4);
}

TEST_CASE("pause, resume, the replay buffer and saving a replay have hotkeys",
          "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    dialog.show_page(SettingsDialog::Page::hotkeys);
    for (const char* action :
         {kPauseRecordingAction, kResumeRecordingAction, kStartReplayBufferAction,
          kStopReplayBufferAction, kSaveReplayAction}) {
        const std::string name = std::string("hotkey_") + action;
        find<QKeySequenceEdit>(dialog, name.c_str());
    }
    find<QKeySequenceEdit>(dialog, "hotkey_save_replay")
        ->setKeySequence(QKeySequence::fromString("Ctrl+Shift+F9"));
    CHECK(dialog.profile().hotkeys.at(kSaveReplayAction) == "Ctrl+Shift+F9");
    CHECK(hotkey_action_label(kPauseRecordingAction) == "Pause recording");
    CHECK(hotkey_action_label(kSaveReplayAction) == "Save replay");
}

TEST_CASE("automatic file splitting is chosen on the Output page: off, by time or by size",
          "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    dialog.show_page(SettingsDialog::Page::output);
    auto* mode = find<QComboBox>(dialog, "splitCombo");
    auto* time = find<QSpinBox>(dialog, "splitTimeSpin");
    auto* size = find<QSpinBox>(dialog, "splitSizeSpin");
    auto* note = find<QLabel>(dialog, "splitNote");
    CHECK(mode->currentData().toString() == "off");
    CHECK_FALSE(time->isVisible());
    CHECK_FALSE(size->isVisible());

    mode->setCurrentIndex(mode->findData("time"));
    CHECK(time->isVisible());
    CHECK_FALSE(size->isVisible());
    CHECK(time->minimum() == 1);
    CHECK(time->maximum() == 7 * 24 * 3600);
    time->setValue(3);
    // Parts start at keyframes (every 2 s by default): a 3 s split makes 4 s files.
    CHECK(note->isVisible());
    CHECK(note->text().contains("about 4 s long"));
    CHECK(dialog.profile().output.split ==
          RecordingSplitSettings{RecordingSplit::by_time, 3, 2048});
    time->setValue(4);
    CHECK_FALSE(note->isVisible());

    mode->setCurrentIndex(mode->findData("size"));
    CHECK(size->isVisible());
    CHECK_FALSE(time->isVisible());
    CHECK_FALSE(note->isVisible());
    size->setValue(500);
    REQUIRE(ok_button(dialog)->isEnabled());
    CHECK(dialog.profile().output.split == RecordingSplitSettings{RecordingSplit::by_size, 4, 500});

    // Off keeps both lengths for the next time it is on.
    mode->setCurrentIndex(mode->findData("off"));
    CHECK(dialog.profile().output.split == RecordingSplitSettings{RecordingSplit::off, 4, 500});
}
