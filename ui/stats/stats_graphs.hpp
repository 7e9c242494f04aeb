// The graphs under the stats dock's numbers (beyond what OBS shows): bitrate per output,
// frames missed/skipped/dropped per second, and render time per frame, over 5 minutes.
#pragma once

#include <QWidget>
#include <map>
#include <string>

#include "core/studio_stats.hpp"
#include "ui/widgets/time_graph.hpp"

namespace lm::ui {

class StatsGraphs : public QWidget {
    Q_OBJECT

public:
    static constexpr double kWindowSeconds = 300.0;

    explicit StatsGraphs(QWidget* parent = nullptr);

    /// Adds one point per series at `snapshot.elapsed_s`. Per-second rates are differences
    /// from the previous snapshot, so they start with the second one. New outputs get a
    /// bitrate series of their own.
    void add(const lm::StatsSnapshot& snapshot, double target_fps);

    TimeGraph* bitrate_graph() const { return bitrate_; }
    /// Series "missed", "skipped", "dropped".
    TimeGraph* frames_graph() const { return frames_; }
    /// Series "render time", error threshold at the frame interval.
    TimeGraph* render_graph() const { return render_; }

private:
    void add_frame_rates(const lm::StatsSnapshot& snapshot);

    TimeGraph* bitrate_;
    TimeGraph* frames_;
    TimeGraph* render_;
    int missed_series_;
    int skipped_series_;
    int dropped_series_;
    int render_series_;

    bool has_previous_ = false;
    double previous_elapsed_s_ = 0;
    uint64_t previous_missed_ = 0;
    uint64_t previous_skipped_ = 0;
    std::map<std::string, uint64_t> previous_dropped_;  ///< by output name
};

}  // namespace lm::ui
