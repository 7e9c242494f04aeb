#include "ui/stats/stats_graphs.hpp"

#include <QLabel>
#include <QVBoxLayout>
#include <array>

namespace lm::ui {
namespace {

/// Bitrate series colours, in the order outputs appear; distinct on dark and light themes.
const std::array<QColor, 6> kOutputColours = {
    QColor(0x4c, 0x9a, 0xff), QColor(0x3c, 0xc8, 0x78), QColor(0xc8, 0x6e, 0xe6),
    QColor(0xff, 0x96, 0x32), QColor(0x32, 0xc8, 0xd2), QColor(0xe6, 0x64, 0xa0),
};

TimeGraph* make_graph(const QString& title, const QString& unit, QVBoxLayout* layout,
                      QWidget* parent) {
    auto* label = new QLabel(title, parent);
    layout->addWidget(label);
    auto* graph = new TimeGraph(parent);
    graph->set_window_seconds(StatsGraphs::kWindowSeconds);
    graph->set_unit(unit);
    layout->addWidget(graph);
    return graph;
}

/// Frames counted since the previous snapshot; a counter that went back started again.
uint64_t counted_since_previous(uint64_t current, uint64_t previous) {
    return current >= previous ? current - previous : current;
}

}  // namespace

StatsGraphs::StatsGraphs(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    bitrate_ = make_graph(tr("Bitrate"), QStringLiteral("kb/s"), layout, this);
    bitrate_->setObjectName(QStringLiteral("statsBitrateGraph"));
    frames_ = make_graph(tr("Frames missed, skipped and dropped per second"),
                         QStringLiteral("frames"), layout, this);
    frames_->setObjectName(QStringLiteral("statsFramesGraph"));
    missed_series_ = frames_->add_series(tr("missed"), QColor(0x4c, 0x9a, 0xff));
    skipped_series_ = frames_->add_series(tr("skipped"), QColor(0xff, 0x96, 0x32));
    dropped_series_ = frames_->add_series(tr("dropped"), QColor(0xc8, 0x6e, 0xe6));
    render_ = make_graph(tr("Render time per frame"), QStringLiteral("ms"), layout, this);
    render_->setObjectName(QStringLiteral("statsRenderGraph"));
    render_series_ = render_->add_series(tr("render time"), QColor(0x3c, 0xc8, 0x78));
}

void StatsGraphs::add(const lm::StatsSnapshot& snapshot, double target_fps) {
    const double t_s = snapshot.elapsed_s;
    for (const auto& output : snapshot.outputs) {
        const QString name = QString::fromStdString(output.counters.name);
        int series = bitrate_->find_series(name);
        if (series < 0) {
            const QColor colour = kOutputColours[bitrate_->series_count() % kOutputColours.size()];
            series = bitrate_->add_series(name, colour);
        }
        bitrate_->append(series, t_s, output.kbps_last_second);
    }

    render_->set_error_threshold(target_fps > 0 ? std::optional<double>(1000.0 / target_fps)
                                                : std::nullopt);
    render_->append(render_series_, t_s, snapshot.render_ms_last_second);

    add_frame_rates(snapshot);
}

void StatsGraphs::add_frame_rates(const lm::StatsSnapshot& snapshot) {
    const double interval_s = snapshot.elapsed_s - previous_elapsed_s_;
    std::map<std::string, uint64_t> dropped_by_output;
    uint64_t dropped = 0;
    for (const auto& output : snapshot.outputs) {
        const lm::OutputCounters& counters = output.counters;
        dropped_by_output[counters.name] = counters.frames_dropped;
        const auto previous = previous_dropped_.find(counters.name);
        // An output that appeared since the last snapshot dropped all its frames in between.
        dropped += counted_since_previous(
            counters.frames_dropped, previous != previous_dropped_.end() ? previous->second : 0);
    }
    // A repeated or earlier snapshot (a restarted session) has no meaningful rate.
    if (has_previous_ && interval_s > 0) {
        const double t_s = snapshot.elapsed_s;
        frames_->append(
            missed_series_, t_s,
            counted_since_previous(snapshot.frames_missed, previous_missed_) / interval_s);
        frames_->append(
            skipped_series_, t_s,
            counted_since_previous(snapshot.frames_skipped, previous_skipped_) / interval_s);
        frames_->append(dropped_series_, t_s, dropped / interval_s);
    }
    has_previous_ = true;
    previous_elapsed_s_ = snapshot.elapsed_s;
    previous_missed_ = snapshot.frames_missed;
    previous_skipped_ = snapshot.frames_skipped;
    previous_dropped_ = std::move(dropped_by_output);
}

}  // namespace lm::ui
