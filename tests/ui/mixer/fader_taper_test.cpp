#include "ui/mixer/fader_taper.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace lm::ui;

TEST_CASE("The fader spans -inf at the bottom to 0 dB at the top on OBS's log taper") {
    CHECK(std::isinf(fader_db(0.0)));
    CHECK(fader_db(0.0) < 0);
    CHECK(fader_db(1.0) == 0.0);
    // The middle of the travel sits near -19 dB, as OBS's mixer does (not -48 dB, linear).
    CHECK(fader_db(0.5) == Approx(-18.74).margin(0.01));
    // Most of the travel covers the useful range: -30 dB is about a third of the way up.
    CHECK(fader_position(-30.0) == Approx(0.3676).margin(0.001));
    // Just above the bottom is the quietest finite gain.
    CHECK(fader_db(1e-9) == Approx(kFaderMinDb).margin(0.001));
}

TEST_CASE("Gains map back to the position they came from") {
    double previous = -INFINITY;
    for (int i = 1; i <= 100; ++i) {
        const double position = i / 100.0;
        const double db = fader_db(position);
        CHECK(db > previous);
        CHECK(fader_position(db) == Approx(position).margin(1e-9));
        previous = db;
    }
    CHECK(fader_position(6.0) == 1.0);
    CHECK(fader_position(kFaderMinDb) == 0.0);
    CHECK(fader_position(kFaderSilenceDb) == 0.0);
    CHECK(fader_position(NAN) == 0.0);
}

TEST_CASE("The readout shows one decimal, a sign above unity, and -inf below the range") {
    CHECK(format_gain_db(-3.24) == "-3.2 dB");
    CHECK(format_gain_db(-18.74) == "-18.7 dB");
    CHECK(format_gain_db(0.0) == "0.0 dB");
    CHECK(format_gain_db(-0.04) == "0.0 dB");
    CHECK(format_gain_db(2.5) == "+2.5 dB");
    CHECK(format_gain_db(-95.9) == "-95.9 dB");
    CHECK(format_gain_db(kFaderMinDb) == "-inf dB");
    CHECK(format_gain_db(kFaderSilenceDb) == "-inf dB");
    CHECK(format_gain_db(-INFINITY) == "-inf dB");
}
