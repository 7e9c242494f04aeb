// Streaming and recording as the window sees them: each is one output group of the Studio,
// started and stopped without ever blocking the UI thread (destinations open in the
// background), with its phase polled a few times a second and failures turned into messages.
#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <vector>

#include "core/studio.hpp"

namespace lm::ui {

class OutputController : public QObject {
    Q_OBJECT

public:
    enum class Kind { streaming = 0, recording = 1 };
    enum class Phase { off = 1, starting, live, stopping };

    explicit OutputController(QObject* parent = nullptr);

    /// The studio to drive; null while there is none (everything is off).
    void set_studio(Studio* studio);

    /// Starts `kind` with `requests`. Returns an error for the user (bad settings, already
    /// running), or an empty string when it is on its way.
    QString start(Kind kind, const std::vector<OutputRequest>& requests);
    /// Stops `kind`; returns at once.
    void stop(Kind kind);
    Phase phase(Kind kind) const { return state(kind).phase; }
    /// Seconds since `kind` went live (0 when not live).
    double live_seconds(Kind kind) const;
    bool any_active() const;

    /// Reads the groups' states and announces changes; the window calls it a few times a
    /// second.
    void poll();

    static const char* group_name(Kind kind);

signals:
    void phaseChanged(lm::ui::OutputController::Kind kind, lm::ui::OutputController::Phase phase);
    /// A destination failed or `kind` ended by itself; the message is ready to show.
    void failed(lm::ui::OutputController::Kind kind, const QString& message);

private:
    struct State {
        Phase phase = Phase::off;
        bool stop_asked = false;
        std::chrono::steady_clock::time_point live_since;
        std::vector<uint64_t> reported_failures;  // output ids already reported
    };
    State& state(Kind kind) { return states_[int(kind)]; }
    const State& state(Kind kind) const { return states_[int(kind)]; }
    void set_phase(Kind kind, Phase phase);
    void report_failures(Kind kind, const StatsSnapshot& stats);

    Studio* studio_ = nullptr;
    State states_[2];
};

}  // namespace lm::ui
