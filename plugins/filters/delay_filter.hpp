// Sync offset: delays a source's sound, to line it up with a picture that arrives late (a
// camera whose video comes through a capture card later than the microphone's sound).
#pragma once

#include <vector>

#include "core/scene/filter.hpp"

namespace lm {

/// Delays every channel by a whole number of samples; the first `delay` samples are silence.
/// Its memory is allocated once, when it is made.
class DelayFilter : public AudioFilter {
public:
    /// Up to kMaxChannels channels are delayed; any further ones pass unchanged.
    static constexpr int kMaxChannels = 8;

    explicit DelayFilter(double delay_ms);
    void process(AudioBlock& block) override;

    int delay_samples() const { return delay_; }

private:
    int delay_;
    std::vector<float> ring_;  // kMaxChannels rings of delay_ samples, one after the other
    int position_ = 0;         // where the next sample is written (and the oldest read)
};

}  // namespace lm
