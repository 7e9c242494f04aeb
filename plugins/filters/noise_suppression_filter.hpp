// Noise suppression with Speex's preprocessor (libspeexdsp): takes steady background noise
// (fans, hum, hiss) out of a voice.
#pragma once

#include <array>
#include <vector>

#include "core/scene/filter.hpp"

struct SpeexPreprocessState_;

namespace lm {

/// Works in frames of 10 ms (480 samples), so the sound comes out 10 ms late. Up to
/// kMaxChannels channels, each with its own noise estimate; any further ones pass unchanged.
/// Speex needs a second or two of sound to learn the noise.
class NoiseSuppressionFilter : public AudioFilter {
public:
    static constexpr int kMaxChannels = 8;
    static constexpr int kFrameSamples = 480;

    /// `suppress_db` (negative): how far noise is turned down at most.
    explicit NoiseSuppressionFilter(int suppress_db);
    ~NoiseSuppressionFilter() override;
    NoiseSuppressionFilter(const NoiseSuppressionFilter&) = delete;
    NoiseSuppressionFilter& operator=(const NoiseSuppressionFilter&) = delete;

    void process(AudioBlock& block) override;

private:
    struct Channel {
        SpeexPreprocessState_* state = nullptr;
        std::array<float, kFrameSamples> in{};   // the frame being gathered
        std::array<float, kFrameSamples> out{};  // the last frame processed, being played
        std::array<short, kFrameSamples> pcm{};  // Speex works on 16-bit samples
    };
    std::vector<Channel> channels_;
    int position_ = 0;  // in the frame, the same for every channel
};

}  // namespace lm
