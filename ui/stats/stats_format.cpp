#include "ui/stats/stats_format.hpp"

#include "ui/widgets/status_colours.hpp"

namespace lm::ui {
namespace {

constexpr double kFrameLossErrorPercent = 5.0;
constexpr double kBytesPerMebibyte = 1024.0 * 1024.0;
constexpr double kBytesPerGibibyte = 1024.0 * kBytesPerMebibyte;

}  // namespace

double percent_of(uint64_t part, uint64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

QString format_ratio(uint64_t part, uint64_t whole) {
    return QStringLiteral("%1 / %2 (%3%)")
        .arg(part)
        .arg(whole)
        .arg(percent_of(part, whole), 0, 'f', 1);
}

Severity frame_loss_severity(uint64_t part, uint64_t whole) {
    if (part == 0)
        return Severity::normal;
    return percent_of(part, whole) >= kFrameLossErrorPercent || whole == 0 ? Severity::error
                                                                           : Severity::warning;
}

QString format_bytes(uint64_t bytes) {
    const double value = static_cast<double>(bytes);
    if (value < kBytesPerGibibyte)
        return QStringLiteral("%1 MB").arg(value / kBytesPerMebibyte, 0, 'f', 1);
    return QStringLiteral("%1 GB").arg(value / kBytesPerGibibyte, 0, 'f', 2);
}

Severity output_status_severity(const QString& status) {
    if (status.compare(QLatin1String("failed"), Qt::CaseInsensitive) == 0)
        return Severity::error;
    // Matched by name, so states added to OutputState later colour themselves.
    if (status.contains(QLatin1String("connecting"), Qt::CaseInsensitive))
        return Severity::warning;
    return Severity::normal;
}

QString live_warning(const lm::OutputCounters& counters) {
    switch (counters.state) {
        case lm::OutputState::connecting:
        case lm::OutputState::running:
        case lm::OutputState::reconnecting:
            return QString::fromStdString(counters.warning);
        case lm::OutputState::idle:
        case lm::OutputState::finished:
        case lm::OutputState::failed:
            break;
    }
    return {};
}

QColor severity_colour(Severity severity, const QPalette& palette, QPalette::ColorRole role) {
    switch (severity) {
        case Severity::warning:
            return warning_colour();
        case Severity::error:
            return error_colour();
        case Severity::normal:
            break;
    }
    return palette.color(role);
}

uint64_t counted_since(uint64_t current, uint64_t& baseline) {
    if (current < baseline)
        baseline = 0;
    return current - baseline;
}

}  // namespace lm::ui
