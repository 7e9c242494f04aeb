#include "plugins/filters/delay_filter.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

DelayFilter::DelayFilter(double delay_ms)
    : delay_(int(std::lround(std::max(delay_ms, 0.0) * kAudioSampleRate / 1000.0))),
      ring_(size_t(delay_) * kMaxChannels, 0.0f) {}

void DelayFilter::process(AudioBlock& block) {
    if (delay_ == 0)
        return;
    const int channels = std::min(block.channels, kMaxChannels);
    int position = position_;
    for (int c = 0; c < channels; ++c) {
        float* ring = ring_.data() + size_t(c) * delay_;
        position = position_;
        for (float& sample : block.channel(c)) {
            std::swap(sample, ring[position]);
            if (++position == delay_)
                position = 0;
        }
    }
    position_ = position;
}

}  // namespace lm
