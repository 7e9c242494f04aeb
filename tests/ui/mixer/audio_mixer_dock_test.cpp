#include "ui/mixer/audio_mixer_dock.hpp"

#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
#include <catch2/catch.hpp>

#include "test_collection.hpp"
#include "ui/mixer/audio_strip.hpp"
#include "ui/widgets/level_meter.hpp"

using lm::ui::AudioMixerDock;
using lm::ui::AudioStrip;

namespace {

QStringList strip_names(const AudioMixerDock& dock) {
    QStringList names;
    for (const AudioStrip* strip : dock.strips())
        names << strip->objectName();
    return names;
}

lm::AudioLevels loud(int channels) {
    lm::AudioLevels levels;
    levels.channels = channels;
    for (int i = 0; i < channels; ++i) {
        levels.peak_dbfs[i] = -3.0;
        levels.rms_dbfs[i] = -6.0;
    }
    return levels;
}

void flush_deletions() {
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

}  // namespace

TEST_CASE("The mixer shows one strip per audio item of the current scene, in scene order") {
    mixer_test::Studio studio;
    AudioMixerDock dock(studio.controller);
    CHECK(dock.objectName() == "audioMixerDock");
    CHECK(dock.windowTitle() == "Audio Mixer");
    // "Image" makes no sound; "Camera" does (video and audio).
    CHECK(strip_names(dock) == QStringList{"strip:Camera", "strip:Mic", "strip:Desktop Audio"});
    CHECK(dock.findChildren<AudioStrip*>().size() == 3);
    CHECK(dock.findChild<QLabel*>("emptyLabel")->isHidden());

    AudioStrip* mic = dock.strip(studio.item_id("Mic"));
    REQUIRE(mic != nullptr);
    CHECK(mic->source_name() == "Mic");
    CHECK(mic->gain_text() == "-3.2 dB");
    CHECK(mic->fader_db() == Approx(-3.2).margin(0.01));
    CHECK_FALSE(mic->is_muted());
    CHECK(dock.strip(studio.item_id("Desktop Audio"))->is_muted());
    CHECK(dock.strip(studio.item_id("Image")) == nullptr);
}

TEST_CASE("Strips follow the scene: removed items lose theirs, new ones get one, others stay") {
    mixer_test::Studio studio;
    AudioMixerDock dock(studio.controller);
    const int mic_id = studio.item_id("Mic");
    AudioStrip* camera = dock.strip(studio.item_id("Camera"));
    AudioStrip* desktop = dock.strip(studio.item_id("Desktop Audio"));
    // A meter mid-decay must not restart when the strips are rebuilt around it.
    camera->meter()->set_levels(loud(2), 1.0);

    SECTION("an item removed takes its strip with it") {
        studio.controller.remove_item(mic_id);
        CHECK(strip_names(dock) == QStringList{"strip:Camera", "strip:Desktop Audio"});
        CHECK(dock.strip(mic_id) == nullptr);
        flush_deletions();
        CHECK(dock.findChild<AudioStrip*>("strip:Mic") == nullptr);
        CHECK(dock.strips()[0] == camera);
        CHECK(dock.strips()[1] == desktop);
        CHECK(camera->meter()->displayed_peak_db(0) == Approx(-3.0));
    }
    SECTION("a source added on top gets a strip at the end") {
        studio.controller.add_source("test_audio", "Guest", nlohmann::json::object());
        CHECK(strip_names(dock) ==
              QStringList{"strip:Camera", "strip:Mic", "strip:Desktop Audio", "strip:Guest"});
        CHECK(dock.strips()[0] == camera);
        CHECK(camera->meter()->displayed_peak_db(0) == Approx(-3.0));
    }
    SECTION("a reorder reorders the strips and keeps them") {
        studio.controller.move_item(mic_id, 0);
        CHECK(strip_names(dock) == QStringList{"strip:Mic", "strip:Camera", "strip:Desktop Audio"});
        CHECK(dock.strips()[1] == camera);
    }
    SECTION("a rename renames the strip") {
        REQUIRE(studio.controller.rename_source(mic_id, "Headset"));
        CHECK(dock.strip(mic_id)->objectName() == "strip:Headset");
        CHECK(dock.strip(mic_id)->source_name() == "Headset");
    }
    SECTION("another scene brings its own strips; a silent scene says so") {
        studio.controller.set_current_scene("Voice");
        CHECK(strip_names(dock) == QStringList{"strip:Mic"});
        studio.controller.set_current_scene("Pictures");
        CHECK(dock.strips().empty());
        flush_deletions();
        CHECK(dock.findChildren<AudioStrip*>().isEmpty());
        CHECK_FALSE(dock.findChild<QLabel*>("emptyLabel")->isHidden());
        CHECK(dock.findChild<QLabel*>("emptyLabel")->text() == "No audio sources in this scene");
    }
}

TEST_CASE("Without a reading the meters fall to silence with their ballistics") {
    mixer_test::Studio studio;
    AudioMixerDock dock(studio.controller);
    AudioStrip* mic = dock.strip(studio.item_id("Mic"));
    AudioStrip* camera = dock.strip(studio.item_id("Camera"));
    // No studio is attached, so the controller has no levels for any item.
    REQUIRE_FALSE(studio.controller.item_levels(studio.item_id("Mic")).has_value());

    dock.refresh_meters(0.0);
    CHECK(camera->meter()->channel_count() == 2);
    CHECK(camera->meter()->displayed_peak_db(0) == lm::kSilenceDbfs);
    CHECK(camera->meter()->displayed_rms_db(1) == lm::kSilenceDbfs);

    mic->meter()->set_levels(loud(2), 10.0);
    dock.refresh_meters(10.1);
    // RMS drops at once; the peak decays at 20 dB/s, so 2 dB after 0.1 s.
    CHECK(mic->meter()->displayed_rms_db(0) == lm::kSilenceDbfs);
    CHECK(mic->meter()->displayed_peak_db(0) == Approx(-5.0));
    CHECK(mic->meter()->channel_count() == 2);
    dock.refresh_meters(20.0);
    CHECK(mic->meter()->displayed_peak_db(0) == lm::kSilenceDbfs);
    CHECK(mic->meter()->peak_hold_db(0) == lm::kSilenceDbfs);
}

TEST_CASE("The dock's sync offset prompt reaches strips made later") {
    mixer_test::Studio studio;
    AudioMixerDock dock(studio.controller);
    QString asked_for;
    dock.set_sync_offset_prompt([&](QWidget*, const QString& name, int64_t) {
        asked_for = name;
        return std::optional<int64_t>(120);
    });
    const int guest = studio.controller.add_source("test_audio", "Guest", nlohmann::json::object());
    dock.strip(guest)->edit_sync_offset();
    CHECK(asked_for == "Guest");
    CHECK(studio.controller.item(guest)->sync_offset_ms == 120);
}
