#include "core/studio.hpp"

#include <pthread.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/audio/audio_mixer.hpp"
#include "core/audio/monitor_playback.hpp"
#include "core/gpu/gpu_device.hpp"
#include "core/media/clock.hpp"
#include "core/media/latest_value.hpp"
#include "core/output_group.hpp"
#include "core/video/video_mixer.hpp"

namespace lm {
namespace {

constexpr int kMaxCanvasSide = 7680;
constexpr double kMaxFrameRate = 240;
/// The first frame is due this long after everything is up, so start-up is never lag.
constexpr int64_t kStartLeadNs = 50 * clock::kNsPerMs;
/// The group the command line's one-shot start() runs.
constexpr const char* kMainGroup = "main";

[[noreturn]] void invalid(const std::string& message) {
    throw StudioError(StudioError::Kind::invalid_settings, message);
}

bool active(GroupState state) {
    return state != GroupState::finished;
}

}  // namespace

const char* to_string(GroupState state) {
    switch (state) {
        case GroupState::opening:
            return "opening";
        case GroupState::running:
            return "running";
        case GroupState::paused:
            return "paused";
        case GroupState::stopping:
            return "stopping";
        case GroupState::finished:
            return "finished";
    }
    return "unknown";
}

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
    Engine(const PluginRegistry& registry, const StudioSettings& settings)
        : video_mixer(settings.video),
          audio_mixer(settings.audio_channels),
          monitor(registry, settings.audio_channels, settings.monitoring_device) {}

    ~Engine() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        stop_changed.notify_all();
        if (sampler.joinable())
            sampler.join();
        groups.clear();  // each stops and waits for its outputs
        video_mixer.stop();
        audio_mixer.stop();
        if (!start_time_set)
            start_time.set_value(0);
    }

    std::vector<std::shared_ptr<OutputGroup>> group_list() const {
        std::lock_guard lock(mutex);
        std::vector<std::shared_ptr<OutputGroup>> list;
        for (const auto& [name, group] : groups)
            list.push_back(group);
        return list;
    }
    StatsSnapshot totals() const;
    void sample_every_second();

    VideoMixer video_mixer;
    AudioMixer audio_mixer;
    MonitorPlayback monitor;  // after audio_mixer: stops first
    std::mutex start_mutex;   // serialises start_mixing()
    std::promise<int64_t> start_time;
    bool start_time_set = false;      // guarded by start_mutex
    std::atomic<bool> mixing{false};  // set once start_ns is final
    int64_t start_ns = 0;             // written before `mixing`, read-only afterwards
    double cpu_seconds_at_start = 0;  // likewise
    LatestValue<StatsSnapshot> last_second;
    std::thread sampler;

    mutable std::mutex mutex;
    std::condition_variable stop_changed;
    bool stopping = false;  // guarded by mutex
    /// The active group of each name, or the last one that finished. Guarded by mutex.
    std::map<std::string, std::shared_ptr<OutputGroup>> groups;
    uint64_t next_output_id = 1;  // guarded by mutex
};

StatsSnapshot Studio::Engine::totals() const {
    StatsSnapshot stats;
    const int64_t now = clock::now_ns();
    if (mixing.load()) {
        stats.elapsed_s = now > start_ns ? double(now - start_ns) / 1e9 : 0;
        stats.cpu_seconds = process_cpu_seconds() - cpu_seconds_at_start;
    }
    const VideoMixerCounters video = video_mixer.counters();
    stats.frames_rendered = video.frames_rendered;
    stats.frames_missed = video.frames_missed;
    stats.frames_output = video.frames_output;
    stats.render_ms_avg =
        video.frames_rendered ? double(video.render_ns_total) / 1e6 / video.frames_rendered : 0;
    if (auto levels = audio_mixer.levels())
        stats.audio_levels = *levels;
    for (const auto& group : group_list())
        group->add_stats(stats, now);
    return stats;
}

void Studio::Engine::sample_every_second() {
    pthread_setname_np(pthread_self(), "lm-stats");
    StatsSnapshot previous = totals();
    int64_t previous_render_ns = video_mixer.counters().render_ns_total;
    for (int64_t second = 1;; ++second) {
        {
            std::unique_lock lock(mutex);
            const auto deadline = std::chrono::steady_clock::time_point(
                std::chrono::nanoseconds(start_ns + second * clock::kNsPerSecond));
            if (stop_changed.wait_until(lock, deadline, [&] { return stopping; }))
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
            for (OutputStats& output : now.outputs) {
                const auto before = std::find_if(
                    previous.outputs.begin(), previous.outputs.end(),
                    [&](const OutputStats& candidate) { return candidate.id == output.id; });
                const uint64_t bytes_before =
                    before != previous.outputs.end() ? before->counters.bytes : 0;
                output.kbps_last_second =
                    double(output.counters.bytes - bytes_before) * 8 / 1000 / interval_s;
            }
        }
        last_second.publish(now);
        previous = std::move(now);
        previous_render_ns = render_ns;
    }
}

Studio::Studio(const PluginRegistry& registry, StudioSettings settings)
    : registry_(registry), settings_(std::move(settings)) {
    validate_video_format(settings_.video);
    engine_ = std::make_unique<Engine>(registry_, settings_);
}

Studio::~Studio() {
    stop();
    engine_.reset();
}

void Studio::set_scene(std::shared_ptr<const Scene> scene) {
    engine_->video_mixer.set_scene(scene);
    engine_->audio_mixer.set_scene(std::move(scene));
}

void Studio::transition_to(std::shared_ptr<const Scene> scene, Transition transition) {
    if (transition.kind == Transition::Kind::stinger) {
        const int64_t length_ns = transition.stinger ? transition.stinger->duration_ns() : 0;
        if (length_ns <= 0) {
            // No video to hide the change behind (not chosen, not opened yet, or broken): a
            // cut, so the show still goes to the scene asked for.
            spdlog::warn("stinger: {}; cutting instead", transition.stinger
                                                             ? transition.stinger->status().message
                                                             : std::string("no video file chosen"));
            transition.kind = Transition::Kind::cut;
        } else {
            // The transition lasts as long as the video; the point cannot lie beyond it.
            transition.duration_ms = int((length_ns + 999'999) / 1'000'000);
            transition.stinger_point_ms =
                std::clamp(transition.stinger_point_ms, 0, transition.duration_ms);
            transition.stinger->begin_run();
        }
    }
    engine_->video_mixer.transition_to(scene, transition);
    engine_->audio_mixer.transition_to(std::move(scene), transition);
}

void Studio::set_studio_preview(std::shared_ptr<const Scene> scene) {
    engine_->video_mixer.set_studio_preview(std::move(scene));
}

std::shared_ptr<const VideoFrame> Studio::studio_preview_frame() const {
    return engine_->video_mixer.studio_preview();
}

void Studio::start_mixing() {
    Engine& engine = *engine_;
    std::lock_guard lock(engine.start_mutex);
    if (engine.start_time_set)
        return;
    try {
        engine.video_mixer.start(engine.start_time.get_future().share());
    } catch (const std::exception& e) {
        engine.start_time.set_value(0);
        engine.start_time_set = true;
        throw StudioError(StudioError::Kind::startup_failed,
                          fmt::format("cannot start the GPU mixer: {}", e.what()));
    }
    spdlog::info("GPU: {}", engine.video_mixer.gpu_description());
    engine.start_ns = clock::now_ns() + kStartLeadNs;
    engine.cpu_seconds_at_start = process_cpu_seconds();
    engine.monitor.start(engine.audio_mixer);
    engine.audio_mixer.start(engine.start_ns);
    engine.start_time.set_value(engine.start_ns);
    engine.start_time_set = true;
    engine.mixing.store(true);
    engine.sampler = std::thread([&engine] { engine.sample_every_second(); });
}

bool Studio::mixing() const {
    return engine_->mixing.load() && !engine_->video_mixer.finished();
}

void Studio::set_preview_size(int max_width, int max_height) {
    const VideoFormat& canvas = settings_.video;
    if (max_width <= 0 || max_height <= 0) {
        engine_->video_mixer.set_preview_size(0, 0);
        return;
    }
    const double scale =
        std::min({1.0, double(max_width) / canvas.width, double(max_height) / canvas.height});
    const int width = std::max(2, int(std::lround(canvas.width * scale)) & ~1);
    const int height = std::max(2, int(std::lround(canvas.height * scale)) & ~1);
    engine_->video_mixer.set_preview_size(width, height);
}

std::shared_ptr<const std::vector<ItemLevels>> Studio::item_levels() const {
    return engine_->audio_mixer.item_levels();
}

void Studio::set_monitoring_device(const std::string& device) {
    engine_->monitor.set_device(device);
}

std::string Studio::monitoring_device() const {
    return engine_->monitor.device();
}

bool Studio::monitoring_device_open() const {
    return engine_->monitor.device_open();
}

std::shared_ptr<const VideoFrame> Studio::preview_frame() const {
    return engine_->video_mixer.preview();
}

void Studio::start_group(const std::string& name, const std::vector<OutputRequest>& outputs,
                         double duration_s, const nlohmann::json& video_encoder_settings) {
    Engine& engine = *engine_;
    uint64_t first_output_id = 0;
    {
        std::lock_guard lock(engine.mutex);
        if (engine.stopping)
            invalid("the studio is stopping");
        const auto existing = engine.groups.find(name);
        if (existing != engine.groups.end() && active(existing->second->state()))
            invalid(fmt::format("'{}' is already running: stop it first", name));
        first_output_id = engine.next_output_id;
        engine.next_output_id += outputs.size();
    }
    // Everything that can be checked without side effects, before the GPU or any network.
    StudioSettings settings = settings_;
    if (video_encoder_settings.is_object())
        settings.video_encoder_settings.merge_patch(video_encoder_settings);
    auto group = std::make_shared<OutputGroup>(name, registry_, settings, outputs, first_output_id);
    start_mixing();
    {
        std::lock_guard lock(engine.mutex);
        if (engine.stopping)
            invalid("the studio is stopping");
        const auto existing = engine.groups.find(name);
        if (existing != engine.groups.end() && active(existing->second->state()))
            invalid(fmt::format("'{}' is already running: stop it first", name));
        engine.groups[name] = group;
    }
    group->start(engine.video_mixer, engine.audio_mixer, duration_s);
}

std::vector<OutputOpenResult> Studio::wait_group_opened(const std::string& name) {
    std::shared_ptr<OutputGroup> group;
    {
        std::lock_guard lock(engine_->mutex);
        const auto found = engine_->groups.find(name);
        if (found == engine_->groups.end())
            return {};
        group = found->second;
    }
    return group->wait_opened();
}

void Studio::stop_group(const std::string& name) {
    std::lock_guard lock(engine_->mutex);
    const auto found = engine_->groups.find(name);
    if (found != engine_->groups.end())
        found->second->stop();
}

namespace {
std::shared_ptr<OutputGroup> find_group(
    std::mutex& mutex, const std::map<std::string, std::shared_ptr<OutputGroup>>& groups,
    const std::string& name) {
    std::lock_guard lock(mutex);
    const auto found = groups.find(name);
    if (found == groups.end())
        invalid(fmt::format("no output group '{}'", name));
    return found->second;
}
}  // namespace

std::vector<ReplaySaved> Studio::save_replay(const std::string& name) {
    // Outside the studio's lock: writing the file takes a moment.
    return find_group(engine_->mutex, engine_->groups, name)->save_replay();
}

void Studio::pause_group(const std::string& name) {
    find_group(engine_->mutex, engine_->groups, name)->pause();
}

void Studio::resume_group(const std::string& name) {
    find_group(engine_->mutex, engine_->groups, name)->resume();
}

std::optional<GroupState> Studio::group_state(const std::string& name) const {
    std::lock_guard lock(engine_->mutex);
    const auto found = engine_->groups.find(name);
    if (found == engine_->groups.end())
        return std::nullopt;
    return found->second->state();
}

std::vector<OutputOpenResult> Studio::start(const std::vector<OutputRequest>& outputs,
                                            double duration_s) {
    return start({GroupRequest{kMainGroup, outputs, nullptr}}, duration_s);
}

std::vector<OutputOpenResult> Studio::start(const std::vector<GroupRequest>& groups,
                                            double duration_s) {
    try {
        for (const GroupRequest& group : groups)
            start_group(group.name, group.outputs, duration_s, group.video_encoder_settings);
    } catch (const StudioError&) {
        stop();
        throw;
    }
    std::vector<OutputOpenResult> results;
    for (const GroupRequest& group : groups) {
        for (auto& result : wait_group_opened(group.name))
            results.push_back(std::move(result));
    }
    const bool all_failed = std::all_of(results.begin(), results.end(),
                                        [](const auto& result) { return !result.error.empty(); });
    if (all_failed)
        stop();  // nothing to feed: release the GPU thread
    return results;
}

void Studio::stop() {
    {
        std::lock_guard lock(engine_->mutex);
        engine_->stopping = true;
        for (auto& [name, group] : engine_->groups)
            group->stop();
    }
    engine_->stop_changed.notify_all();
    engine_->video_mixer.stop();
    engine_->audio_mixer.stop();
}

bool Studio::wait_finished(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (const auto& group : engine_->group_list()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (!group->wait_finished(std::max(left, std::chrono::milliseconds(0))))
            return false;
    }
    return true;
}

StatsSnapshot Studio::stats() const {
    return engine_->totals();
}

std::shared_ptr<const StatsSnapshot> Studio::last_second_stats() const {
    return engine_->last_second.get();
}

}  // namespace lm
