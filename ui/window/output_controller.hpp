// Streaming, recording and the replay buffer as the window sees them: each is one output group
// of the Studio, started and stopped without ever blocking the UI thread (destinations open in
// the background), with its phase polled a few times a second and failures turned into
// messages. The recording can pause; the replay buffer saves on a thread of its own.
#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <future>
#include <vector>

#include "core/studio.hpp"

class QTimer;

namespace lm::ui {

class OutputController : public QObject {
    Q_OBJECT

public:
    enum class Kind { streaming = 0, recording = 1, replay_buffer = 2 };
    enum class Phase { off = 1, starting, live, stopping };
    static constexpr Kind kKinds[] = {Kind::streaming, Kind::recording, Kind::replay_buffer};

    explicit OutputController(QObject* parent = nullptr);
    /// Waits for a replay being saved (see set_studio).
    ~OutputController() override;

    /// The studio to drive; null while there is none (everything is off). Waits for a replay
    /// still being saved into the old studio (a fraction of a second), the one time the UI
    /// thread waits on the engine: the studio must not go away under it.
    void set_studio(Studio* studio);

    /// Starts `kind` with `requests`. Returns an error for the user (bad settings, already
    /// running), or an empty string when it is on its way.
    QString start(Kind kind, const std::vector<OutputRequest>& requests);
    /// Stops `kind`; returns at once.
    void stop(Kind kind);
    Phase phase(Kind kind) const { return state(kind).phase; }
    /// Seconds `kind` has been live, paused time left out (0 when not live).
    double live_seconds(Kind kind) const;
    bool any_active() const;

    /// Pauses the live recording (nothing is encoded until resume_recording; the file goes
    /// on as if the paused time never happened). Returns at once: an error for the user, or
    /// an empty string.
    QString pause_recording();
    QString resume_recording();
    /// True while the recording is paused.
    bool recording_paused() const { return state(Kind::recording).paused; }

    /// Saves the replay buffer's last seconds into a new file, on a thread of its own; the
    /// answer comes as replaySaved() or replayNotSaved(). Returns at once: an error for the
    /// user (no replay buffer running, a save still under way), or an empty string.
    QString save_replay();
    bool saving_replay() const { return pending_save_.valid(); }

    /// Reads the groups' states and announces changes; the window calls it a few times a
    /// second.
    void poll();

    static const char* group_name(Kind kind);

signals:
    void phaseChanged(lm::ui::OutputController::Kind kind, lm::ui::OutputController::Phase phase);
    /// A destination failed, or `kind` ended by itself with no failure saying why; the message
    /// is ready to show.
    void failed(lm::ui::OutputController::Kind kind, const QString& message);
    /// The recording paused or resumed.
    void recordingPausedChanged(bool paused);
    /// A replay was written to `path`, `duration_s` long.
    void replaySaved(const QString& path, double duration_s);
    /// A replay could not be saved; the message says why.
    void replayNotSaved(const QString& message);

private:
    struct State {
        Phase phase = Phase::off;
        bool stop_asked = false;
        std::chrono::steady_clock::time_point live_since;
        bool paused = false;
        std::chrono::steady_clock::time_point paused_since;
        std::chrono::steady_clock::duration paused_total{};
        std::vector<uint64_t> reported_failures;  // output ids already reported
    };
    State& state(Kind kind) { return states_[int(kind)]; }
    const State& state(Kind kind) const { return states_[int(kind)]; }
    void set_phase(Kind kind, Phase phase);
    void set_paused(bool paused);
    void report_failures(Kind kind, const StatsSnapshot& stats);
    /// True when `kind`'s group has outputs and every one of them failed.
    bool all_failed(Kind kind, const StatsSnapshot& stats) const;
    /// Announces the pending replay save once its thread has finished.
    void check_replay_save();

    Studio* studio_ = nullptr;
    State states_[3];
    std::future<std::vector<ReplaySaved>> pending_save_;
    QTimer* save_timer_;  // polls pending_save_ while a save runs
};

}  // namespace lm::ui
