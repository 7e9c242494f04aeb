#include "ui/window/output_controller.hpp"

#include <algorithm>

namespace lm::ui {

OutputController::OutputController(QObject* parent) : QObject(parent) {}

const char* OutputController::group_name(Kind kind) {
    return kind == Kind::streaming ? "streaming" : "recording";
}

void OutputController::set_studio(Studio* studio) {
    studio_ = studio;
    for (Kind kind : {Kind::streaming, Kind::recording})
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
    if (phase(kind) != Phase::live)
        return 0;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - state(kind).live_since)
        .count();
}

bool OutputController::any_active() const {
    return phase(Kind::streaming) != Phase::off || phase(Kind::recording) != Phase::off;
}

void OutputController::poll() {
    if (!studio_)
        return;
    const StatsSnapshot stats = studio_->stats();
    for (Kind kind : {Kind::streaming, Kind::recording}) {
        if (phase(kind) == Phase::off)
            continue;
        report_failures(kind, stats);
        const auto group = studio_->group_state(group_name(kind));
        if (!group || *group == GroupState::finished) {
            if (!state(kind).stop_asked && phase(kind) == Phase::live) {
                emit failed(kind, kind == Kind::streaming ? tr("Streaming stopped by itself.")
                                                          : tr("Recording stopped by itself."));
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

void OutputController::set_phase(Kind kind, Phase phase) {
    if (state(kind).phase == phase)
        return;
    state(kind).phase = phase;
    if (phase == Phase::live)
        state(kind).live_since = std::chrono::steady_clock::now();
    emit phaseChanged(kind, phase);
}

}  // namespace lm::ui
