#include "plugins/hls/hls_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace lm {
namespace {

[[noreturn]] void refuse(const std::string& folder, const std::string& why) {
    throw OutputError(fmt::format("cannot write HLS to '{}': {}", folder, why));
}

template <typename T>
T read_setting(const nlohmann::json& settings, const char* key, T fallback) {
    const auto it = settings.find(key);
    if (it == settings.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw OutputError(fmt::format("HLS setting '{}' has the wrong type ({})", key, it->dump()));
    }
}

/// libavformat expands %d in segment names: a '%' in the folder's name must stay a '%'.
std::string escape_percent(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        escaped += c;
        if (c == '%')
            escaped += '%';
    }
    return escaped;
}

}  // namespace

HlsSettings HlsSettings::from_json(const nlohmann::json& settings) {
    if (!settings.is_object())
        throw OutputError("HLS settings must be an object");
    HlsSettings result;
    result.folder = read_setting<std::string>(settings, "folder", "");
    if (result.folder.empty()) {
        throw OutputError(
            "no HLS folder given (set 'folder' to the folder your web server serves)");
    }
    result.segment_s = read_setting<double>(settings, "segment_s", result.segment_s);
    if (!(result.segment_s >= kMinSegmentS && result.segment_s <= kMaxSegmentS)) {
        throw OutputError(fmt::format("HLS segment length {} s is out of range ({} to {} s)",
                                      result.segment_s, kMinSegmentS, kMaxSegmentS));
    }
    result.playlist_segments =
        read_setting<int>(settings, "playlist_segments", result.playlist_segments);
    if (result.playlist_segments < kMinPlaylistSegments ||
        result.playlist_segments > kMaxPlaylistSegments) {
        throw OutputError(fmt::format("HLS playlist length {} is out of range ({} to {} segments)",
                                      result.playlist_segments, kMinPlaylistSegments,
                                      kMaxPlaylistSegments));
    }
    result.delete_segments = read_setting<bool>(settings, "delete_segments", true);
    result.low_latency = read_setting<bool>(settings, "low_latency", false);
    const auto format = read_setting<std::string>(settings, "segment_format", "mpegts");
    if (format == "mpegts") {
        result.segment_format = HlsSegmentFormat::mpegts;
    } else if (format == "fmp4") {
        result.segment_format = HlsSegmentFormat::fmp4;
    } else {
        throw OutputError(
            fmt::format("unknown HLS segment format '{}' (use mpegts or fmp4)", format));
    }
    return result;
}

HlsOutput::HlsOutput(const nlohmann::json& settings)
    : settings_(HlsSettings::from_json(settings)) {}

std::string HlsOutput::playlist_path() const {
    return (std::filesystem::path(settings_.folder) / kPlaylistName).string();
}

// Checked when the output opens, not when it is configured: the folder may be mounted in
// between, and a bad folder is a failing destination that must not stop the others.
void HlsOutput::check_folder() const {
    namespace fs = std::filesystem;
    const std::string& folder = settings_.folder;
    std::error_code error;
    const fs::file_status status = fs::status(folder, error);
    if (!fs::exists(status)) {
        refuse(folder,
               fmt::format("the folder does not exist (create it first: mkdir -p '{}')", folder));
    }
    if (!fs::is_directory(status))
        refuse(folder, "that is a file, not a folder (give the folder the web server serves)");
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        refuse(folder,
               fmt::format("no permission to write in it (check its owner and mode: ls -ld '{}')",
                           folder));
    }
}

void HlsOutput::open(const std::vector<StreamInfo>& streams) {
    check_folder();
    namespace fs = std::filesystem;
    // An absolute path, not "file:<path>": the muxer deletes old segments with unlink() on
    // the names it built from this URL, which must therefore be plain paths. A path starting
    // with '/' is never taken for a protocol.
    const std::string folder = fs::absolute(settings_.folder).lexically_normal().string();
    const std::string base = escape_percent((fs::path(folder) / "stream-").string());
    const bool fmp4 = settings_.segment_format == HlsSegmentFormat::fmp4;

    std::string flags = "+program_date_time";  // lets players (and our tests) measure delay
    if (settings_.delete_segments)
        flags += "+delete_segments";
    if (settings_.low_latency)
        flags += "+independent_segments";

    AvMuxerOptions options;
    options.display_name = settings_.folder;
    options.format_options = {
        {"hls_time", fmt::format("{}", settings_.effective_segment_s())},
        {"hls_list_size", std::to_string(settings_.playlist_segments)},
        {"hls_flags", flags},
        // Segment numbers from the clock: a restart never reuses a name a CDN has cached.
        {"hls_start_number_source", "epoch"},
        {"hls_segment_type", fmp4 ? "fmp4" : "mpegts"},
        {"hls_segment_filename", base + (fmp4 ? "%d.m4s" : "%d.ts")},
    };
    if (fmp4)
        options.format_options.emplace_back("hls_fmp4_init_filename", "stream-init.mp4");
    muxer_.open((fs::path(folder) / kPlaylistName).string(), "hls", streams, options);
}

void HlsOutput::watch_keyframes(const Packet& packet) {
    if (packet.kind != MediaKind::video || !packet.keyframe)
        return;
    if (last_keyframe_pts_ != INT64_MIN && packet.time_base.den > 0) {
        const double gap_s = static_cast<double>(packet.pts - last_keyframe_pts_) *
                             packet.time_base.num / packet.time_base.den;
        if (gap_s > longest_keyframe_gap_s_.load())
            longest_keyframe_gap_s_ = gap_s;
    }
    last_keyframe_pts_ = packet.pts;
}

void HlsOutput::write(const Packet& packet) {
    watch_keyframes(packet);
    muxer_.write(packet);
}

void HlsOutput::close() {
    muxer_.close();
}

std::string HlsOutput::warning() const {
    const double gap_s = longest_keyframe_gap_s_.load();
    const double wanted_s = settings_.effective_segment_s();
    // A frame of slack: keyframe gaps are whole frames.
    if (gap_s <= wanted_s + 0.05)
        return {};
    return fmt::format(
        "HLS segments last {:.1f} s, not {:.1f} s: keyframes come every {:.1f} s (set the "
        "keyframe interval to {:g} s)",
        gap_s, wanted_s, gap_s, wanted_s);
}

}  // namespace lm
