// A profile turned into what the engine takes: StudioSettings and one OutputRequest per
// output. Keys follow the plugins' schemas: x264 ("rate_control", "bitrate_kbps", "crf",
// "preset", "keyint_s"), aac ("bitrate_kbps"), rtmp ("url", "trusted_certificate"), hls
// ("folder", "segment_s", ...), record ("path", "split_time_s", "split_size_mb"),
// replay_buffer ("seconds", "folder", "format").
#pragma once

#include <QDateTime>

#include <string>
#include <vector>

#include "core/studio.hpp"
#include "ui/settings/profile.hpp"

namespace lm::ui {

/// The engine's canvas is the output size (what is encoded) at the profile's frame rate.
/// x264 gets its preset and, in crf mode, its quality; other encoders get only the keys every
/// video encoder shares (rate_control, bitrate_kbps, keyint_s). The network options become
/// the engine's NetworkSettings (reconnect off: 0 attempts); the audio monitoring device is
/// the studio's.
StudioSettings studio_settings(const Profile& profile);

/// One request per enabled destination, in the profile's order: "rtmp" with
/// {"url": publish_url(server, key)} and its trusted certificate when one is set, or "hls"
/// with the destination's folder settings. The settings carry the key: never log them.
std::vector<OutputRequest> stream_requests(const Profile& profile);

/// A "record" request for a new file in the recording folder named after the pattern at
/// `now`, with the container's extension, and the profile's automatic splitting
/// ("split_time_s" or "split_size_mb"; the parts are then "<name>-001.mkv"...). A name that is
/// taken (for a split recording: its first part's) gets " (2)", " (3)"... since recordings
/// never overwrite. Creates the folder when it does not exist (so the request can be opened);
/// throws ProfileError when that fails.
OutputRequest record_request(const Profile& profile, const QDateTime& now);

/// Where replays are saved: the replay buffer's own folder, or the recording folder.
std::string replay_folder(const Profile& profile);

/// The "replay_buffer" request: its seconds, format and replay_folder(), which it creates
/// when it does not exist (throws ProfileError when that fails).
OutputRequest replay_buffer_request(const Profile& profile);

/// The pattern expanded at `now`: %Y year, %m month, %d day, %H hour, %M minute, %S second
/// (zero-padded), %% a percent sign. Characters a file name cannot hold become '-'.
std::string recording_file_name(const std::string& pattern, const QDateTime& now);

/// Why a pattern cannot name files (empty, a '/', an unknown %-code), or empty when it can.
std::string file_name_pattern_problem(const std::string& pattern);

}  // namespace lm::ui
