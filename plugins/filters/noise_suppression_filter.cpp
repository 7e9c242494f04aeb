#include "plugins/filters/noise_suppression_filter.hpp"

#include <speex/speex_preprocess.h>

#include <algorithm>
#include <cmath>

namespace lm {

NoiseSuppressionFilter::NoiseSuppressionFilter(int suppress_db) : channels_(kMaxChannels) {
    for (Channel& channel : channels_) {
        channel.state = speex_preprocess_state_init(kFrameSamples, kAudioSampleRate);
        int on = 1;
        speex_preprocess_ctl(channel.state, SPEEX_PREPROCESS_SET_DENOISE, &on);
        speex_preprocess_ctl(channel.state, SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, &suppress_db);
        // Only noise suppression: automatic gain would change what the creator set with the
        // item's gain. (Voice detection is off by default; setting it prints a warning.)
        int off = 0;
        speex_preprocess_ctl(channel.state, SPEEX_PREPROCESS_SET_AGC, &off);
        speex_preprocess_ctl(channel.state, SPEEX_PREPROCESS_SET_DEREVERB, &off);
    }
}

NoiseSuppressionFilter::~NoiseSuppressionFilter() {
    for (Channel& channel : channels_)
        speex_preprocess_state_destroy(channel.state);
}

void NoiseSuppressionFilter::process(AudioBlock& block) {
    const int channels = std::min(block.channels, kMaxChannels);
    for (int i = 0; i < block.frames; ++i) {
        for (int c = 0; c < channels; ++c) {
            Channel& channel = channels_[size_t(c)];
            float& sample = block.samples[size_t(c) * block.frames + i];
            channel.in[size_t(position_)] = sample;
            sample = channel.out[size_t(position_)];
        }
        if (++position_ < kFrameSamples)
            continue;
        position_ = 0;
        for (int c = 0; c < channels; ++c) {
            Channel& channel = channels_[size_t(c)];
            for (int s = 0; s < kFrameSamples; ++s) {
                channel.pcm[size_t(s)] =
                    short(std::lround(std::clamp(channel.in[size_t(s)], -1.0f, 1.0f) * 32767.0f));
            }
            speex_preprocess_run(channel.state, channel.pcm.data());
            for (int s = 0; s < kFrameSamples; ++s)
                channel.out[size_t(s)] = float(channel.pcm[size_t(s)]) / 32767.0f;
        }
    }
}

}  // namespace lm
