#include "ui/window/hotkeys.hpp"

#include <QShortcut>

#include <algorithm>

#include <spdlog/spdlog.h>

#include "ui/model/studio_controller.hpp"
#include "ui/settings/profile.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/output_actions.hpp"

namespace lm::ui {
namespace {

using Kind = OutputController::Kind;
using Phase = OutputController::Phase;

bool is_on(Phase phase) {
    return phase == Phase::starting || phase == Phase::live;
}

}  // namespace

Hotkeys::Hotkeys(MainWindow& window) : QObject(&window), window_(window) {
    reload();
}

void Hotkeys::reload() {
    for (QShortcut* shortcut : shortcuts_) {
        // Out of the key map at once (a new shortcut on the same key would otherwise make
        // both ambiguous), deleted later: reload may run from inside its own signal.
        shortcut->setKey(QKeySequence());
        shortcut->setEnabled(false);
        shortcut->deleteLater();
    }
    shortcuts_.clear();
    bindings_.clear();

    // Several actions may share a key: one shortcut runs them all (two QShortcuts on one key
    // would only be "ambiguous" and run neither).
    for (const auto& [action, text] : window_.profile().hotkeys) {
        if (!is_hotkey_action(action) || text.empty())
            continue;
        const QKeySequence keys =
            QKeySequence::fromString(QString::fromStdString(text), QKeySequence::PortableText);
        if (keys.isEmpty() || keys[0].key() == Qt::Key_unknown) {
            spdlog::warn("hotkey for '{}' is not a key sequence: '{}'", action, text);
            continue;
        }
        auto same = std::find_if(bindings_.begin(), bindings_.end(),
                                 [&](const Binding& binding) { return binding.keys == keys; });
        if (same != bindings_.end())
            same->actions.push_back(action);
        else
            bindings_.push_back({keys, {action}});
    }
    for (const Binding& binding : bindings_) {
        auto* shortcut = new QShortcut(binding.keys, &window_);
        shortcut->setContext(Qt::ApplicationShortcut);
        connect(shortcut, &QShortcut::activated, this,
                [this, actions = binding.actions] { run(actions); });
        shortcuts_.push_back(shortcut);
    }
}

void Hotkeys::run(const std::vector<std::string>& actions) {
    OutputController& outputs = window_.outputs();
    const bool streaming = is_on(outputs.phase(Kind::streaming));
    const bool recording = is_on(outputs.phase(Kind::recording));
    // Start only when off and stop only when on: a start key pressed twice never stops, and
    // a stop key never starts. A phase of stopping counts as neither.
    const bool streaming_off = outputs.phase(Kind::streaming) == Phase::off;
    const bool recording_off = outputs.phase(Kind::recording) == Phase::off;
    const bool recording_live = outputs.phase(Kind::recording) == Phase::live;
    const bool paused = outputs.recording_paused();
    const bool replay_on = is_on(outputs.phase(Kind::replay_buffer));
    const bool replay_off = outputs.phase(Kind::replay_buffer) == Phase::off;
    const bool replay_live = outputs.phase(Kind::replay_buffer) == Phase::live;
    bool toggle_streaming = false;
    bool toggle_recording = false;
    bool toggle_pause = false;
    bool toggle_replay = false;
    bool save_replay = false;
    for (const std::string& action : actions) {
        if (action == kStartStreamingAction && streaming_off)
            toggle_streaming = true;
        else if (action == kStopStreamingAction && streaming)
            toggle_streaming = true;
        else if (action == kStartRecordingAction && recording_off)
            toggle_recording = true;
        else if (action == kStopRecordingAction && recording)
            toggle_recording = true;
        else if (action == kPauseRecordingAction && recording_live && !paused)
            toggle_pause = true;
        else if (action == kResumeRecordingAction && paused)
            toggle_pause = true;
        else if (action == kStartReplayBufferAction && replay_off)
            toggle_replay = true;
        else if (action == kStopReplayBufferAction && replay_on)
            toggle_replay = true;
        else if (action == kSaveReplayAction && replay_live)
            save_replay = true;
        else if (action.rfind(kSwitchScenePrefix, 0) == 0) {
            const QString scene =
                QString::fromStdString(action.substr(std::string(kSwitchScenePrefix).size()));
            // A hotkey for a scene that was renamed or removed does nothing.
            if (window_.controller().scene_names().contains(scene))
                window_.controller().set_current_scene(scene);
        }
    }
    if (toggle_streaming)
        window_.toggle_streaming();
    // Save before a stop bound to the same key ends the buffer.
    if (save_replay)
        window_.output_actions().save_replay();
    if (toggle_pause)
        window_.output_actions().toggle_recording_pause();
    if (toggle_recording)
        window_.toggle_recording();
    if (toggle_replay)
        window_.output_actions().toggle_replay_buffer();
}

}  // namespace lm::ui
