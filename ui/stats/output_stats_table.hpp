// The stats dock's table of outputs: one row per output with its status (and its warning, such
// as a disk filling up), network drops, data written and bitrate, as OBS's stats dock lists its
// streaming and recording outputs.
#pragma once

#include <QTableWidget>
#include <map>
#include <string>
#include <vector>

#include "core/studio_stats.hpp"

namespace lm::ui {

enum class OutputColumn {
    name = 0,
    status,   ///< the state; "running: <warning>" in the warning colour while it warns
    dropped,  ///< "Dropped Frames (Network)": N / M (x.x%), M = written + dropped
    data,     ///< total data written, MB/GB
    bitrate,  ///< kb/s over the last second
};

class OutputStatsTable : public QTableWidget {
    Q_OBJECT

public:
    explicit OutputStatsTable(QWidget* parent = nullptr);

    /// Shows `outputs`, one row each in their order; rows of outputs gone are removed.
    void show_outputs(const std::vector<lm::OutputStats>& outputs);
    /// Counts dropped frames, frames and data from now on (the bitrate is a rate: unchanged).
    void reset_counters();

    int output_count() const { return rowCount(); }
    /// What the cell of output `name` shows; empty/invalid when there is no such output.
    QString text_of(const QString& name, OutputColumn column) const;
    QColor colour_of(const QString& name, OutputColumn column) const;
    QString tool_tip_of(const QString& name, OutputColumn column) const;

private:
    struct Baseline {
        uint64_t bytes = 0;
        uint64_t video_frames_written = 0;
        uint64_t frames_dropped = 0;
    };

    const QTableWidgetItem* find_item(const QString& name, OutputColumn column) const;
    QTableWidgetItem* item_at(int row, OutputColumn column);
    void fit_size();

    std::vector<lm::OutputStats> last_outputs_;
    std::map<std::string, Baseline> baselines_;  ///< by output name, set by reset_counters()
};

}  // namespace lm::ui
