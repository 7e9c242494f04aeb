#include "ui/widgets/level_meter.hpp"

#include <QImage>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using lm::ui::LevelMeter;

namespace {

lm::AudioLevels levels(int channels, double peak_db, double rms_db) {
    lm::AudioLevels result;
    result.channels = channels;
    for (int i = 0; i < channels; ++i) {
        result.peak_dbfs[i] = peak_db;
        result.rms_dbfs[i] = rms_db;
    }
    return result;
}

QColor bright(double db) {
    return LevelMeter::zone_colour(db, true);
}
QColor dim(double db) {
    return LevelMeter::zone_colour(db, false);
}

QColor pixel(const QImage& image, int x, int y) {
    return image.pixelColor(x, y);
}

/// Where `db` lands along a meter `length` pixels long: -60 dBFS at 0, 0 dBFS at `length`.
int offset_of(double db, int length) {
    return static_cast<int>(std::lround((db + 60.0) / 60.0 * length));
}

/// The first and last row (or column) of the first bar, found from the dim 0 dBFS end, which
/// nothing lights in these tests.
std::pair<int, int> first_bar_span(const QImage& image, bool horizontal) {
    const int length = horizontal ? image.height() : image.width();
    int first = -1;
    int last = -1;
    for (int i = 0; i < length; ++i) {
        const QColor colour = horizontal ? pixel(image, image.width() - 1, i) : pixel(image, i, 0);
        if (colour == dim(0)) {
            if (first < 0)
                first = i;
            last = i;
        } else if (first >= 0) {
            break;
        }
    }
    return {first, last};
}

}  // namespace

TEST_CASE("A -6 dBFS peak lights the bar up to its pixel, in the zone colours it crosses") {
    LevelMeter meter;
    meter.resize(600, meter.sizeHint().height());
    meter.set_levels(levels(2, -6.0, -15.0), 0.0);
    const QImage image = meter.grab().toImage();
    REQUIRE(image.width() == 600);
    const auto [top, bottom] = first_bar_span(image, true);
    REQUIRE(top >= 0);
    REQUIRE(bottom - top >= 3);
    const int middle = (top + bottom) / 2;
    const int peak = offset_of(-6.0, 600);

    // The solid RMS bar runs green then yellow, the full thickness of the bar.
    CHECK(pixel(image, offset_of(-30, 600), middle) == bright(-30));
    CHECK(pixel(image, offset_of(-30, 600), top) == bright(-30));
    CHECK(pixel(image, offset_of(-16, 600), top) == bright(-16));
    // Beyond the RMS, the peak continues thinner: lit in the middle, dim at the edge.
    CHECK(pixel(image, offset_of(-12, 600), middle) == bright(-12));
    CHECK(pixel(image, offset_of(-12, 600), top) == dim(-12));
    CHECK(pixel(image, offset_of(-7, 600), middle) == bright(-7));
    // The lit part ends exactly at -6 dBFS.
    CHECK(pixel(image, peak - 1, middle) == bright(-6));
    CHECK(pixel(image, peak, middle) == dim(-6));
    CHECK(pixel(image, offset_of(-3, 600), middle) == dim(-3));
}

TEST_CASE("A -12 dBFS level ends in the yellow zone") {
    LevelMeter meter;
    meter.resize(600, meter.sizeHint().height());
    meter.set_levels(levels(1, -12.0, -12.0), 0.0);
    const QImage image = meter.grab().toImage();
    const auto [top, bottom] = first_bar_span(image, true);
    REQUIRE(top >= 0);
    const int middle = (top + bottom) / 2;
    const int end = offset_of(-12.0, 600);
    CHECK(bright(-12) == QColor(0xff, 0xff, 0x4c));
    CHECK(pixel(image, end - 4, middle) == bright(-12));
    CHECK(pixel(image, end + 1, middle) == dim(-12));
    CHECK(pixel(image, offset_of(-8, 600), middle) == dim(-8));
    CHECK(dim(-8) != dim(-12));
}

TEST_CASE("A vertical meter fills from the bottom") {
    LevelMeter meter;
    meter.set_orientation(Qt::Vertical);
    meter.resize(meter.sizeHint().width(), 600);
    meter.set_levels(levels(2, -6.0, -6.0), 0.0);
    const QImage image = meter.grab().toImage();
    const auto [left, right] = first_bar_span(image, false);
    REQUIRE(left >= 0);
    const int centre = (left + right) / 2;
    const int lit_top = 600 - offset_of(-6.0, 600);
    CHECK(pixel(image, centre, 599) == bright(-60));
    CHECK(pixel(image, centre, lit_top) == bright(-6));
    CHECK(pixel(image, centre, lit_top - 1) == dim(-6));
}

TEST_CASE("Silence lights nothing") {
    LevelMeter meter;
    meter.resize(300, meter.sizeHint().height());
    const double minus_infinity = -std::numeric_limits<double>::infinity();
    meter.set_levels(levels(2, minus_infinity, std::nan("")), 0.0);
    CHECK(meter.displayed_peak_db(0) == lm::kSilenceDbfs);
    CHECK(meter.displayed_rms_db(1) == lm::kSilenceDbfs);
    const QImage image = meter.grab().toImage();
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor colour = pixel(image, x, y);
            REQUIRE(colour != bright(-30));
            REQUIRE(colour != bright(-12));
            REQUIRE(colour != bright(-3));
        }
}

TEST_CASE("The displayed peak falls at 20 dB/s and rises at once") {
    LevelMeter meter;
    meter.set_levels(levels(2, -6.0, -10.0), 10.0);
    CHECK(meter.displayed_peak_db(0) == Approx(-6.0));
    meter.set_levels(levels(2, -120.0, -120.0), 10.5);
    CHECK(meter.displayed_peak_db(0) == Approx(-16.0));
    CHECK(meter.displayed_peak_db(1) == Approx(-16.0));
    meter.set_levels(levels(2, -120.0, -120.0), 11.0);
    CHECK(meter.displayed_peak_db(0) == Approx(-26.0));
    // RMS is the measured value as it is.
    CHECK(meter.displayed_rms_db(0) == Approx(-120.0));
    meter.set_levels(levels(2, -3.0, -9.0), 11.1);
    CHECK(meter.displayed_peak_db(0) == Approx(-3.0));
}

TEST_CASE("The decay does not depend on how often levels arrive") {
    LevelMeter often;
    LevelMeter once;
    often.set_levels(levels(1, 0.0, 0.0), 0.0);
    once.set_levels(levels(1, 0.0, 0.0), 0.0);
    for (int tick = 1; tick <= 60; ++tick)
        often.set_levels(levels(1, -120.0, -120.0), tick / 60.0);
    once.set_levels(levels(1, -120.0, -120.0), 1.0);
    CHECK(often.displayed_peak_db(0) == Approx(-20.0));
    CHECK(once.displayed_peak_db(0) == Approx(-20.0));
}

TEST_CASE("The peak hold stays 1.5 s, then falls") {
    LevelMeter meter;
    meter.resize(600, meter.sizeHint().height());
    meter.set_levels(levels(1, -6.0, -6.0), 0.0);
    for (int tick = 1; tick <= 14; ++tick)
        meter.set_levels(levels(1, -120.0, -120.0), tick / 10.0);
    CHECK(meter.peak_hold_db(0) == Approx(-6.0));
    CHECK(meter.displayed_peak_db(0) == Approx(-34.0));

    // The user sees the tick at -6 dBFS while the bar has fallen back.
    const QImage image = meter.grab().toImage();
    const auto [top, bottom] = first_bar_span(image, true);
    REQUIRE(top >= 0);
    const int middle = (top + bottom) / 2;
    CHECK(pixel(image, offset_of(-6.0, 600) - 1, middle) == bright(-6));
    CHECK(pixel(image, offset_of(-8.0, 600), middle) == dim(-8));

    meter.set_levels(levels(1, -120.0, -120.0), 1.6);
    CHECK(meter.peak_hold_db(0) == Approx(-8.0));
    meter.set_levels(levels(1, -120.0, -120.0), 2.0);
    CHECK(meter.peak_hold_db(0) == Approx(-16.0));
    // A new, higher peak takes the hold again.
    meter.set_levels(levels(1, -1.0, -4.0), 2.1);
    CHECK(meter.peak_hold_db(0) == Approx(-1.0));
}

TEST_CASE("The hold never sits below the displayed peak") {
    LevelMeter meter;
    meter.set_levels(levels(1, -6.0, -6.0), 0.0);
    meter.set_levels(levels(1, -10.0, -10.0), 1.0);  // displayed peak -10 (decay allows -26)
    meter.set_levels(levels(1, -10.0, -10.0), 5.0);
    CHECK(meter.displayed_peak_db(0) == Approx(-10.0));
    CHECK(meter.peak_hold_db(0) == Approx(-10.0));
}

TEST_CASE("The size hint grows with the channel count") {
    LevelMeter meter;
    meter.set_levels(levels(2, -20, -20), 0.0);
    const int two = meter.sizeHint().height();
    meter.set_levels(levels(6, -20, -20), 0.1);
    CHECK(meter.channel_count() == 6);
    CHECK(meter.sizeHint().height() > two);
    CHECK(meter.sizeHint().width() > meter.sizeHint().height());
}
