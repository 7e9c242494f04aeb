#include "ui/stats/stats_panel.hpp"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

#include "ui/widgets/status_colours.hpp"

using lm::ui::OutputColumn;
using lm::ui::StatsPanel;

namespace {

lm::OutputStats output(const std::string& name, lm::OutputState state, uint64_t written,
                       uint64_t dropped, uint64_t bytes, double kbps) {
    lm::OutputStats stats;
    stats.counters.name = name;
    stats.counters.type = "rtmp";
    stats.counters.state = state;
    stats.counters.video_frames_written = written;
    stats.counters.frames_dropped = dropped;
    stats.counters.bytes = bytes;
    stats.kbps_last_second = kbps;
    return stats;
}

lm::StatsSnapshot snapshot(double elapsed_s, uint64_t frames_output, uint64_t missed,
                           uint64_t skipped) {
    lm::StatsSnapshot s;
    s.elapsed_s = elapsed_s;
    s.frames_output = frames_output;
    s.frames_rendered = frames_output - missed;
    s.frames_missed = missed;
    s.frames_skipped = skipped;
    s.fps_last_second = 30;
    s.render_ms_last_second = 4.2;
    s.cpu_percent_last_second = 12.5;
    return s;
}

QColor normal_text(const StatsPanel& panel) {
    return panel.palette().color(QPalette::WindowText);
}

QColor normal_cell(const StatsPanel& panel) {
    return panel.outputs()->palette().color(QPalette::Text);
}

}  // namespace

TEST_CASE("Missed and skipped frames read N / M (x.x%) of the frames output, coloured") {
    StatsPanel panel;
    panel.update(snapshot(10, 300, 3, 0), 30);
    CHECK(panel.text_of(StatsPanel::kMissedKey) == "3 / 300 (1.0%)");
    CHECK(panel.colour_of(StatsPanel::kMissedKey) == lm::ui::warning_colour());
    CHECK(panel.text_of(StatsPanel::kSkippedKey) == "0 / 300 (0.0%)");
    CHECK(panel.colour_of(StatsPanel::kSkippedKey) == normal_text(panel));

    panel.update(snapshot(11, 300, 3, 18), 30);
    CHECK(panel.text_of(StatsPanel::kSkippedKey) == "18 / 300 (6.0%)");
    CHECK(panel.colour_of(StatsPanel::kSkippedKey) == lm::ui::error_colour());
}

TEST_CASE("CPU, FPS and render time are shown and coloured like OBS") {
    StatsPanel panel;
    CHECK(panel.text_of(StatsPanel::kCpuKey) == "\u2014");  // nothing yet

    lm::StatsSnapshot s = snapshot(1, 60, 0, 0);
    panel.update(s, 30);
    CHECK(panel.text_of(StatsPanel::kCpuKey) == "12.5%");
    CHECK(panel.colour_of(StatsPanel::kCpuKey) == normal_text(panel));
    CHECK(panel.text_of(StatsPanel::kFpsKey) == "30.00 / 30.00");
    CHECK(panel.colour_of(StatsPanel::kFpsKey) == normal_text(panel));
    CHECK(panel.text_of(StatsPanel::kRenderTimeKey) == "4.2 ms");
    CHECK(panel.colour_of(StatsPanel::kRenderTimeKey) == normal_text(panel));

    s.cpu_percent_last_second = 85;
    s.render_ms_last_second = 20;  // longer than a 60 fps frame (16.7 ms)
    s.fps_last_second = 45;
    panel.update(s, 60);
    CHECK(panel.text_of(StatsPanel::kCpuKey) == "85.0%");
    CHECK(panel.colour_of(StatsPanel::kCpuKey) == lm::ui::warning_colour());
    CHECK(panel.text_of(StatsPanel::kRenderTimeKey) == "20.0 ms");
    CHECK(panel.colour_of(StatsPanel::kRenderTimeKey) == lm::ui::error_colour());
    CHECK(panel.text_of(StatsPanel::kFpsKey) == "45.00 / 60.00");
    CHECK(panel.colour_of(StatsPanel::kFpsKey) == lm::ui::error_colour());
}

TEST_CASE("Memory use and free disk space are read from the system") {
    StatsPanel panel;
    const QString memory = panel.text_of(StatsPanel::kMemoryKey);
    const QRegularExpression megabytes(QStringLiteral("^(\\d+\\.\\d) MB$"));
    const auto match = megabytes.match(memory);
    REQUIRE(match.hasMatch());
    CHECK(match.captured(1).toFloat() > 1.0f);  // a Qt process is never under a megabyte

    CHECK(panel.text_of(StatsPanel::kDiskKey) == "\u2014");  // no recording folder
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    panel.set_recording_folder(folder.path());
    CHECK(QRegularExpression(QStringLiteral("^\\d+\\.\\d GB$"))
              .match(panel.text_of(StatsPanel::kDiskKey))
              .hasMatch());
    panel.set_recording_folder(folder.path() + "/does/not/exist");
    CHECK(panel.text_of(StatsPanel::kDiskKey) == "\u2014");
}

TEST_CASE("Each output gets a row with its status, drops, data and bitrate") {
    StatsPanel panel;
    lm::StatsSnapshot s = snapshot(5, 600, 0, 0);
    s.outputs.push_back(output("Twitch", lm::OutputState::running, 594, 6, 5 << 20, 2500));
    s.outputs.push_back(output("Recording", lm::OutputState::failed, 564, 36, 3ull << 30, 0));
    s.outputs.back().counters.error = "disk full";
    panel.update(s, 30);

    const lm::ui::OutputStatsTable& table = *panel.outputs();
    REQUIRE(table.output_count() == 2);
    CHECK(table.text_of("Twitch", OutputColumn::status) == "running");
    CHECK(table.colour_of("Twitch", OutputColumn::status) == normal_cell(panel));
    CHECK(table.text_of("Twitch", OutputColumn::dropped) == "6 / 600 (1.0%)");
    CHECK(table.colour_of("Twitch", OutputColumn::dropped) == lm::ui::warning_colour());
    CHECK(table.text_of("Twitch", OutputColumn::data) == "5.0 MB");
    CHECK(table.text_of("Twitch", OutputColumn::bitrate) == "2500 kb/s");

    CHECK(table.text_of("Recording", OutputColumn::status) == "failed");
    CHECK(table.colour_of("Recording", OutputColumn::status) == lm::ui::error_colour());
    CHECK(table.tool_tip_of("Recording", OutputColumn::status) == "disk full");
    CHECK(table.text_of("Recording", OutputColumn::dropped) == "36 / 600 (6.0%)");
    CHECK(table.colour_of("Recording", OutputColumn::dropped) == lm::ui::error_colour());
    CHECK(table.text_of("Recording", OutputColumn::data) == "3.00 GB");

    s.outputs.erase(s.outputs.begin());
    panel.update(s, 30);
    CHECK(table.output_count() == 1);
    CHECK(table.text_of("Twitch", OutputColumn::status).isEmpty());
}

TEST_CASE("Reset counts from the moment it is pressed and keeps the graphs") {
    StatsPanel panel;
    lm::StatsSnapshot s = snapshot(1, 300, 3, 1);
    s.outputs.push_back(output("Twitch", lm::OutputState::running, 290, 10, 4 << 20, 3000));
    panel.update(s, 30);
    s.elapsed_s = 2;
    panel.update(s, 30);
    const lm::ui::TimeGraph* frames = panel.graphs()->frames_graph();
    const int frame_samples = frames->sample_count(0);
    REQUIRE(frame_samples == 1);

    QTest::mouseClick(panel.reset_button(), Qt::LeftButton);
    const lm::ui::OutputStatsTable& table = *panel.outputs();
    CHECK(panel.text_of(StatsPanel::kMissedKey) == "0 / 0 (0.0%)");
    CHECK(panel.colour_of(StatsPanel::kMissedKey) == normal_text(panel));
    CHECK(panel.text_of(StatsPanel::kSkippedKey) == "0 / 0 (0.0%)");
    CHECK(table.text_of("Twitch", OutputColumn::dropped) == "0 / 0 (0.0%)");
    CHECK(table.colour_of("Twitch", OutputColumn::dropped) == normal_cell(panel));
    CHECK(table.text_of("Twitch", OutputColumn::data) == "0.0 MB");
    CHECK(table.text_of("Twitch", OutputColumn::bitrate) == "3000 kb/s");  // a rate: kept
    CHECK(frames->sample_count(0) == frame_samples);

    s = snapshot(3, 360, 5, 1);
    s.outputs.push_back(output("Twitch", lm::OutputState::running, 340, 12, 5 << 20, 3000));
    panel.update(s, 30);
    CHECK(panel.text_of(StatsPanel::kMissedKey) == "2 / 60 (3.3%)");
    CHECK(panel.text_of(StatsPanel::kSkippedKey) == "0 / 60 (0.0%)");
    CHECK(table.text_of("Twitch", OutputColumn::dropped) == "2 / 52 (3.8%)");
    CHECK(table.text_of("Twitch", OutputColumn::data) == "1.0 MB");

    // Counters that start again below the reset point (a new session) count from zero.
    panel.update(snapshot(1, 30, 1, 0), 30);
    CHECK(panel.text_of(StatsPanel::kMissedKey) == "1 / 30 (3.3%)");
}

TEST_CASE("Every update adds points to the graphs") {
    StatsPanel panel;
    const lm::ui::StatsGraphs& graphs = *panel.graphs();
    CHECK(graphs.bitrate_graph()->window_seconds() == 300.0);

    lm::StatsSnapshot s = snapshot(1, 30, 0, 0);
    s.outputs.push_back(output("Twitch", lm::OutputState::running, 30, 0, 1000, 2500));
    panel.update(s, 60);

    s = snapshot(2, 90, 6, 3);
    s.render_ms_last_second = 7.5;
    s.outputs.push_back(output("Twitch", lm::OutputState::running, 80, 4, 2000, 2600));
    s.outputs.push_back(output("YouTube", lm::OutputState::running, 60, 2, 900, 4100));
    panel.update(s, 60);

    const lm::ui::TimeGraph& bitrate = *graphs.bitrate_graph();
    REQUIRE(bitrate.series_count() == 2);
    const int twitch = bitrate.find_series("Twitch");
    const int youtube = bitrate.find_series("YouTube");
    CHECK(bitrate.sample_count(twitch) == 2);
    CHECK(bitrate.sample_count(youtube) == 1);
    CHECK(*bitrate.last_sample(twitch) == QPointF(2, 2600));
    CHECK(*bitrate.last_sample(youtube) == QPointF(2, 4100));
    CHECK(bitrate.unit() == "kb/s");

    // Per second rates start with the second snapshot.
    const lm::ui::TimeGraph& frames = *graphs.frames_graph();
    REQUIRE(frames.series_count() == 3);
    CHECK(frames.last_sample(frames.find_series("missed"))->y() == 6.0);
    CHECK(frames.last_sample(frames.find_series("skipped"))->y() == 3.0);
    CHECK(frames.last_sample(frames.find_series("dropped"))->y() == 6.0);
    CHECK(frames.sample_count(0) == 1);

    const lm::ui::TimeGraph& render = *graphs.render_graph();
    CHECK(render.sample_count(0) == 2);
    CHECK(render.last_sample(0)->y() == 7.5);
    CHECK(render.y_max() >= 1000.0 / 60.0);  // the frame interval line is on the graph
}

TEST_CASE("A working output's warning shows in its row in the warning colour, then goes") {
    StatsPanel panel;
    lm::StatsSnapshot s = snapshot(5, 600, 0, 0);
    s.outputs.push_back(output("show.mkv", lm::OutputState::running, 600, 0, 5 << 20, 6000));
    const std::string warning =
        "the disk holding /videos has room for about 4 minutes at this rate";
    s.outputs.back().counters.warning = warning;
    panel.update(s, 30);
    const lm::ui::OutputStatsTable& table = *panel.outputs();
    CHECK(table.text_of("show.mkv", OutputColumn::status) ==
          QString::fromStdString("running: " + warning));
    CHECK(table.colour_of("show.mkv", OutputColumn::status) == lm::ui::warning_colour());
    CHECK(table.tool_tip_of("show.mkv", OutputColumn::status) == QString::fromStdString(warning));
    // A sentence does not widen the dock over the preview: the cell elides it.
    CHECK(table.columnWidth(int(OutputColumn::status)) <= 320);

    s.outputs.back().counters.warning.clear();  // room again
    panel.update(s, 30);
    CHECK(table.text_of("show.mkv", OutputColumn::status) == "running");
    CHECK(table.colour_of("show.mkv", OutputColumn::status) == normal_cell(panel));

    // Once it stopped, its last warning is history; its error says why it stopped.
    s.outputs.back().counters.state = lm::OutputState::failed;
    s.outputs.back().counters.warning = "the disk holding /videos is nearly full";
    s.outputs.back().counters.error = "stopped: the disk is full (1.9 MB left)";
    panel.update(s, 30);
    CHECK(table.text_of("show.mkv", OutputColumn::status) == "failed");
    CHECK(table.colour_of("show.mkv", OutputColumn::status) == lm::ui::error_colour());
    CHECK(table.tool_tip_of("show.mkv", OutputColumn::status)
              .startsWith("stopped: the disk is full"));
}
