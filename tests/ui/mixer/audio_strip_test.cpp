#include "ui/mixer/audio_strip.hpp"

#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <catch2/catch.hpp>

#include "test_collection.hpp"
#include "ui/mixer/fader_taper.hpp"
#include "ui/mixer/gain_readout.hpp"
#include "ui/widgets/level_meter.hpp"

using lm::ui::AudioStrip;
using lm::ui::GainReadout;

namespace {

lm::AudioLevels loud() {
    lm::AudioLevels levels;
    levels.channels = 2;
    levels.peak_dbfs = {-30.0, -30.0};
    levels.rms_dbfs = {-30.0, -30.0};
    return levels;
}

/// The colour a user sees a little way into the meter's first bar: lit green at -30 dBFS.
QColor meter_colour(AudioStrip& strip) {
    const QImage image = strip.grab().toImage();
    const QRect meter = strip.meter()->geometry();
    return image.pixelColor(meter.left() + meter.width() / 10, meter.top() + 3);
}

bool is_grey(const QColor& colour) {
    return std::abs(colour.red() - colour.green()) < 16 &&
           std::abs(colour.green() - colour.blue()) < 16;
}

QAction* action_named(QMenu* menu, const QString& text) {
    for (QAction* action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("Moving the fader sets the item's gain on the controller") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    CHECK(strip.objectName() == "strip:Mic");

    strip.fader()->setValue(AudioStrip::kFaderSteps);
    CHECK(studio.controller.item(id)->gain_db == 0.0);
    CHECK(strip.gain_text() == "0.0 dB");

    strip.fader()->setValue(AudioStrip::kFaderSteps / 2);
    CHECK(studio.controller.item(id)->gain_db == Approx(-18.74).margin(0.01));
    CHECK(strip.gain_text() == "-18.7 dB");
    CHECK(strip.fader_db() == Approx(-18.74).margin(0.01));

    // The keyboard reaches both ends, the bottom being silence.
    strip.fader()->setFocus();
    QTest::keyClick(strip.fader(), Qt::Key_Home);
    CHECK(studio.controller.item(id)->gain_db <= lm::ui::kFaderSilenceDb);
    CHECK(strip.gain_text() == "-inf dB");
    QTest::keyClick(strip.fader(), Qt::Key_End);
    CHECK(studio.controller.item(id)->gain_db == 0.0);
}

TEST_CASE("A gain set elsewhere moves the fader to within 0.1 dB of it") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    for (double db : {-90.0, -60.0, -40.0, -20.5, -6.0, -3.2, -0.5, -0.05, 0.0}) {
        CAPTURE(db);
        studio.controller.set_item_gain_db(id, db);
        strip.set_item(*studio.controller.item(id));
        CHECK(strip.fader_db() == Approx(db).margin(0.1));
        CHECK(strip.gain_text() == lm::ui::format_gain_db(db));
        // Showing the model's value must not write a rounded value back.
        CHECK(studio.controller.item(id)->gain_db == db);
    }
    // Above unity the fader tops out but the readout tells the truth.
    studio.controller.set_item_gain_db(id, 4.0);
    strip.set_item(*studio.controller.item(id));
    CHECK(strip.fader()->value() == AudioStrip::kFaderSteps);
    CHECK(strip.gain_text() == "+4.0 dB");
}

TEST_CASE("Double-clicking the readout lets a gain be typed") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    strip.show();
    GainReadout* readout = strip.readout();
    QTest::mouseDClick(readout, Qt::LeftButton);
    REQUIRE(readout->is_editing());
    CHECK(readout->editor()->isVisible());
    CHECK(readout->editor()->text() == "-3.2");

    readout->editor()->clear();
    QTest::keyClicks(readout->editor(), "-6.5 dB");
    QTest::keyClick(readout->editor(), Qt::Key_Return);
    CHECK_FALSE(readout->is_editing());
    CHECK(studio.controller.item(id)->gain_db == -6.5);
    CHECK(strip.gain_text() == "-6.5 dB");
    CHECK(strip.fader_db() == Approx(-6.5).margin(0.1));

    SECTION("Escape leaves the gain alone") {
        readout->begin_edit();
        QTest::keyClicks(readout->editor(), "-20");
        QTest::keyClick(readout->editor(), Qt::Key_Escape);
        CHECK_FALSE(readout->is_editing());
        CHECK(studio.controller.item(id)->gain_db == -6.5);
        CHECK(strip.gain_text() == "-6.5 dB");
    }
    SECTION("text that is no number keeps the editor open") {
        readout->begin_edit();
        QTest::keyClicks(readout->editor(), "loud");
        QTest::keyClick(readout->editor(), Qt::Key_Return);
        CHECK(readout->is_editing());
        CHECK(studio.controller.item(id)->gain_db == -6.5);
    }
}

TEST_CASE("Typed gains are read leniently and kept on the fader's range") {
    using R = GainReadout;
    CHECK(R::parse_gain_db("-3.2") == -3.2);
    CHECK(R::parse_gain_db(" -3,5 dB ") == -3.5);
    CHECK(R::parse_gain_db("-12dB") == -12.0);
    CHECK(R::parse_gain_db("6") == 0.0);
    CHECK(R::parse_gain_db("-inf") == lm::ui::kFaderSilenceDb);
    CHECK(R::parse_gain_db("-200") == lm::ui::kFaderSilenceDb);
    CHECK_FALSE(R::parse_gain_db("loud").has_value());
    CHECK_FALSE(R::parse_gain_db("").has_value());
    CHECK_FALSE(R::parse_gain_db("nan").has_value());
}

TEST_CASE("Mute sets the controller and greys the meter") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    strip.resize(400, strip.sizeHint().height());
    strip.meter()->set_levels(loud(), 1.0);
    const QColor lit = meter_colour(strip);
    CHECK(lit == lm::ui::LevelMeter::zone_colour(-30.0, true));
    CHECK_FALSE(is_grey(lit));

    QTest::mouseClick(strip.mute_button(), Qt::LeftButton);
    CHECK(studio.controller.item(id)->muted);
    CHECK(strip.mute_button()->isChecked());
    CHECK(strip.mute_button()->toolTip() == "Unmute");
    const QColor muted = meter_colour(strip);
    CHECK(is_grey(muted));

    // Unmuted from elsewhere (a hotkey, the remote): the strip follows without echoing.
    studio.controller.set_item_muted(id, false);
    strip.set_item(*studio.controller.item(id));
    CHECK_FALSE(strip.mute_button()->isChecked());
    CHECK(meter_colour(strip) == lit);
    CHECK_FALSE(studio.controller.item(id)->muted);
}

TEST_CASE("Sync offset comes from the prompt, within OBS's range, and cancelling changes nothing") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    std::optional<int64_t> answer = 250;
    QString asked_name;
    int64_t asked_current = -1;
    strip.set_sync_offset_prompt([&](QWidget*, const QString& name, int64_t current_ms) {
        asked_name = name;
        asked_current = current_ms;
        return answer;
    });
    QAction* sync = action_named(strip.menu(), "Sync offset…");
    REQUIRE(sync != nullptr);
    CHECK(strip.menu_button()->menu() == strip.menu());
    CHECK(strip.menu_button()->text() == "⋮");

    sync->trigger();
    CHECK(asked_name == "Mic");
    CHECK(asked_current == 0);
    CHECK(studio.controller.item(id)->sync_offset_ms == 250);

    answer = std::nullopt;
    sync->trigger();
    CHECK(asked_current == 250);
    CHECK(studio.controller.item(id)->sync_offset_ms == 250);

    answer = 30000;
    sync->trigger();
    CHECK(studio.controller.item(id)->sync_offset_ms == lm::ui::kMaxSyncOffsetMs);
    answer = -5000;
    sync->trigger();
    CHECK(studio.controller.item(id)->sync_offset_ms == lm::ui::kMinSyncOffsetMs);
}

TEST_CASE("the menu's Filters asks the window for the source's filters dialog") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    QSignalSpy requested(&strip, &AudioStrip::filtersRequested);
    QAction* filters = action_named(strip.menu(), "Filters…");
    REQUIRE(filters != nullptr);
    CHECK(filters->isEnabled());
    filters->trigger();
    REQUIRE(requested.count() == 1);
    CHECK(requested.at(0).at(0).toInt() == id);
}
