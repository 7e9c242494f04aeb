#include "core/encode/pause_schedule.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/media/audio_block.hpp"

namespace lm {

PauseSchedule::PauseSchedule(Rational frame_rate) : frame_rate_(frame_rate) {}

int64_t PauseSchedule::samples_of(int64_t frames) const {
    return rescale(frames, frame_rate_.inverse(), Rational{1, kAudioSampleRate});
}

int64_t PauseSchedule::pause_at(int64_t frame) {
    std::lock_guard lock(mutex_);
    if (!gaps_.empty() && gaps_.back().video_end == kOpen)
        throw std::logic_error("already paused");
    if (!gaps_.empty() && frame < gaps_.back().video_end)
        throw std::logic_error("a pause cannot start before the last resume");
    Gap gap;
    gap.video_first = frame;
    gap.video_end = kOpen;
    // Never before the end of the previous pause's sound (that may be a sample later than the
    // resume frame's own time, from the exact conversion).
    gap.audio_first = std::max(samples_of(frame), gaps_.empty() ? 0 : gaps_.back().audio_end);
    gap.audio_end = kOpen;
    gaps_.push_back(gap);
    return gap.audio_first;
}

int64_t PauseSchedule::resume_at(int64_t frame) {
    std::lock_guard lock(mutex_);
    if (gaps_.empty() || gaps_.back().video_end != kOpen)
        throw std::logic_error("not paused");
    Gap& gap = gaps_.back();
    gap.video_end = std::max(frame, gap.video_first);
    // The samples left out in all are the frames left out in all, rescaled once: the rounding
    // of one pause is made good by the next instead of adding up.
    const int64_t video_total = video_removed_ + (gap.video_end - gap.video_first);
    const int64_t audio_total = samples_of(video_total);
    gap.audio_end = gap.audio_first + (audio_total - audio_removed_);
    video_removed_ = video_total;
    audio_removed_ = audio_total;
    const int64_t resume_sample = gap.audio_end;
    if (gap.video_end == gap.video_first)
        gaps_.pop_back();  // nothing was left out
    return resume_sample;
}

bool PauseSchedule::paused() const {
    std::lock_guard lock(mutex_);
    return !gaps_.empty() && gaps_.back().video_end == kOpen;
}

bool PauseSchedule::video_skipped(int64_t frame) const {
    std::lock_guard lock(mutex_);
    return std::any_of(gaps_.begin(), gaps_.end(), [&](const Gap& gap) {
        return frame >= gap.video_first && frame < gap.video_end;
    });
}

int64_t PauseSchedule::video_removed_before(int64_t frame) const {
    std::lock_guard lock(mutex_);
    int64_t removed = 0;
    for (const Gap& gap : gaps_) {
        if (gap.video_end != kOpen && gap.video_end <= frame)
            removed += gap.video_end - gap.video_first;
    }
    return removed;
}

bool PauseSchedule::audio_skipped(int64_t sample) const {
    std::lock_guard lock(mutex_);
    return std::any_of(gaps_.begin(), gaps_.end(), [&](const Gap& gap) {
        return sample >= gap.audio_first && sample < gap.audio_end;
    });
}

int64_t PauseSchedule::audio_removed_before(int64_t sample) const {
    std::lock_guard lock(mutex_);
    int64_t removed = 0;
    for (const Gap& gap : gaps_) {
        if (gap.audio_end != kOpen && gap.audio_end <= sample)
            removed += gap.audio_end - gap.audio_first;
    }
    return removed;
}

std::vector<std::pair<int64_t, int64_t>> PauseSchedule::audio_kept(int64_t from, int64_t to) const {
    std::lock_guard lock(mutex_);
    std::vector<std::pair<int64_t, int64_t>> kept;
    int64_t position = from;
    for (const Gap& gap : gaps_) {
        if (gap.audio_end <= position)
            continue;
        if (gap.audio_first >= to)
            break;
        if (gap.audio_first > position)
            kept.emplace_back(position, gap.audio_first);
        position = gap.audio_end;
        if (position >= to)
            break;
    }
    if (position < to)
        kept.emplace_back(position, to);
    return kept;
}

int64_t PauseSchedule::video_removed() const {
    std::lock_guard lock(mutex_);
    return video_removed_;
}

int64_t PauseSchedule::audio_removed() const {
    std::lock_guard lock(mutex_);
    return audio_removed_;
}

}  // namespace lm
