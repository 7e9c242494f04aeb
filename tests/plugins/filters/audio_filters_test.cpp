// The compressor on real samples.
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("the compressor turns a loud sine down by the ratio and leaves a quiet one alone",
          "[filters]") {
    const nlohmann::json settings = {{"ratio", 4}, {"threshold_db", -18}};
    // -6 dBFS is 12 dB over the threshold; at 4:1, 3 dB over remain: -15 dBFS. The level
    // follower sits a little under a sine's peaks, so a little less is taken off.
    auto loud = filtered(sine(dbfs(-6)), "compressor", settings);
    const double loud_db = to_db(peak(play(*loud, 94), kAudioSampleRate));  // after 1 s
    CHECK(loud_db == Approx(-15).margin(1.5));
    CHECK(loud_db < -12);

    // -30 dBFS never reaches the threshold: every sample exactly as it was.
    auto quiet_source = sine(dbfs(-30));
    auto quiet = filtered(quiet_source, "compressor", settings);
    CHECK(play(*quiet, 20) == play(*quiet_source, 20));

    // The output gain lifts everything, over the threshold or not.
    auto lifted = filtered(sine(dbfs(-30)), "compressor",
                           {{"ratio", 4}, {"threshold_db", -18}, {"output_gain_db", 6}});
    CHECK(to_db(peak(play(*lifted, 20))) == Approx(-24).margin(0.05));

    // A fast attack catches a sudden loud sound within a few milliseconds.
    auto burst = filtered(std::make_shared<SoundSource>([](int64_t n) {
                              const double a = n < 24'000 ? dbfs(-40) : dbfs(-6);
                              return float(a * std::sin(2 * M_PI * 440 * double(n) / 48'000));
                          }),
                          "compressor", {{"ratio", 4}, {"threshold_db", -18}, {"attack_ms", 1}});
    const auto samples = play(*burst, 47);
    // 20 ms after the jump (at 24000 samples) the peaks are already well below -6 dBFS.
    CHECK(to_db(peak(std::vector<float>(samples.begin() + 24'960, samples.begin() + 26'000))) <
          -11);
}
