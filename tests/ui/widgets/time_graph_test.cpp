#include "ui/widgets/time_graph.hpp"

#include "ui/widgets/status_colours.hpp"

#include <QImage>
#include <catch2/catch.hpp>

using lm::ui::TimeGraph;

namespace {

/// Whether some pixel of column `x` within `rows` of `y` is close to `colour` (a line may be
/// antialiased over two rows; the faint area fill under it is far from its colour).
bool column_has_colour_near(const QImage& image, int x, int y, int rows, const QColor& colour) {
    constexpr int kTolerance = 80;
    for (int row = std::max(0, y - rows); row <= std::min(image.height() - 1, y + rows); ++row) {
        const QColor seen = image.pixelColor(x, row);
        if (std::abs(seen.red() - colour.red()) < kTolerance &&
            std::abs(seen.green() - colour.green()) < kTolerance &&
            std::abs(seen.blue() - colour.blue()) < kTolerance)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Samples older than the window are discarded, in every series") {
    TimeGraph graph;
    CHECK(graph.window_seconds() == 300.0);
    const int live = graph.add_series("live", Qt::red);
    const int gone = graph.add_series("gone", Qt::blue);
    for (int t = 0; t <= 50; ++t)
        graph.append(gone, t, 1.0);
    for (int t = 0; t <= 400; ++t)
        graph.append(live, t, 1.0);
    CHECK(graph.sample_count(live) == 301);
    CHECK(graph.sample_count(gone) == 0);
    CHECK(graph.last_sample(live)->x() == 400.0);

    graph.set_window_seconds(60);
    CHECK(graph.sample_count(live) == 61);
    graph.append(live, 401, 1.0);
    CHECK(graph.sample_count(live) == 61);
}

TEST_CASE("The y axis ends at a tidy value above the largest visible sample") {
    TimeGraph graph;
    const int series = graph.add_series("bitrate", Qt::green);
    CHECK(graph.y_max() == 1.0);  // nothing yet: still a scale

    graph.append(series, 0, 4500);
    graph.append(series, 1, 3000);
    CHECK(graph.y_max() == 6000.0);
    CHECK(graph.y_step() == 2000.0);

    // Once the spike leaves the window the range shrinks again.
    for (int t = 2; t <= 302; ++t)
        graph.append(series, t, 90);
    CHECK(graph.y_max() == 100.0);

    graph.set_fixed_max(10000);
    CHECK(graph.y_max() == 10000.0);
    graph.clear_fixed_max();
    CHECK(graph.y_max() == 100.0);
}

TEST_CASE("Threshold lines count towards the range") {
    TimeGraph graph;
    const int series = graph.add_series("render", Qt::green);
    graph.append(series, 0, 3.0);
    CHECK(graph.y_max() == 3.0);
    graph.set_error_threshold(1000.0 / 60.0);
    CHECK(graph.y_max() == 20.0);
    graph.set_error_threshold(std::nullopt);
    CHECK(graph.y_max() == 3.0);
}

TEST_CASE("A series is drawn at its value, with its threshold line and legend") {
    TimeGraph graph;
    graph.resize(400, 200);
    graph.set_unit("ms");
    graph.set_fixed_max(100);
    const QColor colour(255, 0, 0);
    const int series = graph.add_series("render time", colour);
    for (int t = 0; t <= 300; ++t)
        graph.append(series, t, 50);
    graph.set_error_threshold(75);

    const QImage image = graph.grab().toImage();
    const QRect plot = graph.plot_rect();
    REQUIRE(plot.width() > 100);
    REQUIRE(plot.height() > 50);
    const int half = plot.bottom() - plot.height() / 2;
    CHECK(column_has_colour_near(image, plot.center().x(), half, 1, colour));
    CHECK_FALSE(column_has_colour_near(image, plot.center().x(), plot.top() + 5, 3, colour));

    const int threshold = plot.bottom() - qRound(0.75 * plot.height());
    bool threshold_seen = false;
    for (int x = plot.left(); x < plot.right(); ++x)
        threshold_seen |= column_has_colour_near(image, x, threshold, 0, lm::ui::error_colour());
    CHECK(threshold_seen);

    bool legend_seen = false;
    for (int x = 0; x < image.width(); ++x)
        legend_seen |= column_has_colour_near(image, x, 2, 2, colour);
    CHECK(legend_seen);
}

TEST_CASE("Series are found by name") {
    TimeGraph graph;
    graph.add_series("a", Qt::red);
    const int b = graph.add_series("b", Qt::blue);
    CHECK(graph.series_count() == 2);
    CHECK(graph.find_series("b") == b);
    CHECK(graph.find_series("c") == -1);
    CHECK(graph.series_name(b) == "b");
    graph.append(7, 0, 1);  // unknown series: ignored
    CHECK(graph.sample_count(b) == 0);
}
