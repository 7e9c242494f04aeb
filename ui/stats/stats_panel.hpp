// Everything OBS's stats dock shows (CPU, memory, disk space, FPS, render time, missed and
// skipped frames, and a table of outputs), coloured the same way, with graphs underneath.
#pragma once

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QString>
#include <QWidget>
#include <array>
#include <optional>

#include "core/studio_stats.hpp"
#include "ui/stats/output_stats_table.hpp"
#include "ui/stats/stats_format.hpp"
#include "ui/stats/stats_graphs.hpp"

namespace lm::ui {

class StatsPanel : public QWidget {
    Q_OBJECT

public:
    /// Keys of the value rows (also the objectName of each value label).
    static constexpr const char* kCpuKey = "cpu";
    static constexpr const char* kMemoryKey = "memory";
    static constexpr const char* kDiskKey = "disk";
    static constexpr const char* kFpsKey = "fps";
    static constexpr const char* kRenderTimeKey = "render_time";
    static constexpr const char* kMissedKey = "missed";
    static constexpr const char* kSkippedKey = "skipped";

    static constexpr double kCpuWarningPercent = 80.0;

    explicit StatsPanel(QWidget* parent = nullptr);

    using QWidget::update;  // the repaint slot, not hidden by update(snapshot)
    /// Shows `snapshot` and adds it to the graphs (x = snapshot.elapsed_s). Called once a
    /// second by the window, on the UI thread.
    void update(const lm::StatsSnapshot& snapshot, double target_fps);

    /// The folder whose free space is shown; empty for none ("—").
    void set_recording_folder(const QString& folder);

    /// What the value row `key` shows, and in which colour; empty/invalid for an unknown key.
    QString text_of(const QString& key) const;
    QColor colour_of(const QString& key) const;

    OutputStatsTable* outputs() const { return outputs_; }
    StatsGraphs* graphs() const { return graphs_; }
    QPushButton* reset_button() const { return reset_button_; }

public slots:
    /// Counts missed, skipped and dropped frames and data from now on, as OBS's Reset does;
    /// the graphs keep their history.
    void resetCounters();

private:
    enum Row { cpu = 0, memory, disk, fps, render_time, missed, skipped, row_count };
    struct Baseline {
        uint64_t frames_missed = 0;
        uint64_t frames_skipped = 0;
        uint64_t frames_output = 0;
    };

    void add_row(QGridLayout* grid, Row row, const char* key, const QString& title);
    void show_value(Row row, const QString& text, Severity severity);
    void show_snapshot();
    void show_disk_space();
    QLabel* value_label(const QString& key) const;

    std::array<QLabel*, row_count> values_{};
    OutputStatsTable* outputs_;
    StatsGraphs* graphs_;
    QPushButton* reset_button_;

    QString recording_folder_;
    std::optional<lm::StatsSnapshot> last_;
    double target_fps_ = 0;
    Baseline baseline_;
};

}  // namespace lm::ui
