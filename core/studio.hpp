// Studio: the one facade of the engine. The UI, the command line and the remote control drive
// everything through it; it owns the mixers, encoders and outputs and hands out immutable
// stats snapshots. Public methods are MT safe unless noted.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/encode/encoder.hpp"
#include "core/output/reconnect_policy.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene.hpp"
#include "core/scene/transition.hpp"
#include "core/studio_stats.hpp"

namespace lm {

class StudioError : public std::runtime_error {
public:
    enum class Kind {
        invalid_settings = 1,  ///< the request itself is wrong (bad URL, bad encoder setting)
        startup_failed,        ///< right request, but it could not run (no GPU, no destination)
        not_now,  ///< an action that cannot be done in the present state (nothing to save yet)
    };
    StudioError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

/// How output groups treat network destinations.
struct NetworkSettings {
    ReconnectPolicy reconnect;
    /// Lower the video bitrate while a network destination falls behind, raise it back as it
    /// recovers (see BitrateController). Needs an encoder that can change its bitrate live.
    bool dynamic_bitrate = true;
    /// With several network destinations on one encode: follow the slowest (every viewer gets
    /// the lower quality) instead of leaving the slow one to drop frames alone.
    bool follow_slowest = false;
};

struct StudioSettings {
    NetworkSettings network;
    VideoFormat video;
    int audio_channels = 2;
    std::string video_encoder = "x264";
    /// When set and `video_encoder` fails to open (a hardware encoder without its hardware, or
    /// every session taken), this encoder is used instead with the settings every video
    /// encoder shares (rate_control, bitrate_kbps, max_bitrate_kbps, keyint_s), and a warning
    /// says why. Empty: no fallback, the failure stops the start.
    std::string video_encoder_fallback;
    nlohmann::json video_encoder_settings = nlohmann::json::object();
    std::string audio_encoder = "aac";
    nlohmann::json audio_encoder_settings = nlohmann::json::object();
    /// Where the creator hears the items set to monitor: "default" follows the system's
    /// default output; otherwise an output device's name as the audio monitor type lists it.
    std::string monitoring_device = "default";
};

/// Checks a canvas is one the engine can render and encode; throws StudioError
/// (invalid_settings) naming the problem.
void validate_video_format(const VideoFormat& format);

struct OutputRequest {
    std::string type;  ///< output plugin id: "rtmp", "record"
    nlohmann::json settings;
};

/// One output group to start: its destinations, and how its encode differs from the
/// studio's (e.g. `{"bitrate_kbps": 1200}` for a destination that needs a lower bitrate).
struct GroupRequest {
    std::string name;
    std::vector<OutputRequest> outputs;
    /// Merged over StudioSettings::video_encoder_settings (JSON merge patch); null: none.
    nlohmann::json video_encoder_settings;
};

/// How opening one requested output went; `error` is empty on success.
struct OutputOpenResult {
    std::string name;  ///< never contains a secret
    std::string error;
};

/// Where an output group is in its life.
enum class GroupState {
    opening = 1,  ///< connecting to its destinations
    running,      ///< encoding and sending
    paused,       ///< a recording paused: nothing is encoded until it resumes
    stopping,     ///< stop asked: flushing, writing trailers
    finished,     ///< every output closed (or none could open)
};
const char* to_string(GroupState state);

class VideoFrame;

/// The studio runs for a whole session: once mixing has started, the preview and meters are
/// live, and output groups ("streaming", "recording") start and stop independently, each with
/// its own encode, each stream starting at timestamp 0.
class Studio {
public:
    /// `registry` must outlive the studio.
    Studio(const PluginRegistry& registry, StudioSettings settings);
    ~Studio();  ///< stops and waits
    Studio(const Studio&) = delete;
    Studio& operator=(const Studio&) = delete;

    const StudioSettings& settings() const { return settings_; }

    /// Shows `scene` on program from the next frame and audio tick.
    void set_scene(std::shared_ptr<const Scene> scene);
    /// Changes program to `scene` with `transition` (a fade runs in both mixers, so the
    /// stream and the recording show it). A stinger lasts as long as its video, which starts
    /// from its first frame; one without a playable video is a cut. MT safe.
    void transition_to(std::shared_ptr<const Scene> scene, Transition transition);
    /// Studio mode: renders `scene` as the preview beside program (null: studio mode off).
    void set_studio_preview(std::shared_ptr<const Scene> scene);
    /// The newest picture of the studio-mode preview scene (RGBA, preview size), or null.
    std::shared_ptr<const VideoFrame> studio_preview_frame() const;

    /// Starts the GPU and both mixers (idempotent). Throws StudioError (startup_failed) when
    /// there is no usable GPU.
    void start_mixing();
    bool mixing() const;

    /// Turns the preview on at the largest size that fits `max_width` x `max_height` with the
    /// canvas's aspect (never larger than the canvas); 0 x 0 turns it off. MT safe.
    void set_preview_size(int max_width, int max_height);
    /// The newest program picture as RGBA, or null (preview off, or not mixing yet). MT safe.
    std::shared_ptr<const VideoFrame> preview_frame() const;

    /// The meter reading of each audible item of the program scene (by SceneItem::id), from
    /// the newest audio tick; null before mixing. MT safe.
    std::shared_ptr<const std::vector<ItemLevels>> item_levels() const;

    /// Audio monitoring. Which items are heard is each SceneItem's `monitoring` (set it with
    /// the scene, like gain and mute); this picks the output device they play on ("" or
    /// "default": the system's default output). Takes effect at once while mixing (the
    /// monitor restarts on the new device), else when mixing starts. Without an audio monitor
    /// plugin the monitor mix goes nowhere (monitor-only items are still left out of the
    /// program), and a warning says so once. MT safe.
    void set_monitoring_device(const std::string& device);
    std::string monitoring_device() const;
    /// Whether the monitoring device is open right now: only while something is monitored
    /// (it closes about a second after the last monitored item stops). MT safe.
    bool monitoring_device_open() const;

    /// Starts the output group `name`: checks the requests and creates its encoders at once
    /// (throws StudioError: invalid_settings for a bad request, a group of that name still
    /// active, or a bad encoder setting; startup_failed for a missing plugin or GPU), starts
    /// mixing if needed, then opens the destinations in the background and returns without
    /// waiting for any network. With `duration_s` > 0 the group ends by itself after that much
    /// media. A finished group of the same name is replaced (its counters go with it).
    /// `video_encoder_settings`, when an object, is merged over the studio's for this group's
    /// own encode (a second encoder at another bitrate).
    void start_group(const std::string& name, const std::vector<OutputRequest>& outputs,
                     double duration_s = 0, const nlohmann::json& video_encoder_settings = {});
    /// Waits until every destination of `name` has opened or failed; one result per request
    /// (empty when there is no such group).
    std::vector<OutputOpenResult> wait_group_opened(const std::string& name);
    /// Stops the group `name` (destinations still connecting give up). Returns at once.
    void stop_group(const std::string& name);
    /// Saves the last seconds kept by the replay buffer of group `name` (an output of type
    /// "replay_buffer") into a new file each, and returns their paths and lengths. Blocks the
    /// calling thread until the files are written (a fraction of a second); the encode and
    /// the buffer go on meanwhile. Throws StudioError: invalid_settings when there is no such
    /// group or it has no replay buffer, not_now when it is not running, holds nothing yet or
    /// the file could not be written (the message says which).
    std::vector<ReplaySaved> save_replay(const std::string& name);

    /// Pauses group `name`, a recording: from a couple of frames ahead, nothing is encoded
    /// until resume_group(); the files go on after the resume as if the paused time never
    /// happened (no gap, no frozen picture, sound and picture as in sync as before). Returns
    /// at once. Throws StudioError: invalid_settings when there is no such group or it sends
    /// to a network destination (a stream cannot pause: viewers would be left waiting),
    /// not_now when it is not running or already paused.
    void pause_group(const std::string& name);
    /// Resumes a paused group, a couple of frames ahead. Throws StudioError (not_now when it is
    /// not paused).
    void resume_group(const std::string& name);

    /// The state of group `name`, or nothing when it was never started.
    std::optional<GroupState> group_state(const std::string& name) const;

    /// The command line's one-shot: start_group("main", outputs, duration_s), waiting for the
    /// destinations. Returns one result per request; when every one failed, nothing runs and
    /// the studio is finished.
    std::vector<OutputOpenResult> start(const std::vector<OutputRequest>& outputs,
                                        double duration_s);
    /// The same for several groups, each with its own encode, started in order: one result
    /// per request, group after group. A group that cannot start (a bad encoder setting)
    /// stops the ones before it and throws.
    std::vector<OutputOpenResult> start(const std::vector<GroupRequest>& groups, double duration_s);

    /// Asks everything to stop: every group, then the mixers. Returns at once;
    /// wait_finished() waits for the groups.
    void stop();
    /// True when no group is opening, running or stopping. Waits up to `timeout` for it.
    bool wait_finished(std::chrono::milliseconds timeout);

    /// Counters right now (totals; the last-second values come from the sampler).
    StatsSnapshot stats() const;
    /// The newest one-second snapshot, published once per second while mixing; null before.
    std::shared_ptr<const StatsSnapshot> last_second_stats() const;

private:
    struct Engine;

    const PluginRegistry& registry_;
    const StudioSettings settings_;
    std::unique_ptr<Engine> engine_;
};

}  // namespace lm
