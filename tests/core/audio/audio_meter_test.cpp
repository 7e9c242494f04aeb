#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "core/audio/audio_meter.hpp"

using namespace lm;

namespace {

AudioBlock sine_block(double level_dbfs, double frequency_hz, int frames = 4800) {
    AudioBlock block(2, frames);
    const double amplitude = dbfs_to_amplitude(level_dbfs);
    for (int i = 0; i < frames; ++i) {
        const float v =
            float(amplitude * std::sin(2 * std::numbers::pi * frequency_hz * i / 48000));
        block.channel(0)[i] = v;
        block.channel(1)[i] = v * 0.5f;  // right channel 6 dB lower
    }
    return block;
}

}  // namespace

TEST_CASE("a -6 dBFS sine reads -6 dB on the peak meter and -9 dB RMS", "[audio]") {
    const AudioLevels levels = measure_levels(sine_block(-6.0, 1000));
    REQUIRE(levels.channels == 2);
    CHECK(levels.peak_dbfs[0] == Approx(-6.0).margin(0.1));
    CHECK(levels.rms_dbfs[0] == Approx(-6.0 - 3.01).margin(0.1));
    CHECK(levels.peak_dbfs[1] == Approx(-12.02).margin(0.1));
}

TEST_CASE("a sine at a frequency that never hits its crest still reads within 0.1 dB", "[audio]") {
    // 997 Hz: samples land all over the waveform, so the sample peak is slightly under the
    // true peak, but at 48 kHz the error is far below the meter's resolution.
    const AudioLevels levels = measure_levels(sine_block(-20.0, 997));
    CHECK(levels.peak_dbfs[0] == Approx(-20.0).margin(0.1));
    CHECK(levels.rms_dbfs[0] == Approx(-23.01).margin(0.1));
}

TEST_CASE("silence reads the meter floor, not minus infinity", "[audio]") {
    AudioBlock block(2, 1024);
    const AudioLevels levels = measure_levels(block);
    CHECK(levels.peak_dbfs[0] == kSilenceDbfs);
    CHECK(levels.rms_dbfs[1] == kSilenceDbfs);
    CHECK(std::isfinite(levels.rms_dbfs[1]));
}

TEST_CASE("dBFS conversions are inverse of each other", "[audio]") {
    CHECK(amplitude_to_dbfs(1.0) == Approx(0.0));
    CHECK(amplitude_to_dbfs(0.5) == Approx(-6.0206).epsilon(1e-4));
    CHECK(dbfs_to_amplitude(amplitude_to_dbfs(0.123)) == Approx(0.123));
}
