// A profile, as OBS calls it: where to stream, how to encode and record, the canvas, the audio
// devices and the hotkeys. Plain data, no widgets; profile_json.hpp reads and writes it,
// profile_validation.hpp checks it and profile_requests.hpp turns it into engine requests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/media/rational.hpp"

namespace lm::ui {

/// One place to stream to. Several may be enabled at once; each becomes one "rtmp" output.
struct StreamDestination {
    std::string name;                   ///< shown in lists; empty means the service's name
    std::string service_id = "twitch";  ///< an id from stream_services()
    std::string server_url;             ///< rtmp:// or rtmps:// server, without the key
    std::string stream_key;             ///< secret: never logged, masked in the UI
    bool enabled = true;

    friend bool operator==(const StreamDestination&, const StreamDestination&) = default;
};

enum class RateControl {
    cbr = 1,  ///< constant bitrate: what streaming platforms ask for
    vbr,      ///< average bitrate with a cap
    crf,      ///< constant quality, for recordings
};

enum class RecordingContainer {
    mkv = 1,  ///< survives crashes: the default
    mp4,
    flv,
};

struct OutputSettings {
    std::string video_encoder = "x264";
    RateControl rate_control = RateControl::cbr;
    int bitrate_kbps = 2500;
    int crf = 23;                     ///< crf only
    std::string preset = "veryfast";  ///< x264's CPU preset; other encoders ignore it
    int keyframe_interval_s = 2;
    int audio_bitrate_kbps = 160;
    std::string recording_folder;  ///< default_recording_folder() in a default profile
    RecordingContainer container = RecordingContainer::mkv;
    /// File name without extension; %Y %m %d %H %M %S expand to the start time, %% to '%'.
    std::string file_name_pattern = "Live Machine %Y-%m-%d %H-%M-%S";

    friend bool operator==(const OutputSettings&, const OutputSettings&) = default;
};

struct VideoSize {
    int width = 0;
    int height = 0;

    friend bool operator==(const VideoSize&, const VideoSize&) = default;
};

struct VideoSettings {
    VideoSize base{1920, 1080};   ///< the canvas scenes are laid out on
    VideoSize output{1280, 720};  ///< what is encoded
    Rational frame_rate{30, 1};

    friend bool operator==(const VideoSettings& a, const VideoSettings& b) {
        return a.base == b.base && a.output == b.output && a.frame_rate.num == b.frame_rate.num &&
               a.frame_rate.den == b.frame_rate.den;
    }
};

/// Device ids as the audio plugins name them; kDefaultAudioDevice follows the system's choice
/// and an empty id turns the source off.
inline constexpr const char* kDefaultAudioDevice = "default";

struct AudioSettings {
    int sample_rate_hz = 48000;
    std::string microphone_device = kDefaultAudioDevice;
    std::string desktop_device = kDefaultAudioDevice;

    friend bool operator==(const AudioSettings&, const AudioSettings&) = default;
};

/// Hotkey action ids; a scene switch is kSwitchScenePrefix + the scene's name.
inline constexpr const char* kStartStreamingAction = "start_streaming";
inline constexpr const char* kStopStreamingAction = "stop_streaming";
inline constexpr const char* kStartRecordingAction = "start_recording";
inline constexpr const char* kStopRecordingAction = "stop_recording";
inline constexpr const char* kSwitchScenePrefix = "switch_scene:";

struct Profile {
    std::vector<StreamDestination> destinations;
    OutputSettings output;
    VideoSettings video;
    AudioSettings audio;
    /// action id -> key sequence in QKeySequence::PortableText ("Ctrl+Shift+S").
    std::map<std::string, std::string> hotkeys;

    friend bool operator==(const Profile&, const Profile&) = default;
};

/// A profile with every default filled in, the recording folder included.
Profile default_profile();

/// The user's videos folder (XDG_VIDEOS_DIR, else ~/Videos).
std::string default_recording_folder();

/// The four fixed actions, in the order the hotkeys page lists them.
std::vector<std::string> fixed_hotkey_actions();
/// True for the fixed actions and for kSwitchScenePrefix followed by a non-empty name.
bool is_hotkey_action(const std::string& action);
/// What the user reads for an action: "Start streaming", "Switch to scene 'Main'".
std::string hotkey_action_label(const std::string& action);

const char* to_string(RateControl mode);
const char* to_string(RecordingContainer container);  ///< "mkv", also the file extension
/// The reverse of to_string; false (and `out` untouched) for an unknown name.
bool rate_control_from_string(const std::string& name, RateControl& out);
bool container_from_string(const std::string& name, RecordingContainer& out);

/// The frame rates offered in the dialog: 24, 25, 29.97, 30, 48, 50, 59.94, 60.
std::vector<Rational> common_frame_rates();

}  // namespace lm::ui
