// The studio window's outputs: starting and stopping streaming and recording from the Controls
// dock, following their phases into the dock's buttons and the status bar, failures as
// messages, and the once-a-second stats into the status bar and the stats dock.
#include <QDateTime>

#include "core/studio.hpp"
#include "ui/mixer/controls_dock.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/settings/profile_requests.hpp"
#include "ui/settings/settings_dialog.hpp"
#include "ui/stats/stats_dock.hpp"
#include "ui/stats/stats_panel.hpp"
#include "ui/window/main_window.hpp"
#include "ui/window/studio_status_bar.hpp"

namespace lm::ui {
namespace {

ControlsDock::OutputPhase controls_phase(OutputController::Phase phase) {
    switch (phase) {
        case OutputController::Phase::off:
            return ControlsDock::OutputPhase::kOff;
        case OutputController::Phase::starting:
            return ControlsDock::OutputPhase::kStarting;
        case OutputController::Phase::live:
            return ControlsDock::OutputPhase::kLive;
        case OutputController::Phase::stopping:
            return ControlsDock::OutputPhase::kStopping;
    }
    return ControlsDock::OutputPhase::kOff;
}

}  // namespace

void MainWindow::connect_outputs() {
    connect(outputs_, &OutputController::phaseChanged, this, &MainWindow::on_phase);
    connect(outputs_, &OutputController::failed, this,
            [this](OutputController::Kind kind, const QString& message) {
                status_bar_->showMessage(message, 15000);
                show_error(kind == OutputController::Kind::streaming   ? tr("Streaming")
                           : kind == OutputController::Kind::recording ? tr("Recording")
                                                                       : tr("Replay buffer"),
                           message);
            });
}

void MainWindow::toggle_streaming() {
    using Kind = OutputController::Kind;
    if (outputs_->phase(Kind::streaming) != OutputController::Phase::off) {
        outputs_->stop(Kind::streaming);
        return;
    }
    const std::vector<OutputRequest> requests = stream_requests(profile_);
    if (requests.empty()) {
        // Nowhere to stream to yet: take the creator straight to where that is set.
        open_settings();
        settings_dialog_->show_page(SettingsDialog::Page::stream);
        return;
    }
    if (const QString error = outputs_->start(Kind::streaming, requests); !error.isEmpty())
        show_error(tr("Streaming"), error);
}

void MainWindow::toggle_recording() {
    using Kind = OutputController::Kind;
    if (outputs_->phase(Kind::recording) != OutputController::Phase::off) {
        outputs_->stop(Kind::recording);
        return;
    }
    try {
        const OutputRequest request = record_request(profile_, QDateTime::currentDateTime());
        if (const QString error = outputs_->start(Kind::recording, {request}); !error.isEmpty())
            show_error(tr("Recording"), error);
    } catch (const std::exception& e) {
        show_error(tr("Recording"), QString::fromStdString(e.what()));
    }
}

void MainWindow::refresh_stats() {
    outputs_->poll();
    // A PipeWire source's restore token, once the creator chose what to share: saved with
    // the collection (through modified()), so the next start does not ask again.
    controller_->keep_learned_settings();
    using Kind = OutputController::Kind;
    status_bar_->show_output(Kind::streaming, outputs_->phase(Kind::streaming),
                             outputs_->live_seconds(Kind::streaming));
    status_bar_->show_output(Kind::recording, outputs_->phase(Kind::recording),
                             outputs_->live_seconds(Kind::recording), outputs_->recording_paused());
    if (!studio_)
        return;
    const double fps = studio_->settings().video.frame_rate.to_double();
    if (auto stats = studio_->last_second_stats()) {
        stats_dock_->panel()->update(*stats, fps);
        status_bar_->show_stats(*stats, fps);
    }
}

void MainWindow::on_phase(OutputController::Kind kind, OutputController::Phase phase) {
    if (kind == OutputController::Kind::streaming)
        controls_dock_->set_streaming(controls_phase(phase));
    else if (kind == OutputController::Kind::recording)
        controls_dock_->set_recording(controls_phase(phase));
    else
        controls_dock_->set_replay_buffer(controls_phase(phase));
    status_bar_->show_output(
        kind, phase, outputs_->live_seconds(kind),
        kind == OutputController::Kind::recording && outputs_->recording_paused());
    if (settings_dialog_)
        settings_dialog_->set_outputs_active(outputs_->any_active());
}

}  // namespace lm::ui
