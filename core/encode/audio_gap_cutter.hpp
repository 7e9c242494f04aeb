// AudioGapCutter: between the audio mixer and the AAC encoder of a recording that pauses. The
// mixer's blocks (1024 samples each) are cut where a pause starts and ends (PauseSchedule),
// and the samples kept are handed on again in whole blocks of 1024, timestamped on the
// recording's own timeline, so the sound after a resume follows the sound before it with no
// gap or overlap in its timestamps.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/encode/pause_schedule.hpp"
#include "core/media/audio_block.hpp"

namespace lm {

/// One thread (the audio encode worker's).
class AudioGapCutter {
public:
    /// `origin`: the sample the recording's timestamp 0 is at.
    AudioGapCutter(std::shared_ptr<const PauseSchedule> schedule, int64_t origin);

    struct Output {
        AudioBlockPtr block;
        int64_t pts = 0;  ///< in samples, on the recording's timeline
    };
    /// Takes the mixer's next block; appends the blocks ready for the encoder. Without a pause
    /// so far a block goes through as it is.
    void push(const AudioBlockPtr& block, std::vector<Output>& out);
    /// End of the input: the samples still held, padded with silence to a whole block.
    void flush(std::vector<Output>& out);

private:
    void append(const AudioBlock& block, int64_t from, int64_t to, std::vector<Output>& out);
    void emit(std::vector<Output>& out);

    const std::shared_ptr<const PauseSchedule> schedule_;
    const int64_t origin_;
    std::shared_ptr<AudioBlock> pending_;  // a block being filled, kAudioTickFrames long
    int pending_frames_ = 0;
    int64_t pending_pts_ = 0;  ///< of the first sample in pending_
};

}  // namespace lm
