// Sync-marker analysis for the end-to-end tests: finds beep onsets in decoded audio and pairs
// the white flashes of the video with them. Pure computation, no FFmpeg, one thread.
#pragma once

#include <vector>

namespace lm::e2e {

// Finds the instants where a beep starts: the RMS of a 1 ms window rises above a threshold
// after at least `min_quiet_ms` of windows below it. The time before the first sample counts
// as quiet, so a beep that starts on the very first sample is an onset too.
class OnsetDetector {
public:
    OnsetDetector(int sample_rate_hz, double threshold_dbfs = -30.0, double min_quiet_ms = 200.0);

    // Feeds consecutive samples of one decoded block. `power` holds, per sample, the mean of the
    // squared channel values (full scale = 1.0); `start_s` is the block's presentation time.
    // A block that does not start where the previous one ended (a timestamp jump of more than
    // 2 ms) restarts the window and is counted as a gap.
    void add_block(double start_s, const std::vector<double>& power);

    const std::vector<double>& onsets_s() const { return onsets_s_; }
    int gaps() const { return gaps_; }
    // Loudest 1 ms window seen, in dBFS (-inf when none was complete).
    double peak_window_dbfs() const { return peak_window_dbfs_; }

private:
    void close_window();

    int window_samples_;
    double sample_period_s_;
    double threshold_power_;
    double min_quiet_s_;
    double window_ms_;

    double window_start_s_ = 0.0;
    double window_sum_ = 0.0;
    int window_count_ = 0;
    double next_sample_s_ = -1.0;  // expected time of the next sample; < 0 before the first
    bool have_next_ = false;
    double quiet_s_;  // how long the signal has been below the threshold
    int gaps_ = 0;
    double peak_window_dbfs_;
    std::vector<double> onsets_s_;
};

struct SyncPair {
    double flash_s;
    double onset_s;
    double offset_ms;  // onset - flash: positive when the sound comes after the picture
};

struct SyncReport {
    std::vector<SyncPair> pairs;
    // Markers with no partner within half a period that are far enough (>= 0.5 s) from the ends
    // of the other stream that the partner should have been there: each one is a sync failure.
    int unpaired_flashes = 0;
    int unpaired_beeps = 0;
    // Markers near the ends of the other stream, without a partner: tolerated (cut at the edge).
    int edge_unpaired = 0;
    double max_abs_offset_ms = 0.0;
    double mean_offset_ms = 0.0;
};

struct TimeRange {
    double begin_s;
    double end_s;
};

// Pairs every flash with the nearest beep onset when it is within `max_pair_distance_s`.
// `video` and `audio` are the time ranges each stream covers (for the edge rule above).
SyncReport pair_markers(const std::vector<double>& flashes_s, const std::vector<double>& onsets_s,
                        TimeRange video, TimeRange audio, double max_pair_distance_s = 0.5);

}  // namespace lm::e2e
