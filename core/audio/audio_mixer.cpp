#include "core/audio/audio_mixer.hpp"

#include <pthread.h>

#include <algorithm>

#include "core/media/clock.hpp"

namespace lm {

AudioMixer::AudioMixer(int channels)
    : channels_(channels),
      scratch_(channels, kAudioTickFrames),
      monitor_(channels, kAudioTickFrames) {}

AudioMixer::~AudioMixer() {
    stop();
    if (thread_.joinable())
        thread_.join();
}

void AudioMixer::set_scene(std::shared_ptr<const Scene> scene) {
    program_.set_scene(std::move(scene));
}

void AudioMixer::transition_to(std::shared_ptr<const Scene> scene, Transition transition) {
    program_.transition_to(std::move(scene), transition);
}

void AudioMixer::add_consumer(std::shared_ptr<AudioBlockQueue> queue, int64_t first_sample,
                              int64_t end_sample) {
    consumers_.add(std::move(queue), first_sample, end_sample);
}

void AudioMixer::end_consumer(const AudioBlockQueue* queue) {
    consumers_.end_at(queue, ConsumerSet<AudioBlockPtr>::kEndNow);
}

void AudioMixer::skip_for_consumer(const AudioBlockQueue* queue, int64_t from, int64_t to) {
    consumers_.skip(queue, from, to);
}

void AudioMixer::start(int64_t start_ns) {
    thread_ = std::thread([this, start_ns] { run(start_ns); });
}

void AudioMixer::stop() {
    stop_requested_.store(true);
}

AudioMixerCounters AudioMixer::counters() const {
    return {ticks_.load(), ticks_late_.load()};
}

void AudioMixer::mix(const Scene& scene, int64_t start_sample, AudioBlock& out,
                     std::vector<ItemLevels>* item_levels) {
    mix_transition(&scene, nullptr, 1.0, start_sample, out, item_levels);
}

void AudioMixer::mix_transition(const Scene* to, const Scene* from, double progress,
                                int64_t start_sample, AudioBlock& out,
                                std::vector<ItemLevels>* item_levels) {
    std::fill(out.samples.begin(), out.samples.end(), 0.0f);
    out.start_sample = start_sample;
    monitor_active_ = false;
    monitor_.start_sample = start_sample;
    // Each source sounds once, however many items show it: a source in both scenes keeps
    // its level through a fade (and a capture source is never read twice in one tick).
    contributions_.clear();
    auto add = [&](const Scene* scene, double weight) {
        if (!scene || weight <= 0)
            return;
        for (const SceneItem& item : scene->items) {
            if (!item.source || item.muted || !(item.source->capabilities() & Source::kAudio))
                continue;
            auto same = std::find_if(contributions_.begin(), contributions_.end(),
                                     [&](const auto& c) { return c.item->source == item.source; });
            if (same == contributions_.end())
                contributions_.push_back({&item, weight});
            else
                same->weight = std::min(1.0, same->weight + weight);
        }
    };
    add(to, progress);
    add(from, 1.0 - progress);
    for (const Contribution& contribution : contributions_) {
        const SceneItem& item = *contribution.item;
        std::fill(scratch_.samples.begin(), scratch_.samples.end(), 0.0f);
        const int64_t offset_samples = item.sync_offset_ms * kAudioSampleRate / 1000;
        scratch_.start_sample = start_sample - offset_samples;
        AudioRenderContext context{scratch_.start_sample, scratch_};
        item.source->render_audio(context);
        const auto gain = static_cast<float>(dbfs_to_amplitude(item.gain_db) * contribution.weight);
        for (float& sample : scratch_.samples)
            sample *= gain;
        add_to_mixes(item.monitoring, out);
        if (item_levels)
            item_levels->push_back({item.id, measure_levels(scratch_)});
    }
}

void AudioMixer::add_to_mixes(MonitoringMode mode, AudioBlock& out) {
    if (mode != MonitoringMode::monitor_only) {
        for (size_t i = 0; i < scratch_.samples.size(); ++i)
            out.samples[i] += scratch_.samples[i];
    }
    if (mode == MonitoringMode::off)
        return;
    if (!monitor_active_) {  // the first monitored item of this tick
        std::fill(monitor_.samples.begin(), monitor_.samples.end(), 0.0f);
        monitor_active_ = true;
    }
    for (size_t i = 0; i < scratch_.samples.size(); ++i)
        monitor_.samples[i] += scratch_.samples[i];
}

void AudioMixer::set_monitor_queue(std::shared_ptr<AudioBlockQueue> queue) {
    std::lock_guard lock(monitor_mutex_);
    monitor_queue_ = std::move(queue);
}

void AudioMixer::hand_monitor_mix_off() {
    // Nothing is sent while nothing is monitored, so the monitor can close its device.
    if (!monitor_active_)
        return;
    std::shared_ptr<AudioBlockQueue> queue;
    {
        std::lock_guard lock(monitor_mutex_);
        queue = monitor_queue_;
    }
    if (queue)
        queue->try_push(std::make_shared<const AudioBlock>(monitor_));
}

void AudioMixer::mix_stinger(TransitionOverlay& stinger, int64_t play_sample, AudioBlock& out) {
    // The stinger's own sound, at full level over the scenes', from its first sample.
    std::fill(scratch_.samples.begin(), scratch_.samples.end(), 0.0f);
    scratch_.start_sample = play_sample;
    AudioRenderContext context{play_sample, scratch_};
    stinger.render_audio(context);
    for (size_t i = 0; i < scratch_.samples.size(); ++i)
        out.samples[i] += scratch_.samples[i];
}

void AudioMixer::run(int64_t start_ns) {
    pthread_setname_np(pthread_self(), "lm-audio");
    const Rational tick_duration{kAudioTickFrames, kAudioSampleRate};
    uint64_t serial = 0;
    std::shared_ptr<const Scene> scene;
    std::shared_ptr<const Scene> from;  // the outgoing scene during a fade
    Transition transition;
    int64_t transition_start = 0;
    for (int64_t tick = 0; !stop_requested_.load(); ++tick) {
        const int64_t start_sample = tick * kAudioTickFrames;
        // Deadlines are computed from the tick number, never accumulated, so the mixer cannot
        // drift from the video mixer that shares start_ns.
        const int64_t deadline = start_ns + rescale(tick, tick_duration, kNanoseconds);
        clock::sleep_until_ns(deadline);
        if (clock::now_ns() - deadline > rescale(1, tick_duration, kNanoseconds)) {
            ticks_late_.fetch_add(1);
        }
        auto block = std::make_shared<AudioBlock>(channels_, kAudioTickFrames);
        std::vector<ItemLevels> item_levels;
        ProgramRequest request = program_.get();
        if (request.serial != serial) {
            serial = request.serial;
            if (!request.edit) {  // an edit changes the content, a running fade goes on
                from = request.transition.kind != Transition::Kind::cut && scene != request.scene
                           ? scene
                           : nullptr;
                transition = request.transition;
                transition_start = start_sample;
            }
            scene = std::move(request.scene);
        }
        const int64_t elapsed_ns =
            rescale(start_sample - transition_start, Rational{1, kAudioSampleRate}, kNanoseconds);
        const double progress = from ? transition.progress(elapsed_ns) : 1.0;
        if (progress >= 1.0)
            from.reset();
        mix_transition(scene.get(), from.get(), from ? transition.audio_progress(elapsed_ns) : 1.0,
                       start_sample, *block, &item_levels);
        if (from && transition.kind == Transition::Kind::stinger && transition.stinger)
            mix_stinger(*transition.stinger, start_sample - transition_start, *block);
        hand_monitor_mix_off();
        item_levels_.publish(std::move(item_levels));
        block->start_sample = start_sample;
        levels_.publish(measure_levels(*block));
        consumers_.deliver(block, start_sample);
        ticks_.fetch_add(1);
    }
    finished_.store(true);
    consumers_.close_all();
}

}  // namespace lm
