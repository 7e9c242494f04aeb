#include "core/encode/audio_gap_cutter.hpp"

#include <algorithm>

namespace lm {

AudioGapCutter::AudioGapCutter(std::shared_ptr<const PauseSchedule> schedule, int64_t origin)
    : schedule_(std::move(schedule)), origin_(origin) {}

void AudioGapCutter::push(const AudioBlockPtr& block, std::vector<Output>& out) {
    const int64_t from = block->start_sample;
    const int64_t to = from + block->frames;
    const auto kept = schedule_->audio_kept(from, to);
    if (pending_frames_ == 0 && kept.size() == 1 && kept[0].first == from && kept[0].second == to &&
        block->frames == kAudioTickFrames) {
        // The usual case: nothing cut, nothing held.
        out.push_back({block, from - origin_ - schedule_->audio_removed_before(from)});
        return;
    }
    for (const auto& [first, end] : kept)
        append(*block, first, end, out);
}

void AudioGapCutter::append(const AudioBlock& block, int64_t from, int64_t to,
                            std::vector<Output>& out) {
    const int64_t pts = from - origin_ - schedule_->audio_removed_before(from);
    if (pending_frames_ > 0 && pts != pending_pts_ + pending_frames_) {
        // Not contiguous (a resume came too late for the mixer, which skipped a block it
        // should have delivered): finish what is held rather than move it in time.
        flush(out);
    }
    while (from < to) {
        if (!pending_ || pending_frames_ == 0) {
            pending_ = std::make_shared<AudioBlock>(block.channels, kAudioTickFrames);
            pending_pts_ = from - origin_ - schedule_->audio_removed_before(from);
        }
        const int64_t count = std::min<int64_t>(to - from, kAudioTickFrames - pending_frames_);
        const int64_t offset = from - block.start_sample;
        for (int c = 0; c < block.channels; ++c) {
            const auto source = block.channel(c);
            std::copy_n(source.begin() + offset, count,
                        pending_->channel(c).begin() + pending_frames_);
        }
        pending_frames_ += int(count);
        from += count;
        if (pending_frames_ == kAudioTickFrames)
            emit(out);
    }
}

void AudioGapCutter::emit(std::vector<Output>& out) {
    pending_->start_sample = pending_pts_ + origin_;
    out.push_back({pending_, pending_pts_});
    pending_.reset();
    pending_frames_ = 0;
}

void AudioGapCutter::flush(std::vector<Output>& out) {
    if (pending_frames_ == 0)
        return;
    // The block was made silent; the samples after pending_frames_ stay zero.
    emit(out);
}

}  // namespace lm
