// The "Controls" dock, as in OBS: start/stop streaming and recording, studio mode, settings
// and exit. The buttons only ask (signals); the window answers by telling the dock what the
// outputs are doing (set_streaming / set_recording), and the buttons follow. GUI thread only.
#pragma once

#include <QDockWidget>

class QLabel;
class QPushButton;

namespace lm::ui {

class ControlsDock : public QDockWidget {
    Q_OBJECT

public:
    /// Where an output (the stream, the recording) stands.
    enum class OutputPhase {
        kOff = 1,       ///< "Start …", enabled
        kStarting,      ///< "Stop …" (enabled so a slow start can be cancelled) + "Connecting…"
        kLive,          ///< "Stop …"
        kStopping,      ///< "Stopping…", disabled until the output has closed
        kReconnecting,  ///< "Stop …" + "Reconnecting…" (warning colour)
    };

    explicit ControlsDock(QWidget* parent = nullptr);

    void set_streaming(OutputPhase phase);
    void set_recording(OutputPhase phase);
    /// Checks the studio mode button without emitting studioModeToggled.
    void set_studio_mode(bool enabled);

    OutputPhase streaming() const { return stream_phase_; }
    OutputPhase recording() const { return record_phase_; }

    QPushButton* stream_button() const { return stream_button_; }
    QPushButton* record_button() const { return record_button_; }
    QPushButton* studio_mode_button() const { return studio_mode_button_; }
    QPushButton* settings_button() const { return settings_button_; }
    QPushButton* exit_button() const { return exit_button_; }
    /// The line under each output button saying what is in progress (hidden when idle).
    QLabel* stream_status() const { return stream_status_; }
    QLabel* record_status() const { return record_status_; }

signals:
    void streamToggleRequested();
    void recordToggleRequested();
    void studioModeToggled(bool enabled);
    void settingsRequested();
    void exitRequested();

private:
    /// The words an output's button and status line use.
    struct OutputLabels {
        QString start;     ///< "Start Streaming"
        QString stop;      ///< "Stop Streaming"
        QString starting;  ///< "Connecting…"
    };

    static void show_phase(QPushButton* button, QLabel* status, const OutputLabels& labels,
                           OutputPhase phase);

    OutputPhase stream_phase_ = OutputPhase::kOff;
    OutputPhase record_phase_ = OutputPhase::kOff;
    OutputLabels stream_labels_;
    OutputLabels record_labels_;
    QPushButton* stream_button_ = nullptr;
    QLabel* stream_status_ = nullptr;
    QPushButton* record_button_ = nullptr;
    QLabel* record_status_ = nullptr;
    QPushButton* studio_mode_button_ = nullptr;
    QPushButton* settings_button_ = nullptr;
    QPushButton* exit_button_ = nullptr;
};

}  // namespace lm::ui
