#include "ui/widgets/time_graph.hpp"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/widgets/status_colours.hpp"

namespace lm::ui {
namespace {

constexpr int kGridDivisions = 4;
constexpr int kMarginPx = 4;
constexpr int kSwatchPx = 10;
constexpr int kAreaAlpha = 40;

/// The smallest of 1, 2, 2.5, 5 x 10^k that is at least `raw`.
double tidy_step(double raw) {
    const double base = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (factor * base >= raw * (1 - 1e-9))
            return factor * base;
    }
    return 10 * base;
}

/// Seconds between time labels: about five across the window.
double time_step(double window_s) {
    for (const double step : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0})
        if (window_s / step <= 6)
            return step;
    return 3600.0;
}

QString time_label(double seconds_ago) {
    if (seconds_ago < 0.5)
        return QStringLiteral("now");
    const int whole = static_cast<int>(std::lround(seconds_ago));
    if (whole % 60 == 0)
        return QStringLiteral("-%1 min").arg(whole / 60);
    return QStringLiteral("-%1 s").arg(whole);
}

}  // namespace

TimeGraph::TimeGraph(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

int TimeGraph::add_series(const QString& name, const QColor& colour) {
    series_.push_back(Series{name, colour, {}});
    update();
    return series_count() - 1;
}

int TimeGraph::find_series(const QString& name) const {
    for (int i = 0; i < series_count(); ++i)
        if (series_[i].name == name)
            return i;
    return -1;
}

QString TimeGraph::series_name(int series) const {
    return series >= 0 && series < series_count() ? series_[series].name : QString();
}

QColor TimeGraph::series_colour(int series) const {
    return series >= 0 && series < series_count() ? series_[series].colour : QColor();
}

void TimeGraph::append(int series, double t_s, double value) {
    if (series < 0 || series >= series_count() || !std::isfinite(t_s) || !std::isfinite(value))
        return;
    series_[series].samples.push_back(Sample{t_s, value});
    newest_t_s_ = has_samples_ ? std::max(newest_t_s_, t_s) : t_s;
    has_samples_ = true;
    trim();
    range_valid_ = false;
    update();
}

void TimeGraph::clear_samples() {
    for (auto& series : series_)
        series.samples.clear();
    has_samples_ = false;
    newest_t_s_ = 0;
    range_valid_ = false;
    update();
}

int TimeGraph::sample_count(int series) const {
    return series >= 0 && series < series_count() ? static_cast<int>(series_[series].samples.size())
                                                  : 0;
}

std::optional<QPointF> TimeGraph::last_sample(int series) const {
    if (series < 0 || series >= series_count() || series_[series].samples.empty())
        return std::nullopt;
    const Sample& sample = series_[series].samples.back();
    return QPointF(sample.t_s, sample.value);
}

void TimeGraph::set_window_seconds(double seconds) {
    if (!(seconds > 0))
        return;
    window_s_ = seconds;
    trim();
    range_valid_ = false;
    update();
}

void TimeGraph::set_unit(const QString& unit) {
    unit_ = unit;
    update();
}

void TimeGraph::set_fixed_max(double max) {
    if (!(max > 0))
        return;
    fixed_max_ = max;
    range_valid_ = false;
    update();
}

void TimeGraph::clear_fixed_max() {
    fixed_max_.reset();
    range_valid_ = false;
    update();
}

double TimeGraph::y_max() const {
    recompute_range();
    return y_max_;
}

double TimeGraph::y_step() const {
    recompute_range();
    return y_step_;
}

void TimeGraph::set_warning_threshold(std::optional<double> value) {
    warning_threshold_ = value;
    range_valid_ = false;
    update();
}

void TimeGraph::set_error_threshold(std::optional<double> value) {
    error_threshold_ = value;
    range_valid_ = false;
    update();
}

void TimeGraph::trim() {
    const double oldest_kept_s = newest_t_s_ - window_s_;
    for (auto& series : series_)
        while (!series.samples.empty() && series.samples.front().t_s < oldest_kept_s)
            series.samples.pop_front();
}

void TimeGraph::recompute_range() const {
    if (range_valid_)
        return;
    if (fixed_max_) {
        y_max_ = *fixed_max_;
        y_step_ = tidy_step(y_max_ / kGridDivisions);
    } else {
        // Thresholds count as values so their lines are always on the graph.
        double largest = std::max(warning_threshold_.value_or(0), error_threshold_.value_or(0));
        for (const auto& series : series_)
            for (const auto& sample : series.samples)
                largest = std::max(largest, sample.value);
        if (largest > 0) {
            y_step_ = tidy_step(largest / kGridDivisions);
            y_max_ = std::ceil(largest / y_step_ * (1 - 1e-9)) * y_step_;
        } else {
            y_max_ = 1.0;
            y_step_ = y_max_ / kGridDivisions;
        }
    }
    range_valid_ = true;
}

QString TimeGraph::y_label(double value) const {
    const QString number = QString::number(value, 'g', 6);
    return unit_.isEmpty() ? number : number + QLatin1Char(' ') + unit_;
}

QRect TimeGraph::plot_rect() const {
    const QFontMetrics metrics = fontMetrics();
    const int legend_height = metrics.height() + kMarginPx;
    // The widest grid label sets the margin ("0.25 frames" is wider than "1 frames").
    int label_width = 0;
    const double top_value = y_max();
    const double step = y_step();
    for (double value = 0; step > 0 && value <= top_value * (1 + 1e-9); value += step)
        label_width = std::max(label_width, metrics.horizontalAdvance(y_label(value)));
    const int left = label_width + 2 * kMarginPx;
    const int top = legend_height + metrics.height() / 2;
    // Room below for the time labels, clear of the lowest value label centred on the axis.
    const int bottom_margin = metrics.height() + metrics.height() / 2 + kMarginPx;
    return QRect(left, top, std::max(1, width() - left - 2 * kMarginPx),
                 std::max(1, height() - top - bottom_margin));
}

QSize TimeGraph::sizeHint() const {
    return QSize(400, 160);
}

QSize TimeGraph::minimumSizeHint() const {
    return QSize(160, 4 * fontMetrics().height() + 20);
}

void TimeGraph::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    const QRect plot = plot_rect();
    painter.fillRect(plot, palette().color(QPalette::Base));
    paint_grid(painter, plot);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setClipRect(plot.adjusted(0, -1, 1, 1));
    for (const auto& series : series_)
        paint_series(painter, plot, series);
    // Thresholds stay crisp one-pixel lines.
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (warning_threshold_)
        paint_threshold(painter, plot, *warning_threshold_, warning_colour());
    if (error_threshold_)
        paint_threshold(painter, plot, *error_threshold_, error_colour());
    painter.setClipping(false);
    paint_legend(painter);
}

void TimeGraph::paint_grid(QPainter& painter, const QRect& plot) const {
    const QFontMetrics metrics = fontMetrics();
    QColor grid = palette().color(QPalette::WindowText);
    grid.setAlpha(50);
    const QColor text = palette().color(QPalette::WindowText);

    const double top = y_max();
    const double step = y_step();
    for (int i = 0; i * step <= top * (1 + 1e-9); ++i) {
        const double value = i * step;
        const int y = plot.bottom() - static_cast<int>(std::lround(value / top * plot.height()));
        painter.setPen(grid);
        painter.drawLine(plot.left(), y, plot.right(), y);
        painter.setPen(text);
        painter.drawText(
            QRect(0, y - metrics.height() / 2, plot.left() - kMarginPx, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter, y_label(value));
    }

    const double time_step_s = time_step(window_s_);
    for (double ago = 0; ago <= window_s_ + 1e-9; ago += time_step_s) {
        const int x = plot.right() - static_cast<int>(std::lround(ago / window_s_ * plot.width()));
        painter.setPen(grid);
        painter.drawLine(x, plot.top(), x, plot.bottom());
        const QString label = time_label(ago);
        const int label_width = metrics.horizontalAdvance(label);
        const int left = std::clamp(x - label_width / 2, 0, width() - label_width);
        painter.setPen(text);
        painter.drawText(
            QRect(left, plot.bottom() + metrics.height() / 2 + 2, label_width, metrics.height()),
            Qt::AlignCenter, label);
    }
}

void TimeGraph::paint_series(QPainter& painter, const QRect& plot, const Series& series) {
    if (series.samples.empty())
        return;
    const double top = y_max();
    const double left_t_s = newest_t_s_ - window_s_;
    points_.resize(0);  // keeps the capacity of earlier paints
    for (const auto& sample : series.samples) {
        const double x = plot.left() + (sample.t_s - left_t_s) / window_s_ * plot.width();
        const double value = std::clamp(sample.value, 0.0, top);
        const double y = plot.bottom() + 1 - value / top * plot.height();
        points_.append(QPointF(x, y));
    }
    const qsizetype line_points = points_.size();
    if (line_points == 1) {
        painter.setPen(QPen(series.colour, 3, Qt::SolidLine, Qt::RoundCap));
        painter.drawPoint(points_.front());
        return;
    }
    // The area under the line, faint, so overlapping series stay readable.
    QColor area = series.colour;
    area.setAlpha(kAreaAlpha);
    points_.append(QPointF(points_.back().x(), plot.bottom() + 1));
    points_.append(QPointF(points_.front().x(), plot.bottom() + 1));
    painter.setPen(Qt::NoPen);
    painter.setBrush(area);
    painter.drawPolygon(points_);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(series.colour, 1.5));
    painter.drawPolyline(points_.constData(), static_cast<int>(line_points));
}

void TimeGraph::paint_threshold(QPainter& painter, const QRect& plot, double value,
                                const QColor& colour) const {
    const double top = y_max();
    if (value < 0 || value > top)
        return;
    const int y = plot.bottom() - static_cast<int>(std::lround(value / top * plot.height()));
    painter.setPen(QPen(colour, 1, Qt::DashLine));
    painter.drawLine(plot.left(), y, plot.right(), y);
}

void TimeGraph::paint_legend(QPainter& painter) const {
    const QFontMetrics metrics = fontMetrics();
    const int row_height = metrics.height();
    int x = plot_rect().left();
    painter.setPen(palette().color(QPalette::WindowText));
    for (const auto& series : series_) {
        const int text_width = metrics.horizontalAdvance(series.name);
        painter.fillRect(QRect(x, (row_height - kSwatchPx) / 2 + 1, kSwatchPx, kSwatchPx),
                         series.colour);
        x += kSwatchPx + kMarginPx;
        painter.drawText(QRect(x, 1, text_width, row_height), Qt::AlignLeft | Qt::AlignVCenter,
                         series.name);
        x += text_width + 3 * kMarginPx;
    }
}

}  // namespace lm::ui
