#include "ui/mixer/fader_taper.hpp"

#include <cmath>
#include <limits>

namespace lm::ui {
namespace {

// OBS's constants: the curve is offset by 6 dB so it stays steep near the top without a pole
// at 0 dB, and spans 96 dB (a 16-bit noise floor) above the bottom.
constexpr double kLogOffsetDb = 6.0;
constexpr double kLogRangeDb = -kFaderMinDb;
const double kLogOffsetValue = -std::log10(kLogOffsetDb);
const double kLogRangeValue = -std::log10(kLogRangeDb + kLogOffsetDb);

}  // namespace

double fader_db(double position) {
    if (!(position > 0.0))
        return -std::numeric_limits<double>::infinity();
    if (position >= 1.0)
        return 0.0;
    const double span = kLogRangeDb + kLogOffsetDb;
    return -span * std::pow(span / kLogOffsetDb, -position) + kLogOffsetDb;
}

double fader_position(double gain_db) {
    if (gain_db >= 0.0)
        return 1.0;
    if (!(gain_db > kFaderMinDb))
        return 0.0;
    return (-std::log10(-gain_db + kLogOffsetDb) - kLogRangeValue) /
           (kLogOffsetValue - kLogRangeValue);
}

QString format_gain_db(double gain_db) {
    if (!(gain_db > kFaderMinDb))
        return QStringLiteral("-inf dB");
    // Round first so -0.04 reads "0.0 dB", not "-0.0 dB".
    const double rounded = std::round(gain_db * 10.0) / 10.0;
    const QString number = QString::number(rounded == 0.0 ? 0.0 : rounded, 'f', 1);
    return (rounded > 0.0 ? QStringLiteral("+") : QString()) + number + QStringLiteral(" dB");
}

}  // namespace lm::ui
