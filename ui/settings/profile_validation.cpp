#include "ui/settings/profile_validation.hpp"

#include <unistd.h>

#include <QKeySequence>
#include <QString>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "ui/settings/profile_requests.hpp"
#include "ui/settings/stream_services.hpp"

namespace lm::ui {
namespace {

namespace fs = std::filesystem;
using Problems = std::vector<ProfileProblem>;

bool has_space(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

/// True when, after the host, the URL has "/app/key" with both parts non-empty.
bool has_application_and_key(const std::string& url) {
    const size_t scheme_end = url.find("://");
    const size_t path_start = url.find('/', scheme_end + 3);
    if (path_start == std::string::npos)
        return false;
    const size_t app_end = url.find('/', path_start + 1);
    return app_end != std::string::npos && app_end > path_start + 1 && app_end + 1 < url.size();
}

std::string range_text(double min, double max, const std::string& unit) {
    const auto number = [](double value) {
        std::string text = std::to_string(value);
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
        return text;
    };
    return "Use " + number(min) + " to " + number(max) + unit + ".";
}

/// A folder the HLS output can write into now: it must exist (the output does not create
/// it, as a web server's folder usually belongs to someone else).
std::string hls_folder_problem(const std::string& folder) {
    if (folder.empty())
        return "Choose the folder your web server serves.";
    const fs::path path(folder);
    if (!path.is_absolute())
        return "Use a full path, such as /var/www/livemachine/hls.";
    std::error_code error;
    if (!fs::exists(path, error))
        return "This folder does not exist: create it first.";
    if (!fs::is_directory(path, error))
        return "This is a file, not a folder.";
    if (::access(path.c_str(), W_OK | X_OK) != 0)
        return "This folder is not writable.";
    return {};
}

void check_hls(const HlsFolderSettings& hls, bool enabled, size_t index, Problems& problems) {
    using L = ProfileLimits;
    // A destination kept for later may name a folder that does not exist yet.
    if (const std::string why = hls_folder_problem(hls.folder); enabled && !why.empty())
        problems.push_back({destination_field(index, "hls.folder"), why});
    if (!(hls.segment_s >= L::kMinHlsSegmentS && hls.segment_s <= L::kMaxHlsSegmentS)) {
        problems.push_back({destination_field(index, "hls.segment_s"),
                            range_text(L::kMinHlsSegmentS, L::kMaxHlsSegmentS, " seconds")});
    }
    if (hls.playlist_segments < L::kMinHlsPlaylistSegments ||
        hls.playlist_segments > L::kMaxHlsPlaylistSegments) {
        problems.push_back(
            {destination_field(index, "hls.playlist_segments"),
             range_text(L::kMinHlsPlaylistSegments, L::kMaxHlsPlaylistSegments, " segments")});
    }
}

/// A trusted certificate must be a readable PEM file: the stream would otherwise fail to
/// start with a TLS error far from where the path was typed.
std::string certificate_problem(const std::string& file) {
    if (file.empty())
        return {};
    const fs::path path(file);
    if (!path.is_absolute())
        return "Use a full path, such as /home/you/server.pem.";
    std::error_code error;
    if (!fs::exists(path, error))
        return "This file does not exist.";
    if (!fs::is_regular_file(path, error))
        return "This is not a file.";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "This file cannot be read.";
    std::string head(64 * 1024, '\0');
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
    if (head.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        return "This file holds no PEM certificate (-----BEGIN CERTIFICATE-----).";
    return {};
}

void check_destination(const StreamDestination& d, size_t index, Problems& problems) {
    if (d.writes_hls()) {
        check_hls(d.hls, d.enabled, index, problems);
        return;
    }
    const StreamService* service = find_stream_service(d.service_id);
    if (service == nullptr) {
        problems.push_back({destination_field(index, "service_id"),
                            "Unknown service '" + d.service_id + "': choose one from the list."});
        return;
    }
    const std::string server_field = destination_field(index, "server_url");
    const std::string server = publish_url(d.server_url, "");
    if (server.empty()) {
        problems.push_back({server_field, service->custom_url
                                              ? "Enter the server URL (rtmp://host/app)."
                                              : "Choose a server."});
    } else if (has_space(server)) {
        problems.push_back({server_field, "The URL must not contain spaces."});
    } else if (!has_rtmp_scheme_and_host(server)) {
        problems.push_back(
            {server_field, "The URL must start with rtmp:// or rtmps:// and name a server."});
    }

    const std::string key_field = destination_field(index, "stream_key");
    const std::string key = publish_url(d.stream_key, "");
    if (has_space(key)) {
        problems.push_back({key_field, "The stream key must not contain spaces."});
    } else if (d.enabled && key.empty() && service->needs_key) {
        problems.push_back(
            {key_field, "Enter the stream key from your " + service->name + " dashboard."});
    } else if (d.enabled && key.empty() && has_rtmp_scheme_and_host(server) &&
               !has_application_and_key(server)) {
        problems.push_back(
            {key_field,
             "Enter the stream key, here or at the end of the URL (rtmp://host/app/key)."});
    }
    if (const std::string why = certificate_problem(d.trusted_certificate); !why.empty())
        problems.push_back({destination_field(index, "trusted_certificate"), why});
}

void check_network(const NetworkOptions& n, Problems& problems) {
    using L = ProfileLimits;
    if (!n.reconnect)
        return;  // the other fields are kept for when it is turned on again
    if (n.reconnect_attempts < 1 || n.reconnect_attempts > L::kMaxReconnectAttempts) {
        problems.push_back(
            {"network.reconnect_attempts", range_text(1, L::kMaxReconnectAttempts, " attempts")});
    }
    const auto delay_ok = [](double s) {
        return s >= L::kMinReconnectDelayS && s <= L::kMaxReconnectDelayS;
    };
    if (!delay_ok(n.reconnect_delay_s)) {
        problems.push_back({"network.reconnect_delay_s",
                            range_text(L::kMinReconnectDelayS, L::kMaxReconnectDelayS, " s")});
    }
    if (!delay_ok(n.reconnect_max_delay_s)) {
        problems.push_back({"network.reconnect_max_delay_s",
                            range_text(L::kMinReconnectDelayS, L::kMaxReconnectDelayS, " s")});
    } else if (n.reconnect_max_delay_s < n.reconnect_delay_s) {
        problems.push_back({"network.reconnect_max_delay_s",
                            "The longest wait cannot be shorter than the first one."});
    }
}

std::string folder_problem(const std::string& folder) {
    if (folder.empty())
        return "Choose a folder for recordings.";
    const fs::path path(folder);
    if (!path.is_absolute())
        return "Use a full path, such as /home/you/Videos.";
    std::error_code error;
    // A folder that does not exist yet is created when recording starts, if its nearest
    // existing parent allows it.
    fs::path existing = path;
    while (!fs::exists(existing, error) && existing.has_parent_path() &&
           existing.parent_path() != existing) {
        existing = existing.parent_path();
    }
    if (!fs::is_directory(existing, error))
        return existing == path ? "This is a file, not a folder."
                                : "This folder cannot be created.";
    if (::access(existing.c_str(), W_OK | X_OK) != 0) {
        return existing == path
                   ? "This folder is not writable."
                   : "This folder cannot be created: " + existing.string() + " is not writable.";
    }
    return {};
}

/// Only the length in use is checked: the other is kept for later but does not matter now.
void check_split(const RecordingSplitSettings& split, Problems& problems) {
    using L = ProfileLimits;
    if (split.mode == RecordingSplit::by_time &&
        (split.time_s < L::kMinSplitTimeS || split.time_s > L::kMaxSplitTimeS)) {
        problems.push_back(
            {"output.split.time_s", range_text(L::kMinSplitTimeS, L::kMaxSplitTimeS, " seconds")});
    }
    if (split.mode == RecordingSplit::by_size &&
        (split.size_mb < L::kMinSplitSizeMb || split.size_mb > L::kMaxSplitSizeMb)) {
        problems.push_back(
            {"output.split.size_mb", range_text(L::kMinSplitSizeMb, L::kMaxSplitSizeMb, " MB")});
    }
}

void check_output(const OutputSettings& o, Problems& problems) {
    using L = ProfileLimits;
    if (o.video_encoder.empty())
        problems.push_back({"output.video_encoder", "Choose a video encoder."});
    if (o.rate_control != RateControl::crf &&
        (o.bitrate_kbps < L::kMinVideoBitrateKbps || o.bitrate_kbps > L::kMaxVideoBitrateKbps)) {
        problems.push_back(
            {"output.bitrate_kbps", "Use " + std::to_string(L::kMinVideoBitrateKbps) + " to " +
                                        std::to_string(L::kMaxVideoBitrateKbps) + " kbps."});
    }
    if (o.rate_control == RateControl::crf && (o.crf < 0 || o.crf > L::kMaxCrf))
        problems.push_back({"output.crf", "Use 0 to " + std::to_string(L::kMaxCrf) + "."});
    const auto presets = x264_presets();
    if (o.video_encoder == "x264" &&
        std::find(presets.begin(), presets.end(), o.preset) == presets.end()) {
        problems.push_back({"output.preset", "Unknown x264 preset '" + o.preset + "'."});
    }
    if (o.keyframe_interval_s < L::kMinKeyframeIntervalS ||
        o.keyframe_interval_s > L::kMaxKeyframeIntervalS) {
        problems.push_back({"output.keyframe_interval_s",
                            "Use " + std::to_string(L::kMinKeyframeIntervalS) + " to " +
                                std::to_string(L::kMaxKeyframeIntervalS) + " seconds."});
    }
    if (o.audio_bitrate_kbps < L::kMinAudioBitrateKbps ||
        o.audio_bitrate_kbps > L::kMaxAudioBitrateKbps) {
        problems.push_back({"output.audio_bitrate_kbps",
                            "Use " + std::to_string(L::kMinAudioBitrateKbps) + " to " +
                                std::to_string(L::kMaxAudioBitrateKbps) + " kbps."});
    }
    if (const std::string why = folder_problem(o.recording_folder); !why.empty())
        problems.push_back({"output.recording_folder", why});
    if (const std::string why = file_name_pattern_problem(o.file_name_pattern); !why.empty())
        problems.push_back({"output.file_name_pattern", why});
    check_split(o.split, problems);
    const ReplayBufferSettings& replay = o.replay_buffer;
    if (replay.seconds < L::kMinReplaySeconds || replay.seconds > L::kMaxReplaySeconds) {
        problems.push_back({"output.replay_buffer.seconds",
                            range_text(L::kMinReplaySeconds, L::kMaxReplaySeconds, " seconds")});
    }
    if (!replay.folder.empty()) {
        if (const std::string why = folder_problem(replay.folder); !why.empty())
            problems.push_back({"output.replay_buffer.folder", why});
    }
}

void check_size(const VideoSize& size, const std::string& field, Problems& problems) {
    using L = ProfileLimits;
    if (size.width <= 0 || size.height <= 0) {
        problems.push_back({field, "Type a size such as 1920x1080."});
    } else if (size.width < L::kMinVideoSide || size.height < L::kMinVideoSide ||
               size.width > L::kMaxVideoSide || size.height > L::kMaxVideoSide) {
        problems.push_back({field, "Each side must be " + std::to_string(L::kMinVideoSide) +
                                       " to " + std::to_string(L::kMaxVideoSide) + " pixels."});
    } else if (size.width % 2 != 0 || size.height % 2 != 0) {
        problems.push_back({field, "Width and height must be even."});
    }
}

void check_video(const VideoSettings& v, Problems& problems) {
    check_size(v.base, "video.base", problems);
    check_size(v.output, "video.output", problems);
    const double fps = v.frame_rate.den > 0 ? v.frame_rate.to_double() : 0;
    if (!(fps >= 1 && fps <= ProfileLimits::kMaxFrameRate))
        problems.push_back({"video.frame_rate", "Use 1 to 240 frames per second."});
}

void check_hotkeys(const std::map<std::string, std::string>& hotkeys, Problems& problems) {
    std::map<QKeySequence, std::string> used;
    for (const auto& [action, text] : hotkeys) {
        if (text.empty())
            continue;
        const QKeySequence keys =
            QKeySequence::fromString(QString::fromStdString(text), QKeySequence::PortableText);
        const std::string field = "hotkeys." + action;
        bool known = !keys.isEmpty();
        for (int i = 0; i < keys.count(); ++i)
            known = known && keys[i].key() != Qt::Key_unknown;
        if (!known) {
            problems.push_back({field, "'" + text + "' is not a key combination."});
            continue;
        }
        const auto [it, inserted] = used.emplace(keys, action);
        if (!inserted)
            problems.push_back({field, "Already used by " + hotkey_action_label(it->second) + "."});
    }
}

}  // namespace

std::string destination_field(size_t index, const std::string& member) {
    return "stream.destinations[" + std::to_string(index) + "]." + member;
}

std::vector<std::string> x264_presets() {
    return {"ultrafast", "superfast", "veryfast", "faster",   "fast",
            "medium",    "slow",      "slower",   "veryslow", "placebo"};
}

std::vector<ProfileProblem> validate(const Profile& profile) {
    Problems problems;
    for (size_t i = 0; i < profile.destinations.size(); ++i)
        check_destination(profile.destinations[i], i, problems);
    check_output(profile.output, problems);
    check_network(profile.network, problems);
    check_video(profile.video, problems);
    if (profile.audio.sample_rate_hz != 48000 && profile.audio.sample_rate_hz != 44100)
        problems.push_back({"audio.sample_rate_hz", "Use 48000 or 44100 Hz."});
    check_hotkeys(profile.hotkeys, problems);
    return problems;
}

}  // namespace lm::ui
