// The settings dialog driven as a user would: picking, typing, toggling, pressing OK.
#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include "ui/settings/settings_dialog.hpp"
#include "ui/settings/settings_page.hpp"

using namespace lm::ui;

namespace {

std::vector<EncoderChoice> encoders() {
    return {{"x264", "x264 (H.264, software)", true, ""},
            {"nvenc", "NVENC (H.264, NVIDIA)", false, "no NVIDIA GPU found"}};
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

QPushButton* button(const QWidget& dialog, QDialogButtonBox::StandardButton which) {
    return find<QDialogButtonBox>(dialog, "buttonBox")->button(which);
}

}  // namespace

TEST_CASE("a YouTube destination with a masked key ends up in the profile", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    QSignalSpy applied(&dialog, &SettingsDialog::profileApplied);
    CHECK(dialog.objectName() == "settingsDialog");
    CHECK(dialog.current_page() == SettingsDialog::Page::stream);

    QTest::mouseClick(find<QPushButton>(dialog, "addDestinationButton"), Qt::LeftButton);
    auto* service = find<QComboBox>(dialog, "serviceCombo");
    service->setCurrentIndex(service->findText("YouTube - RTMPS"));
    auto* server = find<QComboBox>(dialog, "serverCombo");
    CHECK(server->currentData().toString() == "rtmps://a.rtmps.youtube.com:443/live2");
    CHECK_FALSE(server->isEditable());

    auto* key = find<QLineEdit>(dialog, "streamKeyEdit");
    QTest::keyClicks(key, "abcd-efgh-ijkl");
    CHECK(key->text() == "abcd-efgh-ijkl");
    CHECK_FALSE(key->displayText().contains("abcd"));
    CHECK(key->displayText().size() == key->text().size());

    auto* show = find<QPushButton>(dialog, "showKeyButton");
    QTest::mouseClick(show, Qt::LeftButton);
    CHECK(key->displayText() == "abcd-efgh-ijkl");
    CHECK(show->text() == "Hide");
    QTest::mouseClick(show, Qt::LeftButton);
    CHECK_FALSE(key->displayText().contains("abcd"));

    // The list names the destination without its key.
    auto* list = find<QListWidget>(dialog, "destinationList");
    REQUIRE(list->count() == 1);
    CHECK(list->item(0)->text().startsWith("YouTube - RTMPS"));
    CHECK_FALSE(list->item(0)->text().contains("abcd"));

    auto* ok = button(dialog, QDialogButtonBox::Ok);
    REQUIRE(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    const Profile result = dialog.profile();
    REQUIRE(result.destinations.size() == 1);
    CHECK(result.destinations[0].service_id == "youtube_rtmps");
    CHECK(result.destinations[0].server_url == "rtmps://a.rtmps.youtube.com:443/live2");
    CHECK(result.destinations[0].stream_key == "abcd-efgh-ijkl");
    CHECK(result.destinations[0].enabled);
    REQUIRE(applied.count() == 1);
    CHECK(applied.at(0).at(0).value<Profile>() == result);
}

TEST_CASE("an empty Twitch key shows an inline error and disables OK", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    auto* ok = button(dialog, QDialogButtonBox::Ok);
    auto* apply = button(dialog, QDialogButtonBox::Apply);
    auto* error = find<QLabel>(dialog, "streamKeyError");
    CHECK(ok->isEnabled());
    CHECK_FALSE(error->isVisible());

    QTest::mouseClick(find<QPushButton>(dialog, "addDestinationButton"), Qt::LeftButton);
    CHECK(find<QComboBox>(dialog, "serviceCombo")->currentText() == "Twitch");
    CHECK(error->isVisible());
    CHECK(error->text() == "Enter the stream key from your Twitch dashboard.");
    CHECK(error->palette().color(QPalette::WindowText) == problem_colour());
    CHECK_FALSE(ok->isEnabled());
    CHECK_FALSE(apply->isEnabled());
    // The page list marks the page that holds the problem.
    auto* pages = find<QListWidget>(dialog, "pageList");
    CHECK(pages->item(0)->foreground().color() == problem_colour());

    QTest::keyClicks(find<QLineEdit>(dialog, "streamKeyEdit"), "live_42");
    CHECK_FALSE(error->isVisible());
    CHECK(ok->isEnabled());
    CHECK(apply->isEnabled());

    // Switching the destination off allows keeping it without a key.
    find<QLineEdit>(dialog, "streamKeyEdit")->clear();
    CHECK_FALSE(ok->isEnabled());
    find<QCheckBox>(dialog, "destinationEnabledCheck")->click();
    CHECK(ok->isEnabled());
    CHECK(find<QListWidget>(dialog, "destinationList")->item(0)->text().endsWith("(off)"));
}

TEST_CASE("custom servers are typed in and checked", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    QTest::mouseClick(find<QPushButton>(dialog, "addDestinationButton"), Qt::LeftButton);
    auto* service = find<QComboBox>(dialog, "serviceCombo");
    service->setCurrentIndex(service->findData("custom"));
    auto* server = find<QComboBox>(dialog, "serverCombo");
    REQUIRE(server->isEditable());
    QTest::keyClicks(server->lineEdit(), "http://example.com/live");
    auto* error = find<QLabel>(dialog, "serverError");
    CHECK(error->isVisible());
    CHECK(error->text() == "The URL must start with rtmp:// or rtmps:// and name a server.");
    CHECK_FALSE(button(dialog, QDialogButtonBox::Ok)->isEnabled());

    server->lineEdit()->clear();
    QTest::keyClicks(server->lineEdit(), "rtmp://127.0.0.1/live");
    QTest::keyClicks(find<QLineEdit>(dialog, "streamKeyEdit"), "test");
    CHECK_FALSE(error->isVisible());
    REQUIRE(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    const Profile result = dialog.profile();
    REQUIRE(result.destinations.size() == 1);
    CHECK(result.destinations[0].server_url == "rtmp://127.0.0.1/live");

    // Remove takes it away again.
    QTest::mouseClick(find<QPushButton>(dialog, "removeDestinationButton"), Qt::LeftButton);
    CHECK(dialog.profile().destinations.empty());
    CHECK(find<QListWidget>(dialog, "destinationList")->count() == 0);
}

TEST_CASE("an unavailable encoder is listed disabled with its reason", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show_page(SettingsDialog::Page::output);
    CHECK(find<QStackedWidget>(dialog, "pageStack")->currentWidget()->objectName() == "outputPage");
    auto* combo = find<QComboBox>(dialog, "encoderCombo");
    REQUIRE(combo->count() == 2);
    CHECK(combo->currentData().toString() == "x264");
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    REQUIRE(model != nullptr);
    CHECK(model->item(0)->isEnabled());
    QStandardItem* nvenc = model->item(1);
    CHECK_FALSE(nvenc->isEnabled());
    CHECK(nvenc->text() == "NVENC (H.264, NVIDIA) - unavailable: no NVIDIA GPU found");
    CHECK(nvenc->toolTip() == "no NVIDIA GPU found");
}

TEST_CASE("a profile naming an unavailable encoder cannot be accepted as is",
          "[settings][dialog]") {
    QTemporaryDir dir;
    Profile profile = start_profile(dir);
    profile.output.video_encoder = "nvenc";
    SettingsDialog dialog(profile, encoders());
    dialog.show();
    dialog.show_page(SettingsDialog::Page::output);
    auto* error = find<QLabel>(dialog, "videoEncoderError");
    CHECK(error->isVisible());
    CHECK(error->text() == "NVENC (H.264, NVIDIA) is unavailable: no NVIDIA GPU found");
    CHECK_FALSE(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    auto* combo = find<QComboBox>(dialog, "encoderCombo");
    combo->setCurrentIndex(combo->findData("x264"));
    CHECK_FALSE(error->isVisible());
    CHECK(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    CHECK(dialog.profile().output.video_encoder == "x264");
}

TEST_CASE("a hardware encoder's fallback to x264 is on by default and can be turned off",
          "[settings][dialog]") {
    QTemporaryDir dir;
    Profile start = start_profile(dir);
    SettingsDialog x264_dialog(start, encoders());
    x264_dialog.show_page(SettingsDialog::Page::output);
    auto* x264_check = find<QCheckBox>(x264_dialog, "encoderFallbackCheck");
    CHECK(x264_check->isChecked());
    CHECK(x264_check->isHidden());  // x264 is the fallback itself

    start.output.video_encoder = "nvenc";
    SettingsDialog dialog(start, {{"x264", "x264 (H.264, software)", true, ""},
                                  {"nvenc", "NVENC (H.264, NVIDIA)", true, ""}});
    dialog.show();
    QSignalSpy applied(&dialog, &SettingsDialog::profileApplied);
    dialog.show_page(SettingsDialog::Page::output);
    auto* check = find<QCheckBox>(dialog, "encoderFallbackCheck");
    REQUIRE(check->isVisible());
    REQUIRE(check->isEnabled());
    CHECK(check->isChecked());
    check->click();
    CHECK_FALSE(check->isChecked());
    REQUIRE(button(dialog, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    REQUIRE(applied.count() == 1);
    const Profile p = applied.at(0).at(0).value<Profile>();
    CHECK(p.output.video_encoder == "nvenc");
    CHECK_FALSE(p.output.encoder_fallback);
}

TEST_CASE("output and video edits reach the profile, bad sizes show inline", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    QSignalSpy applied(&dialog, &SettingsDialog::profileApplied);
    dialog.show_page(SettingsDialog::Page::output);
    find<QSpinBox>(dialog, "videoBitrateSpin")->setValue(6000);
    auto* rate_control = find<QComboBox>(dialog, "rateControlCombo");
    CHECK_FALSE(find<QSpinBox>(dialog, "crfSpin")->isEnabled());
    rate_control->setCurrentIndex(rate_control->findData("crf"));
    CHECK(find<QSpinBox>(dialog, "crfSpin")->isEnabled());
    CHECK_FALSE(find<QSpinBox>(dialog, "videoBitrateSpin")->isEnabled());
    auto* container = find<QComboBox>(dialog, "containerCombo");
    container->setCurrentIndex(container->findData("mp4"));
    auto* pattern = find<QLineEdit>(dialog, "fileNamePatternEdit");
    pattern->clear();
    QTest::keyClicks(pattern, "rec %Y");
    CHECK(find<QLabel>(dialog, "fileNamePreview")->text().endsWith(".mp4"));

    dialog.show_page(SettingsDialog::Page::video);
    auto* output = find<QComboBox>(dialog, "outputResolutionCombo");
    output->lineEdit()->selectAll();
    QTest::keyClicks(output->lineEdit(), "1281x720");
    auto* error = find<QLabel>(dialog, "outputResolutionError");
    CHECK(error->isVisible());
    CHECK(error->text() == "Width and height must be even.");
    CHECK_FALSE(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    output->lineEdit()->selectAll();
    QTest::keyClicks(output->lineEdit(), "1920x1080");
    CHECK_FALSE(error->isVisible());
    auto* fps = find<QComboBox>(dialog, "frameRateCombo");
    fps->setCurrentIndex(fps->findText("59.94"));

    QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
    REQUIRE(applied.count() == 1);
    const Profile p = applied.at(0).at(0).value<Profile>();
    CHECK(p.output.bitrate_kbps == 6000);
    CHECK(p.output.rate_control == RateControl::crf);
    CHECK(p.output.container == RecordingContainer::mp4);
    CHECK(p.output.file_name_pattern == "rec %Y");
    CHECK(p.video.output == VideoSize{1920, 1080});
    CHECK(p.video.frame_rate.num == 60000);
    CHECK(p.video.frame_rate.den == 1001);
    CHECK_FALSE(button(dialog, QDialogButtonBox::Apply)->isEnabled());  // nothing new to apply
}

TEST_CASE("while live, restart-only fields are locked and a note says why", "[settings][dialog]") {
    QTemporaryDir dir;
    SettingsDialog dialog(start_profile(dir), encoders());
    dialog.show();
    dialog.set_outputs_active(true);
    auto* note = find<QLabel>(dialog, "outputsActiveNote");
    CHECK_FALSE(note->isVisible());  // the Stream page stays editable
    CHECK(find<QPushButton>(dialog, "addDestinationButton")->isEnabled());

    dialog.show_page(SettingsDialog::Page::output);
    CHECK(note->isVisible());
    CHECK(note->text() == "Stop streaming and recording to change these settings");
    CHECK_FALSE(find<QComboBox>(dialog, "encoderCombo")->isEnabled());
    CHECK_FALSE(find<QSpinBox>(dialog, "videoBitrateSpin")->isEnabled());
    CHECK_FALSE(find<QComboBox>(dialog, "audioBitrateCombo")->isEnabled());
    CHECK(find<QLineEdit>(dialog, "recordingFolderEdit")->isEnabled());  // next recording only

    dialog.show_page(SettingsDialog::Page::video);
    CHECK(note->isVisible());
    CHECK_FALSE(find<QComboBox>(dialog, "baseResolutionCombo")->isEnabled());
    CHECK_FALSE(find<QComboBox>(dialog, "frameRateCombo")->isEnabled());

    dialog.set_outputs_active(false);
    CHECK_FALSE(note->isVisible());
    CHECK(find<QComboBox>(dialog, "frameRateCombo")->isEnabled());
}

TEST_CASE("audio devices and hotkeys are chosen per profile", "[settings][dialog]") {
    QTemporaryDir dir;
    Profile profile = start_profile(dir);
    profile.audio.microphone_device = "usb-mic-gone";
    SettingsDialog dialog(profile, encoders());
    dialog.show();
    dialog.set_audio_devices({"alsa_input.pci-analog", "alsa_input.usb-yeti"},
                             {"alsa_output.pci-analog.monitor"});
    dialog.show_page(SettingsDialog::Page::audio);
    auto* mic = find<QComboBox>(dialog, "microphoneCombo");
    CHECK(mic->currentText() == "usb-mic-gone (not connected)");
    mic->setCurrentIndex(mic->findData("alsa_input.usb-yeti"));
    auto* desktop = find<QComboBox>(dialog, "desktopAudioCombo");
    CHECK(desktop->currentText() == "Default");
    desktop->setCurrentIndex(desktop->findText("Disabled"));
    auto* rate = find<QComboBox>(dialog, "sampleRateCombo");
    rate->setCurrentIndex(rate->findData(44100));

    dialog.set_scene_names({"Intro", "Main"});
    dialog.show_page(SettingsDialog::Page::hotkeys);
    auto* start = find<QKeySequenceEdit>(dialog, "hotkey_start_streaming");
    auto* intro = find<QKeySequenceEdit>(dialog, "hotkey_switch_scene:Intro");
    start->setKeySequence(QKeySequence("Ctrl+Shift+S"));
    intro->setKeySequence(QKeySequence("Ctrl+Shift+S"));
    auto* clash = find<QLabel>(dialog, "hotkey_switch_scene:IntroError");
    CHECK(clash->isVisible());
    CHECK(clash->text() == "Already used by Start streaming.");
    CHECK_FALSE(button(dialog, QDialogButtonBox::Ok)->isEnabled());
    intro->setKeySequence(QKeySequence(Qt::Key_F1));
    CHECK_FALSE(clash->isVisible());

    const Profile p = dialog.profile();
    CHECK(p.audio.microphone_device == "alsa_input.usb-yeti");
    CHECK(p.audio.desktop_device.empty());
    CHECK(p.audio.sample_rate_hz == 44100);
    CHECK(p.hotkeys == std::map<std::string, std::string>{{"start_streaming", "Ctrl+Shift+S"},
                                                          {"switch_scene:Intro", "F1"}});
    intro->clear();
    CHECK(dialog.profile().hotkeys.count("switch_scene:Intro") == 0);
}

TEST_CASE("existing destinations load into the editors, Cancel applies nothing",
          "[settings][dialog]") {
    QTemporaryDir dir;
    Profile profile = start_profile(dir);
    profile.destinations.push_back(
        {"Backup", "twitch", "rtmp://old-ingest.example/app", "live_1", true, {}, {}});
    profile.destinations.push_back({"", "kick", "", "", true, {}, {}});
    SettingsDialog dialog(profile, encoders());
    dialog.show();
    QSignalSpy applied(&dialog, &SettingsDialog::profileApplied);
    auto* list = find<QListWidget>(dialog, "destinationList");
    REQUIRE(list->count() == 2);
    CHECK(find<QLineEdit>(dialog, "destinationNameEdit")->text() == "Backup");
    // A server no longer in the catalogue stays selected.
    CHECK(find<QComboBox>(dialog, "serverCombo")->currentData().toString() ==
          "rtmp://old-ingest.example/app");
    // The second destination's problems show on its list entry.
    CHECK(list->item(1)->foreground().color() == problem_colour());
    CHECK_FALSE(list->item(1)->toolTip().isEmpty());
    CHECK_FALSE(button(dialog, QDialogButtonBox::Ok)->isEnabled());

    list->setCurrentRow(1);
    CHECK(find<QComboBox>(dialog, "serviceCombo")->currentData().toString() == "kick");
    CHECK(find<QLabel>(dialog, "streamKeyError")->isVisible());
    QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Rejected);
    CHECK(applied.count() == 0);
}
