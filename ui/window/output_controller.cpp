#include "ui/window/output_controller.hpp"

#include <QTimer>

#include <algorithm>

namespace lm::ui {
namespace {

/// How often a running replay save is looked at: a saved file is named within this.
constexpr int kReplaySavePollMs = 50;

}  // namespace

OutputController::OutputController(QObject* parent)
    : QObject(parent), save_timer_(new QTimer(this)) {
    save_timer_->setInterval(kReplaySavePollMs);
    connect(save_timer_, &QTimer::timeout, this, &OutputController::check_replay_save);
}

OutputController::~OutputController() {
    if (pending_save_.valid())
        pending_save_.wait();
}

const char* OutputController::group_name(Kind kind) {
    switch (kind) {
        case Kind::streaming:
            return "streaming";
        case Kind::recording:
            return "recording";
        case Kind::replay_buffer:
            return "replay";
    }
    return "streaming";
}

void OutputController::set_studio(Studio* studio) {
    if (pending_save_.valid()) {
        pending_save_.wait();
        check_replay_save();
    }
    studio_ = studio;
    set_paused(false);
    for (Kind kind : kKinds)
        set_phase(kind, Phase::off);
}

QString OutputController::start(Kind kind, const std::vector<OutputRequest>& requests) {
    if (!studio_)
        return tr("The engine is not running (see the message shown at start).");
    if (phase(kind) != Phase::off)
        return {};
    try {
        studio_->start_group(group_name(kind), requests);
    } catch (const StudioError& e) {
        return QString::fromStdString(e.what());
    }
    state(kind).stop_asked = false;
    state(kind).reported_failures.clear();
    set_phase(kind, Phase::starting);
    return {};
}

void OutputController::stop(Kind kind) {
    if (!studio_ || phase(kind) == Phase::off)
        return;
    state(kind).stop_asked = true;
    studio_->stop_group(group_name(kind));
    set_phase(kind, Phase::stopping);
}

double OutputController::live_seconds(Kind kind) const {
    const State& s = state(kind);
    if (s.phase != Phase::live)
        return 0;
    const auto now = std::chrono::steady_clock::now();
    auto paused = s.paused_total;
    if (s.paused)
        paused += now - s.paused_since;
    return std::chrono::duration<double>(now - s.live_since - paused).count();
}

bool OutputController::any_active() const {
    return std::any_of(std::begin(kKinds), std::end(kKinds),
                       [this](Kind kind) { return phase(kind) != Phase::off; });
}

QString OutputController::pause_recording() {
    if (!studio_ || phase(Kind::recording) != Phase::live)
        return tr("Nothing is being recorded.");
    if (recording_paused())
        return {};
    try {
        studio_->pause_group(group_name(Kind::recording));
    } catch (const StudioError& e) {
        return QString::fromStdString(e.what());
    }
    set_paused(true);
    return {};
}

QString OutputController::resume_recording() {
    if (!studio_ || !recording_paused())
        return {};
    try {
        studio_->resume_group(group_name(Kind::recording));
    } catch (const StudioError& e) {
        return QString::fromStdString(e.what());
    }
    set_paused(false);
    return {};
}

QString OutputController::save_replay() {
    if (!studio_ || phase(Kind::replay_buffer) != Phase::live)
        return tr("Start the replay buffer first.");
    if (saving_replay())
        return tr("A replay is being saved; try again in a moment.");
    // Studio::save_replay waits until the file is written: never on the UI thread.
    Studio* studio = studio_;
    pending_save_ = std::async(std::launch::async, [studio] {
        return studio->save_replay(group_name(Kind::replay_buffer));
    });
    save_timer_->start();
    return {};
}

void OutputController::check_replay_save() {
    if (!pending_save_.valid()) {
        save_timer_->stop();
        return;
    }
    if (pending_save_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    save_timer_->stop();
    try {
        for (const ReplaySaved& saved : pending_save_.get())
            emit replaySaved(QString::fromStdString(saved.path), saved.duration_s);
    } catch (const std::exception& e) {
        emit replayNotSaved(QString::fromStdString(e.what()));
    }
}

void OutputController::poll() {
    if (!studio_)
        return;
    const StatsSnapshot stats = studio_->stats();
    for (Kind kind : kKinds) {
        if (phase(kind) == Phase::off)
            continue;
        report_failures(kind, stats);
        if (phase(kind) == Phase::live && all_failed(kind, stats)) {
            // Nothing is left to write to (a recording the disk filled, every destination
            // gone): the group would encode on for nobody and the button would still say
            // Stop. Its failures said why; this ends it as if it had ended by itself.
            studio_->stop_group(group_name(kind));
            set_phase(kind, Phase::stopping);
        }
        const auto group = studio_->group_state(group_name(kind));
        if (!group || *group == GroupState::finished) {
            // A failure already said why it ended ("stopped: the disk is full (…)"): a vaguer
            // message after it would replace it in the status bar.
            if (!state(kind).stop_asked && phase(kind) == Phase::live &&
                state(kind).reported_failures.empty()) {
                emit failed(kind, kind == Kind::streaming   ? tr("Streaming stopped by itself.")
                                  : kind == Kind::recording ? tr("Recording stopped by itself.")
                                                            : tr("The replay buffer stopped by "
                                                                 "itself."));
            }
            set_phase(kind, Phase::off);
        } else if (*group == GroupState::running && phase(kind) == Phase::starting) {
            set_phase(kind, Phase::live);
        }
    }
}

void OutputController::report_failures(Kind kind, const StatsSnapshot& stats) {
    State& s = state(kind);
    for (const OutputStats& output : stats.outputs) {
        if (output.group != group_name(kind) || output.counters.state != OutputState::failed)
            continue;
        if (std::find(s.reported_failures.begin(), s.reported_failures.end(), output.id) !=
            s.reported_failures.end())
            continue;
        s.reported_failures.push_back(output.id);
        if (s.stop_asked)
            continue;  // connects cut short by the user's own stop
        const std::string& error = output.counters.error;
        const std::string& name = output.counters.name;
        const std::string text =
            error.find(name) == std::string::npos ? name + ": " + error : error;
        emit failed(kind, QString::fromStdString(text));
    }
}

bool OutputController::all_failed(Kind kind, const StatsSnapshot& stats) const {
    bool any = false;
    for (const OutputStats& output : stats.outputs) {
        if (output.group != group_name(kind))
            continue;
        if (output.counters.state != OutputState::failed)
            return false;
        any = true;
    }
    return any;
}

void OutputController::set_phase(Kind kind, Phase phase) {
    if (state(kind).phase == phase)
        return;
    state(kind).phase = phase;
    if (phase == Phase::live) {
        state(kind).live_since = std::chrono::steady_clock::now();
        state(kind).paused_total = {};
    }
    // A recording that stops is no longer paused; the next one starts unpaused.
    if (kind == Kind::recording && phase != Phase::live)
        set_paused(false);
    emit phaseChanged(kind, phase);
}

void OutputController::set_paused(bool paused) {
    State& s = state(Kind::recording);
    if (s.paused == paused)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (paused)
        s.paused_since = now;
    else
        s.paused_total += now - s.paused_since;
    s.paused = paused;
    emit recordingPausedChanged(paused);
}

}  // namespace lm::ui
