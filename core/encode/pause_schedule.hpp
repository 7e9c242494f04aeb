// PauseSchedule: the pauses of a recording, as gaps in the mixers' timelines that the encode
// leaves out. Both encode workers of a group share one: the video worker subtracts the frames
// paused before a frame from its timestamp, the audio worker the samples paused before a
// sample, so the recording goes on after a resume as if the paused time never happened.
//
// The audio gaps are the video gaps converted to samples, exactly: after k pauses the samples
// left out are the frames left out so far, rescaled to 48 kHz and rounded once (not a rounded
// amount per pause), so sound and picture never drift apart, however many pauses.
#pragma once

#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "core/media/rational.hpp"

namespace lm {

class PauseSchedule {
public:
    explicit PauseSchedule(Rational frame_rate);

    /// Leaves video frames from `frame` on out of the encode until resume_at(); returns the
    /// audio sample the pause starts at (the sound at frame `frame`'s time). Throws
    /// std::logic_error when already paused or when `frame` is before the last resume.
    int64_t pause_at(int64_t frame);
    /// Encodes again from video frame `frame` (at least the pause's first frame; the same frame
    /// makes the pause empty); returns the audio sample encoding resumes at. Throws
    /// std::logic_error when not paused.
    int64_t resume_at(int64_t frame);
    bool paused() const;

    /// Whether video frame `frame` falls in a pause (an open one included).
    bool video_skipped(int64_t frame) const;
    /// Frames of the pauses that end at or before `frame`.
    int64_t video_removed_before(int64_t frame) const;
    /// Whether audio sample `sample` falls in a pause.
    bool audio_skipped(int64_t sample) const;
    /// Samples of the pauses that end at or before `sample`.
    int64_t audio_removed_before(int64_t sample) const;
    /// The parts of samples [from, to) outside every pause, in order.
    std::vector<std::pair<int64_t, int64_t>> audio_kept(int64_t from, int64_t to) const;

    /// Video frames and audio samples left out by the pauses that have ended.
    int64_t video_removed() const;
    int64_t audio_removed() const;

private:
    struct Gap {
        int64_t video_first = 0;
        int64_t video_end = 0;  ///< kOpen while paused
        int64_t audio_first = 0;
        int64_t audio_end = 0;  ///< kOpen while paused
    };
    static constexpr int64_t kOpen = INT64_MAX;
    int64_t samples_of(int64_t frames) const;

    const Rational frame_rate_;
    mutable std::mutex mutex_;
    std::vector<Gap> gaps_;      // guarded by mutex_: in timeline order
    int64_t video_removed_ = 0;  // guarded by mutex_: of the closed gaps
    int64_t audio_removed_ = 0;  // guarded by mutex_
};

}  // namespace lm
