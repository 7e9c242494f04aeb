// How the stats dock writes its numbers and picks their colours, the way OBS users know them.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <cstdint>

#include "core/output/output_runner.hpp"

namespace lm::ui {

enum class Severity {
    normal = 1,
    warning,
    error,
};

/// `part` as a percentage of `whole`; 0 when `whole` is 0.
double percent_of(uint64_t part, uint64_t whole);

/// "3 / 300 (1.0%)".
QString format_ratio(uint64_t part, uint64_t whole);

/// Missed, skipped and dropped frames: any at all is a warning, 5% or more an error.
Severity frame_loss_severity(uint64_t part, uint64_t whole);

/// "512.0 MB" below a gibibyte, "1.25 GB" above (binary units, as OBS shows them).
QString format_bytes(uint64_t bytes);

/// "failed" is an error; "connecting", "reconnecting" and the like are warnings.
Severity output_status_severity(const QString& status);

/// The warning of an output still at work (connecting, running, reconnecting: "the disk
/// holding /videos has room for about 4 minutes at this rate"), or empty. A finished or
/// failed output's last warning is history: its end is reported for what it was.
QString live_warning(const lm::OutputCounters& counters);

/// The text colour for `severity`: the palette's own for normal text, the fixed warning and
/// error colours otherwise.
QColor severity_colour(Severity severity, const QPalette& palette, QPalette::ColorRole role);

/// `current - baseline`. A counter below its baseline has started again (a new session), so
/// the baseline is dropped to 0 and the whole count shows.
uint64_t counted_since(uint64_t current, uint64_t& baseline);

}  // namespace lm::ui
