// Peak and RMS levels of audio blocks, in dBFS, as the mixer's meters show them.
#pragma once

#include <array>

#include "core/media/audio_block.hpp"

namespace lm {

inline constexpr int kMaxAudioChannels = 8;
/// The floor a meter shows for silence.
inline constexpr double kSilenceDbfs = -120.0;

struct AudioLevels {
    int channels = 0;
    /// Sample peak of the block per channel (|x| max), dBFS: a full-scale sine reads 0.
    std::array<double, kMaxAudioChannels> peak_dbfs{};
    /// Plain RMS per channel, dBFS (a full-scale sine reads -3.01, as in OBS's meter).
    std::array<double, kMaxAudioChannels> rms_dbfs{};
};

/// The meter reading of one scene item's contribution (after gain) to a block.
struct ItemLevels {
    int item_id = 0;  ///< SceneItem::id
    AudioLevels levels;
};

double amplitude_to_dbfs(double amplitude);
double dbfs_to_amplitude(double dbfs);

/// Measures one block. Does not allocate; safe on the audio thread.
AudioLevels measure_levels(const AudioBlock& block);

}  // namespace lm
