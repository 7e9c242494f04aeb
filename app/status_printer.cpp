#include "app/status_printer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace lm {

namespace {

/// What a destination that is not simply sending says: " | NAME reconnecting in 2 s (try 3)".
std::string output_notes(const StatsSnapshot& stats) {
    std::string notes;
    for (const OutputStats& output : stats.outputs) {
        const OutputCounters& c = output.counters;
        std::string note;
        if (c.state == OutputState::reconnecting) {
            note = c.reconnect_in_s > 0
                       ? fmt::format("reconnecting in {:.0f} s (try {})",
                                     std::ceil(c.reconnect_in_s), c.reconnect_attempt)
                       : fmt::format("reconnecting (try {})", c.reconnect_attempt);
        } else if (c.state == OutputState::running && output.paused) {
            note = "paused";
        } else if (c.state == OutputState::running && c.congestion >= 0.1) {
            note = fmt::format("congestion {:.2f}", c.congestion);
        }
        if (c.state == OutputState::running && c.type == "rtmp" && output.video_kbps > 0 &&
            output.video_kbps < output.configured_video_kbps) {
            note += fmt::format("{}video {} kbps", note.empty() ? "" : ", ", output.video_kbps);
        }
        if (!note.empty())
            notes += fmt::format("  | {} {}", c.name, note);
    }
    return notes;
}

}  // namespace

std::string format_status_line(const StatsSnapshot& stats) {
    const auto seconds = int64_t(std::llround(stats.elapsed_s));
    std::string line = fmt::format(
        "{:02}:{:02}:{:02}  fps {:.2f}  render {:.1f} ms  out {:.0f} kbps  missed {}  "
        "skipped {}  dropped {}  cpu {:.0f}%{}",
        seconds / 3600, seconds / 60 % 60, seconds % 60, stats.fps_last_second,
        stats.render_ms_last_second, stats.kbps_last_second_total(), stats.frames_missed,
        stats.frames_skipped, stats.frames_dropped_total(), stats.cpu_percent_last_second,
        output_notes(stats));
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
        nlohmann::json entry = {{"name", output.counters.name},
                                {"type", output.counters.type},
                                {"state", to_string(output.counters.state)},
                                {"frames_dropped", output.counters.frames_dropped},
                                {"audio_packets_dropped", output.counters.audio_packets_dropped},
                                {"reconnects", output.counters.reconnects},
                                {"congestion", output.counters.congestion},
                                {"buffered_ms", output.counters.buffered_ms},
                                {"video_kbps", output.video_kbps},
                                {"frames_written", output.counters.video_frames_written},
                                {"bytes", output.counters.bytes},
                                {"average_kbps", output.average_kbps},
                                {"latency_ms_avg", output.counters.latency_ms_avg},
                                {"latency_ms_max", output.counters.latency_ms_max},
                                {"latency_ms_p99", output.counters.latency_ms_p99},
                                {"error", output.counters.error},
                                {"warning", output.counters.warning},
                                {"paused", output.paused}};
        if (const auto& replay = output.counters.replay) {
            entry["replay"] = {{"seconds", replay->capacity_s},
                               {"window_s", replay->window_s},
                               {"window_bytes", replay->window_bytes},
                               {"saved", replay->saved}};
        }
        outputs.push_back(std::move(entry));
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
