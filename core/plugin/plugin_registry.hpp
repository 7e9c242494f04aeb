// The registry of every source, filter, encoder, output and audio monitor type, keyed by id. Passed
// to each plugin's entry point; never a global.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/audio/audio_monitor.hpp"
#include "core/encode/encoder.hpp"
#include "core/output/output.hpp"
#include "core/scene/filter.hpp"
#include "core/scene/properties.hpp"
#include "core/scene/source.hpp"
#include "core/scene/transition.hpp"

namespace lm {

struct SourceType {
    std::string id;             ///< "color_source", "test_pattern" ...
    std::string display_name;   ///< "Colour"
    unsigned capabilities = 0;  ///< Source::kVideo | Source::kAudio
    PropertySchema properties;
    /// Creates a source from settings already checked with apply_schema. Throws
    /// std::invalid_argument for values the schema cannot express.
    std::function<std::shared_ptr<Source>(const nlohmann::json& settings)> create;
};

struct FilterType {
    std::string id;  ///< "color_correction", "noise_gate" ...
    std::string display_name;
    PropertySchema properties;
    /// Exactly one of the two is set: the filter works on the picture or on the sound.
    /// Settings come checked with apply_schema; throw std::invalid_argument otherwise.
    std::function<std::unique_ptr<VideoFilter>(const nlohmann::json& settings)> create_video;
    std::function<std::unique_ptr<AudioFilter>(const nlohmann::json& settings)> create_audio;
};

/// Whether an encoder can run on this machine, and if not, why, in words a user can act on
/// ("no NVIDIA driver (libcuda.so.1 not found)").
struct EncoderAvailability {
    bool available = true;
    std::string reason;  ///< empty when available
};

struct VideoEncoderType {
    std::string id;  ///< "x264"
    std::string display_name;
    PropertySchema properties;
    std::function<std::unique_ptr<VideoEncoder>(const VideoFormat& format,
                                                const nlohmann::json& settings)>
        create;
    /// Optional: checks the hardware and drivers a hardware encoder needs, without keeping
    /// anything open. Unset for encoders that run anywhere (software). May take a moment (it
    /// may load a driver): call it when listing or choosing, not per frame. MT safe.
    std::function<EncoderAvailability()> probe;

    /// The probe's answer, or available when there is no probe.
    EncoderAvailability availability() const { return probe ? probe() : EncoderAvailability{}; }
};

struct AudioEncoderType {
    std::string id;  ///< "aac"
    std::string display_name;
    PropertySchema properties;
    std::function<std::unique_ptr<AudioEncoder>(int channels, const nlohmann::json& settings)>
        create;
};

struct OutputType {
    std::string id;  ///< "rtmp", "record"
    std::string display_name;
    PropertySchema properties;
    /// Checks settings without touching the network or disk (URL syntax, file extension) and
    /// throws OutputError with a specific message; then the output is opened on its thread.
    std::function<std::unique_ptr<Output>(const nlohmann::json& settings)> create;
};

/// A transition that plays something over the change: a stinger's video. The kinds drawn
/// by the mixers alone (fade, slide...) need no plugin.
struct TransitionType {
    std::string id;  ///< "stinger"
    std::string display_name;
    /// Opens the overlay for `transition`'s settings (its stinger_file). Never throws for a
    /// file that does not play: the overlay's status() says why and its duration stays 0.
    std::function<std::shared_ptr<TransitionOverlay>(const Transition& transition)> create;
    /// What is wrong with `transition`'s settings, in words for the user ("'x.mov' not
    /// found"), or empty when they are fine. Reads the file, keeps nothing open: call it when
    /// the user chooses, not per frame.
    std::function<std::string(const Transition& transition)> check;
};

class PluginRegistry {
public:
    /// Registration throws std::invalid_argument on a duplicate or empty id.
    void add(SourceType type);
    void add(VideoEncoderType type);
    void add(AudioEncoderType type);
    void add(OutputType type);
    void add(FilterType type);
    void add(AudioMonitorType type);
    void add(TransitionType type);

    /// Lookups return null for an unknown id.
    const SourceType* source(const std::string& id) const;
    const VideoEncoderType* video_encoder(const std::string& id) const;
    const AudioEncoderType* audio_encoder(const std::string& id) const;
    const OutputType* output(const std::string& id) const;
    const FilterType* filter(const std::string& id) const;
    const AudioMonitorType* audio_monitor(const std::string& id) const;
    const TransitionType* transition(const std::string& id) const;

    std::vector<const SourceType*> sources() const;
    std::vector<const VideoEncoderType*> video_encoders() const;
    std::vector<const FilterType*> filters() const;
    /// By id; the studio plays its monitor mix through the first one.
    std::vector<const AudioMonitorType*> audio_monitors() const;

    /// Creates a source of type `id`, filling defaults and validating `settings`. Throws
    /// std::invalid_argument (unknown type, bad setting).
    std::shared_ptr<Source> create_source(const std::string& id,
                                          const nlohmann::json& settings) const;

private:
    std::map<std::string, SourceType> sources_;
    std::map<std::string, VideoEncoderType> video_encoders_;
    std::map<std::string, AudioEncoderType> audio_encoders_;
    std::map<std::string, OutputType> outputs_;
    std::map<std::string, FilterType> filters_;
    std::map<std::string, AudioMonitorType> audio_monitors_;
    std::map<std::string, TransitionType> transitions_;
};

}  // namespace lm
