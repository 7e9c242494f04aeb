// A block of mixed or source audio: planar 32-bit float at the engine rate (48 kHz).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace lm {

inline constexpr int kAudioSampleRate = 48'000;
/// The audio mixer ticks every this many samples (21.3 ms); AAC frames are this size too.
inline constexpr int kAudioTickFrames = 1024;

struct AudioBlock {
    AudioBlock() = default;
    AudioBlock(int channels, int frames)
        : channels(channels), frames(frames), samples(static_cast<size_t>(channels) * frames) {}

    std::span<float> channel(int c) {
        return {samples.data() + static_cast<size_t>(c) * frames, static_cast<size_t>(frames)};
    }
    std::span<const float> channel(int c) const {
        return {samples.data() + static_cast<size_t>(c) * frames, static_cast<size_t>(frames)};
    }

    /// Position of the first sample since the output started, in samples at 48 kHz.
    int64_t start_sample = 0;
    int channels = 0;
    int frames = 0;
    std::vector<float> samples;  ///< channel-major (planar): channel c starts at c * frames
};

using AudioBlockPtr = std::shared_ptr<const AudioBlock>;

}  // namespace lm
