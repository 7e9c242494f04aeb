// Studio: the one facade of the engine. The UI, the command line and the remote control drive
// everything through it; it owns the mixers, encoders and outputs and hands out immutable
// stats snapshots. Public methods are MT safe unless noted.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/encode/encoder.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene.hpp"
#include "core/studio_stats.hpp"

namespace lm {

class StudioError : public std::runtime_error {
public:
    enum class Kind {
        invalid_settings = 1,  ///< the request itself is wrong (bad URL, bad encoder setting)
        startup_failed,        ///< right request, but it could not run (no GPU, no destination)
    };
    StudioError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

struct StudioSettings {
    VideoFormat video;
    int audio_channels = 2;
    std::string video_encoder = "x264";
    nlohmann::json video_encoder_settings = nlohmann::json::object();
    std::string audio_encoder = "aac";
    nlohmann::json audio_encoder_settings = nlohmann::json::object();
};

/// Checks a canvas is one the engine can render and encode; throws StudioError
/// (invalid_settings) naming the problem.
void validate_video_format(const VideoFormat& format);

struct OutputRequest {
    std::string type;  ///< output plugin id: "rtmp", "record"
    nlohmann::json settings;
};

/// How opening one requested output went; `error` is empty on success.
struct OutputOpenResult {
    std::string name;  ///< never contains a secret
    std::string error;
};

class Studio {
public:
    /// `registry` must outlive the studio.
    Studio(const PluginRegistry& registry, StudioSettings settings);
    ~Studio();  ///< stops and waits
    Studio(const Studio&) = delete;
    Studio& operator=(const Studio&) = delete;

    /// Shows `scene` on program from the next frame and audio tick.
    void set_scene(std::shared_ptr<const Scene> scene);

    /// Creates the encoders and outputs, starts the GPU, opens every output in parallel and
    /// starts mixing. With `duration_s` > 0 everything stops by itself after that much stream
    /// time. Returns one result per request (a destination that failed to open does not stop
    /// the others); when every one failed, nothing runs and the studio is finished. Throws
    /// StudioError: invalid_settings before anything started (bad URL, bad encoder setting),
    /// startup_failed when the GPU or a needed plugin is missing. Call once.
    std::vector<OutputOpenResult> start(const std::vector<OutputRequest>& outputs,
                                        double duration_s);

    /// Asks everything to stop: the mixers stop at their next tick, encoders flush, outputs
    /// write their trailers. Returns at once; wait_finished() waits.
    void stop();
    /// True when the duration has been reached or stop() was called, and every output is
    /// closed. Waits up to `timeout` for it.
    bool wait_finished(std::chrono::milliseconds timeout);

    /// Counters right now (totals; the last-second values come from the sampler).
    StatsSnapshot stats() const;
    /// The newest one-second snapshot, published once per second while running; null before.
    std::shared_ptr<const StatsSnapshot> last_second_stats() const;

private:
    struct Engine;
    const PluginRegistry& registry_;
    const StudioSettings settings_;
    std::unique_ptr<Engine> engine_;
};

}  // namespace lm
