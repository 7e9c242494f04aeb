#include "plugins/basic/tone_source.hpp"

#include <cmath>
#include <numbers>

#include "core/audio/audio_meter.hpp"

namespace lm {

ToneSource::ToneSource(double frequency_hz, double level_dbfs)
    : frequency_hz_(frequency_hz), amplitude_(dbfs_to_amplitude(level_dbfs)) {}

void ToneSource::render_audio(AudioRenderContext& context) {
    AudioBlock& out = context.out;
    for (int i = 0; i < out.frames; ++i) {
        const int64_t sample = context.start_sample + i;
        // Cycles since the start, reduced to [0, 1) before the sine: sample * frequency stays
        // exact in a double for years of audio, so the tone never drifts or clicks.
        const double cycles = std::fmod(double(sample) * frequency_hz_ / kAudioSampleRate, 1.0);
        const float value = float(amplitude_ * std::sin(2 * std::numbers::pi * cycles));
        for (int c = 0; c < out.channels; ++c)
            out.channel(c)[i] = value;
    }
}

}  // namespace lm
