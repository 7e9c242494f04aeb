// The sync offset (audio delay) filter on real samples.
#include "tests/plugins/filters/filter_test_support.hpp"

using namespace lm;
using namespace lm::test;

namespace {

/// Where the samples are not silent.
std::vector<size_t> loud_samples(const std::vector<float>& samples) {
    std::vector<size_t> at;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (std::abs(samples[i]) > 0.5f)
            at.push_back(i);
    }
    return at;
}

}  // namespace

TEST_CASE("sync offset makes a click arrive exactly the set time later", "[filters]") {
    // A click at sample 3000, in the third tick.
    auto click = [] {
        return std::make_shared<SoundSource>([](int64_t n) { return n == 3000 ? 1.0f : 0.0f; });
    };
    CHECK(loud_samples(play(*click(), 20)) == std::vector<size_t>{3000});
    // Less than a tick, more than a tick, many ticks: to the sample (48 per millisecond).
    for (const int delay_ms : {10, 100, 250}) {
        INFO(delay_ms << " ms");
        auto delayed = filtered(click(), "sync_offset", {{"delay_ms", delay_ms}});
        CHECK(loud_samples(play(*delayed, 20)) == std::vector<size_t>{3000u + 48u * delay_ms});
    }
    // No delay: the sound as it was.
    CHECK(loud_samples(play(*filtered(click(), "sync_offset", {{"delay_ms", 0}}), 20)) ==
          std::vector<size_t>{3000});
}

TEST_CASE("sync offset delays a continuous sound without a glitch at tick boundaries",
          "[filters]") {
    auto source = sine(0.5);
    auto delayed = filtered(sine(0.5), "sync_offset", {{"delay_ms", 30}});
    const auto original = play(*source, 10);
    const auto later = play(*delayed, 10);
    int differences = 0;
    for (size_t i = 1440; i < later.size(); ++i) {
        if (later[i] != original[i - 1440])
            ++differences;
    }
    CHECK(differences == 0);
    CHECK(peak(std::vector<float>(later.begin(), later.begin() + 1440)) == 0.0);
}
