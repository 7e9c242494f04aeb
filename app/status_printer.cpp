#include "app/status_printer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace lm {

std::string format_status_line(const StatsSnapshot& stats) {
    const auto seconds = int64_t(std::llround(stats.elapsed_s));
    std::string line = fmt::format(
        "{:02}:{:02}:{:02}  fps {:.2f}  render {:.1f} ms  out {:.0f} kbps  missed {}  "
        "skipped {}  dropped {}  cpu {:.0f}%",
        seconds / 3600, seconds / 60 % 60, seconds % 60, stats.fps_last_second,
        stats.render_ms_last_second, stats.kbps_last_second_total(), stats.frames_missed,
        stats.frames_skipped, stats.frames_dropped_total(), stats.cpu_percent_last_second);
    // Warnings go at the end, so scripts reading the fixed fields are not disturbed.
    for (const OutputStats& output : stats.outputs) {
        if (!output.counters.warning.empty())
            line += fmt::format("  warning: {}: {}", output.counters.name, output.counters.warning);
    }
    return line;
}

nlohmann::json stats_to_json(const StatsSnapshot& stats) {
    nlohmann::json outputs = nlohmann::json::array();
    for (const OutputStats& output : stats.outputs) {
        outputs.push_back({{"name", output.counters.name},
                           {"type", output.counters.type},
                           {"state", to_string(output.counters.state)},
                           {"frames_dropped", output.counters.frames_dropped},
                           {"frames_written", output.counters.video_frames_written},
                           {"bytes", output.counters.bytes},
                           {"average_kbps", output.average_kbps},
                           {"error", output.counters.error},
                           {"warning", output.counters.warning}});
    }
    return {{"duration_s", stats.elapsed_s},
            {"frames_rendered", stats.frames_rendered},
            {"frames_missed", stats.frames_missed},
            {"frames_output", stats.frames_output},
            {"frames_skipped", stats.frames_skipped},
            {"frames_encoded", stats.frames_encoded},
            {"render_ms_avg", stats.render_ms_avg},
            {"cpu_seconds", stats.cpu_seconds},
            {"outputs", outputs}};
}

}  // namespace lm
