// When a stinger switches the picture and the sound: at its transition point, or (the sound,
// by default) crossfading over the whole video.
#include "core/scene/transition.hpp"

#include <catch2/catch.hpp>

namespace {

constexpr int64_t kMs = 1'000'000;

lm::Transition one_second_stinger(lm::Transition::StingerAudio audio) {
    lm::Transition t;
    t.kind = lm::Transition::Kind::stinger;
    t.duration_ms = 1000;
    t.stinger_point_ms = 500;
    t.stinger_audio = audio;
    return t;
}

}  // namespace

TEST_CASE("a stinger's picture switches at its transition point", "[scene][transition]") {
    const auto t = one_second_stinger(lm::Transition::StingerAudio::crossfade);
    CHECK_FALSE(t.past_point(0));
    CHECK_FALSE(t.past_point(499 * kMs));
    CHECK(t.past_point(500 * kMs));
    CHECK(t.progress(250 * kMs) == Approx(0.25));
    CHECK(t.progress(2000 * kMs) == 1.0);
    // Other kinds blend from the start.
    lm::Transition fade{lm::Transition::Kind::fade, 300};
    CHECK(fade.past_point(0));
}

TEST_CASE("a stinger's scene sound crossfades, or switches at the point", "[scene][transition]") {
    const auto crossfade = one_second_stinger(lm::Transition::StingerAudio::crossfade);
    CHECK(crossfade.audio_progress(250 * kMs) == Approx(0.25));
    CHECK(crossfade.audio_progress(750 * kMs) == Approx(0.75));
    const auto at_point = one_second_stinger(lm::Transition::StingerAudio::switch_at_point);
    CHECK(at_point.audio_progress(0) == 0.0);
    CHECK(at_point.audio_progress(499 * kMs) == 0.0);
    CHECK(at_point.audio_progress(500 * kMs) == 1.0);
    CHECK(at_point.audio_progress(999 * kMs) == 1.0);
}
