// The window's status bar, as in OBS and a little more: LIVE and REC timers, dropped frames,
// CPU, frame rate, a congestion light, the outputs' warnings (a disk filling up) while they
// last, and messages (an overloaded encoder, a destination that failed).
#pragma once

#include <QStatusBar>

#include "core/studio_stats.hpp"
#include "ui/window/output_controller.hpp"

class QLabel;

namespace lm::ui {

class StudioStatusBar : public QStatusBar {
    Q_OBJECT

public:
    explicit StudioStatusBar(QWidget* parent = nullptr);

    /// The LIVE or REC timer (the replay buffer has none: the Controls dock shows it).
    /// `live_seconds` leaves paused time out; a paused recording reads "REC 00:01:02 paused".
    void show_output(OutputController::Kind kind, OutputController::Phase phase,
                     double live_seconds, bool paused = false);
    /// Also the warnings of the outputs still running, in the warning colour: "⚠ show.mkv: the
    /// disk holding /videos has room for about 4 minutes at this rate"; gone when they are.
    void show_stats(const StatsSnapshot& stats, double target_fps);

    /// What a label shows, for tests: "live", "rec", "dropped", "cpu", "fps", "congestion",
    /// "warnings".
    QString text_of(const QString& key) const;

private:
    /// A stream destination that dropped: "Reconnecting in 2 s (try 3)…" in place of LIVE.
    void show_reconnecting(const StatsSnapshot& stats);
    void show_warnings(const StatsSnapshot& stats);

    QLabel* live_;
    QLabel* recording_;
    QLabel* dropped_;
    QLabel* cpu_;
    QLabel* fps_;
    QLabel* congestion_;
    QLabel* warnings_;
    StatsSnapshot previous_;
};

/// "01:02:03".
QString format_duration(double seconds);

}  // namespace lm::ui
