// HLS for self-hosting: a playlist and its segments written into a folder that a web server
// (or a CDN in front of one) serves as it is. See docs/hls.md.
#pragma once

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <string>

#include "core/output/av_muxer.hpp"
#include "core/output/output.hpp"

namespace lm {

enum class HlsSegmentFormat {
    mpegts = 1,  ///< .ts: plays everywhere (every hls.js, Safari, smart TVs)
    fmp4,        ///< .m4s with an init.mp4: what newer players and CDNs prefer
};

struct HlsSettings {
    static constexpr double kMinSegmentS = 1;
    static constexpr double kMaxSegmentS = 10;
    static constexpr int kMinPlaylistSegments = 3;
    static constexpr int kMaxPlaylistSegments = 100;
    /// Segment length in low-latency mode.
    static constexpr double kLowLatencySegmentS = 1;

    std::string folder;
    /// Target segment length. The muxer cuts only at keyframes, so a segment lasts at least
    /// one keyframe interval: keep the two equal (the default keyframe interval is 2 s).
    double segment_s = 2;
    /// Segments listed in the playlist (a player starts about 3 segments behind its end).
    int playlist_segments = 6;
    /// Removes segments that left the playlist, so the folder does not grow for hours.
    bool delete_segments = true;
    /// 1 s segments, each marked independent (starts with a keyframe). FFmpeg 5.1 writes no
    /// LL-HLS partial segments, so this is shorter segments, not Apple's Low-Latency HLS.
    bool low_latency = false;
    HlsSegmentFormat segment_format = HlsSegmentFormat::mpegts;

    /// The segment length actually asked of the muxer.
    double effective_segment_s() const { return low_latency ? kLowLatencySegmentS : segment_s; }

    /// Reads the keys of hls_properties(). Throws OutputError for a missing folder setting or
    /// a wrong type or range.
    static HlsSettings from_json(const nlohmann::json& settings);
};

/// Writes `stream.m3u8` and its segments into a folder that must exist and be writable. A
/// restart into the same folder replaces the playlist; segment numbers start from the clock
/// (seconds since 1970), so a new run never reuses the name of a segment a CDN may have cached.
///
/// Threads: open/write/close on the output thread; interrupt(), display_name() and warning()
/// anywhere.
class HlsOutput final : public Output {
public:
    static constexpr const char* kPlaylistName = "stream.m3u8";

    /// Reads the settings (HlsSettings::from_json) without touching the disk. Throws
    /// OutputError.
    explicit HlsOutput(const nlohmann::json& settings);

    /// The folder.
    std::string display_name() const override { return settings_.folder; }
    /// The playlist's path.
    std::string playlist_path() const;

    /// Checks the folder (exists, is a folder, writable; the message names it and says what
    /// to do), then writes the first segment's header. Throws OutputError.
    void open(const std::vector<StreamInfo>& streams) override;
    void write(const Packet& packet) override;
    /// Ends the playlist (#EXT-X-ENDLIST: players stop instead of waiting for more).
    void close() override;
    void interrupt() override { muxer_.interrupt(); }
    /// Says so when keyframes come further apart than the segment length, which makes every
    /// segment (and the viewers' delay) longer than asked. MT safe.
    std::string warning() const override;

private:
    void check_folder() const;
    void watch_keyframes(const Packet& packet);

    HlsSettings settings_;
    AvMuxer muxer_;
    // Output thread only.
    int64_t last_keyframe_pts_ = INT64_MIN;
    // Written on the output thread, read by warning() anywhere.
    std::atomic<double> longest_keyframe_gap_s_{0};
};

}  // namespace lm
