// What the window does with the outputs beyond starting and stopping the stream and the
// recording: pause and resume the recording, start and stop the replay buffer, save a replay,
// and the answers the creator sees (the Controls dock's buttons, status bar messages naming
// the saved file or why it was not saved). The Controls dock and the hotkeys ask through it.
// GUI thread only; nothing here waits on the engine (OutputController does the asking).
#pragma once

#include <QObject>
#include <QString>

#include <functional>

#include "ui/settings/profile.hpp"
#include "ui/window/output_controller.hpp"

class QStatusBar;

namespace lm::ui {

class ControlsDock;

class OutputActions : public QObject {
    Q_OBJECT

public:
    using ShowError = std::function<void(const QString& title, const QString& message)>;

    /// `profile` is read at each start (the window's current profile); every argument must
    /// outlive this object (children of the window, as it is).
    OutputActions(OutputController& outputs, ControlsDock& controls, QStatusBar& status,
                  const Profile& profile, ShowError show_error, QObject* parent);

    /// Pauses a live recording, or resumes a paused one.
    void toggle_recording_pause();
    void pause_recording();
    void resume_recording();
    /// Starts the replay buffer with the profile's settings, or stops it.
    void toggle_replay_buffer();
    /// Asks for a replay; the status bar names the file when it is written.
    void save_replay();

private:
    void show_message(const QString& message);

    OutputController& outputs_;
    ControlsDock& controls_;
    QStatusBar& status_;
    const Profile& profile_;
    ShowError show_error_;
};

}  // namespace lm::ui
