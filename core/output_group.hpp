// One encode and the destinations it feeds, e.g. "streaming" (every RTMP destination at once)
// or "recording". Groups start and stop while the mixers keep running: a group opens its
// destinations in parallel, then joins the mixers at their next frame, so its stream starts at
// timestamp 0 with a keyframe however long the studio has been open.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/audio/audio_mixer.hpp"
#include "core/encode/encode_worker.hpp"
#include "core/encode/pause_schedule.hpp"
#include "core/output/packet_fanout.hpp"
#include "core/studio.hpp"
#include "core/video/video_mixer.hpp"

namespace lm {

class OutputGroup {
public:
    /// Creates the encoders and outputs; nothing is contacted yet. Throws StudioError:
    /// invalid_settings for a bad request or encoder setting, startup_failed for a missing
    /// plugin. Output ids are `first_output_id`, `first_output_id + 1`, ...
    OutputGroup(std::string name, const PluginRegistry& registry, const StudioSettings& settings,
                const std::vector<OutputRequest>& requests, uint64_t first_output_id);
    /// Stops, gives the outputs a bounded time for their trailers, then cuts blocking calls.
    ~OutputGroup();
    OutputGroup(const OutputGroup&) = delete;
    OutputGroup& operator=(const OutputGroup&) = delete;

    /// Opens every destination at once on background threads (a slow or dead server delays
    /// no one), then joins the mixers, which must outlive the group. With `duration_s` > 0 the
    /// group ends by itself after that much media. Returns at once. Call once.
    void start(VideoMixer& video, AudioMixer& audio, double duration_s);
    /// Waits until every destination has opened or failed; one result per request.
    std::vector<OutputOpenResult> wait_opened();
    /// Ends the encode: destinations still connecting give up, the others get what was encoded
    /// so far and write their trailers. Returns at once. MT safe.
    void stop();
    /// Waits up to `timeout` for every output to be closed.
    bool wait_finished(std::chrono::milliseconds timeout);

    /// Saves the window of every replay buffer in the group into new files; blocks the
    /// calling thread until they are written (the encode goes on). Throws StudioError:
    /// invalid_settings when the group has no replay buffer, not_now when it is not running or
    /// a save failed. MT safe.
    std::vector<ReplaySaved> save_replay();

    /// Pauses the encode a couple of frames ahead (see Studio::pause_group). Throws
    /// StudioError: invalid_settings for a group with a network destination, not_now when not
    /// running. MT safe.
    void pause();
    /// Resumes it a couple of frames ahead. Throws StudioError (not_now when not paused).
    void resume();

    GroupState state() const;
    const std::string& name() const { return name_; }
    /// Adds this group's encoder counters and one OutputStats per destination.
    void add_stats(StatsSnapshot& stats, int64_t now_ns) const;

private:
    void run(VideoMixer& video, AudioMixer& audio, double duration_s);
    void open_all();
    void join_mixers(VideoMixer& video, AudioMixer& audio, double duration_s,
                     std::shared_ptr<PacketFanout> fanout);
    void set_state(GroupState state);
    /// Dynamic bitrate: runs beside the encode, following the network destinations.
    void follow_network();
    void stop_following_network();

    const std::string name_;
    const StudioSettings settings_;
    const uint64_t first_output_id_;
    std::vector<std::shared_ptr<OutputRunner>> runners_;  // one per request, failed ones too
    std::unique_ptr<VideoEncoder> video_encoder_;         // until the workers take them
    std::unique_ptr<AudioEncoder> audio_encoder_;
    /// What the video worker goes on with if the encoder fails mid-stream (null: nothing).
    std::function<std::unique_ptr<VideoEncoder>()> mid_stream_fallback_;
    std::string mid_stream_fallback_name_;
    std::shared_ptr<VideoFrameQueue> video_queue_;
    std::shared_ptr<AudioBlockQueue> audio_queue_;
    std::unique_ptr<VideoEncodeWorker> video_worker_;
    std::unique_ptr<AudioEncodeWorker> audio_worker_;
    std::thread thread_;
    std::thread bitrate_thread_;
    int audio_kbps_ = 0;
    int configured_video_kbps_ = 0;
    /// Dynamic bitrate follows the network destinations: it is on, the encode has a bitrate,
    /// and there is one network destination or the creator chose to follow the slowest
    /// (otherwise a slow destination drops frames alone and the others keep full quality).
    bool follows_network_ = false;
    std::atomic<int> video_kbps_{0};
    /// Every destination is a file or folder: the group may pause (pauses_ is set then).
    std::string network_destination_;  ///< the first network destination's name, if any
    std::shared_ptr<PauseSchedule>
        pauses_;  ///< the video encode's bitrate now (0: fixed, e.g. CRF)

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    GroupState state_ = GroupState::opening;  // guarded by mutex_
    std::vector<OutputOpenResult> results_;   // guarded by mutex_
    bool opened_ = false;                     // guarded by mutex_
    bool stop_requested_ = false;             // guarded by mutex_
    bool encode_ended_ = false;               // guarded by mutex_
    VideoMixer* joined_video_ = nullptr;      // guarded by mutex_: set while consuming
    AudioMixer* joined_audio_ = nullptr;      // guarded by mutex_
    int64_t running_since_ns_ = 0;            // guarded by mutex_
    int64_t pause_first_frame_ = 0;           // guarded by mutex_: of the pause going on
    int64_t pause_first_sample_ = 0;          // guarded by mutex_
};

}  // namespace lm
