// Tests that a device running at 44.1 kHz reaches the mix at 48 kHz with its pitch and level.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "plugins/audio_devices/capture_resampler.hpp"
#include "signal_analysis.hpp"

using namespace lm;
using namespace lm::test;

TEST_CASE("44.1 kHz mono capture plays at 48 kHz at the same pitch and level", "[audio_devices]") {
    constexpr int kDeviceRate = 44'100;
    constexpr int kChunk = kDeviceRate / 100;  // 10 ms reads, as the microphone does
    CaptureResampler resampler(kDeviceRate, 1);
    auto ring = std::make_shared<CaptureRing>();
    CaptureSink sink(ring);

    std::vector<float> played;
    std::vector<float> chunk(kChunk);
    int64_t device_sample = 0;
    int64_t buffered = 0;  // 48 kHz frames in the ring, as far as this test can tell
    for (int read = 0; read < 150; ++read) {  // 1.5 s
        for (float& s : chunk) {
            s = float(0.5 * std::sin(2 * std::numbers::pi * 1000.0 * double(device_sample++) /
                                     kDeviceRate));
        }
        const int64_t now_ns = int64_t(read + 1) * 10'000'000;
        resampler.write(chunk.data(), kChunk, now_ns, sink);
        buffered += 480;
        while (buffered >= kAudioTickFrames + CaptureRing::kPrimeFrames) {
            AudioBlock block(2, kAudioTickFrames);
            ring->read(block, now_ns);
            played.insert(played.end(), block.channel(0).begin(), block.channel(0).end());
            buffered -= kAudioTickFrames;
        }
    }
    REQUIRE(played.size() > size_t(kAudioSampleRate));
    const std::span<const float> last_second(played.data() + played.size() - kAudioSampleRate,
                                             kAudioSampleRate);
    CHECK(peak_frequency_hz(last_second) == Approx(1000).margin(5));
    CHECK(rms_dbfs(last_second) == Approx(-9.03).margin(0.1));
    CHECK(ring->counters().underruns == 0);
}
