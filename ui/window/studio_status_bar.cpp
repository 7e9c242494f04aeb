#include "ui/window/studio_status_bar.hpp"

#include <QLabel>

#include <algorithm>
#include <cmath>

#include "ui/stats/stats_format.hpp"
#include "ui/widgets/status_colours.hpp"

namespace lm::ui {
namespace {

QLabel* add_label(QStatusBar* bar, const QString& name) {
    auto* label = new QLabel(bar);
    label->setObjectName(name);
    label->setContentsMargins(6, 0, 6, 0);
    bar->addPermanentWidget(label);
    return label;
}

void colour(QLabel* label, const QColor& colour) {
    label->setStyleSheet(colour.isValid() ? QStringLiteral("color: %1").arg(colour.name())
                                          : QString());
}

}  // namespace

QString format_duration(double seconds) {
    const int total = std::max(0, int(seconds));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600, 2, 10, QLatin1Char('0'))
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

StudioStatusBar::StudioStatusBar(QWidget* parent) : QStatusBar(parent) {
    setObjectName("statusBar");
    warnings_ = add_label(this, "warnings");
    colour(warnings_, warning_colour());
    warnings_->hide();
    congestion_ = add_label(this, "congestion");
    dropped_ = add_label(this, "dropped");
    live_ = add_label(this, "live");
    recording_ = add_label(this, "rec");
    cpu_ = add_label(this, "cpu");
    fps_ = add_label(this, "fps");
    show_output(OutputController::Kind::streaming, OutputController::Phase::off, 0);
    show_output(OutputController::Kind::recording, OutputController::Phase::off, 0);
    show_stats({}, 0);
}

void StudioStatusBar::show_output(OutputController::Kind kind, OutputController::Phase phase,
                                  double live_seconds, bool paused) {
    using Phase = OutputController::Phase;
    if (kind == OutputController::Kind::replay_buffer)
        return;
    const bool streaming = kind == OutputController::Kind::streaming;
    QLabel* label = streaming ? live_ : recording_;
    const QString name = streaming ? tr("LIVE") : tr("REC");
    switch (phase) {
        case Phase::off:
            label->setText(QStringLiteral("%1 00:00:00").arg(name));
            colour(label, {});
            break;
        case Phase::starting:
            label->setText(streaming ? tr("Connecting…") : tr("Starting recording…"));
            colour(label, warning_colour());
            break;
        case Phase::live:
            if (paused) {
                label->setText(tr("%1 %2 paused").arg(name, format_duration(live_seconds)));
                colour(label, warning_colour());
                break;
            }
            label->setText(QStringLiteral("● %1 %2").arg(name, format_duration(live_seconds)));
            colour(label, error_colour());  // the red of "on air"
            break;
        case Phase::stopping:
            label->setText(tr("Stopping…"));
            colour(label, warning_colour());
            break;
    }
}

void StudioStatusBar::show_stats(const StatsSnapshot& stats, double target_fps) {
    uint64_t dropped = 0;
    uint64_t sent = 0;
    for (const OutputStats& output : stats.outputs) {
        dropped += output.counters.frames_dropped;
        sent += output.counters.video_frames_written + output.counters.frames_dropped;
    }
    const double percent = sent ? 100.0 * double(dropped) / double(sent) : 0;
    dropped_->setText(tr("Dropped frames %1 (%2%)").arg(dropped).arg(percent, 0, 'f', 1));
    colour(dropped_, percent >= 5 ? error_colour() : dropped > 0 ? warning_colour() : QColor());
    cpu_->setText(tr("CPU %1%").arg(stats.cpu_percent_last_second, 0, 'f', 1));
    fps_->setText(
        tr("%1 / %2 FPS").arg(stats.fps_last_second, 0, 'f', 2).arg(target_fps, 0, 'f', 2));

    // The congestion light: drops in the last update mean the network cannot keep up;
    // skipped frames mean the encoder cannot.
    uint64_t previous_dropped = 0;
    for (const OutputStats& output : previous_.outputs)
        previous_dropped += output.counters.frames_dropped;
    // Congestion (0..1, how full the fullest send queue is) warns before anything drops.
    double congestion = 0;
    int lowered_kbps = 0;
    for (const OutputStats& output : stats.outputs) {
        if (output.counters.state != OutputState::running)
            continue;
        congestion = std::max(congestion, output.counters.congestion);
        if (output.video_kbps > 0 && output.video_kbps < output.configured_video_kbps)
            lowered_kbps = output.video_kbps;
    }
    const bool congested = dropped > previous_dropped || congestion >= 0.5;
    const bool overloaded = stats.frames_skipped > previous_.frames_skipped;
    const bool busy_network = congestion >= 0.1 || lowered_kbps > 0;
    QString tip = congested      ? tr("Network congested: frames are being dropped")
                  : overloaded   ? tr("Encoder overloaded")
                  : busy_network ? tr("The network is falling behind")
                                 : tr("No congestion");
    if (lowered_kbps > 0)
        tip += "\n" + tr("Video bitrate lowered to %1 kbps to fit the link").arg(lowered_kbps);
    congestion_->setText(QStringLiteral("■"));
    congestion_->setToolTip(tip);
    colour(congestion_, congested                    ? error_colour()
                        : overloaded || busy_network ? warning_colour()
                                                     : QColor(0, 170, 0));
    show_reconnecting(stats);
    show_warnings(stats);
    if (overloaded) {
        showMessage(tr("Encoding overloaded! Consider a faster preset or a lower resolution."),
                    5000);
    }
    previous_ = stats;
}

void StudioStatusBar::show_reconnecting(const StatsSnapshot& stats) {
    for (const OutputStats& output : stats.outputs) {
        const OutputCounters& c = output.counters;
        if (output.group != OutputController::group_name(OutputController::Kind::streaming) ||
            c.state != OutputState::reconnecting) {
            continue;
        }
        live_->setText(c.reconnect_in_s > 0
                           ? tr("Reconnecting in %1 s (try %2)…")
                                 .arg(std::ceil(c.reconnect_in_s))
                                 .arg(c.reconnect_attempt)
                           : tr("Reconnecting (try %1)…").arg(c.reconnect_attempt));
        live_->setToolTip(QString::fromStdString(c.name + ": " + c.error));
        colour(live_, warning_colour());
        return;
    }
    live_->setToolTip({});
}

void StudioStatusBar::show_warnings(const StatsSnapshot& stats) {
    QStringList warnings;
    for (const OutputStats& output : stats.outputs) {
        const QString warning = live_warning(output.counters);
        if (!warning.isEmpty())
            warnings << QStringLiteral("⚠ %1: %2")
                            .arg(QString::fromStdString(output.counters.name), warning);
    }
    warnings_->setText(warnings.join(QStringLiteral("  ")));
    warnings_->setToolTip(warnings.join(QLatin1Char('\n')));
    warnings_->setVisible(!warnings.isEmpty());
}

QString StudioStatusBar::text_of(const QString& key) const {
    for (QLabel* label : {live_, recording_, dropped_, cpu_, fps_, congestion_, warnings_}) {
        if (label->objectName() == key)
            return key == "congestion" ? label->toolTip() : label->text();
    }
    return {};
}

}  // namespace lm::ui
