// The audio mixer: a thread ticking every kAudioTickFrames samples (21.3 ms at 48 kHz) on
// absolute deadlines. Each tick pulls every audible item of the current scene (shifted by its
// sync offset), applies gain and mute, mixes, measures the levels and hands the block to every
// consumer queue. Encoders join and leave as consumers while it runs. Items set to monitor
// are also summed into a monitor mix (after their filters and gain; muted items stay silent)
// handed to the monitor queue; "monitor only" items are left out of the program mix.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/audio/audio_meter.hpp"
#include "core/audio/audio_monitor.hpp"
#include "core/media/audio_block.hpp"
#include "core/media/bounded_queue.hpp"
#include "core/media/consumer_set.hpp"
#include "core/media/latest_value.hpp"
#include "core/scene/program_request.hpp"
#include "core/scene/scene.hpp"

namespace lm {

struct AudioMixerCounters {
    uint64_t ticks = 0;       ///< blocks mixed
    uint64_t ticks_late = 0;  ///< ticks that started more than one tick after their deadline
};

class AudioMixer {
public:
    explicit AudioMixer(int channels);
    ~AudioMixer();  ///< stops the thread
    AudioMixer(const AudioMixer&) = delete;
    AudioMixer& operator=(const AudioMixer&) = delete;

    /// Replaces the scene the next tick mixes: a cut, or during a transition the incoming
    /// scene's new content, the fade going on. MT safe.
    void set_scene(std::shared_ptr<const Scene> scene);
    /// Changes to `scene` with `transition` from the next tick: a fade crossfades the two
    /// scenes' sounds, in step with the video mixer. MT safe.
    void transition_to(std::shared_ptr<const Scene> scene, Transition transition);

    /// Blocks starting at samples in [first_sample, end_sample) go to `queue` (their try_push
    /// drop counts are the consumer's to report); the mixer closes it after the last. MT safe.
    void add_consumer(std::shared_ptr<AudioBlockQueue> queue, int64_t first_sample,
                      int64_t end_sample = ConsumerSet<AudioBlockPtr>::kOpenEnd);
    /// Ends `queue`'s range: it is closed at the next tick. MT safe.
    void end_consumer(const AudioBlockQueue* queue);
    /// Leaves `queue` without the items at [from, to) (a paused recording; kOpenEnd until the
    /// resume is known, then the same `from` with the end). MT safe.
    void skip_for_consumer(const AudioBlockQueue* queue, int64_t from, int64_t to);

    /// Starts ticking; sample 0 is due at `start_ns` (a clock::now_ns() value shared with the
    /// video mixer so both streams start at the same instant).
    void start(int64_t start_ns);
    /// Stops after the current tick and closes the consumer queues. Idempotent; MT safe.
    void stop();
    /// True once the thread has finished (limit reached or stopped).
    bool finished() const { return finished_.load(); }

    /// Mixes one tick synchronously into `out` (channels x kAudioTickFrames), measuring each
    /// audible item into `item_levels` when given. Exposed so tests can drive the mixer
    /// without a clock; the thread calls it too.
    void mix(const Scene& scene, int64_t start_sample, AudioBlock& out,
             std::vector<ItemLevels>* item_levels = nullptr);
    /// Mixes `to` at `progress` and `from` at 1 - progress (a fade); either may be null.
    void mix_transition(const Scene* to, const Scene* from, double progress, int64_t start_sample,
                        AudioBlock& out, std::vector<ItemLevels>* item_levels = nullptr);

    /// The monitor mix of the last mix() / mix_transition() call (channels x
    /// kAudioTickFrames, same start_sample), or null when no unmuted item was set to monitor.
    /// Only for the thread that mixes (tests, or the mixer's own thread).
    const AudioBlock* monitor_mix() const { return monitor_active_ ? &monitor_ : nullptr; }
    /// Each tick with a monitor mix hands a copy to `queue` (try_push: a full queue drops the
    /// block, which keeps the monitor's delay bounded when the device falls behind). Null:
    /// monitor mixes are made (and monitor-only items still left out) but go nowhere. MT safe.
    void set_monitor_queue(std::shared_ptr<AudioBlockQueue> queue);

    AudioMixerCounters counters() const;
    /// Levels of the last mixed block (master bus). MT safe.
    std::shared_ptr<const AudioLevels> levels() const { return levels_.get(); }
    /// Levels of each audible, unmuted item in the last mixed block. MT safe.
    std::shared_ptr<const std::vector<ItemLevels>> item_levels() const {
        return item_levels_.get();
    }

private:
    void run(int64_t start_ns);
    /// Adds scratch_ (one item's sound, gain applied) to the program mix `out` and/or the
    /// monitor mix, as `mode` says.
    void add_to_mixes(MonitoringMode mode, AudioBlock& out);
    void hand_monitor_mix_off();
    /// Adds a stinger's sound at `play_sample` of its run to `out` (audio thread).
    void mix_stinger(TransitionOverlay& stinger, int64_t play_sample, AudioBlock& out);

    const int channels_;
    ConsumerSet<AudioBlockPtr> consumers_;
    struct Contribution {
        const SceneItem* item;
        double weight;
    };
    ProgramRequestBox program_;
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> finished_{false};
    std::atomic<uint64_t> ticks_{0};
    std::atomic<uint64_t> ticks_late_{0};
    LatestValue<AudioLevels> levels_;
    LatestValue<std::vector<ItemLevels>> item_levels_;
    AudioBlock scratch_;                       // audio thread only: one source's contribution
    std::vector<Contribution> contributions_;  // audio thread only; reused every tick
    AudioBlock monitor_;                       // audio thread only: the monitor mix
    bool monitor_active_ = false;              // audio thread only: monitor_ holds this tick
    mutable std::mutex monitor_mutex_;
    std::shared_ptr<AudioBlockQueue> monitor_queue_;  // guarded by monitor_mutex_
    std::thread thread_;
};

}  // namespace lm
