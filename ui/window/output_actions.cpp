#include "ui/window/output_actions.hpp"

#include <QStatusBar>

#include <spdlog/spdlog.h>

#include "ui/mixer/controls_dock.hpp"
#include "ui/settings/profile_requests.hpp"

namespace lm::ui {
namespace {

/// How long a message about a replay or a pause stays in the status bar.
constexpr int kMessageMs = 15000;

using Kind = OutputController::Kind;
using Phase = OutputController::Phase;

}  // namespace

OutputActions::OutputActions(OutputController& outputs, ControlsDock& controls, QStatusBar& status,
                             const Profile& profile, ShowError show_error, QObject* parent)
    : QObject(parent),
      outputs_(outputs),
      controls_(controls),
      status_(status),
      profile_(profile),
      show_error_(std::move(show_error)) {
    connect(&controls_, &ControlsDock::pauseToggleRequested, this,
            &OutputActions::toggle_recording_pause);
    connect(&controls_, &ControlsDock::replayBufferToggleRequested, this,
            &OutputActions::toggle_replay_buffer);
    connect(&controls_, &ControlsDock::saveReplayRequested, this, &OutputActions::save_replay);
    connect(&outputs_, &OutputController::recordingPausedChanged, this, [this](bool paused) {
        controls_.set_recording_paused(paused);
        show_message(paused ? tr("Recording paused") : tr("Recording resumed"));
    });
    connect(&outputs_, &OutputController::replaySaved, this,
            [this](const QString& path, double duration_s) {
                show_message(tr("Replay saved: %1 (%2 s)").arg(path).arg(duration_s, 0, 'f', 1));
            });
    connect(&outputs_, &OutputController::replayNotSaved, this, [this](const QString& why) {
        spdlog::warn("replay not saved: {}", why.toStdString());
        show_message(tr("Replay not saved: %1").arg(why));
    });
}

void OutputActions::toggle_recording_pause() {
    if (outputs_.recording_paused())
        resume_recording();
    else
        pause_recording();
}

void OutputActions::pause_recording() {
    if (const QString error = outputs_.pause_recording(); !error.isEmpty())
        show_message(tr("Recording not paused: %1").arg(error));
}

void OutputActions::resume_recording() {
    if (const QString error = outputs_.resume_recording(); !error.isEmpty())
        show_message(tr("Recording not resumed: %1").arg(error));
}

void OutputActions::toggle_replay_buffer() {
    if (outputs_.phase(Kind::replay_buffer) != Phase::off) {
        outputs_.stop(Kind::replay_buffer);
        return;
    }
    try {
        const OutputRequest request = replay_buffer_request(profile_);
        if (const QString error = outputs_.start(Kind::replay_buffer, {request}); !error.isEmpty())
            show_error_(tr("Replay buffer"), error);
    } catch (const std::exception& e) {
        show_error_(tr("Replay buffer"), QString::fromStdString(e.what()));
    }
}

void OutputActions::save_replay() {
    if (const QString error = outputs_.save_replay(); !error.isEmpty())
        show_message(tr("Replay not saved: %1").arg(error));
}

void OutputActions::show_message(const QString& message) {
    status_.showMessage(message, kMessageMs);
}

}  // namespace lm::ui
