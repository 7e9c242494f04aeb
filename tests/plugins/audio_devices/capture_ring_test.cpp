// Tests the capture ring's hand-over and drop policy with numbered samples (sample n of the
// capture has the value n / 1e6), so each check can tell exactly which captured samples a tick
// played: in order, none twice, and never much older than the mixer's own time.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "core/media/clock.hpp"

#include "plugins/audio_devices/capture_ring.hpp"

using namespace lm;

namespace {

constexpr int64_t kMs = 1'000'000;

/// Writes captured samples numbered from `first`, stereo (right = -left), in 10 ms chunks;
/// the last one is stamped `end_ns`.
void capture(CaptureRing& ring, int64_t first, int frames, int64_t end_ns) {
    std::vector<float> chunk;
    for (int done = 0; done < frames;) {
        const int count = std::min(480, frames - done);
        chunk.clear();
        for (int i = 0; i < count; ++i) {
            const auto value = float(double(first + done + i) / 1e6);
            chunk.push_back(value);
            chunk.push_back(-value);
        }
        done += count;
        const int64_t stamp = end_ns - int64_t(frames - done) * 1'000'000'000 / kAudioSampleRate;
        ring.write_interleaved(chunk.data(), count, 2, stamp);
    }
}

/// The capture number of a played sample.
int64_t number(float value) {
    return std::llround(double(value) * 1e6);
}

AudioBlock tick(CaptureRing& ring, int64_t now_ns, int channels = 2) {
    AudioBlock block(channels, kAudioTickFrames);
    ring.read(block, now_ns);
    return block;
}

}  // namespace

TEST_CASE("ticks play the captured samples in order, left and right apart", "[audio_devices]") {
    CaptureRing ring;
    capture(ring, 0, 3000, 100 * kMs);
    const AudioBlock first = tick(ring, 100 * kMs);
    const AudioBlock second = tick(ring, 121 * kMs);
    CHECK(number(first.channel(0)[0]) == 0);
    CHECK(number(first.channel(0)[1023]) == 1023);
    CHECK(number(first.channel(1)[5]) == -5);
    CHECK(number(second.channel(0)[0]) == 1024);
    CHECK(ring.counters().underruns == 0);
    CHECK(ring.counters().frames_dropped == 0);
}

TEST_CASE("a mono capture sounds on both channels at full level", "[audio_devices]") {
    CaptureRing ring;
    const std::vector<float> mono(2048, 0.5f);
    ring.write_interleaved(mono.data(), 2048, 1, 50 * kMs);
    const AudioBlock block = tick(ring, 50 * kMs);
    CHECK(block.channel(0)[100] == 0.5f);
    CHECK(block.channel(1)[100] == 0.5f);
}

TEST_CASE("more than 100 ms beyond a tick: the oldest samples are dropped", "[audio_devices]") {
    CaptureRing ring;
    // 500 ms captured before the mixer first pulls (the source was just added to the scene).
    capture(ring, 0, 24'000, 500 * kMs);
    const AudioBlock block = tick(ring, 500 * kMs);
    // What plays is the newest: one tick plus the 20 ms cushion behind the capture's end.
    const int64_t expected_first = 24'000 - kAudioTickFrames - CaptureRing::kPrimeFrames;
    CHECK(number(block.channel(0)[0]) == expected_first);
    CHECK(ring.counters().frames_dropped == uint64_t(expected_first));
    CHECK(ring.counters().latency_ms == Approx(1000.0 * (24'000 - expected_first) / 48'000));
}

TEST_CASE("samples captured long before the tick are never played", "[audio_devices]") {
    CaptureRing ring;
    capture(ring, 0, 4800, 100 * kMs);
    // The device stalled: the next tick comes 300 ms after the newest sample.
    const AudioBlock block = tick(ring, 400 * kMs);
    CHECK(block.channel(0)[0] == 0.0f);
    CHECK(block.channel(0)[1023] == 0.0f);
    CHECK(ring.counters().frames_dropped == 4800);
    CHECK(ring.counters().underruns == 1);
}

TEST_CASE("a dry ring plays silence, counts it, and waits for a cushion before resuming",
          "[audio_devices]") {
    CaptureRing ring;
    CHECK(tick(ring, 0).channel(0)[0] == 0.0f);
    CHECK(ring.counters().underruns == 1);

    // One tick's worth is not enough after running dry: play on only with the cushion too.
    capture(ring, 0, kAudioTickFrames, 30 * kMs);
    CHECK(tick(ring, 30 * kMs).channel(0)[10] == 0.0f);
    CHECK(ring.counters().underruns == 2);
    capture(ring, kAudioTickFrames, CaptureRing::kPrimeFrames, 50 * kMs);
    const AudioBlock resumed = tick(ring, 50 * kMs);
    CHECK(number(resumed.channel(0)[10]) == 10);
    CHECK(ring.counters().underruns == 2);

    // Running short mid-play: what is there plays, the rest is silent.
    const AudioBlock short_tick = tick(ring, 71 * kMs);
    CHECK(number(short_tick.channel(0)[0]) == kAudioTickFrames);
    CHECK(short_tick.channel(0)[CaptureRing::kPrimeFrames] == 0.0f);
    CHECK(ring.counters().underruns == 3);
}

TEST_CASE("a ring left unpulled keeps nothing old for when it is pulled again", "[audio_devices]") {
    CaptureRing ring;
    // 2 s without a single pull (the source sat in an inactive scene): the ring holds the first
    // second, the rest is dropped and counted.
    capture(ring, 0, 2 * kAudioSampleRate, 2000 * kMs);
    CHECK(ring.counters().frames_captured == 2u * kAudioSampleRate);
    CHECK(ring.counters().frames_dropped == uint64_t(kAudioSampleRate));
    // Pulled again: a second-old sound would be wrong, so the first tick is silent...
    CHECK(tick(ring, 2000 * kMs).channel(0)[0] == 0.0f);
    CHECK(ring.counters().frames_dropped == 2u * kAudioSampleRate);
    // ...and what is captured from then on plays.
    capture(ring, 2 * kAudioSampleRate, 2400, 2050 * kMs);
    const AudioBlock next = tick(ring, 2050 * kMs);
    CHECK(number(next.channel(0)[0]) == 2 * kAudioSampleRate);
}

TEST_CASE("a mono mix gets the average of left and right", "[audio_devices]") {
    CaptureRing ring;
    const std::vector<float> stereo{0.25f, 0.75f};
    for (int i = 0; i < 2048; ++i)
        ring.write_interleaved(stereo.data(), 1, 2, 20 * kMs);
    CHECK(tick(ring, 20 * kMs, 1).channel(0)[0] == 0.5f);
}

TEST_CASE("a capture thread and the audio thread together never replay or reorder samples",
          "[audio_devices]") {
    CaptureRing ring;
    std::atomic<bool> done{false};
    // The capture thread writes numbered 10 ms chunks as fast as it can: far more than is
    // pulled, so every drop rule is exercised while the reader runs. Numbers stay below 2^24,
    // where a float still holds every integer.
    std::thread capture_thread([&] {
        std::vector<float> chunk(2 * 480);
        for (int64_t first = 1; !done.load() && first < (1 << 24) - 480; first += 480) {
            for (int i = 0; i < 480; ++i)
                chunk[2 * i] = chunk[2 * i + 1] = float(first + i);
            ring.write_interleaved(chunk.data(), 480, 2, clock::now_ns());
            std::this_thread::yield();
        }
    });
    float last = 0;
    bool in_order = true;
    int played = 0;
    // The audio thread side: a tick every 0.2 ms for 300 ms, once capture has begun.
    while (ring.counters().frames_captured == 0)
        std::this_thread::yield();
    const int64_t end_ns = clock::now_ns() + 300 * clock::kNsPerMs;
    while (clock::now_ns() < end_ns) {
        AudioBlock block(2, kAudioTickFrames);
        ring.read(block, clock::now_ns());
        for (float value : block.channel(0)) {
            if (value == 0.0f)
                continue;  // silence from an underrun
            in_order = in_order && value > last;
            last = value;
            ++played;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    done.store(true);
    capture_thread.join();
    CHECK(in_order);
    CHECK(played > 0);
}
