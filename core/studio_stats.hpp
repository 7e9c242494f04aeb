// The counters the stats panel and the command line show, computed the way OBS users expect.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/audio/audio_meter.hpp"
#include "core/output/output_runner.hpp"

namespace lm {

struct OutputStats {
    uint64_t id = 0;    ///< unique for the studio's lifetime: tells outputs apart over time
    std::string group;  ///< the output group it belongs to ("streaming", "recording")
    OutputCounters counters;
    double kbps_last_second = 0;  ///< payload bitrate over the last second
    double average_kbps = 0;      ///< payload bitrate since its group started running
    /// The video bitrate its encode runs at now: below the creator's while dynamic bitrate
    /// follows a slow link; 0 for a fixed-quality encode (CRF).
    int video_kbps = 0;
    int configured_video_kbps = 0;  ///< the creator's video bitrate for that encode
    bool paused = false;            ///< its group (a recording) is paused
};

/// An immutable snapshot; `*_last_second` values come from the sampler's one-second window.
struct StatsSnapshot {
    double elapsed_s = 0;          ///< since the mixers started
    uint64_t frames_rendered = 0;  ///< drawn by the GPU
    uint64_t frames_missed = 0;    ///< rendering lag
    uint64_t frames_output = 0;    ///< produced at the output rate (rendered + repeated)
    uint64_t frames_skipped = 0;   ///< encoding lag: the encoder could not take them
    uint64_t frames_encoded = 0;
    uint64_t audio_blocks_skipped = 0;
    double fps_last_second = 0;
    double render_ms_avg = 0;  ///< per rendered frame, since the start
    double render_ms_last_second = 0;
    double cpu_percent_last_second = 0;  ///< process, percent of one core
    double cpu_seconds = 0;              ///< process user + system since the studio started
    AudioLevels audio_levels;
    std::vector<OutputStats> outputs;

    uint64_t frames_dropped_total() const {
        uint64_t total = 0;
        for (const auto& output : outputs)
            total += output.counters.frames_dropped;
        return total;
    }
    double kbps_last_second_total() const {
        double total = 0;
        for (const auto& output : outputs)
            total += output.kbps_last_second;
        return total;
    }
};

/// Process CPU time (user + system) in seconds, all threads.
double process_cpu_seconds();

}  // namespace lm
