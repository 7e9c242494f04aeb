// Checks a profile before it is saved or used: what the settings dialog shows next to each
// field and what keeps its OK button disabled.
#pragma once

#include <string>
#include <vector>

#include "ui/settings/profile.hpp"

namespace lm::ui {

struct ProfileProblem {
    /// Where: "stream.destinations[0].stream_key", "output.bitrate_kbps", "video.output",
    /// "hotkeys.start_streaming"... (the JSON paths, one per dialog field).
    std::string field;
    std::string message;  ///< for the user; never contains a stream key

    friend bool operator==(const ProfileProblem&, const ProfileProblem&) = default;
};

/// "stream.destinations[<index>].<member>".
std::string destination_field(size_t index, const std::string& member);

/// Every problem found, in field order; empty when the profile can be used. Looks at the
/// file system for the recording folder (a missing folder is fine when it can be created).
std::vector<ProfileProblem> validate(const Profile& profile);

/// Limits, the same as the x264, aac, hls and record plugins' and the command line's (the UI
/// does not link plugins);
/// tests/ui/settings/profile_limits_test.cpp fails if the two drift apart.
struct ProfileLimits {
    static constexpr int kMinVideoBitrateKbps = 50;
    static constexpr int kMaxVideoBitrateKbps = 200'000;
    static constexpr int kMaxCrf = 51;
    static constexpr int kMinKeyframeIntervalS = 1;
    static constexpr int kMaxKeyframeIntervalS = 20;
    static constexpr int kMinAudioBitrateKbps = 32;
    static constexpr int kMaxAudioBitrateKbps = 512;
    static constexpr int kMaxVideoSide = 7680;  ///< the engine's largest canvas side
    static constexpr int kMinVideoSide = 16;
    static constexpr double kMaxFrameRate = 240;
    static constexpr double kMinHlsSegmentS = 1;  ///< HlsSettings::kMinSegmentS
    static constexpr double kMaxHlsSegmentS = 10;
    static constexpr int kMinHlsPlaylistSegments = 3;
    static constexpr int kMaxHlsPlaylistSegments = 100;
    static constexpr int kMinReplaySeconds = 1;  ///< the replay_buffer output's "seconds"
    static constexpr int kMaxReplaySeconds = 3600;
    /// The record output's split_time_s and split_size_mb (--record-split-time,
    /// --record-split-size).
    static constexpr int kMinSplitTimeS = 1;
    static constexpr int kMaxSplitTimeS = 7 * 24 * 3600;
    static constexpr int kMinSplitSizeMb = 1;
    static constexpr int kMaxSplitSizeMb = 100'000'000;
    /// --reconnect-attempts, --reconnect-delay, --reconnect-max-delay.
    static constexpr int kMaxReconnectAttempts = 1'000'000;
    static constexpr double kMinReconnectDelayS = 0.1;
    static constexpr double kMaxReconnectDelayS = 3600;
};

/// x264's CPU presets, fastest first.
std::vector<std::string> x264_presets();

}  // namespace lm::ui
