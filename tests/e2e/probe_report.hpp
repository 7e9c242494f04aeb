// What lm_media_probe measures, how it is printed, and the checks a test can ask of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sync_analysis.hpp"

namespace lm::e2e {

struct VideoResult {
    bool present = false;
    std::string codec;
    int width = 0;
    int height = 0;
    double r_frame_rate = 0.0;    // what the container/stream declares
    double avg_frame_rate = 0.0;  // libavformat's average, may be 0 when unknown
    double measured_fps = 0.0;    // from the decoded frames' timestamps
    int packets = 0;
    int64_t bytes = 0;  // video payload
    int frames = 0;     // decoded frames
    double first_pts_s = 0.0;
    double last_pts_s = 0.0;
    double duration_s = 0.0;  // last - first + one frame
    double max_luma_non_flash = 0.0;
    bool first_packet_keyframe = false;  // the first video packet is flagged a keyframe
    int non_monotonic = 0;               // decoded frames not after the previous one
    double max_step_s = 0.0;             // the longest step between consecutive frames
};

struct AudioResult {
    bool present = false;
    std::string codec;
    std::string profile;
    int sample_rate = 0;
    int channels = 0;
    int packets = 0;
    int64_t decoded_samples = 0;  // after the decoder applied any signalled skip
    double first_packet_pts_s = 0.0;
    double first_pts_s = 0.0;  // of the first decoded sample a player plays
    double end_s = 0.0;
    double duration_s = 0.0;         // decoded_samples / sample_rate
    int initial_padding = 0;         // encoder delay the container declares (codecpar)
    int skip_samples_signalled = 0;  // samples the demuxer told the decoder to drop
    int gaps = 0;                    // timestamp jumps between decoded blocks
    double peak_window_dbfs = 0.0;
};

struct SyncResult {
    std::vector<int> flash_frames;  // first frame of each run of white frames
    std::vector<double> flashes_s;
    int white_frames = 0;
    int repeated_flash_frames = 0;  // white frames right after a white frame
    std::vector<double> onsets_s;
    SyncReport report;
};

struct ProbeResult {
    std::string file;
    std::string container;
    double container_duration_s = -1.0;
    int decode_errors = 0;  // packets or frames the demuxer/decoders rejected
    int log_errors = 0;     // error messages FFmpeg logged while reading
    VideoResult video;
    AudioResult audio;
    SyncResult sync;
    double av_duration_diff_ms = 0.0;  // |audio duration - video duration|
    double av_start_diff_ms = 0.0;     // first audio sample - first video frame
};

// Expectations given on the command line; unset ones are not checked. Giving any check also
// checks that every packet decoded without error.
struct ProbeChecks {
    bool any = false;
    std::optional<std::string> container;
    std::optional<std::string> video_codec;
    int width = 0;
    int height = 0;
    double fps = 0.0;
    std::optional<int> frames;
    double frames_tolerance_pct = 2.0;
    std::optional<int> min_frames;
    std::optional<std::string> audio_codec;
    int sample_rate = 0;
    int channels = 0;
    std::optional<double> max_av_diff_ms;
    std::optional<int> min_sync_pairs;
    std::optional<double> max_sync_offset_ms;
    std::optional<int> flash_spacing;
};

using Fields = std::vector<std::pair<std::string, std::string>>;  // dotted key -> JSON value

const char* usage();
bool parse_arguments(int argc, char** argv, std::string& path, std::vector<std::string>& prints,
                     ProbeChecks& checks, std::string& error);
// Derives durations, rates and the sync pairing from the raw measurements.
void finish_result(ProbeResult& result);
Fields report_fields(const ProbeResult& result);
std::string to_json(const Fields& fields);
const std::string* find_field(const Fields& fields, const std::string& key);
// One human-readable line per failed check.
std::vector<std::string> run_checks(const ProbeResult& result, const ProbeChecks& checks);

}  // namespace lm::e2e
