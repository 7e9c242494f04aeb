#include <catch2/catch.hpp>

#include <cmath>

#include "core/audio/audio_meter.hpp"
#include "plugins/basic/test_pattern_source.hpp"

using namespace lm;

TEST_CASE("the flash falls on the first frame at or after every whole second", "[basic]") {
    for (int64_t n = 0; n < 200; ++n) {
        CHECK(TestPatternSource::is_flash_frame(n, {30, 1}) == (n % 30 == 0));
        CHECK(TestPatternSource::is_flash_frame(n, {25, 1}) == (n % 25 == 0));
    }
    // 29.97 fps: second k is first reached by frame ceil(k * 30000 / 1001).
    int flashes = 0;
    for (int64_t n = 0; n < 30 * 120; ++n) {
        if (!TestPatternSource::is_flash_frame(n, {30000, 1001}))
            continue;
        const int64_t k = flashes++;
        CHECK(n == (k * 30000 + 1000) / 1001);
    }
    CHECK(flashes == 121);  // seconds 0..120 of 3600 frames (120.12 s)
}

TEST_CASE("the beep starts exactly on each whole second and lasts 100 ms", "[basic]") {
    TestPatternSource pattern(TestPatternSettings{});
    AudioBlock out(2, kAudioSampleRate * 2);  // two seconds in one go
    AudioRenderContext context{0, out};
    pattern.render_audio(context);

    auto onset_after = [&](int from) {
        for (int i = from; i < out.frames; ++i) {
            if (std::fabs(out.channel(0)[i]) > 0.01f)
                return i;
        }
        return -1;
    };
    // A sine starting at phase 0 is 0 at sample 0; its first non-zero sample is the next one.
    CHECK(onset_after(0) == 1);
    CHECK(onset_after(5000) == kAudioSampleRate + 1);
    // Silent between 100 ms and the next second.
    for (int i = 4800; i < kAudioSampleRate; ++i)
        REQUIRE(out.channel(0)[i] == 0.0f);
    // The beep reads about -6 dBFS.
    AudioBlock beep(2, 4800);
    std::copy_n(out.channel(0).begin(), 4800, beep.channel(0).begin());
    std::copy_n(out.channel(1).begin(), 4800, beep.channel(1).begin());
    CHECK(measure_levels(beep).peak_dbfs[0] == Approx(-6.0).margin(0.1));
}

TEST_CASE("the beep is silent before the stream starts and can be switched off", "[basic]") {
    AudioBlock out(2, kAudioTickFrames);
    TestPatternSource pattern(TestPatternSettings{});
    AudioRenderContext early{-kAudioTickFrames, out};
    pattern.render_audio(early);
    CHECK(measure_levels(out).peak_dbfs[0] == kSilenceDbfs);

    TestPatternSettings quiet;
    quiet.beep = false;
    TestPatternSource silent(quiet);
    AudioRenderContext at_zero{0, out};
    silent.render_audio(at_zero);
    CHECK(measure_levels(out).peak_dbfs[0] == kSilenceDbfs);
}
