#include "ui/settings/profile_requests.hpp"

#include <filesystem>
#include <system_error>

#include "ui/settings/profile_json.hpp"
#include "ui/settings/stream_services.hpp"

namespace lm::ui {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPatternCodes = "YmdHMS%";

/// Creates `folder` when it does not exist yet, so an output can be opened in it.
void create_folder(const fs::path& folder, const char* what) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) {
        throw ProfileError(std::string("cannot create the ") + what + " " + folder.string() + " (" +
                           error.message() + ")");
    }
}

OutputRequest destination_request(const StreamDestination& destination) {
    if (destination.writes_hls()) {
        const HlsFolderSettings& hls = destination.hls;
        return {"hls",
                {{"folder", hls.folder},
                 {"segment_s", hls.segment_s},
                 {"playlist_segments", hls.playlist_segments},
                 {"delete_segments", hls.delete_segments},
                 {"low_latency", hls.low_latency},
                 {"segment_format", to_string(hls.segment_format)}}};
    }
    nlohmann::json settings = {
        {"url", publish_url(destination.server_url, destination.stream_key)}};
    if (!destination.trusted_certificate.empty())
        settings["trusted_certificate"] = destination.trusted_certificate;
    return {"rtmp", std::move(settings)};
}

}  // namespace

StudioSettings studio_settings(const Profile& profile) {
    StudioSettings settings;
    settings.video.width = profile.video.output.width;
    settings.video.height = profile.video.output.height;
    settings.video.frame_rate = profile.video.frame_rate.reduced();

    const OutputSettings& o = profile.output;
    settings.video_encoder = o.video_encoder;
    if (o.encoder_fallback && o.video_encoder != "x264")
        settings.video_encoder_fallback = "x264";
    nlohmann::json video = {{"rate_control", to_string(o.rate_control)},
                            {"bitrate_kbps", o.bitrate_kbps},
                            {"keyint_s", o.keyframe_interval_s}};
    if (o.video_encoder == "x264") {
        video["preset"] = o.preset;
        if (o.rate_control == RateControl::crf)
            video["crf"] = o.crf;
    }
    settings.video_encoder_settings = std::move(video);
    settings.audio_encoder = "aac";
    settings.audio_encoder_settings = {{"bitrate_kbps", o.audio_bitrate_kbps}};
    settings.monitoring_device = profile.audio.monitoring_device;

    const NetworkOptions& n = profile.network;
    settings.network.reconnect.max_attempts = n.reconnect ? n.reconnect_attempts : 0;
    settings.network.reconnect.first_delay_s = n.reconnect_delay_s;
    settings.network.reconnect.max_delay_s = n.reconnect_max_delay_s;
    settings.network.dynamic_bitrate = n.dynamic_bitrate;
    settings.network.follow_slowest = n.follow_slowest;
    return settings;
}

std::vector<OutputRequest> stream_requests(const Profile& profile) {
    std::vector<OutputRequest> requests;
    for (const auto& destination : profile.destinations) {
        if (destination.enabled)
            requests.push_back(destination_request(destination));
    }
    return requests;
}

OutputRequest record_request(const Profile& profile, const QDateTime& now) {
    const fs::path folder(profile.output.recording_folder);
    create_folder(folder, "recording folder");
    std::error_code error;
    const std::string stem = recording_file_name(profile.output.file_name_pattern, now);
    const std::string extension = std::string(".") + to_string(profile.output.container);
    const RecordingSplitSettings& split = profile.output.split;
    // A split recording's files are "<name>-001.mkv", "<name>-002.mkv"... and "<name>.mkv" is
    // never written: the first part's name is the one that must be free.
    const auto first_file = [&](const std::string& name) {
        return folder /
               (split.mode == RecordingSplit::off ? name + extension : name + "-001" + extension);
    };
    std::string name = stem;
    for (int n = 2; fs::exists(first_file(name), error); ++n)
        name = stem + " (" + std::to_string(n) + ")";
    nlohmann::json settings{{"path", (folder / (name + extension)).string()}};
    if (split.mode == RecordingSplit::by_time)
        settings["split_time_s"] = double(split.time_s);
    else if (split.mode == RecordingSplit::by_size)
        settings["split_size_mb"] = split.size_mb;
    return {"record", std::move(settings)};
}

std::string replay_folder(const Profile& profile) {
    const ReplayBufferSettings& replay = profile.output.replay_buffer;
    return replay.folder.empty() ? profile.output.recording_folder : replay.folder;
}

OutputRequest replay_buffer_request(const Profile& profile) {
    const ReplayBufferSettings& replay = profile.output.replay_buffer;
    const std::string folder = replay_folder(profile);
    create_folder(folder, "replay folder");
    return {
        "replay_buffer",
        {{"seconds", replay.seconds}, {"folder", folder}, {"format", to_string(replay.container)}}};
}

std::string recording_file_name(const std::string& pattern, const QDateTime& now) {
    const QDate date = now.date();
    const QTime time = now.time();
    const auto padded = [](int value, int width) {
        std::string digits = std::to_string(value);
        return std::string(digits.size() < size_t(width) ? width - digits.size() : 0, '0') + digits;
    };
    std::string name;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%' || i + 1 == pattern.size()) {
            name += pattern[i];
            continue;
        }
        switch (pattern[++i]) {
            case 'Y':
                name += padded(date.year(), 4);
                break;
            case 'm':
                name += padded(date.month(), 2);
                break;
            case 'd':
                name += padded(date.day(), 2);
                break;
            case 'H':
                name += padded(time.hour(), 2);
                break;
            case 'M':
                name += padded(time.minute(), 2);
                break;
            case 'S':
                name += padded(time.second(), 2);
                break;
            case '%':
                name += '%';
                break;
            default:  // unknown codes stay as typed; validation reports them
                name += '%';
                name += pattern[i];
        }
    }
    for (char& c : name) {
        if (c == '/' || c == '\0')
            c = '-';
    }
    return name;
}

std::string file_name_pattern_problem(const std::string& pattern) {
    if (pattern.find_first_not_of(' ') == std::string::npos)
        return "Type a file name, such as Live Machine %Y-%m-%d %H-%M-%S.";
    if (pattern.find('/') != std::string::npos)
        return "A file name cannot contain '/'; choose the folder above.";
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%')
            continue;
        if (i + 1 == pattern.size() || kPatternCodes.find(pattern[i + 1]) == std::string_view::npos)
            return "Unknown code after '%': use %Y %m %d %H %M %S or %%.";
        ++i;
    }
    return {};
}

}  // namespace lm::ui
