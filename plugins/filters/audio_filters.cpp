#include "plugins/filters/audio_filters.hpp"

#include <algorithm>
#include <cmath>

namespace lm {
namespace {

float amplitude(double dbfs) {
    return float(std::pow(10.0, dbfs / 20.0));
}

/// The loudest channel's magnitude at sample `i` of a planar block.
float peak_at(const AudioBlock& block, int i) {
    float peak = 0;
    for (int c = 0; c < block.channels; ++c)
        peak = std::max(peak, std::abs(block.samples[size_t(c) * block.frames + i]));
    return peak;
}

void scale_at(AudioBlock& block, int i, float gain) {
    for (int c = 0; c < block.channels; ++c)
        block.samples[size_t(c) * block.frames + i] *= gain;
}

float per_sample(double ms) {
    return float(std::max(ms, 0.01) * kAudioSampleRate / 1000.0);
}

/// The per-sample coefficient of a one-pole follower with time constant `ms`.
float follow(double ms) {
    return float(1.0 - std::exp(-1.0 / per_sample(ms)));
}

}  // namespace

GainFilter::GainFilter(double gain_db) : gain_(amplitude(gain_db)) {}

void GainFilter::process(AudioBlock& block) {
    for (float& sample : block.samples)
        sample *= gain_;
}

NoiseGateFilter::NoiseGateFilter(NoiseGate settings)
    : open_(amplitude(settings.open_dbfs)),
      close_(amplitude(std::min(settings.close_dbfs, settings.open_dbfs))),
      attack_step_(1.0f / per_sample(settings.attack_ms)),
      release_step_(1.0f / per_sample(settings.release_ms)),
      hold_samples_(int(per_sample(settings.hold_ms))),
      // The level follower falls by about 60 dB in 50 ms: fast enough to close between words.
      envelope_fall_(float(std::pow(10.0, -3.0 / (0.05 * kAudioSampleRate)))) {}

void NoiseGateFilter::process(AudioBlock& block) {
    for (int i = 0; i < block.frames; ++i) {
        envelope_ = std::max(peak_at(block, i), envelope_ * envelope_fall_);
        if (envelope_ >= open_) {
            open_state_ = true;
            held_ = 0;
        } else if (open_state_ && envelope_ < close_ && ++held_ > hold_samples_) {
            open_state_ = false;
        }
        gain_ = open_state_ ? std::min(1.0f, gain_ + attack_step_)
                            : std::max(0.0f, gain_ - release_step_);
        scale_at(block, i, gain_);
    }
}

LimiterFilter::LimiterFilter(Limiter settings)
    : threshold_(amplitude(std::min(settings.threshold_dbfs, 0.0))),
      release_(follow(settings.release_ms)) {}

void LimiterFilter::process(AudioBlock& block) {
    for (int i = 0; i < block.frames; ++i) {
        const float peak = peak_at(block, i);
        const float needed = peak > threshold_ ? threshold_ / peak : 1.0f;
        gain_ = needed < gain_ ? needed : gain_ + (1.0f - gain_) * release_;
        gain_ = std::min(gain_, needed);
        scale_at(block, i, gain_);
    }
}

CompressorFilter::CompressorFilter(Compressor settings)
    : threshold_(amplitude(settings.threshold_dbfs)),
      threshold_db_(float(settings.threshold_dbfs)),
      slope_(float(1.0 - 1.0 / std::max(settings.ratio, 1.0))),
      attack_(follow(settings.attack_ms)),
      release_(follow(settings.release_ms)),
      output_gain_(amplitude(settings.output_gain_db)) {}

void CompressorFilter::process(AudioBlock& block) {
    for (int i = 0; i < block.frames; ++i) {
        const float peak = peak_at(block, i);
        envelope_ += (peak - envelope_) * (peak > envelope_ ? attack_ : release_);
        float gain = output_gain_;
        // Below the threshold nothing is computed: quiet sound passes bit for bit.
        if (envelope_ > threshold_) {
            const float over_db = 20.0f * std::log10(envelope_) - threshold_db_;
            gain *= std::pow(10.0f, -over_db * slope_ / 20.0f);
        }
        scale_at(block, i, gain);
    }
}

}  // namespace lm
