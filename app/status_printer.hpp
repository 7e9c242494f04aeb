// Formats the studio's counters for people (one status line per second) and for scripts
// (--stats-json).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "core/studio_stats.hpp"

namespace lm {

/// "00:00:07  fps 30.00  render 4.1 ms  out 2652 kbps  missed 0  skipped 0  dropped 0  cpu 61%"
std::string format_status_line(const StatsSnapshot& stats);

/// The --stats-json document (see docs/command-line.md).
nlohmann::json stats_to_json(const StatsSnapshot& stats);

}  // namespace lm
