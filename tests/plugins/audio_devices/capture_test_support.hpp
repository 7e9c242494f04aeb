// Driving a capture source as the engine does, and waiting for what it should reach.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include "core/media/clock.hpp"
#include "plugins/audio_devices/audio_capture_source.hpp"
#include "pulse_test_server.hpp"
#include "signal_analysis.hpp"

namespace lm::test {

/// What a source gave, channel by channel, over a run of ticks.
struct Captured {
    std::vector<float> left;
    std::vector<float> right;
};

/// Pulls `source` as the audio mixer does: one 1024-sample tick of stereo every 21.3 ms, on
/// absolute deadlines, for `seconds`.
inline Captured pull_like_the_mixer(Source& source, double seconds) {
    Captured captured;
    AudioBlock block(2, kAudioTickFrames);
    const int ticks = static_cast<int>(seconds * kAudioSampleRate / kAudioTickFrames);
    const int64_t start_ns = clock::now_ns();
    for (int tick = 0; tick < ticks; ++tick) {
        clock::sleep_until_ns(start_ns + int64_t(tick) * kAudioTickFrames * clock::kNsPerSecond /
                                             kAudioSampleRate);
        std::fill(block.samples.begin(), block.samples.end(), 0.0f);
        AudioRenderContext context{int64_t(tick) * kAudioTickFrames, block};
        source.render_audio(context);
        captured.left.insert(captured.left.end(), block.channel(0).begin(), block.channel(0).end());
        captured.right.insert(captured.right.end(), block.channel(1).begin(),
                              block.channel(1).end());
    }
    return captured;
}

/// Waits up to `timeout` for the source's status to reach `level`.
inline bool wait_for_status(const Source& source, SourceStatus::Level level,
                            std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (source.status().level != level) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// Waits up to `timeout` until the device has delivered another half second of audio.
inline bool wait_for_audio(const AudioCaptureSource& source, std::chrono::milliseconds timeout) {
    const uint64_t target = source.counters().frames_captured + kAudioSampleRate / 2;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (source.counters().frames_captured < target) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// Pulls 1.25 s like the mixer; the last second must be the test tone, on both channels, at
/// the level played, without gaps and with little delay.
inline void check_hears_tone(AudioCaptureSource& source) {
    REQUIRE(wait_for_audio(source, std::chrono::milliseconds(5000)));
    const uint64_t underruns_before = source.counters().underruns;
    const Captured captured = pull_like_the_mixer(source, 1.25);
    const size_t skip = captured.left.size() - kAudioSampleRate;
    const std::span<const float> left(captured.left.data() + skip, kAudioSampleRate);
    const std::span<const float> right(captured.right.data() + skip, kAudioSampleRate);
    INFO("underruns during the run: " << source.counters().underruns - underruns_before);
    INFO("latency: " << source.counters().latency_ms << " ms");
    CHECK(peak_frequency_hz(left) == Approx(TonePlayer::kFrequencyHz).margin(5));
    CHECK(peak_frequency_hz(right) == Approx(TonePlayer::kFrequencyHz).margin(5));
    CHECK(rms_dbfs(left) == Approx(TonePlayer::kRmsDbfs).margin(1.0));
    CHECK(rms_dbfs(right) == Approx(TonePlayer::kRmsDbfs).margin(1.0));
    CHECK(source.counters().latency_ms < 150);
}

}  // namespace lm::test
