// The profile's hotkeys as shortcuts of the studio window: start/stop streaming and
// recording, pause/resume the recording, start/stop the replay buffer, save a replay, and
// switching scenes.
//
// They are application shortcuts (Qt::ApplicationShortcut), so they work while any window of
// Live Machine has focus, docks and dialogs included, but not while another program does.
// Hotkeys that work system-wide on X11 would need XGrabKey on the root window (and a
// portal on Wayland); that is not built.
#pragma once

#include <QKeySequence>
#include <QObject>

#include <string>
#include <vector>

class QShortcut;

namespace lm::ui {

class MainWindow;

class Hotkeys : public QObject {
    Q_OBJECT

public:
    /// Installs the shortcuts of `window.profile()`; owned by (and must not outlive) the
    /// window.
    explicit Hotkeys(MainWindow& window);

    /// Replaces the shortcuts with those of the window's current profile; call after the
    /// profile changes.
    void reload();

    /// One installed key sequence and the actions it runs, in the profile's order.
    struct Binding {
        QKeySequence keys;
        std::vector<std::string> actions;
    };
    const std::vector<Binding>& bindings() const { return bindings_; }

    /// Runs `actions` as one press of their key does. Each start or stop (pause or resume) is
    /// decided on the phases from before the press, so one key bound to both toggles.
    void run(const std::vector<std::string>& actions);

private:
    MainWindow& window_;
    std::vector<Binding> bindings_;
    std::vector<QShortcut*> shortcuts_;  // one per binding, children of the window
};

}  // namespace lm::ui
