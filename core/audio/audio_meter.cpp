#include "core/audio/audio_meter.hpp"

#include <algorithm>
#include <cmath>

namespace lm {

double amplitude_to_dbfs(double amplitude) {
    if (amplitude <= 0)
        return kSilenceDbfs;
    return std::max(kSilenceDbfs, 20.0 * std::log10(amplitude));
}

double dbfs_to_amplitude(double dbfs) {
    return std::pow(10.0, dbfs / 20.0);
}

AudioLevels measure_levels(const AudioBlock& block) {
    AudioLevels levels;
    levels.channels = std::min(block.channels, kMaxAudioChannels);
    for (int c = 0; c < levels.channels; ++c) {
        double peak = 0;
        double sum_squares = 0;
        for (const float sample : block.channel(c)) {
            peak = std::max(peak, static_cast<double>(std::fabs(sample)));
            sum_squares += static_cast<double>(sample) * sample;
        }
        const double rms = block.frames > 0 ? std::sqrt(sum_squares / block.frames) : 0.0;
        levels.peak_dbfs[c] = amplitude_to_dbfs(peak);
        levels.rms_dbfs[c] = amplitude_to_dbfs(rms);
    }
    return levels;
}

}  // namespace lm
