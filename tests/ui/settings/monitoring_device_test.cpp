// Settings ▸ Audio ▸ Monitoring device, fed as the window feeds it: the StudioController asks
// the real audio devices plugin, which asks a private PulseAudio server with null outputs.
#ifdef LM_TEST_AUDIO_DEVICES

#include <catch2/catch.hpp>

#include <QComboBox>
#include <QTemporaryDir>

#include "core/plugin/plugin_registry.hpp"
#include "plugins/audio_devices/audio_devices_types.hpp"
#include "tests/plugins/audio_devices/pulse_test_server.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/settings/settings_dialog.hpp"

using namespace lm::ui;

TEST_CASE("the monitoring device list shows the server's outputs and the choice is saved",
          "[settings][dialog][pulse]") {
    lm::test::PulseTestServer server;
    REQUIRE(
        lm::test::run_quietly("pactl load-module module-null-sink sink_name=headset "
                              "sink_properties=device.description=Headset"));
    lm::PluginRegistry registry;
    lm::register_audio_devices_types(registry);
    StudioController controller(registry);

    QTemporaryDir dir;
    Profile profile = default_profile();
    profile.output.recording_folder = dir.path().toStdString();
    CHECK(profile.audio.monitoring_device == "default");
    SettingsDialog dialog(profile, {{"x264", "x264", true, ""}});
    dialog.set_monitoring_devices(controller.monitoring_devices());
    dialog.show_page(SettingsDialog::Page::audio);

    auto* combo = dialog.findChild<QComboBox*>("monitoringDeviceCombo");
    REQUIRE(combo != nullptr);
    CHECK(combo->currentText() == "Default");
    const int headset = combo->findData(QStringLiteral("headset"));
    REQUIRE(headset >= 0);
    CHECK(combo->itemText(headset) == "Headset");
    CHECK(combo->findData(QStringLiteral("vsink")) >= 0);
    combo->setCurrentIndex(headset);
    CHECK(dialog.profile().audio.monitoring_device == "headset");

    // Unplugged since: the choice stays, and says it is missing.
    Profile saved = dialog.profile();
    saved.audio.monitoring_device = "usb-headphones";
    SettingsDialog again(saved, {{"x264", "x264", true, ""}});
    again.set_monitoring_devices(controller.monitoring_devices());
    auto* kept = again.findChild<QComboBox*>("monitoringDeviceCombo");
    CHECK(kept->currentText() == "usb-headphones (not connected)");
    CHECK(again.profile().audio.monitoring_device == "usb-headphones");
}

#endif
