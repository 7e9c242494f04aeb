#include "core/media/rational.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <limits>

namespace {

constexpr lm::Rational kFrame30{1, 30};
constexpr lm::Rational kSamples48k{1, 48'000};
constexpr lm::Rational kMs{1, 1'000};
constexpr int64_t kNsPerDay = 86'400LL * 1'000'000'000LL;

}  // namespace

TEST_CASE("rescale converts between frame, sample and nanosecond time bases", "[media]") {
    // One second expressed in each base.
    CHECK(lm::rescale(30, kFrame30, lm::kNanoseconds) == 1'000'000'000);
    CHECK(lm::rescale(48'000, kSamples48k, lm::kNanoseconds) == 1'000'000'000);
    CHECK(lm::rescale(1'000'000'000, lm::kNanoseconds, kSamples48k) == 48'000);
    CHECK(lm::rescale(30, kFrame30, kSamples48k) == 48'000);
    // One frame at 30 fps is 1600 samples exactly.
    CHECK(lm::rescale(1, kFrame30, kSamples48k) == 1'600);
    // One audio tick (1024 samples) is 21.333... ms.
    CHECK(lm::rescale(1024, kSamples48k, lm::kNanoseconds) == 21'333'333);
    // FLV timestamps are milliseconds.
    CHECK(lm::rescale(7, kFrame30, kMs) == 233);
}

TEST_CASE("rescale rounds to the nearest, halves away from zero", "[media]") {
    // 1/30 s = 33'333'333.33 ns rounds down; 2/30 s = 66'666'666.67 ns rounds up.
    CHECK(lm::rescale(1, kFrame30, lm::kNanoseconds) == 33'333'333);
    CHECK(lm::rescale(2, kFrame30, lm::kNanoseconds) == 66'666'667);
    // Exact halves: 1/2 -> 1, 3/2 -> 2, and symmetric for negatives.
    CHECK(lm::rescale(1, {1, 2}, {1, 1}) == 1);
    CHECK(lm::rescale(3, {1, 2}, {1, 1}) == 2);
    CHECK(lm::rescale(-1, {1, 2}, {1, 1}) == -1);
    CHECK(lm::rescale(-3, {1, 2}, {1, 1}) == -2);
    // Just below a half goes down.
    CHECK(lm::rescale(1'499, kMs, {1, 1}) == 1);
    CHECK(lm::rescale(1'500, kMs, {1, 1}) == 2);
}

TEST_CASE("rescale is symmetric for negative timestamps (B-frame dts before zero)", "[media]") {
    for (int64_t frames = 1; frames < 100; ++frames) {
        INFO("frames " << frames);
        CHECK(lm::rescale(-frames, kFrame30, lm::kNanoseconds) ==
              -lm::rescale(frames, kFrame30, lm::kNanoseconds));
    }
    CHECK(lm::rescale(-2, kFrame30, kMs) == -67);
}

TEST_CASE("rescale does not overflow for days and years of nanoseconds", "[media]") {
    // value * 48000 overflows 64 bits for anything past ~2 days of nanoseconds; the 128-bit
    // intermediate keeps it exact.
    const int64_t year_ns = 365 * kNsPerDay;
    CHECK(lm::rescale(year_ns, lm::kNanoseconds, kSamples48k) == 365LL * 86'400 * 48'000);
    CHECK(lm::rescale(365LL * 86'400 * 48'000, kSamples48k, lm::kNanoseconds) == year_ns);
    CHECK(lm::rescale(-year_ns, lm::kNanoseconds, kSamples48k) == -365LL * 86'400 * 48'000);
    // A 10-day stream at 30000/1001 fps: the frame count and back.
    const lm::Rational ntsc_frame{1'001, 30'000};
    const int64_t ten_days_ns = 10 * kNsPerDay;
    const int64_t frames = lm::rescale(ten_days_ns, lm::kNanoseconds, ntsc_frame);
    CHECK(frames == 25'894'106);  // 864000 s * 30000 / 1001 = 25894105.89...
    CHECK(std::llabs(lm::rescale(frames, ntsc_frame, lm::kNanoseconds) - ten_days_ns) <
          33'366'667 / 2 + 1);
    // The largest nanosecond value still converts (292 years).
    const int64_t max_ns = std::numeric_limits<int64_t>::max();
    CHECK(lm::rescale(max_ns, lm::kNanoseconds, lm::kNanoseconds) == max_ns);
    CHECK(lm::rescale(max_ns, lm::kNanoseconds, {1, 1}) == 9'223'372'037);
}

TEST_CASE("frame n at 30000/1001 fps is stamped n * 1001/30000 s without drift", "[media]") {
    const lm::Rational frame_duration{1'001, 30'000};
    CHECK(lm::rescale(0, frame_duration, lm::kNanoseconds) == 0);
    CHECK(lm::rescale(1, frame_duration, lm::kNanoseconds) == 33'366'667);   // 33366666.67
    CHECK(lm::rescale(3, frame_duration, lm::kNanoseconds) == 100'100'000);  // exact
    // 30000 frames are exactly 1001 s: accumulating a rounded duration would be off by
    // 30000 * 0.33 ns = 10 us; computing from n each time is exact.
    CHECK(lm::rescale(30'000, frame_duration, lm::kNanoseconds) == 1'001'000'000'000);
    // A day of frames: still within half a nanosecond of the exact value.
    const int64_t n = 2'589'410;                                                // about 24 h
    const __int128 exact_times_3 = static_cast<__int128>(n) * 1'001 * 100'000;  // ns * 3
    const int64_t pts = lm::rescale(n, frame_duration, lm::kNanoseconds);
    CHECK(static_cast<int64_t>(exact_times_3 - static_cast<__int128>(pts) * 3) <= 1);
    CHECK(static_cast<int64_t>(exact_times_3 - static_cast<__int128>(pts) * 3) >= -1);
    // And frame duration times n in the 90 kHz MPEG clock is exact: 3003 ticks per frame.
    CHECK(lm::rescale(n, frame_duration, {1, 90'000}) == n * 3'003);
}

TEST_CASE("Rational compares by value and reduces", "[media]") {
    CHECK(lm::Rational{30'000, 1'001} == lm::Rational{60'000, 2'002});
    CHECK_FALSE(lm::Rational{30, 1} == lm::Rational{25, 1});
    CHECK(lm::Rational{60'000, 2'002}.reduced().num == 30'000);
    CHECK(lm::Rational{60'000, 2'002}.reduced().den == 1'001);
    CHECK(lm::Rational{30'000, 1'001}.inverse().num == 1'001);
    CHECK(lm::Rational{30'000, 1'001}.to_double() == Approx(29.97002997));
}

TEST_CASE("rescale refuses a zero time base", "[media]") {
    CHECK_THROWS_AS(lm::rescale(1, {1, 0}, lm::kNanoseconds), std::invalid_argument);
    CHECK_THROWS_AS(lm::rescale(1, kFrame30, {0, 1}), std::invalid_argument);
}
