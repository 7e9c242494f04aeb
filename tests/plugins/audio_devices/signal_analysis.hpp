// What the audio capture tests measure in what they captured: level and dominant frequency.
#pragma once

#include <cmath>
#include <numbers>
#include <span>
#include <vector>

#include "core/audio/audio_meter.hpp"
#include "core/media/audio_block.hpp"

namespace lm::test {

inline double rms_dbfs(std::span<const float> samples) {
    double sum = 0;
    for (float s : samples)
        sum += double(s) * s;
    return amplitude_to_dbfs(samples.empty() ? 0 : std::sqrt(sum / double(samples.size())));
}

/// Power of `samples` at `frequency_hz` (Goertzel), in arbitrary but comparable units.
inline double goertzel_power(std::span<const float> samples, double frequency_hz) {
    const double coefficient = 2 * std::cos(2 * std::numbers::pi * frequency_hz / kAudioSampleRate);
    double previous = 0;
    double before = 0;
    for (float s : samples) {
        const double current = s + coefficient * previous - before;
        before = previous;
        previous = current;
    }
    return previous * previous + before * before - coefficient * previous * before;
}

/// The frequency between 50 Hz and 4 kHz, on a 5 Hz grid, where `samples` are loudest.
inline double peak_frequency_hz(std::span<const float> samples) {
    double best_hz = 0;
    double best_power = -1;
    for (double hz = 50; hz <= 4000; hz += 5) {
        const double power = goertzel_power(samples, hz);
        if (power > best_power) {
            best_power = power;
            best_hz = hz;
        }
    }
    return best_hz;
}

}  // namespace lm::test
