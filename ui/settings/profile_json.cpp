#include "ui/settings/profile_json.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "ui/settings/atomic_file.hpp"

namespace lm::ui {
namespace {

using nlohmann::json;

/// Walks one JSON document, naming the file and the field path in every error.
class Reader {
public:
    explicit Reader(std::string file_label) : label_(std::move(file_label)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw ProfileError(label_ + ": " + path + " " + what);
    }

    /// The member `key` of object `parent` (at `path`), or null when absent or null.
    const json* member(const json& parent, const std::string& key) const {
        const auto it = parent.find(key);
        return it == parent.end() || it->is_null() ? nullptr : &*it;
    }

    const json* object(const json& parent, const std::string& key, const std::string& path) const {
        const json* value = member(parent, key);
        if (value != nullptr && !value->is_object())
            fail(path, "must be an object");
        return value;
    }

    void read(const json& parent, const std::string& key, const std::string& path,
              std::string& out) const {
        if (const json* value = member(parent, key)) {
            if (!value->is_string())
                fail(path, "must be text");
            out = value->get<std::string>();
        }
    }

    void read(const json& parent, const std::string& key, const std::string& path,
              bool& out) const {
        if (const json* value = member(parent, key)) {
            if (!value->is_boolean())
                fail(path, "must be true or false");
            out = value->get<bool>();
        }
    }

    /// A positive whole number that fits an int (zero allowed when `allow_zero`).
    void read(const json& parent, const std::string& key, const std::string& path, int& out,
              bool allow_zero = false) const {
        if (const json* value = member(parent, key)) {
            const long long number = value->is_number_integer() ? value->get<long long>() : -1;
            if (number < (allow_zero ? 0 : 1) || number > 2'000'000'000) {
                fail(path, allow_zero ? "must be a whole number, 0 or more"
                                      : "must be a positive integer");
            }
            out = static_cast<int>(number);
        }
    }

    /// A number (whole or not) greater than zero.
    void read(const json& parent, const std::string& key, const std::string& path,
              double& out) const {
        if (const json* value = member(parent, key)) {
            if (!value->is_number() || !(value->get<double>() > 0))
                fail(path, "must be a number greater than 0");
            out = value->get<double>();
        }
    }

private:
    std::string label_;
};

json destination_to_json(const StreamDestination& d) {
    json j = {{"name", d.name},
              {"service_id", d.service_id},
              {"server_url", d.server_url},
              {"stream_key", d.stream_key},
              {"enabled", d.enabled},
              {"trusted_certificate", d.trusted_certificate}};
    // Only HLS destinations carry their folder settings: the others stay as they were.
    if (d.writes_hls()) {
        j["hls"] = {{"folder", d.hls.folder},
                    {"segment_s", d.hls.segment_s},
                    {"playlist_segments", d.hls.playlist_segments},
                    {"delete_segments", d.hls.delete_segments},
                    {"low_latency", d.hls.low_latency},
                    {"segment_format", to_string(d.hls.segment_format)}};
    }
    return j;
}

void read_hls(const Reader& r, const json& j, const std::string& path, HlsFolderSettings& h) {
    r.read(j, "folder", path + ".folder", h.folder);
    r.read(j, "segment_s", path + ".segment_s", h.segment_s);
    r.read(j, "playlist_segments", path + ".playlist_segments", h.playlist_segments);
    r.read(j, "delete_segments", path + ".delete_segments", h.delete_segments);
    r.read(j, "low_latency", path + ".low_latency", h.low_latency);
    std::string format = to_string(h.segment_format);
    r.read(j, "segment_format", path + ".segment_format", format);
    if (!segment_format_from_string(format, h.segment_format))
        r.fail(path + ".segment_format", "must be \"mpegts\" or \"fmp4\"");
}

void read_network(const Reader& r, const json& j, NetworkOptions& n) {
    r.read(j, "reconnect", "network.reconnect", n.reconnect);
    r.read(j, "reconnect_attempts", "network.reconnect_attempts", n.reconnect_attempts);
    r.read(j, "reconnect_delay_s", "network.reconnect_delay_s", n.reconnect_delay_s);
    r.read(j, "reconnect_max_delay_s", "network.reconnect_max_delay_s", n.reconnect_max_delay_s);
    r.read(j, "dynamic_bitrate", "network.dynamic_bitrate", n.dynamic_bitrate);
    r.read(j, "follow_slowest", "network.follow_slowest", n.follow_slowest);
}

void read_replay_buffer(const Reader& r, const json& j, ReplayBufferSettings& b) {
    r.read(j, "seconds", "output.replay_buffer.seconds", b.seconds);
    r.read(j, "folder", "output.replay_buffer.folder", b.folder);
    std::string container = to_string(b.container);
    r.read(j, "container", "output.replay_buffer.container", container);
    if (!container_from_string(container, b.container))
        r.fail("output.replay_buffer.container", "must be \"mkv\", \"mp4\" or \"flv\"");
}

/// Absent in profiles written before splitting existed: it stays off.
void read_split(const Reader& r, const json& j, RecordingSplitSettings& split) {
    std::string mode = to_string(split.mode);
    r.read(j, "mode", "output.split.mode", mode);
    if (!split_from_string(mode, split.mode))
        r.fail("output.split.mode", "must be \"off\", \"time\" or \"size\"");
    r.read(j, "time_s", "output.split.time_s", split.time_s);
    r.read(j, "size_mb", "output.split.size_mb", split.size_mb);
}

StreamDestination read_destination(const Reader& r, const json& j, const std::string& path) {
    if (!j.is_object())
        r.fail(path, "must be an object");
    StreamDestination d;
    r.read(j, "name", path + ".name", d.name);
    r.read(j, "service_id", path + ".service_id", d.service_id);
    r.read(j, "server_url", path + ".server_url", d.server_url);
    r.read(j, "stream_key", path + ".stream_key", d.stream_key);
    r.read(j, "enabled", path + ".enabled", d.enabled);
    r.read(j, "trusted_certificate", path + ".trusted_certificate", d.trusted_certificate);
    if (const json* hls = r.object(j, "hls", path + ".hls"))
        read_hls(r, *hls, path + ".hls", d.hls);
    return d;
}

void read_output(const Reader& r, const json& j, OutputSettings& o) {
    r.read(j, "video_encoder", "output.video_encoder", o.video_encoder);
    r.read(j, "encoder_fallback", "output.encoder_fallback", o.encoder_fallback);
    std::string rate_control = to_string(o.rate_control);
    r.read(j, "rate_control", "output.rate_control", rate_control);
    if (!rate_control_from_string(rate_control, o.rate_control))
        r.fail("output.rate_control", "must be \"cbr\", \"vbr\" or \"crf\"");
    r.read(j, "bitrate_kbps", "output.bitrate_kbps", o.bitrate_kbps);
    r.read(j, "crf", "output.crf", o.crf, true);
    r.read(j, "preset", "output.preset", o.preset);
    r.read(j, "keyframe_interval_s", "output.keyframe_interval_s", o.keyframe_interval_s);
    r.read(j, "audio_bitrate_kbps", "output.audio_bitrate_kbps", o.audio_bitrate_kbps);
    r.read(j, "recording_folder", "output.recording_folder", o.recording_folder);
    std::string container = to_string(o.container);
    r.read(j, "container", "output.container", container);
    if (!container_from_string(container, o.container))
        r.fail("output.container", "must be \"mkv\", \"mp4\" or \"flv\"");
    r.read(j, "file_name_pattern", "output.file_name_pattern", o.file_name_pattern);
    if (const json* split = r.object(j, "split", "output.split"))
        read_split(r, *split, o.split);
    if (const json* replay = r.object(j, "replay_buffer", "output.replay_buffer"))
        read_replay_buffer(r, *replay, o.replay_buffer);
}

void read_size(const Reader& r, const json& parent, const std::string& key, const std::string& path,
               VideoSize& size) {
    if (const json* j = r.object(parent, key, path)) {
        r.read(*j, "width", path + ".width", size.width);
        r.read(*j, "height", path + ".height", size.height);
    }
}

void read_video(const Reader& r, const json& j, VideoSettings& v) {
    read_size(r, j, "base", "video.base", v.base);
    read_size(r, j, "output", "video.output", v.output);
    if (const json* fps = r.object(j, "frame_rate", "video.frame_rate")) {
        int num = static_cast<int>(v.frame_rate.num);
        int den = static_cast<int>(v.frame_rate.den);
        r.read(*fps, "num", "video.frame_rate.num", num);
        r.read(*fps, "den", "video.frame_rate.den", den);
        v.frame_rate = Rational{num, den};
    }
}

}  // namespace

nlohmann::json profile_to_json(const Profile& p) {
    json destinations = json::array();
    for (const auto& d : p.destinations)
        destinations.push_back(destination_to_json(d));
    const auto size = [](const VideoSize& s) {
        return json{{"width", s.width}, {"height", s.height}};
    };
    const OutputSettings& o = p.output;
    return {
        {"format", kProfileFormat},
        {"version", kProfileVersion},
        {"stream", {{"destinations", destinations}}},
        {"output",
         {{"video_encoder", o.video_encoder},
          {"encoder_fallback", o.encoder_fallback},
          {"rate_control", to_string(o.rate_control)},
          {"bitrate_kbps", o.bitrate_kbps},
          {"crf", o.crf},
          {"preset", o.preset},
          {"keyframe_interval_s", o.keyframe_interval_s},
          {"audio_bitrate_kbps", o.audio_bitrate_kbps},
          {"recording_folder", o.recording_folder},
          {"container", to_string(o.container)},
          {"file_name_pattern", o.file_name_pattern},
          {"split",
           {{"mode", to_string(o.split.mode)},
            {"time_s", o.split.time_s},
            {"size_mb", o.split.size_mb}}},
          {"replay_buffer",
           {{"seconds", o.replay_buffer.seconds},
            {"folder", o.replay_buffer.folder},
            {"container", to_string(o.replay_buffer.container)}}}}},
        {"network",
         {{"reconnect", p.network.reconnect},
          {"reconnect_attempts", p.network.reconnect_attempts},
          {"reconnect_delay_s", p.network.reconnect_delay_s},
          {"reconnect_max_delay_s", p.network.reconnect_max_delay_s},
          {"dynamic_bitrate", p.network.dynamic_bitrate},
          {"follow_slowest", p.network.follow_slowest}}},
        {"video",
         {{"base", size(p.video.base)},
          {"output", size(p.video.output)},
          {"frame_rate", {{"num", p.video.frame_rate.num}, {"den", p.video.frame_rate.den}}}}},
        {"audio",
         {{"sample_rate_hz", p.audio.sample_rate_hz},
          {"microphone_device", p.audio.microphone_device},
          {"desktop_device", p.audio.desktop_device},
          {"monitoring_device", p.audio.monitoring_device}}},
        {"hotkeys", p.hotkeys},
    };
}

Profile profile_from_json(const nlohmann::json& j, const std::string& file_label) {
    const Reader r(file_label);
    if (!j.is_object())
        r.fail("the file", "must hold a JSON object");
    std::string format;
    r.read(j, "format", "format", format);
    if (format != kProfileFormat)
        r.fail("format", std::string("must be \"") + kProfileFormat + "\" (is this a profile?)");
    int version = 0;
    r.read(j, "version", "version", version);
    if (version == 0)
        r.fail("version", "is missing");
    if (version > kProfileVersion) {
        r.fail("version", std::to_string(version) + " is newer than this Live Machine reads (" +
                              std::to_string(kProfileVersion) + "); update Live Machine");
    }

    Profile p = default_profile();
    if (const json* stream = r.object(j, "stream", "stream")) {
        if (const json* list = r.member(*stream, "destinations")) {
            if (!list->is_array())
                r.fail("stream.destinations", "must be a list");
            for (size_t i = 0; i < list->size(); ++i) {
                p.destinations.push_back(read_destination(
                    r, (*list)[i], "stream.destinations[" + std::to_string(i) + "]"));
            }
        }
    }
    if (const json* output = r.object(j, "output", "output"))
        read_output(r, *output, p.output);
    if (const json* network = r.object(j, "network", "network"))
        read_network(r, *network, p.network);
    if (const json* video = r.object(j, "video", "video"))
        read_video(r, *video, p.video);
    if (const json* audio = r.object(j, "audio", "audio")) {
        r.read(*audio, "sample_rate_hz", "audio.sample_rate_hz", p.audio.sample_rate_hz);
        r.read(*audio, "microphone_device", "audio.microphone_device", p.audio.microphone_device);
        r.read(*audio, "desktop_device", "audio.desktop_device", p.audio.desktop_device);
        r.read(*audio, "monitoring_device", "audio.monitoring_device", p.audio.monitoring_device);
    }
    if (const json* hotkeys = r.object(j, "hotkeys", "hotkeys")) {
        // Unknown actions are kept as they are: a newer version may have written them.
        for (const auto& [action, keys] : hotkeys->items()) {
            if (!keys.is_string())
                r.fail("hotkeys." + action, "must be text such as \"Ctrl+Shift+S\"");
            p.hotkeys[action] = keys.get<std::string>();
        }
    }
    return p;
}

Profile load_profile(const std::filesystem::path& path) {
    const std::string label = path.filename().string();
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ProfileError(label + ": cannot be read (" + std::generic_category().message(errno) +
                           ")");
    std::stringstream text;
    text << in.rdbuf();
    json j;
    try {
        j = json::parse(text.str());
    } catch (const json::parse_error& error) {
        // Drop nlohmann's "[json.exception.parse_error.101] " prefix; keep line and column.
        std::string what = error.what();
        if (const size_t end = what.find("] ");
            what.rfind("[json.", 0) == 0 && end != std::string::npos)
            what = what.substr(end + 2);
        throw ProfileError(label + ": not valid JSON (" + what + ")");
    }
    return profile_from_json(j, label);
}

void save_profile(const Profile& profile, const std::filesystem::path& path) {
    try {
        write_file_atomically(path, profile_to_json(profile).dump(2) + "\n", S_IRUSR | S_IWUSR,
                              KeepBackup::yes);
    } catch (const std::system_error& error) {
        throw ProfileError(error.what());
    }
}

}  // namespace lm::ui
