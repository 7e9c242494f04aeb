// A line graph of named series over a sliding time window (the stats dock's bitrate, frame and
// render-time graphs): y from 0 to a rounded maximum, labelled grid lines, a legend, and
// optional warning/error threshold lines.
#pragma once

#include <QColor>
#include <QPolygonF>
#include <QString>
#include <QWidget>
#include <deque>
#include <optional>
#include <vector>

namespace lm::ui {

class TimeGraph : public QWidget {
    Q_OBJECT

public:
    static constexpr double kDefaultWindowSeconds = 300.0;

    explicit TimeGraph(QWidget* parent = nullptr);

    /// Adds a series drawn in `colour`; returns its index for append().
    int add_series(const QString& name, const QColor& colour);
    int series_count() const { return static_cast<int>(series_.size()); }
    /// The index of the series called `name`, or -1.
    int find_series(const QString& name) const;
    QString series_name(int series) const;
    QColor series_colour(int series) const;

    /// Adds a sample at time `t_s` (seconds, non-decreasing per series). The right edge of the
    /// graph is the newest time appended to any series; samples of every series older than one
    /// window before it are discarded here, so memory stays bounded. Unknown series: ignored.
    void append(int series, double t_s, double value);
    /// Drops every sample, keeps the series.
    void clear_samples();
    int sample_count(int series) const;
    /// The newest sample of `series`, if any.
    std::optional<QPointF> last_sample(int series) const;

    void set_window_seconds(double seconds);
    double window_seconds() const { return window_s_; }
    /// Shown after each y label, e.g. "kb/s", "ms", "frames".
    void set_unit(const QString& unit);
    QString unit() const { return unit_; }
    /// A fixed top of the y axis; without it the top is the largest visible value (or
    /// threshold) rounded up to a tidy grid step.
    void set_fixed_max(double max);
    void clear_fixed_max();
    /// The value at the top of the y axis.
    double y_max() const;
    /// The step between horizontal grid lines.
    double y_step() const;

    /// Threshold lines, dashed, in warning_colour() and error_colour() (status_colours.hpp).
    void set_warning_threshold(std::optional<double> value);
    void set_error_threshold(std::optional<double> value);

    /// Where the data is drawn, in widget coordinates (below the legend, right of the labels).
    QRect plot_rect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Sample {
        double t_s;
        double value;
    };
    struct Series {
        QString name;
        QColor colour;
        std::deque<Sample> samples;
    };

    void trim();
    void recompute_range() const;
    QString y_label(double value) const;
    void paint_grid(QPainter& painter, const QRect& plot) const;
    void paint_series(QPainter& painter, const QRect& plot, const Series& series);
    void paint_threshold(QPainter& painter, const QRect& plot, double value,
                         const QColor& colour) const;
    void paint_legend(QPainter& painter) const;

    std::vector<Series> series_;
    double window_s_ = kDefaultWindowSeconds;
    double newest_t_s_ = 0;
    bool has_samples_ = false;
    QString unit_;
    std::optional<double> fixed_max_;
    std::optional<double> warning_threshold_;
    std::optional<double> error_threshold_;
    // The auto range is derived from the samples; cached until they change.
    mutable bool range_valid_ = false;
    mutable double y_max_ = 1.0;
    mutable double y_step_ = 0.25;
    QPolygonF points_;  ///< reused between paints to avoid reallocating
};

}  // namespace lm::ui
