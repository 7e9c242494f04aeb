#include "core/output_group.hpp"

#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/media/clock.hpp"
#include "core/output/bitrate_controller.hpp"

namespace lm {
namespace {

/// How much encoded media an output may buffer before its drop policy applies.
constexpr int kOutputBufferSeconds = 10;
/// Frames between "now" and the first frame a joining group takes: the mixer may be rendering
/// the next one already, and every consumer must see its first frame whole.
constexpr int64_t kJoinLeadFrames = 2;

[[noreturn]] void invalid(const std::string& message) {
    throw StudioError(StudioError::Kind::invalid_settings, message);
}

/// A plugin that should be there is not: the installation, not the request, is wrong.
[[noreturn]] void missing_plugin(const char* what, const std::string& id) {
    throw StudioError(
        StudioError::Kind::startup_failed,
        fmt::format("no {} plugin '{}' is loaded (check the plugin folder)", what, id));
}

/// The settings every video encoder shares, for `fallback` to encode as the chosen one did.
/// Mid-stream without B-frames: frames are then never reordered, so the decode times of the
/// fallback's packets follow the failed encoder's in order.
nlohmann::json fallback_settings(const VideoEncoderType& fallback, const StudioSettings& settings,
                                 bool mid_stream) {
    nlohmann::json shared = nlohmann::json::object();
    for (const char* key : {"rate_control", "bitrate_kbps", "max_bitrate_kbps", "keyint_s"}) {
        if (settings.video_encoder_settings.contains(key))
            shared[key] = settings.video_encoder_settings.at(key);
    }
    const bool has_bframes =
        std::any_of(fallback.properties.begin(), fallback.properties.end(),
                    [](const Property& property) { return property.key == "bframes"; });
    if (mid_stream && has_bframes)
        shared["bframes"] = 0;
    return apply_schema(fallback.properties, shared);
}

/// The fallback encoder type for `chosen`, or null when none is set (or it is the same).
const VideoEncoderType* fallback_type(const PluginRegistry& registry,
                                      const VideoEncoderType& chosen,
                                      const StudioSettings& settings) {
    return settings.video_encoder_fallback == chosen.id
               ? nullptr
               : registry.video_encoder(settings.video_encoder_fallback);
}

/// Creates the chosen video encoder. When it cannot open and there is a `fallback` (may be
/// null), says why and creates the fallback from the settings every video encoder shares, so
/// the show goes on (`fell_back` is then set).
std::unique_ptr<VideoEncoder> open_video_encoder(const VideoEncoderType& type,
                                                 const VideoEncoderType* fallback,
                                                 const StudioSettings& settings, bool& fell_back) {
    try {
        return type.create(settings.video,
                           apply_schema(type.properties, settings.video_encoder_settings));
    } catch (const EncoderError& e) {
        if (fallback == nullptr)
            throw;
        spdlog::warn(
            "video encoder '{}' could not open ({}); encoding with '{}' at the same "
            "rate control and bitrate instead",
            type.id, e.what(), fallback->id);
        fell_back = true;
        return fallback->create(settings.video, fallback_settings(*fallback, settings, false));
    }
}

}  // namespace

OutputGroup::OutputGroup(std::string name, const PluginRegistry& registry,
                         const StudioSettings& settings, const std::vector<OutputRequest>& requests,
                         uint64_t first_output_id)
    : name_(std::move(name)), settings_(settings), first_output_id_(first_output_id) {
    if (requests.empty())
        invalid("nothing to do: add at least one stream or recording");
    std::vector<std::unique_ptr<Output>> outputs;
    for (const OutputRequest& request : requests) {
        const OutputType* type = registry.output(request.type);
        if (!type)
            missing_plugin("output", request.type);
        try {
            outputs.push_back(type->create(apply_schema(type->properties, request.settings)));
        } catch (const std::exception& e) {
            invalid(e.what());
        }
    }
    const VideoEncoderType* video_type = registry.video_encoder(settings.video_encoder);
    if (!video_type)
        missing_plugin("video encoder", settings.video_encoder);
    const AudioEncoderType* audio_type = registry.audio_encoder(settings.audio_encoder);
    if (!audio_type)
        missing_plugin("audio encoder", settings.audio_encoder);
    try {
        const VideoEncoderType* fallback = fallback_type(registry, *video_type, settings);
        bool fell_back = false;
        video_encoder_ = open_video_encoder(*video_type, fallback, settings, fell_back);
        // Should the encoder fail later (a driver reset, a GPU session taken), the encode
        // goes on with the fallback from the frames it had not given back.
        if (fallback && !fell_back) {
            const VideoFormat format = settings.video;
            nlohmann::json fallback_config = fallback_settings(*fallback, settings, true);
            mid_stream_fallback_name_ = "'" + fallback->id + "'";
            mid_stream_fallback_ = [fallback, format, fallback_config] {
                try {
                    return fallback->create(format, fallback_config);
                } catch (const EncoderError&) {
                    throw;
                } catch (const std::exception& e) {
                    throw EncoderError(e.what());
                }
            };
        }
        audio_encoder_ = audio_type->create(
            settings.audio_channels,
            apply_schema(audio_type->properties, settings.audio_encoder_settings));
    } catch (const std::exception& e) {
        invalid(e.what());
    }

    const double fps = settings.video.frame_rate.to_double();
    const double audio_blocks_per_second = double(kAudioSampleRate) / kAudioTickFrames;
    const auto queue_capacity = size_t(kOutputBufferSeconds * (fps + audio_blocks_per_second));
    video_kbps_ = video_encoder_->stream_info().bitrate_kbps;
    size_t network_outputs = 0;
    for (const auto& output : outputs) {
        if (!output->reconnectable())
            continue;
        if (network_outputs++ == 0)
            network_destination_ = output->display_name();
    }
    // Only recordings pause: a stream's viewers would be left waiting (OBS does the same).
    if (network_outputs == 0)
        pauses_ = std::make_shared<PauseSchedule>(settings.video.frame_rate);
    // Whether dynamic bitrate will follow the network destinations (see follow_network).
    follows_network_ = settings.network.dynamic_bitrate && video_kbps_.load() > 0 &&
                       (network_outputs == 1 || settings.network.follow_slowest);
    OutputRunnerOptions runner_options;
    runner_options.queue.max_packets = queue_capacity;
    runner_options.reconnect = settings.network.reconnect;
    for (size_t i = 0; i < requests.size(); ++i) {
        OutputRunnerOptions options = runner_options;
        if (!outputs[i]->reconnectable()) {
            // A file or a folder: what falls behind is a disk, not a viewer's latency. A
            // recording never sheds frames for a stall of a few seconds (a busy disk, a sync);
            // only the hard bound of 10 s applies.
            options.queue.shed_disposable = std::chrono::seconds(kOutputBufferSeconds);
            options.queue.shed_video = std::chrono::seconds(kOutputBufferSeconds);
        } else if (follows_network_) {
            // The controller brings the queue back down by lowering the bitrate, which the
            // encoder follows only a second or two later (its VBV buffer): a sudden halving
            // of the link queues close to 2 s meanwhile. Shedding is the backstop beyond that
            // (OBS, with dynamic bitrate on, sheds nothing at all and lets the queue grow).
            options.queue.shed_disposable = std::chrono::milliseconds(2500);
            options.queue.shed_video = std::chrono::milliseconds(3000);
        }
        runners_.push_back(
            std::make_shared<OutputRunner>(std::move(outputs[i]), requests[i].type, options));
    }
    configured_video_kbps_ = video_kbps_.load();
    audio_kbps_ = audio_encoder_->stream_info().bitrate_kbps;
    // Half a second of raw frames may wait for the encoder; beyond that it is encoding lag.
    video_queue_ = std::make_shared<VideoFrameQueue>(std::max<size_t>(4, size_t(fps / 2)));
    audio_queue_ = std::make_shared<AudioBlockQueue>(size_t(audio_blocks_per_second));
}

OutputGroup::~OutputGroup() {
    if (!thread_.joinable())
        return;  // never started (the studio could not start mixing): nothing was opened
    stop();
    if (!wait_finished(std::chrono::seconds(10))) {
        for (auto& runner : runners_)
            runner->interrupt();
    }
    if (thread_.joinable())
        thread_.join();
}

void OutputGroup::start(VideoMixer& video, AudioMixer& audio, double duration_s) {
    thread_ = std::thread([this, &video, &audio, duration_s] { run(video, audio, duration_s); });
}

std::vector<OutputOpenResult> OutputGroup::wait_opened() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return opened_; });
    return results_;
}

void OutputGroup::stop() {
    std::lock_guard lock(mutex_);
    if (stop_requested_)
        return;
    stop_requested_ = true;
    if (joined_video_) {
        joined_video_->end_consumer(video_queue_.get());
        joined_audio_->end_consumer(audio_queue_.get());
    } else if (!opened_) {
        // Still connecting: make the connects give up now rather than at their timeout.
        for (auto& runner : runners_)
            runner->interrupt();
    }
    if (state_ == GroupState::opening || state_ == GroupState::running ||
        state_ == GroupState::paused)
        state_ = GroupState::stopping;
}

bool OutputGroup::wait_finished(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return state_ == GroupState::finished; });
}

std::vector<ReplaySaved> OutputGroup::save_replay() {
    std::vector<std::shared_ptr<OutputRunner>> buffers;
    for (auto& runner : runners_) {
        if (runner->keeps_replay())
            buffers.push_back(runner);
    }
    if (buffers.empty()) {
        throw StudioError(StudioError::Kind::invalid_settings,
                          fmt::format("'{}' has no replay buffer", name_));
    }
    if (const GroupState now = state(); now != GroupState::running) {
        throw StudioError(StudioError::Kind::not_now,
                          fmt::format("'{}' is {}: no replay to save", name_, to_string(now)));
    }
    std::vector<ReplaySaved> saved;
    for (auto& runner : buffers) {
        try {
            saved.push_back(runner->save_replay());
        } catch (const OutputError& e) {
            throw StudioError(StudioError::Kind::not_now, e.what());
        }
    }
    return saved;
}

void OutputGroup::pause() {
    if (!pauses_) {
        throw StudioError(StudioError::Kind::invalid_settings,
                          fmt::format("'{}' cannot pause: it streams to {} (only recordings pause)",
                                      name_, network_destination_));
    }
    {
        std::lock_guard lock(mutex_);
        if (state_ == GroupState::paused)
            throw StudioError(StudioError::Kind::not_now,
                              fmt::format("'{}' is paused already", name_));
        if (state_ != GroupState::running || !joined_video_) {
            throw StudioError(
                StudioError::Kind::not_now,
                fmt::format("'{}' is {}: nothing to pause", name_, to_string(state_)));
        }
        // A couple of frames ahead, as when joining: the mixer may be rendering the next frame
        // already, and the sound at that frame's time has not been mixed yet.
        const int64_t frame = joined_video_->next_frame_index() + kJoinLeadFrames;
        const int64_t sample = pauses_->pause_at(frame);
        joined_video_->skip_for_consumer(video_queue_.get(), frame,
                                         ConsumerSet<VideoFramePtr>::kOpenEnd);
        joined_audio_->skip_for_consumer(audio_queue_.get(), sample,
                                         ConsumerSet<AudioBlockPtr>::kOpenEnd);
        pause_first_frame_ = frame;
        pause_first_sample_ = sample;
        state_ = GroupState::paused;
    }
    changed_.notify_all();
    spdlog::info("{}: paused", name_);
}

void OutputGroup::resume() {
    {
        std::lock_guard lock(mutex_);
        if (state_ != GroupState::paused || !joined_video_) {
            throw StudioError(StudioError::Kind::not_now,
                              fmt::format("'{}' is {}, not paused", name_, to_string(state_)));
        }
        const int64_t frame = joined_video_->next_frame_index() + kJoinLeadFrames;
        const int64_t sample = pauses_->resume_at(frame);
        joined_video_->skip_for_consumer(video_queue_.get(), pause_first_frame_, frame);
        // Blocks only partly in the pause are delivered: the audio worker cuts them.
        joined_audio_->skip_for_consumer(
            audio_queue_.get(), pause_first_sample_,
            std::max(pause_first_sample_, sample - kAudioTickFrames + 1));
        state_ = GroupState::running;
    }
    changed_.notify_all();
    spdlog::info("{}: resumed", name_);
}

GroupState OutputGroup::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

void OutputGroup::set_state(GroupState state) {
    {
        std::lock_guard lock(mutex_);
        // A stop that came in while opening wins over "running".
        if (!(state == GroupState::running && stop_requested_))
            state_ = state;
    }
    changed_.notify_all();
}

void OutputGroup::run(VideoMixer& video, AudioMixer& audio, double duration_s) {
    pthread_setname_np(pthread_self(), "lm-group");
    open_all();
    std::vector<std::shared_ptr<OutputRunner>> opened;
    for (auto& runner : runners_) {
        if (!runner->failed())
            opened.push_back(runner);
    }
    // Back of the pipeline to the front: outputs, encoders, then the mixers' frames.
    for (auto& runner : opened)
        runner->start();
    if (!opened.empty())
        join_mixers(video, audio, duration_s, std::make_shared<PacketFanout>(opened, 2));
    if (!video_worker_) {
        // Stopped while connecting: close what did open (an empty file, a closed connection).
        for (auto& runner : opened)
            runner->end_input();
    }
    if (video_worker_)
        video_worker_->join();
    if (audio_worker_)
        audio_worker_->join();
    stop_following_network();
    for (auto& runner : opened)
        runner->join();
    {
        std::lock_guard lock(mutex_);
        joined_video_ = nullptr;
        joined_audio_ = nullptr;
    }
    set_state(GroupState::finished);
}

void OutputGroup::open_all() {
    const std::vector<StreamInfo> streams{video_encoder_->stream_info(),
                                          audio_encoder_->stream_info()};
    std::vector<OutputOpenResult> results(runners_.size());
    std::vector<std::thread> openers;
    for (size_t i = 0; i < runners_.size(); ++i) {
        results[i].name = runners_[i]->counters().name;
        openers.emplace_back([&, i] {
            pthread_setname_np(pthread_self(), "lm-open");
            try {
                runners_[i]->open(streams);
            } catch (const OutputError& e) {
                results[i].error = e.what();
            }
        });
    }
    for (auto& opener : openers)
        opener.join();
    {
        std::lock_guard lock(mutex_);
        results_ = std::move(results);
        opened_ = true;
    }
    changed_.notify_all();
}

void OutputGroup::join_mixers(VideoMixer& video, AudioMixer& audio, double duration_s,
                              std::shared_ptr<PacketFanout> fanout) {
    std::lock_guard lock(mutex_);
    if (stop_requested_)
        return;
    // The first frame this group takes, and the audio sample at the same instant: both
    // streams are timestamped from there, so they start together at 0.
    const Rational frame_rate = settings_.video.frame_rate;
    const int64_t first_index = video.next_frame_index() + kJoinLeadFrames;
    const int64_t first_sample =
        rescale(first_index, frame_rate.inverse(), Rational{1, kAudioSampleRate});
    int64_t end_index = ConsumerSet<VideoFramePtr>::kOpenEnd;
    int64_t end_sample = ConsumerSet<AudioBlockPtr>::kOpenEnd;
    if (duration_s > 0) {
        end_index = first_index + std::llround(duration_s * frame_rate.to_double());
        end_sample = first_sample + std::llround(duration_s * kAudioSampleRate);
    }
    video_worker_ = std::make_unique<VideoEncodeWorker>(
        std::move(video_encoder_), video_queue_, fanout, "lm-enc-video", first_index, pauses_);
    if (mid_stream_fallback_)
        video_worker_->set_fallback(std::move(mid_stream_fallback_), mid_stream_fallback_name_);
    audio_worker_ = std::make_unique<AudioEncodeWorker>(
        std::move(audio_encoder_), audio_queue_, fanout, "lm-enc-audio", first_sample, pauses_);
    video_worker_->start();
    audio_worker_->start();
    video.add_consumer(video_queue_, first_index, end_index);
    audio.add_consumer(audio_queue_, first_sample, end_sample);
    joined_video_ = &video;
    joined_audio_ = &audio;
    running_since_ns_ = clock::now_ns();
    state_ = GroupState::running;
    changed_.notify_all();
    if (follows_network_)
        bitrate_thread_ = std::thread([this] { follow_network(); });
}

void OutputGroup::follow_network() {
    pthread_setname_np(pthread_self(), "lm-bitrate");
    std::vector<std::shared_ptr<OutputRunner>> network;
    for (auto& runner : runners_) {
        if (runner->reconnectable() && !runner->failed())
            network.push_back(runner);
    }
    if (network.empty())
        return;  // every network destination failed to open
    BitrateController controller(video_kbps_.load(), audio_kbps_);
    const int64_t start_ns = clock::now_ns();
    // Each destination's payload bytes at the last few looks, for the rate it took over the
    // last second (the controller judges its probes by it).
    constexpr size_t kSentHistory = 5;  // looks 250 ms apart: four intervals, one second
    std::vector<std::deque<uint64_t>> sent_bytes(network.size());
    std::unique_lock lock(mutex_);
    while (
        !changed_.wait_for(lock, std::chrono::milliseconds(250), [&] { return encode_ended_; })) {
        lock.unlock();
        const double now_s = double(clock::now_ns() - start_ns) / 1e9;
        double buffered_s = 0;
        double link_kbps = 0;
        double send_busy = 0;
        double sent_kbps = -1;  // the slowest destination's; unknown for the first second
        for (size_t i = 0; i < network.size(); ++i) {
            const OutputCounters counters = network[i]->counters();
            if (counters.state != OutputState::running) {
                sent_bytes[i].clear();
                continue;
            }
            buffered_s = std::max(buffered_s, counters.buffered_ms / 1000);
            send_busy = std::max(send_busy, counters.send_busy);
            if (counters.link_kbps > 0 && (link_kbps == 0 || counters.link_kbps < link_kbps))
                link_kbps = counters.link_kbps;
            std::deque<uint64_t>& history = sent_bytes[i];
            history.push_back(counters.bytes);
            if (history.size() > kSentHistory)
                history.pop_front();
            if (history.size() == kSentHistory) {
                const double kbps = double(history.back() - history.front()) * 8 / 1000;
                sent_kbps = sent_kbps < 0 ? kbps : std::min(sent_kbps, kbps);
            }
        }
        if (const int kbps = controller.update(now_s, buffered_s, link_kbps, send_busy, sent_kbps);
            kbps > 0) {
            spdlog::info("{}: dynamic bitrate {} kbps (queue {:.0f} ms, link {:.0f} kbps)", name_,
                         kbps, buffered_s * 1000, link_kbps);
            video_worker_->request_bitrate(kbps);
            video_kbps_.store(kbps);
        }
        lock.lock();
    }
}

void OutputGroup::stop_following_network() {
    {
        std::lock_guard lock(mutex_);
        encode_ended_ = true;
    }
    changed_.notify_all();
    if (bitrate_thread_.joinable())
        bitrate_thread_.join();
}

void OutputGroup::add_stats(StatsSnapshot& stats, int64_t now_ns) const {
    int64_t running_since_ns = 0;
    const VideoEncodeWorker* video_worker = nullptr;
    bool paused = false;
    {
        std::lock_guard lock(mutex_);
        paused = state_ == GroupState::paused;
        running_since_ns = running_since_ns_;
        video_worker = video_worker_.get();  // set once, under the lock, while joining
    }
    stats.frames_skipped += video_queue_->dropped();
    stats.audio_blocks_skipped += audio_queue_->dropped();
    if (video_worker)
        stats.frames_encoded += video_worker->inputs_encoded();
    const double running_s = running_since_ns > 0 && now_ns > running_since_ns
                                 ? double(now_ns - running_since_ns) / 1e9
                                 : 0;
    for (size_t i = 0; i < runners_.size(); ++i) {
        OutputStats output;
        output.id = first_output_id_ + i;
        output.group = name_;
        output.counters = runners_[i]->counters();
        // The encoder's own trouble shows on every output it feeds, after theirs.
        if (video_worker && output.counters.warning.empty())
            output.counters.warning = video_worker->fallback_warning();
        output.paused = paused;
        output.video_kbps = video_kbps_.load();
        output.configured_video_kbps = configured_video_kbps_;
        if (running_s > 0)
            output.average_kbps = double(output.counters.bytes) * 8 / 1000 / running_s;
        stats.outputs.push_back(std::move(output));
    }
}

}  // namespace lm
