#include "ui/stats/stats_panel.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "ui/stats/resource_usage.hpp"

namespace lm::ui {
namespace {

const QString kUnknown = QStringLiteral("\u2014");
constexpr double kBytesPerMebibyte = 1024.0 * 1024.0;
constexpr double kBytesPerGibibyte = 1024.0 * kBytesPerMebibyte;
// Below these fractions of the target the frame rate is a warning, then an error.
constexpr double kFpsWarningFraction = 0.95;
constexpr double kFpsErrorFraction = 0.8;

}  // namespace

StatsPanel::StatsPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("statsPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* numbers = new QGridLayout;
    numbers->setColumnStretch(1, 1);
    layout->addLayout(numbers);
    add_row(numbers, cpu, kCpuKey, tr("CPU Usage"));
    add_row(numbers, memory, kMemoryKey, tr("Memory Usage"));
    add_row(numbers, disk, kDiskKey, tr("Available Disk Space"));
    add_row(numbers, fps, kFpsKey, tr("FPS"));
    add_row(numbers, render_time, kRenderTimeKey, tr("Average Time to Render Frame"));
    add_row(numbers, missed, kMissedKey, tr("Missed Frames due to Rendering Lag"));
    add_row(numbers, skipped, kSkippedKey, tr("Skipped Frames due to Encoding Lag"));

    outputs_ = new OutputStatsTable(this);
    layout->addWidget(outputs_);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    reset_button_ = new QPushButton(tr("Reset"), this);
    reset_button_->setObjectName(QStringLiteral("statsResetButton"));
    connect(reset_button_, &QPushButton::clicked, this, &StatsPanel::resetCounters);
    buttons->addWidget(reset_button_);
    layout->addLayout(buttons);

    graphs_ = new StatsGraphs(this);
    layout->addWidget(graphs_);
    layout->addStretch(1);

    show_snapshot();
}

void StatsPanel::add_row(QGridLayout* grid, Row row, const char* key, const QString& title) {
    auto* value = new QLabel(kUnknown, this);
    value->setObjectName(QString::fromLatin1(key));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    values_[row] = value;
    grid->addWidget(new QLabel(title, this), row, 0);
    grid->addWidget(value, row, 1);
}

void StatsPanel::update(const lm::StatsSnapshot& snapshot, double target_fps) {
    last_ = snapshot;
    target_fps_ = target_fps;
    show_snapshot();
    outputs_->show_outputs(snapshot.outputs);
    graphs_->add(snapshot, target_fps);
}

void StatsPanel::set_recording_folder(const QString& folder) {
    recording_folder_ = folder;
    show_disk_space();
}

void StatsPanel::resetCounters() {
    if (last_)
        baseline_ = Baseline{last_->frames_missed, last_->frames_skipped, last_->frames_output};
    outputs_->reset_counters();
    show_snapshot();
}

QString StatsPanel::text_of(const QString& key) const {
    const QLabel* label = value_label(key);
    return label != nullptr ? label->text() : QString();
}

QColor StatsPanel::colour_of(const QString& key) const {
    const QLabel* label = value_label(key);
    return label != nullptr ? label->palette().color(label->foregroundRole()) : QColor();
}

QLabel* StatsPanel::value_label(const QString& key) const {
    for (QLabel* label : values_)
        if (label->objectName() == key)
            return label;
    return nullptr;
}

void StatsPanel::show_value(Row row, const QString& text, Severity severity) {
    QLabel* label = values_[row];
    label->setText(text);
    // A palette with no roles set inherits the theme; only meaning gets a fixed colour.
    QPalette palette;
    if (severity != Severity::normal)
        palette.setColor(QPalette::WindowText,
                         severity_colour(severity, label->palette(), QPalette::WindowText));
    label->setPalette(palette);
}

void StatsPanel::show_snapshot() {
    const std::optional<uint64_t> resident = resident_memory_bytes();
    show_value(
        memory,
        resident ? QStringLiteral("%1 MB").arg(*resident / kBytesPerMebibyte, 0, 'f', 1) : kUnknown,
        Severity::normal);
    show_disk_space();
    if (!last_) {
        for (Row row : {cpu, fps, render_time, missed, skipped})
            show_value(row, kUnknown, Severity::normal);
        return;
    }
    const lm::StatsSnapshot& s = *last_;

    show_value(
        cpu, QStringLiteral("%1%").arg(s.cpu_percent_last_second, 0, 'f', 1),
        s.cpu_percent_last_second >= kCpuWarningPercent ? Severity::warning : Severity::normal);

    Severity fps_severity = Severity::normal;
    if (target_fps_ > 0 && s.fps_last_second < target_fps_ * kFpsErrorFraction)
        fps_severity = Severity::error;
    else if (target_fps_ > 0 && s.fps_last_second < target_fps_ * kFpsWarningFraction)
        fps_severity = Severity::warning;
    show_value(fps,
               QStringLiteral("%1 / %2")
                   .arg(s.fps_last_second, 0, 'f', 2)
                   .arg(target_fps_ > 0 ? QString::number(target_fps_, 'f', 2) : kUnknown),
               fps_severity);

    const bool too_slow = target_fps_ > 0 && s.render_ms_last_second > 1000.0 / target_fps_;
    show_value(render_time, QStringLiteral("%1 ms").arg(s.render_ms_last_second, 0, 'f', 1),
               too_slow ? Severity::error : Severity::normal);

    const uint64_t frames = counted_since(s.frames_output, baseline_.frames_output);
    const uint64_t missed_frames = counted_since(s.frames_missed, baseline_.frames_missed);
    const uint64_t skipped_frames = counted_since(s.frames_skipped, baseline_.frames_skipped);
    show_value(missed, format_ratio(missed_frames, frames),
               frame_loss_severity(missed_frames, frames));
    show_value(skipped, format_ratio(skipped_frames, frames),
               frame_loss_severity(skipped_frames, frames));
}

void StatsPanel::show_disk_space() {
    const std::optional<uint64_t> available = available_disk_bytes(recording_folder_.toStdString());
    show_value(disk,
               available ? QStringLiteral("%1 GB").arg(*available / kBytesPerGibibyte, 0, 'f', 1)
                         : kUnknown,
               Severity::normal);
}

}  // namespace lm::ui
