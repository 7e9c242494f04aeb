#include "core/studio.hpp"

#include <pthread.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/audio/audio_mixer.hpp"
#include "core/encode/encode_worker.hpp"
#include "core/gpu/gpu_device.hpp"
#include "core/media/clock.hpp"
#include "core/media/latest_value.hpp"
#include "core/output/packet_fanout.hpp"
#include "core/video/video_mixer.hpp"

namespace lm {
namespace {

constexpr int kMaxCanvasSide = 7680;
constexpr double kMaxFrameRate = 240;
/// How much encoded media an output may buffer before its drop policy applies.
constexpr int kOutputBufferSeconds = 10;
/// The first frame is due this long after everything is up, so start-up is never lag.
constexpr int64_t kStartLeadNs = 50 * clock::kNsPerMs;

[[noreturn]] void invalid(const std::string& message) {
    throw StudioError(StudioError::Kind::invalid_settings, message);
}

/// A plugin that should be there is not: the installation, not the request, is wrong.
[[noreturn]] void missing_plugin(const char* what, const std::string& id) {
    throw StudioError(
        StudioError::Kind::startup_failed,
        fmt::format("no {} plugin '{}' is loaded (check the plugin folder)", what, id));
}

}  // namespace

void validate_video_format(const VideoFormat& format) {
    if (format.width <= 0 || format.height <= 0) {
        invalid(fmt::format("video size {}x{} is empty: width and height must be positive",
                            format.width, format.height));
    }
    if (format.width > kMaxCanvasSide || format.height > kMaxCanvasSide) {
        invalid(fmt::format("video size {}x{} is too large: at most {} pixels per side",
                            format.width, format.height, kMaxCanvasSide));
    }
    if (format.width % 2 != 0 || format.height % 2 != 0) {
        invalid(fmt::format("video size {}x{}: width and height must be even (4:2:0 video)",
                            format.width, format.height));
    }
    const double fps = format.frame_rate.den > 0 ? format.frame_rate.to_double() : 0;
    if (!(fps >= 1 && fps <= kMaxFrameRate)) {
        invalid(fmt::format("frame rate {}/{} is out of range: use 1 to {} frames per second",
                            format.frame_rate.num, format.frame_rate.den, kMaxFrameRate));
    }
}

struct Studio::Engine {
    Engine(const StudioSettings& settings)
        : video_queue(std::make_shared<VideoFrameQueue>(
              std::max<size_t>(4, size_t(settings.video.frame_rate.to_double() / 2)))),
          audio_queue(std::make_shared<AudioBlockQueue>(kAudioSampleRate / kAudioTickFrames)),
          video_mixer(settings.video, {video_queue}),
          audio_mixer(settings.audio_channels, {audio_queue}) {}

    ~Engine() {
        video_mixer.stop();
        audio_mixer.stop();
        if (!start_time_set)
            start_time.set_value(0);
        if (finisher.joinable())
            finisher.join();
        if (sampler.joinable())
            sampler.join();
    }

    StatsSnapshot totals() const;
    void sample_every_second();
    void finish();

    std::shared_ptr<VideoFrameQueue> video_queue;
    std::shared_ptr<AudioBlockQueue> audio_queue;
    VideoMixer video_mixer;
    AudioMixer audio_mixer;
    std::promise<int64_t> start_time;
    bool start_time_set = false;
    int64_t start_ns = 0;
    double cpu_seconds_at_start = 0;

    std::vector<std::shared_ptr<OutputRunner>> outputs;  // every request, failed ones too
    std::shared_ptr<PacketFanout> fanout;
    std::unique_ptr<VideoEncodeWorker> video_worker;
    std::unique_ptr<AudioEncodeWorker> audio_worker;

    LatestValue<StatsSnapshot> last_second;
    std::thread sampler;
    std::thread finisher;
    mutable std::mutex done_mutex;
    std::condition_variable done_changed;
    bool done = false;  // guarded by done_mutex
};

StatsSnapshot Studio::Engine::totals() const {
    StatsSnapshot stats;
    const int64_t now = clock::now_ns();
    stats.elapsed_s = start_ns > 0 && now > start_ns ? double(now - start_ns) / 1e9 : 0;
    const VideoMixerCounters video = video_mixer.counters();
    stats.frames_rendered = video.frames_rendered;
    stats.frames_missed = video.frames_missed;
    stats.frames_output = video.frames_output;
    stats.render_ms_avg =
        video.frames_rendered ? double(video.render_ns_total) / 1e6 / video.frames_rendered : 0;
    stats.frames_skipped = video_queue->dropped();
    stats.audio_blocks_skipped = audio_queue->dropped();
    stats.frames_encoded = video_worker ? video_worker->inputs_encoded() : 0;
    stats.cpu_seconds = process_cpu_seconds() - cpu_seconds_at_start;
    if (auto levels = audio_mixer.levels())
        stats.audio_levels = *levels;
    // Every output starts with the mixers; a per-output start comes with reconnecting.
    for (const auto& runner : outputs) {
        OutputStats output;
        output.counters = runner->counters();
        if (stats.elapsed_s > 0)
            output.average_kbps = double(output.counters.bytes) * 8 / 1000 / stats.elapsed_s;
        stats.outputs.push_back(std::move(output));
    }
    return stats;
}

void Studio::Engine::sample_every_second() {
    pthread_setname_np(pthread_self(), "lm-stats");
    StatsSnapshot previous = totals();
    int64_t previous_render_ns = video_mixer.counters().render_ns_total;
    for (int64_t second = 1;; ++second) {
        {
            std::unique_lock lock(done_mutex);
            const auto deadline = std::chrono::steady_clock::time_point(
                std::chrono::nanoseconds(start_ns + second * clock::kNsPerSecond));
            if (done_changed.wait_until(lock, deadline, [&] { return done; }))
                return;
        }
        StatsSnapshot now = totals();
        const int64_t render_ns = video_mixer.counters().render_ns_total;
        const double interval_s = now.elapsed_s - previous.elapsed_s;
        if (interval_s > 0) {
            const uint64_t rendered = now.frames_rendered - previous.frames_rendered;
            now.fps_last_second = double(now.frames_output - previous.frames_output) / interval_s;
            now.render_ms_last_second =
                rendered ? double(render_ns - previous_render_ns) / 1e6 / rendered : 0;
            now.cpu_percent_last_second =
                100 * (now.cpu_seconds - previous.cpu_seconds) / interval_s;
            for (size_t i = 0; i < now.outputs.size() && i < previous.outputs.size(); ++i) {
                const uint64_t bytes =
                    now.outputs[i].counters.bytes - previous.outputs[i].counters.bytes;
                now.outputs[i].kbps_last_second = double(bytes) * 8 / 1000 / interval_s;
            }
        }
        last_second.publish(now);
        previous = std::move(now);
        previous_render_ns = render_ns;
    }
}

// Waits for the pipeline to drain, front to back: mixers close the encoder queues, encoders
// flush into the fan-out, the fan-out ends the outputs' input, outputs write trailers.
void Studio::Engine::finish() {
    pthread_setname_np(pthread_self(), "lm-finish");
    if (video_worker)
        video_worker->join();
    if (audio_worker)
        audio_worker->join();
    for (auto& output : outputs)
        output->join();
    {
        std::lock_guard lock(done_mutex);
        done = true;
    }
    done_changed.notify_all();
}

Studio::Studio(const PluginRegistry& registry, StudioSettings settings)
    : registry_(registry), settings_(std::move(settings)) {
    validate_video_format(settings_.video);
    engine_ = std::make_unique<Engine>(settings_);
}

Studio::~Studio() {
    stop();
    // Give the outputs a bounded time for their trailers, then cut blocking network calls.
    if (!wait_finished(std::chrono::seconds(10))) {
        for (auto& output : engine_->outputs)
            output->interrupt();
    }
}

void Studio::set_scene(std::shared_ptr<const Scene> scene) {
    engine_->video_mixer.set_scene(scene);
    engine_->audio_mixer.set_scene(std::move(scene));
}

std::vector<OutputOpenResult> Studio::start(const std::vector<OutputRequest>& requests,
                                            double duration_s) {
    Engine& engine = *engine_;
    if (requests.empty())
        invalid("nothing to do: add at least one stream or recording");

    // 1. Everything that can be checked without side effects, before anything starts.
    std::vector<std::unique_ptr<Output>> created;
    for (const OutputRequest& request : requests) {
        const OutputType* type = registry_.output(request.type);
        if (!type)
            missing_plugin("output", request.type);
        try {
            created.push_back(type->create(apply_schema(type->properties, request.settings)));
        } catch (const std::exception& e) {
            invalid(e.what());
        }
    }
    std::unique_ptr<VideoEncoder> video_encoder;
    std::unique_ptr<AudioEncoder> audio_encoder;
    try {
        const VideoEncoderType* video_type = registry_.video_encoder(settings_.video_encoder);
        if (!video_type)
            missing_plugin("video encoder", settings_.video_encoder);
        const AudioEncoderType* audio_type = registry_.audio_encoder(settings_.audio_encoder);
        if (!audio_type)
            missing_plugin("audio encoder", settings_.audio_encoder);
        video_encoder = video_type->create(
            settings_.video,
            apply_schema(video_type->properties, settings_.video_encoder_settings));
        audio_encoder = audio_type->create(
            settings_.audio_channels,
            apply_schema(audio_type->properties, settings_.audio_encoder_settings));
    } catch (const StudioError&) {
        throw;
    } catch (const std::exception& e) {
        invalid(e.what());
    }

    // 2. The GPU, before any destination is contacted, so a machine without one fails cleanly.
    const int64_t frame_limit =
        duration_s > 0 ? int64_t(std::llround(duration_s * settings_.video.frame_rate.to_double()))
                       : 0;
    const int64_t sample_limit =
        duration_s > 0 ? int64_t(std::llround(duration_s * kAudioSampleRate)) : 0;
    try {
        engine.video_mixer.start(engine.start_time.get_future().share(), frame_limit);
    } catch (const std::exception& e) {
        throw StudioError(StudioError::Kind::startup_failed,
                          fmt::format("cannot start the GPU mixer: {}", e.what()));
    }
    spdlog::info("GPU: {}", engine.video_mixer.gpu_description());

    // 3. Open every destination at once: a slow or dead server must not delay the others.
    const std::vector<StreamInfo> streams{video_encoder->stream_info(),
                                          audio_encoder->stream_info()};
    const size_t queue_capacity =
        size_t(kOutputBufferSeconds * (settings_.video.frame_rate.to_double() +
                                       double(kAudioSampleRate) / kAudioTickFrames));
    std::vector<OutputOpenResult> results(requests.size());
    std::vector<std::thread> openers;
    for (size_t i = 0; i < requests.size(); ++i) {
        auto runner =
            std::make_shared<OutputRunner>(std::move(created[i]), requests[i].type, queue_capacity);
        results[i].name = runner->counters().name;
        engine.outputs.push_back(runner);
        openers.emplace_back([&, runner, i] {
            try {
                runner->open(streams);
            } catch (const OutputError& e) {
                results[i].error = e.what();
            }
        });
    }
    for (auto& opener : openers)
        opener.join();
    std::vector<std::shared_ptr<OutputRunner>> opened;
    for (auto& runner : engine.outputs) {
        if (!runner->failed())
            opened.push_back(runner);
    }
    if (opened.empty()) {
        // Nothing to feed: release the GPU thread and report; every result carries its error.
        stop();
        engine.start_time.set_value(0);
        engine.start_time_set = true;
        return results;
    }

    // 4. Start from the back of the pipeline to the front, then give the mixers their start.
    engine.fanout = std::make_shared<PacketFanout>(opened, 2);
    engine.video_worker = std::make_unique<VideoEncodeWorker>(
        std::move(video_encoder), engine.video_queue, engine.fanout, "lm-enc-video");
    engine.audio_worker = std::make_unique<AudioEncodeWorker>(
        std::move(audio_encoder), engine.audio_queue, engine.fanout, "lm-enc-audio");
    for (auto& runner : opened)
        runner->start();
    engine.video_worker->start();
    engine.audio_worker->start();

    engine.start_ns = clock::now_ns() + kStartLeadNs;
    engine.cpu_seconds_at_start = process_cpu_seconds();
    engine.audio_mixer.start(engine.start_ns, sample_limit);
    engine.start_time.set_value(engine.start_ns);
    engine.start_time_set = true;
    engine.sampler = std::thread([&engine] { engine.sample_every_second(); });
    engine.finisher = std::thread([&engine] { engine.finish(); });
    return results;
}

void Studio::stop() {
    engine_->video_mixer.stop();
    engine_->audio_mixer.stop();
}

bool Studio::wait_finished(std::chrono::milliseconds timeout) {
    Engine& engine = *engine_;
    if (!engine.finisher.joinable())
        return true;  // never started
    std::unique_lock lock(engine.done_mutex);
    return engine.done_changed.wait_for(lock, timeout, [&] { return engine.done; });
}

StatsSnapshot Studio::stats() const {
    return engine_->totals();
}

std::shared_ptr<const StatsSnapshot> Studio::last_second_stats() const {
    return engine_->last_second.get();
}

}  // namespace lm
