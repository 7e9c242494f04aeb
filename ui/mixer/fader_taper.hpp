// The volume fader's taper: how a slider position maps to a gain in dB. OBS's logarithmic
// fader (libobs obs-audio-controls.c, OBS_FADER_LOG): most of the travel covers the useful
// -30..0 dB, the middle sits near -19 dB, and the bottom end is silence.
#pragma once

#include <QString>

namespace lm::ui {

/// The lowest gain the fader spans above its bottom end; lower gains read "-inf dB".
inline constexpr double kFaderMinDb = -96.0;
/// The gain the fader's bottom end sends. Scene files store finite numbers only, so silence is
/// the meters' silence floor (an amplitude of 1e-6) rather than -inf.
inline constexpr double kFaderSilenceDb = -120.0;

/// The gain at `position` (0 = bottom, 1 = top, clamped): -inf at 0, 0 dB at 1.
double fader_db(double position);
/// The inverse of fader_db: 1 at 0 dB and above, 0 at or below kFaderMinDb (and for NaN).
double fader_position(double gain_db);
/// "-3.2 dB", "0.0 dB", "+2.5 dB" above unity; "-inf dB" at or below kFaderMinDb.
QString format_gain_db(double gain_db);

}  // namespace lm::ui
