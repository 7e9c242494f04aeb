// A profile, as OBS calls it: where to stream, how to encode and record, the canvas, the audio
// devices and the hotkeys. Plain data, no widgets; profile_json.hpp reads and writes it,
// profile_validation.hpp checks it and profile_requests.hpp turns it into engine requests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/media/rational.hpp"

namespace lm::ui {

enum class HlsSegmentFormat {
    mpegts = 1,  ///< .ts: plays on every HLS player
    fmp4,        ///< .m4s with an init segment: newer players and CDNs
};

/// An HLS destination: the "hls" output's settings (plugins/hls, docs/hls.md), with its
/// defaults.
struct HlsFolderSettings {
    std::string folder;  ///< served by a web server; must exist
    double segment_s = 2;
    int playlist_segments = 6;
    bool delete_segments = true;
    bool low_latency = false;  ///< 1 s segments; wants a 1 s keyframe interval
    HlsSegmentFormat segment_format = HlsSegmentFormat::mpegts;

    friend bool operator==(const HlsFolderSettings&, const HlsFolderSettings&) = default;
};

/// The service id of a destination that writes HLS into a folder (listed with the services).
inline constexpr const char* kHlsServiceId = "hls";

/// One place to stream to. Several may be enabled at once; each becomes one "rtmp" output,
/// or one "hls" output for the service kHlsServiceId (a folder instead of a server).
struct StreamDestination {
    std::string name;                   ///< shown in lists; empty means the service's name
    std::string service_id = "twitch";  ///< an id from stream_services()
    std::string server_url;             ///< rtmp:// or rtmps:// server, without the key
    std::string stream_key;             ///< secret: never logged, masked in the UI
    bool enabled = true;
    /// For rtmps:// servers: a PEM file whose certificates are trusted besides the system's
    /// authorities (a self-signed server of one's own). Empty: the system's only.
    std::string trusted_certificate;
    HlsFolderSettings hls;  ///< used only by HLS destinations

    bool writes_hls() const;

    friend bool operator==(const StreamDestination&, const StreamDestination&) = default;
};

/// How stream destinations behave on a bad network: the engine's NetworkSettings, with the
/// command line's defaults (--reconnect-attempts, --reconnect-delay, --reconnect-max-delay,
/// --no-dynamic-bitrate, --follow-slowest).
struct NetworkOptions {
    bool reconnect = true;  ///< off: a destination that drops fails at once
    int reconnect_attempts = 100;
    double reconnect_delay_s = 2;  ///< before the first try; each next is 1.5 times longer
    double reconnect_max_delay_s = 2.5;
    bool dynamic_bitrate = true;
    bool follow_slowest = false;  ///< several destinations: lower the bitrate for all

    friend bool operator==(const NetworkOptions&, const NetworkOptions&) = default;
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

/// The replay buffer: the last seconds of the program kept in memory, saved to a new file on
/// demand ("replay_buffer" output of plugins/record).
struct ReplayBufferSettings {
    int seconds = 20;
    std::string folder;  ///< empty: the recording folder
    RecordingContainer container = RecordingContainer::mkv;

    friend bool operator==(const ReplayBufferSettings&, const ReplayBufferSettings&) = default;
};

/// Automatic file splitting, as OBS calls it: a long recording written as several files
/// ("show-001.mkv", "show-002.mkv"...; the record output's split_time_s / split_size_mb).
enum class RecordingSplit {
    off = 1,
    by_time,  ///< a new part every `time_s` seconds (at the next keyframe)
    by_size,  ///< a new part once a part reaches `size_mb` megabytes (1 MB = 1,000,000 bytes)
};

/// Both lengths are kept while splitting is off or by the other one, so switching back finds
/// the creator's value. The defaults are OBS's (15 minutes, 2048 MB).
struct RecordingSplitSettings {
    RecordingSplit mode = RecordingSplit::off;
    int time_s = 15 * 60;
    int size_mb = 2048;

    friend bool operator==(const RecordingSplitSettings&, const RecordingSplitSettings&) = default;
};

struct OutputSettings {
    std::string video_encoder = "x264";
    /// When the encoder (a GPU one) cannot open or fails mid-stream, go on with x264 at the
    /// same rate control and bitrate instead of stopping. On in profiles written before it.
    bool encoder_fallback = true;
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
    RecordingSplitSettings split;  ///< off in profiles written before it existed
    ReplayBufferSettings replay_buffer;

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
    /// The output the items set to monitor play on (headphones); never empty.
    std::string monitoring_device = kDefaultAudioDevice;

    friend bool operator==(const AudioSettings&, const AudioSettings&) = default;
};

/// Hotkey action ids; a scene switch is kSwitchScenePrefix + the scene's name.
inline constexpr const char* kStartStreamingAction = "start_streaming";
inline constexpr const char* kStopStreamingAction = "stop_streaming";
inline constexpr const char* kStartRecordingAction = "start_recording";
inline constexpr const char* kStopRecordingAction = "stop_recording";
inline constexpr const char* kPauseRecordingAction = "pause_recording";
inline constexpr const char* kResumeRecordingAction = "resume_recording";
inline constexpr const char* kStartReplayBufferAction = "start_replay_buffer";
inline constexpr const char* kStopReplayBufferAction = "stop_replay_buffer";
inline constexpr const char* kSaveReplayAction = "save_replay";
inline constexpr const char* kSwitchScenePrefix = "switch_scene:";

struct Profile {
    std::vector<StreamDestination> destinations;
    OutputSettings output;
    VideoSettings video;
    AudioSettings audio;
    NetworkOptions network;
    /// action id -> key sequence in QKeySequence::PortableText ("Ctrl+Shift+S").
    std::map<std::string, std::string> hotkeys;

    friend bool operator==(const Profile&, const Profile&) = default;
};

/// A profile with every default filled in, the recording folder included.
Profile default_profile();

/// The user's videos folder (XDG_VIDEOS_DIR, else ~/Videos).
std::string default_recording_folder();

/// The fixed actions (streaming, recording, pause, replay buffer), in the order the hotkeys page
/// lists them.
std::vector<std::string> fixed_hotkey_actions();
/// True for the fixed actions and for kSwitchScenePrefix followed by a non-empty name.
bool is_hotkey_action(const std::string& action);
/// What the user reads for an action: "Start streaming", "Switch to scene 'Main'".
std::string hotkey_action_label(const std::string& action);

const char* to_string(RateControl mode);
const char* to_string(RecordingContainer container);  ///< "mkv", also the file extension
const char* to_string(HlsSegmentFormat format);       ///< "mpegts", "fmp4": the plugin's names
const char* to_string(RecordingSplit mode);           ///< "off", "time", "size"
/// The reverse of to_string; false (and `out` untouched) for an unknown name.
bool rate_control_from_string(const std::string& name, RateControl& out);
bool container_from_string(const std::string& name, RecordingContainer& out);
bool segment_format_from_string(const std::string& name, HlsSegmentFormat& out);
bool split_from_string(const std::string& name, RecordingSplit& out);

/// The frame rates offered in the dialog: 24, 25, 29.97, 30, 48, 50, 59.94, 60.
std::vector<Rational> common_frame_rates();

}  // namespace lm::ui
