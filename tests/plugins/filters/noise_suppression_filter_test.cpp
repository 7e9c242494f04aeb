// Noise suppression (speexdsp) on real samples: white noise and a tone in noise.
#include "tests/plugins/filters/filter_test_support.hpp"

#include <random>

using namespace lm;
using namespace lm::test;

namespace {

/// Reproducible white noise (uniform), `level` its RMS amplitude.
std::function<float(int64_t)> noise(double level) {
    auto engine = std::make_shared<std::mt19937>(1234);
    // Uniform on [-a, a] has RMS a / sqrt(3).
    const double a = level * std::sqrt(3.0);
    return [engine, a](int64_t) {
        return float(std::uniform_real_distribution<double>(-a, a)(*engine));
    };
}

/// The amplitude of the `frequency_hz` component of `samples[from..]` (Goertzel).
double tone_level(const std::vector<float>& samples, size_t from, double frequency_hz) {
    const double w = 2 * M_PI * frequency_hz / kAudioSampleRate;
    double re = 0;
    double im = 0;
    for (size_t i = from; i < samples.size(); ++i) {
        re += samples[i] * std::cos(w * double(i));
        im += samples[i] * std::sin(w * double(i));
    }
    return 2 * std::hypot(re, im) / double(samples.size() - from);
}

constexpr int kTicks = 47 * 4;          // 4 s
constexpr size_t kLearnt = 48'000 * 2;  // measured after 2 s, once the noise is learnt

}  // namespace

TEST_CASE("noise suppression turns steady white noise down", "[filters]") {
    auto hiss = std::make_shared<SoundSource>(noise(dbfs(-30)));
    auto suppressed = filtered(hiss, "noise_suppression", nlohmann::json::object());
    const double before_db =
        to_db(rms(play(*std::make_shared<SoundSource>(noise(dbfs(-30))), kTicks), kLearnt));
    const double after_db = to_db(rms(play(*suppressed, kTicks), kLearnt));
    INFO("noise " << before_db << " dBFS before, " << after_db << " dBFS after");
    CHECK(before_db == Approx(-30).margin(0.5));
    CHECK(after_db < before_db - 15);
}

TEST_CASE("noise suppression keeps a tone in the noise", "[filters]") {
    // A tone that comes and goes (a quarter of a second on, a quarter off), as a voice does:
    // a tone that never stops is, to Speex, steady noise.
    const auto hissing_tone = [] {
        auto hiss = noise(dbfs(-40));
        return std::make_shared<SoundSource>([hiss](int64_t n) {
            const bool on = (n / 12'000) % 2 == 0;
            const double tone = on ? dbfs(-12) * std::sin(2 * M_PI * 440 * double(n) / 48'000) : 0;
            return float(tone) + hiss(n);
        });
    };
    auto suppressed = filtered(hissing_tone(), "noise_suppression", nlohmann::json::object());
    const auto original = play(*hissing_tone(), kTicks);
    const auto cleaned = play(*suppressed, kTicks);
    const double tone_before = to_db(tone_level(original, kLearnt, 440));
    const double tone_after = to_db(tone_level(cleaned, kLearnt, 440));
    INFO("tone " << tone_before << " dB before, " << tone_after << " dB after");
    CHECK(tone_before == Approx(-18).margin(0.5));  // on half the time: half the amplitude
    CHECK(tone_after == Approx(tone_before).margin(2));
    // While the tone is off, the hiss that is left is much quieter than it was.
    const auto quiet = [](const std::vector<float>& samples) {
        return to_db(rms(std::vector<float>(samples.begin() + 12'000 * 9 + 2'000,
                                            samples.begin() + 12'000 * 10 - 1'000)));
    };
    INFO("hiss between the tones " << quiet(original) << " dBFS before, " << quiet(cleaned)
                                   << " dBFS after");
    CHECK(quiet(cleaned) < quiet(original) - 6);
}
