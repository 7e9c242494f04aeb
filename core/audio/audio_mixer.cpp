#include "core/audio/audio_mixer.hpp"

#include <pthread.h>

#include <algorithm>

#include "core/media/clock.hpp"

namespace lm {

AudioMixer::AudioMixer(int channels) : channels_(channels), scratch_(channels, kAudioTickFrames) {}

AudioMixer::~AudioMixer() {
    stop();
    if (thread_.joinable())
        thread_.join();
}

void AudioMixer::set_scene(std::shared_ptr<const Scene> scene) {
    scene_.store(std::move(scene));
}

void AudioMixer::add_consumer(std::shared_ptr<AudioBlockQueue> queue, int64_t first_sample,
                              int64_t end_sample) {
    consumers_.add(std::move(queue), first_sample, end_sample);
}

void AudioMixer::end_consumer(const AudioBlockQueue* queue) {
    consumers_.end_at(queue, ConsumerSet<AudioBlockPtr>::kEndNow);
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
    std::fill(out.samples.begin(), out.samples.end(), 0.0f);
    out.start_sample = start_sample;
    for (const SceneItem& item : scene.items) {
        if (!item.source || item.muted || !(item.source->capabilities() & Source::kAudio)) {
            continue;
        }
        std::fill(scratch_.samples.begin(), scratch_.samples.end(), 0.0f);
        const int64_t offset_samples = item.sync_offset_ms * kAudioSampleRate / 1000;
        scratch_.start_sample = start_sample - offset_samples;
        AudioRenderContext context{scratch_.start_sample, scratch_};
        item.source->render_audio(context);
        const float gain = static_cast<float>(dbfs_to_amplitude(item.gain_db));
        for (size_t i = 0; i < scratch_.samples.size(); ++i) {
            scratch_.samples[i] *= gain;
            out.samples[i] += scratch_.samples[i];
        }
        if (item_levels)
            item_levels->push_back({item.id, measure_levels(scratch_)});
    }
}

void AudioMixer::run(int64_t start_ns) {
    pthread_setname_np(pthread_self(), "lm-audio");
    const Rational tick_duration{kAudioTickFrames, kAudioSampleRate};
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
        if (const auto scene = scene_.load())
            mix(*scene, start_sample, *block, &item_levels);
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
