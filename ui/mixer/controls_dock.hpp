// The "Controls" dock, as in OBS: start/stop streaming and recording, pause the recording,
// start/stop the replay buffer and save a replay, studio mode, settings and exit. The buttons
// only ask (signals); the window answers by telling the dock what the outputs are doing
// (set_streaming / set_recording / set_recording_paused / set_replay_buffer), and the buttons
// follow. GUI thread only.
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
    /// "Resume Recording" while paused, "Pause Recording" otherwise; the button is enabled
    /// only while the recording is live.
    void set_recording_paused(bool paused);
    /// "Save Replay" is enabled only while the replay buffer is live.
    void set_replay_buffer(OutputPhase phase);
    /// Checks the studio mode button without emitting studioModeToggled.
    void set_studio_mode(bool enabled);

    OutputPhase streaming() const { return stream_phase_; }
    OutputPhase recording() const { return record_phase_; }
    OutputPhase replay_buffer() const { return replay_phase_; }
    bool recording_paused() const { return recording_paused_; }

    QPushButton* stream_button() const { return stream_button_; }
    QPushButton* record_button() const { return record_button_; }
    QPushButton* pause_button() const { return pause_button_; }
    QPushButton* replay_button() const { return replay_button_; }
    QPushButton* save_replay_button() const { return save_replay_button_; }
    QPushButton* studio_mode_button() const { return studio_mode_button_; }
    QPushButton* settings_button() const { return settings_button_; }
    QPushButton* exit_button() const { return exit_button_; }
    /// The line under each output button saying what is in progress (hidden when idle).
    QLabel* stream_status() const { return stream_status_; }
    QLabel* record_status() const { return record_status_; }
    QLabel* replay_status() const { return replay_status_; }

signals:
    void streamToggleRequested();
    void recordToggleRequested();
    /// Pause when recording, resume when paused.
    void pauseToggleRequested();
    void replayBufferToggleRequested();
    void saveReplayRequested();
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

    void update_pause_button();
    static void show_phase(QPushButton* button, QLabel* status, const OutputLabels& labels,
                           OutputPhase phase);

    OutputPhase stream_phase_ = OutputPhase::kOff;
    OutputPhase record_phase_ = OutputPhase::kOff;
    OutputPhase replay_phase_ = OutputPhase::kOff;
    bool recording_paused_ = false;
    OutputLabels stream_labels_;
    OutputLabels record_labels_;
    OutputLabels replay_labels_;
    QPushButton* stream_button_ = nullptr;
    QLabel* stream_status_ = nullptr;
    QPushButton* record_button_ = nullptr;
    QLabel* record_status_ = nullptr;
    QPushButton* pause_button_ = nullptr;
    QPushButton* replay_button_ = nullptr;
    QLabel* replay_status_ = nullptr;
    QPushButton* save_replay_button_ = nullptr;
    QPushButton* studio_mode_button_ = nullptr;
    QPushButton* settings_button_ = nullptr;
    QPushButton* exit_button_ = nullptr;
};

}  // namespace lm::ui
