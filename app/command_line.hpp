// The command line of `livemachine`, parsed into options. docs/command-line.md is the manual.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/encode/encoder.hpp"

namespace lm {

/// A bad command line; the message names the option and the value, and what is accepted.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CommandLineOptions {
    bool headless = false;
    bool show_help = false;
    bool show_version = false;
    bool list_encoders = false;  ///< --list-encoders: print each video encoder and exit
    /// --list-monitor-devices: print the output devices monitoring can play on and exit.
    bool list_monitor_devices = false;
    std::vector<std::string> stream_urls;
    /// --stream-bitrate: the video bitrate of a stream (by its index in stream_urls) that has
    /// an encode of its own; the others share the main encode at video_bitrate_kbps.
    std::map<size_t, int> stream_video_bitrates;
    std::optional<std::string> trusted_certificate;  ///< PEM file trusted for rtmps://
    std::optional<std::string> record_path;
    double record_split_time_s = 0;  ///< 0: one file
    int record_split_size_mb = 0;    ///< 0: no size limit
    std::optional<std::string> hls_folder;
    double replay_buffer_s = 0;  ///< --replay-buffer: seconds kept; 0: no replay buffer
    std::optional<std::string> replay_folder;
    std::string replay_format = "mkv";  ///< --replay-format: mkv, mp4 or flv
    double duration_s = 0;              ///< 0: until stopped
    std::optional<std::string> collection_path;
    VideoFormat video;
    int video_bitrate_kbps = 2500;
    int audio_bitrate_kbps = 160;
    std::string video_encoder = "x264";  ///< a VideoEncoderType id
    /// --encoder-fallback: when the chosen encoder cannot open, encode with x264 instead.
    bool encoder_fallback = false;
    /// The encoder's own preset; unset keeps the encoder's default (x264: veryfast).
    std::optional<std::string> preset;
    /// x264's tune ("zerolatency", "film", ...); unset keeps the encoder's default (none).
    std::optional<std::string> tune;
    double keyint_s = 2;
    std::optional<std::string> stats_json_path;
    std::optional<std::string> plugin_dir;
    /// --monitor-device: where items set to monitor (a collection's "monitoring") are heard;
    /// "default" follows the system's default output.
    std::string monitoring_device = "default";
    // Network destinations (see NetworkSettings).
    int reconnect_attempts = 100;
    double reconnect_delay_s = 2;
    double reconnect_max_delay_s = 2.5;
    bool no_dynamic_bitrate = false;
    bool follow_slowest = false;
};

/// Parses argv (argv[0] is skipped). Accepts `--option value` and `--option=value`. Throws
/// UsageError.
CommandLineOptions parse_command_line(const std::vector<std::string>& args);

/// Parses "WxH@FPS" (FPS may be 29.97, 59.94, 23.976 or any decimal); throws UsageError.
VideoFormat parse_video_format(const std::string& text);

std::string usage_text();

}  // namespace lm
