#include "sync_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lm::e2e {

namespace {
constexpr double kEdgeMarginS = 0.5;
// FLV and Matroska store milliseconds, so a 1024-sample AAC frame's timestamp is off by up to
// 0.5 ms from where the previous one ended; that is rounding, not a gap.
constexpr double kMaxJitterS = 0.002;

double to_dbfs(double power) {
    return power > 0.0 ? 10.0 * std::log10(power) : -std::numeric_limits<double>::infinity();
}
}  // namespace

OnsetDetector::OnsetDetector(int sample_rate_hz, double threshold_dbfs, double min_quiet_ms)
    : window_samples_(std::max(1, sample_rate_hz / 1000)),
      sample_period_s_(1.0 / sample_rate_hz),
      threshold_power_(std::pow(10.0, threshold_dbfs / 10.0)),
      min_quiet_s_(min_quiet_ms / 1000.0),
      window_ms_(1000.0 * window_samples_ / sample_rate_hz),
      quiet_s_(min_quiet_ms / 1000.0),
      peak_window_dbfs_(-std::numeric_limits<double>::infinity()) {}

void OnsetDetector::add_block(double start_s, const std::vector<double>& power) {
    if (have_next_ && std::abs(start_s - next_sample_s_) > kMaxJitterS) {
        // A hole or an overlap in the timestamps: the samples around it are not contiguous, so
        // a window must not straddle it. Time keeps following the timestamps.
        ++gaps_;
        window_sum_ = 0.0;
        window_count_ = 0;
    }
    for (size_t i = 0; i < power.size(); ++i) {
        if (window_count_ == 0) {
            window_start_s_ = start_s + static_cast<double>(i) * sample_period_s_;
        }
        window_sum_ += power[i];
        if (++window_count_ == window_samples_) {
            close_window();
        }
    }
    next_sample_s_ = start_s + static_cast<double>(power.size()) * sample_period_s_;
    have_next_ = true;
}

void OnsetDetector::close_window() {
    const double mean_power = window_sum_ / window_count_;
    peak_window_dbfs_ = std::max(peak_window_dbfs_, to_dbfs(mean_power));
    if (mean_power > threshold_power_) {
        if (quiet_s_ >= min_quiet_s_ - 1e-9) {
            onsets_s_.push_back(window_start_s_);
        }
        quiet_s_ = 0.0;
    } else {
        quiet_s_ += window_ms_ / 1000.0;
    }
    window_sum_ = 0.0;
    window_count_ = 0;
}

SyncReport pair_markers(const std::vector<double>& flashes_s, const std::vector<double>& onsets_s,
                        TimeRange video, TimeRange audio, double max_pair_distance_s) {
    SyncReport report;
    std::vector<bool> onset_used(onsets_s.size(), false);
    auto interior = [](double t, TimeRange other) {
        return t >= other.begin_s + kEdgeMarginS && t <= other.end_s - kEdgeMarginS;
    };
    double offset_sum_ms = 0.0;
    for (double flash : flashes_s) {
        // Onsets are few (one a second): a linear search is clear and fast enough.
        size_t best = onsets_s.size();
        for (size_t i = 0; i < onsets_s.size(); ++i) {
            if (best == onsets_s.size() ||
                std::abs(onsets_s[i] - flash) < std::abs(onsets_s[best] - flash)) {
                best = i;
            }
        }
        if (best != onsets_s.size() && std::abs(onsets_s[best] - flash) <= max_pair_distance_s) {
            const double offset_ms = 1000.0 * (onsets_s[best] - flash);
            report.pairs.push_back({flash, onsets_s[best], offset_ms});
            onset_used[best] = true;
            offset_sum_ms += offset_ms;
            report.max_abs_offset_ms = std::max(report.max_abs_offset_ms, std::abs(offset_ms));
        } else if (interior(flash, audio)) {
            ++report.unpaired_flashes;
        } else {
            ++report.edge_unpaired;
        }
    }
    for (size_t i = 0; i < onsets_s.size(); ++i) {
        if (onset_used[i]) {
            continue;
        }
        if (interior(onsets_s[i], video)) {
            ++report.unpaired_beeps;
        } else {
            ++report.edge_unpaired;
        }
    }
    if (!report.pairs.empty()) {
        report.mean_offset_ms = offset_sum_ms / static_cast<double>(report.pairs.size());
    }
    return report;
}

}  // namespace lm::e2e
