// Sound filters, sample by sample on the audio thread (no allocation after construction).
#pragma once

#include "core/scene/filter.hpp"

namespace lm {

class GainFilter : public AudioFilter {
public:
    explicit GainFilter(double gain_db);
    void process(AudioBlock& block) override;

private:
    float gain_;
};

struct NoiseGate {
    double open_dbfs = -26;   ///< opens when the level rises above this
    double close_dbfs = -32;  ///< closes (after `hold_ms`) when it falls below this
    double attack_ms = 25;
    double hold_ms = 200;
    double release_ms = 150;
};

/// Silences the sound between words: OBS's gate, with hysteresis between the two thresholds.
class NoiseGateFilter : public AudioFilter {
public:
    explicit NoiseGateFilter(NoiseGate settings);
    void process(AudioBlock& block) override;

private:
    float open_;
    float close_;
    float attack_step_;   // gain change per sample while opening
    float release_step_;  // while closing
    int hold_samples_;
    float envelope_ = 0;  // the level, a fast peak follower
    float envelope_fall_;
    float gain_ = 0;
    bool open_state_ = false;
    int held_ = 0;
};

struct Limiter {
    double threshold_dbfs = -6;
    double release_ms = 60;
};

/// Keeps peaks at or below the threshold: instant attack, smooth release.
class LimiterFilter : public AudioFilter {
public:
    explicit LimiterFilter(Limiter settings);
    void process(AudioBlock& block) override;

private:
    float threshold_;
    float release_;  // per-sample approach of the gain back towards 1
    float gain_ = 1;
};

struct Compressor {
    double ratio = 10;            ///< 4 means 4 dB over the threshold come out as 1 dB over
    double threshold_dbfs = -18;  ///< where reduction starts
    double attack_ms = 6;         ///< how fast the level follower rises
    double release_ms = 60;       ///< how fast it falls
    double output_gain_db = 0;    ///< make-up gain after the reduction
};

/// Turns down what is louder than the threshold by the ratio: the level is a peak follower
/// with attack and release, the reduction is computed in dB from it.
class CompressorFilter : public AudioFilter {
public:
    explicit CompressorFilter(Compressor settings);
    void process(AudioBlock& block) override;

private:
    float threshold_;  // amplitude
    float threshold_db_;
    float slope_;    // dB of reduction per dB over the threshold: 1 - 1 / ratio
    float attack_;   // per-sample approach of the level follower while rising
    float release_;  // while falling
    float output_gain_;
    float envelope_ = 0;
};

}  // namespace lm
