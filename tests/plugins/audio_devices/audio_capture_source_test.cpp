// Tests how an AudioCaptureSource keeps the show going around its backend: retries with the
// backend's message, recovery, and a backend stuck inside a library (as ALSA's pulse plugin can
// be when its server dies) being left behind so the source still recovers and can be destroyed.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <numbers>
#include <thread>
#include <vector>

#include "capture_test_support.hpp"
#include "core/media/clock.hpp"

using namespace lm;
using namespace lm::test;
using namespace std::chrono_literals;

namespace {

/// Releases everything blocked on it when the test is done with it.
class Latch {
public:
    void release() {
        {
            std::lock_guard lock(mutex_);
            released_ = true;
        }
        changed_.notify_all();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return released_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool released_ = false;
};

/// A scripted device: attempt n behaves as `script[n]` (the last entry repeats). `tone` plays
/// a 440 Hz sine at amplitude 0.25 in real time, `fail` reports an error, `hang` plays for
/// 200 ms and then blocks, ignoring its stop request, until `unstick` is released.
class ScriptedBackend final : public CaptureBackend {
public:
    enum class Step { tone = 1, fail, hang };

    explicit ScriptedBackend(std::vector<Step> script) : script_(std::move(script)) {}

    std::string capture(CaptureSink& sink, const StopSignal& stop) override {
        const int attempt = attempts_.fetch_add(1);
        const Step step = script_[std::min<size_t>(attempt, script_.size() - 1)];
        if (step == Step::fail)
            return "scripted: device missing; retrying every 2 s";
        sink.mark_started();
        std::vector<float> chunk(480);
        const int64_t start_ns = clock::now_ns();
        for (int64_t n = 0; !stop.requested(); ++n) {
            if (step == Step::hang && clock::now_ns() - start_ns > 200 * clock::kNsPerMs) {
                unstick.wait();
                return "scripted: came back";
            }
            sink.heartbeat();
            for (int i = 0; i < 480; ++i) {
                const double t = double(n * 480 + i) / kAudioSampleRate;
                chunk[i] = float(0.25 * std::sin(2 * std::numbers::pi * 440 * t));
            }
            clock::sleep_until_ns(start_ns + (n + 1) * 10 * clock::kNsPerMs);
            sink.write_interleaved(chunk.data(), 480, 1, clock::now_ns());
        }
        return {};
    }
    int attempts() const { return attempts_.load(); }

    Latch unstick;

private:
    const std::vector<Step> script_;
    std::atomic<int> attempts_{0};
};

using Step = ScriptedBackend::Step;

}  // namespace

TEST_CASE("a failing device is reported, retried every 2 s, and heard once it works",
          "[audio_devices]") {
    auto backend = std::make_shared<ScriptedBackend>(std::vector{Step::fail, Step::tone});
    AudioCaptureSource source(backend, "scripted", "lm-test-capture");
    REQUIRE(wait_for_status(source, SourceStatus::Level::error, 1s));
    CHECK(source.status().message == "scripted: device missing; retrying every 2 s");
    CHECK(rms_dbfs(pull_like_the_mixer(source, 0.2).left) == kSilenceDbfs);

    REQUIRE(wait_for_status(source, SourceStatus::Level::ok, 3s));
    CHECK(backend->attempts() == 2);
    REQUIRE(wait_for_audio(source, 2s));
    const Captured captured = pull_like_the_mixer(source, 0.6);
    const std::span<const float> tail(captured.left.data() + captured.left.size() / 2,
                                      captured.left.size() / 2);
    CHECK(rms_dbfs(tail) == Approx(-15.05).margin(1.0));
}

TEST_CASE("a capture stuck in a library is left behind, and the source recovers",
          "[audio_devices]") {
    auto backend = std::make_shared<ScriptedBackend>(std::vector{Step::hang, Step::tone});
    {
        AudioCaptureSource source(backend, "scripted", "lm-test-capture");
        REQUIRE(wait_for_status(source, SourceStatus::Level::ok, 1s));
        // 200 ms in, the device hangs: after 5 s without a sign of life the source says so...
        REQUIRE(wait_for_status(source, SourceStatus::Level::error, 8s));
        CHECK(source.status().message ==
              "scripted: the sound system stopped responding (a driver or the sound server "
              "hangs); retrying every 2 s");
        CHECK(rms_dbfs(pull_like_the_mixer(source, 0.3).left) == kSilenceDbfs);
        // ...and 2 s later a fresh attempt plays again.
        REQUIRE(wait_for_status(source, SourceStatus::Level::ok, 4s));
        REQUIRE(wait_for_audio(source, 2s));
        const Captured captured = pull_like_the_mixer(source, 0.6);
        const std::span<const float> tail(captured.left.data() + captured.left.size() / 2,
                                          captured.left.size() / 2);
        CHECK(rms_dbfs(tail) == Approx(-15.05).margin(1.0));
    }
    backend->unstick.release();  // the abandoned attempt may return now; nothing is left to use
    std::this_thread::sleep_for(50ms);
}

TEST_CASE("a source whose capture hangs is still destroyed within about a second",
          "[audio_devices]") {
    auto backend = std::make_shared<ScriptedBackend>(std::vector{Step::hang});
    auto source = std::make_unique<AudioCaptureSource>(backend, "scripted", "lm-test-capture");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 1s));
    std::this_thread::sleep_for(400ms);  // now blocked, ignoring its stop request
    const int64_t start_ns = clock::now_ns();
    source.reset();
    CHECK(clock::now_ns() - start_ns < 1500 * clock::kNsPerMs);
    backend->unstick.release();
    std::this_thread::sleep_for(50ms);
}
