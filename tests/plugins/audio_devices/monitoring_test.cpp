// Audio monitoring against a private PulseAudio server: the engine's monitor mix played on a
// null output "vmonitor", recorded back from that output's monitor and measured, while the
// program mix (what an encoder receives) is read from the mixer.
#include <catch2/catch.hpp>

#include <pulse/error.h>
#include <pulse/simple.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <numbers>
#include <thread>

#include "core/audio/audio_mixer.hpp"
#include "core/audio/monitor_playback.hpp"
#include "core/media/clock.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "plugins/audio_devices/audio_devices_types.hpp"
#include "plugins/audio_devices/device_list.hpp"
#include "pulse_test_server.hpp"
#include "signal_analysis.hpp"

using namespace lm;
using namespace lm::test;

namespace {

constexpr const char* kMonitorSink = "vmonitor";
constexpr double kToneHz = 440;
constexpr double kToneAmplitude = 0.25;  // RMS -15.05 dBFS

/// A 440 Hz sine of amplitude 0.25 on every channel, continuous across ticks.
class ToneSource final : public Source {
public:
    unsigned capabilities() const override { return kAudio; }
    void render_audio(AudioRenderContext& context) override {
        for (int i = 0; i < context.out.frames; ++i) {
            const double t = double(context.start_sample + i) / kAudioSampleRate;
            const auto value =
                static_cast<float>(kToneAmplitude * std::sin(2 * std::numbers::pi * kToneHz * t));
            for (int c = 0; c < context.out.channels; ++c)
                context.out.channel(c)[i] = value;
        }
    }
};

std::shared_ptr<const Scene> tone_scene(MonitoringMode mode) {
    static const auto tone = std::make_shared<ToneSource>();
    auto scene = std::make_shared<Scene>();
    SceneItem item;
    item.id = 1;
    item.source = tone;
    item.monitoring = mode;
    scene->items.push_back(item);
    return scene;
}

/// Records a sink's monitor in 10 ms reads on a thread, noting when each read arrived.
class SinkRecorder {
public:
    explicit SinkRecorder(const std::string& sink) {
        const pa_sample_spec spec{PA_SAMPLE_FLOAT32LE, kAudioSampleRate, 1};
        pa_buffer_attr attr{};
        attr.maxlength = static_cast<uint32_t>(-1);
        attr.fragsize = kChunkFrames * sizeof(float);
        int error = 0;
        stream_ =
            pa_simple_new(nullptr, "monitoring test", PA_STREAM_RECORD, (sink + ".monitor").c_str(),
                          "record", &spec, nullptr, &attr, &error);
        REQUIRE(stream_ != nullptr);
        thread_ = std::thread([this] { run(); });
        // A null output left idle sleeps in 2 s blocks; once the first block has come, the
        // recording's 10 ms reads keep it awake and each read arrives when it was played.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (samples().size() < kChunkFrames * 10) {
            REQUIRE(std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    ~SinkRecorder() {
        stop_.store(true);
        thread_.join();
        pa_simple_free(stream_);
    }
    SinkRecorder(const SinkRecorder&) = delete;
    SinkRecorder& operator=(const SinkRecorder&) = delete;

    /// The samples recorded so far.
    std::vector<float> samples() const {
        std::lock_guard lock(mutex_);
        return samples_;
    }
    /// When the first 10 ms read louder than -40 dBFS at or after `from_ns` arrived, or -1.
    int64_t first_sound_ns(int64_t from_ns) const {
        std::lock_guard lock(mutex_);
        for (size_t chunk = 0; chunk < arrivals_ns_.size(); ++chunk) {
            const std::span<const float> samples(samples_.data() + chunk * kChunkFrames,
                                                 kChunkFrames);
            if (arrivals_ns_[chunk] >= from_ns && rms_dbfs(samples) > -40)
                return arrivals_ns_[chunk];
        }
        return -1;
    }
    /// The last `seconds` recorded.
    std::vector<float> last(double seconds) const {
        const std::vector<float> all = samples();
        const auto count = std::min(all.size(), size_t(seconds * kAudioSampleRate));
        return {all.end() - static_cast<std::ptrdiff_t>(count), all.end()};
    }

private:
    static constexpr size_t kChunkFrames = kAudioSampleRate / 100;

    void run() {
        std::vector<float> chunk(kChunkFrames);
        while (!stop_.load()) {
            int error = 0;
            if (pa_simple_read(stream_, chunk.data(), chunk.size() * sizeof(float), &error) < 0)
                return;
            std::lock_guard lock(mutex_);
            samples_.insert(samples_.end(), chunk.begin(), chunk.end());
            arrivals_ns_.push_back(clock::now_ns());
        }
    }

    pa_simple* stream_ = nullptr;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<float> samples_;        // guarded by mutex_
    std::vector<int64_t> arrivals_ns_;  // guarded by mutex_; one per chunk
    std::thread thread_;
};

/// A private server with the "vmonitor" null output, the engine's audio mixer and its monitor
/// playing on that output, and a program consumer standing in for the audio encoder.
struct MonitoringRig {
    PulseTestServer server;
    PluginRegistry registry;
    AudioMixer mixer{2};
    std::unique_ptr<MonitorPlayback> playback;
    std::shared_ptr<AudioBlockQueue> program = std::make_shared<AudioBlockQueue>(1000);

    MonitoringRig() {
        REQUIRE(run_quietly(
            fmt::format("pactl load-module module-null-sink sink_name={} rate=48000 channels=2",
                        kMonitorSink)));
        register_audio_devices_types(registry);
        playback = std::make_unique<MonitorPlayback>(registry, 2, kMonitorSink);
        mixer.set_scene(tone_scene(MonitoringMode::off));
        mixer.add_consumer(program, 0);
        playback->start(mixer);
        mixer.start(clock::now_ns());
    }
    ~MonitoringRig() {
        mixer.stop();
        playback.reset();
    }

    /// RMS of the program's blocks mixed from now on, over `seconds`.
    double program_rms_dbfs(double seconds) {
        while (program->try_pop()) {
        }
        std::vector<float> left;
        while (left.size() < size_t(seconds * kAudioSampleRate)) {
            auto block = program->pop_for(std::chrono::seconds(2));
            REQUIRE(block);
            const auto channel = (*block)->channel(0);
            left.insert(left.end(), channel.begin(), channel.end());
        }
        return rms_dbfs(left);
    }
};

/// Whether some client plays on the output named `sink` right now.
bool stream_on(const std::string& sink) {
    return run_quietly(fmt::format(
        "test -n \"$(pactl list short sink-inputs | awk -v sink=\"$(pactl list short sinks | "
        "awk '$2 == \"{}\" {{print $1}}')\" '$2 == sink')\"",
        sink));
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace

TEST_CASE("monitor only: the tone reaches the monitoring device soon, the program is silent",
          "[audio_devices][pulse][monitoring]") {
    MonitoringRig rig;
    SinkRecorder recorder(kMonitorSink);
    CHECK_FALSE(rig.playback->device_open());  // nothing monitored: no device held

    const int64_t turned_on_ns = clock::now_ns();
    rig.mixer.set_scene(tone_scene(MonitoringMode::monitor_only));
    REQUIRE(wait_until([&] { return recorder.first_sound_ns(turned_on_ns) > 0; },
                       std::chrono::seconds(3)));
    const double delay_ms = double(recorder.first_sound_ns(turned_on_ns) - turned_on_ns) / 1e6;
    INFO("tone heard " << delay_ms << " ms after monitoring was turned on");
    CHECK(delay_ms < 250);

    CHECK(rig.program_rms_dbfs(1.0) < -90);  // the stream and recordings carry nothing of it
    const std::vector<float> heard = recorder.last(1.0);
    CHECK(peak_frequency_hz(heard) == Approx(kToneHz).margin(5));
    CHECK(rms_dbfs(heard) == Approx(-15.05).margin(1.5));
    CHECK(rig.playback->device_open());
}

TEST_CASE("monitor and output: heard on the monitor and carried by the program",
          "[audio_devices][pulse][monitoring]") {
    MonitoringRig rig;
    SinkRecorder recorder(kMonitorSink);
    rig.mixer.set_scene(tone_scene(MonitoringMode::monitor_and_output));
    CHECK(rig.program_rms_dbfs(1.5) == Approx(-15.05).margin(0.2));
    const std::vector<float> heard = recorder.last(1.0);
    CHECK(peak_frequency_hz(heard) == Approx(kToneHz).margin(5));
    CHECK(rms_dbfs(heard) == Approx(-15.05).margin(1.5));
}

TEST_CASE("off: the monitor stays silent and its device is given back",
          "[audio_devices][pulse][monitoring]") {
    MonitoringRig rig;
    SinkRecorder recorder(kMonitorSink);
    rig.mixer.set_scene(tone_scene(MonitoringMode::monitor_only));
    REQUIRE(wait_until([&] { return stream_on(kMonitorSink); }, std::chrono::seconds(3)));

    rig.mixer.set_scene(tone_scene(MonitoringMode::off));
    // The device closes about a second after the last monitored tick.
    CHECK(wait_until([&] { return !stream_on(kMonitorSink); }, std::chrono::seconds(3)));
    CHECK_FALSE(rig.playback->device_open());
    CHECK(rig.program_rms_dbfs(1.0) == Approx(-15.05).margin(0.2));
    CHECK(rms_dbfs(recorder.last(1.0)) < -90);
}

TEST_CASE("the monitoring device can change while playing", "[audio_devices][pulse][monitoring]") {
    MonitoringRig rig;
    SinkRecorder on_vsink(PulseTestServer::kSinkName);
    rig.mixer.set_scene(tone_scene(MonitoringMode::monitor_only));
    REQUIRE(wait_until([&] { return stream_on(kMonitorSink); }, std::chrono::seconds(3)));

    rig.playback->set_device("default");  // the server's default output is "vsink"
    CHECK(rig.playback->device() == "default");
    CHECK(
        wait_until([&] { return stream_on(PulseTestServer::kSinkName); }, std::chrono::seconds(3)));
    CHECK_FALSE(stream_on(kMonitorSink));
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    CHECK(peak_frequency_hz(on_vsink.last(1.0)) == Approx(kToneHz).margin(5));
}

TEST_CASE("monitoring devices list default first, then every output of the server",
          "[audio_devices][pulse][monitoring]") {
    PulseTestServer server;
    REQUIRE(
        run_quietly(fmt::format("pactl load-module module-null-sink sink_name={} "
                                "sink_properties=device.description=Headphones",
                                kMonitorSink)));
    const std::vector<AudioDevice> list = list_monitoring_devices();
    REQUIRE(list.size() == 3);
    CHECK(list[0].name == "default");
    CHECK(list[0].description == "System default output");
    CHECK(list[1].name == PulseTestServer::kSinkName);
    CHECK(list[2].name == kMonitorSink);
    CHECK(list[2].description == "Headphones");

    server.stop(SIGTERM);
    const std::vector<AudioDevice> without_server = list_monitoring_devices();
    REQUIRE(without_server.size() == 1);
    CHECK(without_server.front().name == "default");
}
