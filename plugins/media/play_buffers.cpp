#include "plugins/media/play_buffers.hpp"

#include <algorithm>

namespace lm {

bool FrameQueue::push(int64_t time_ns, VideoFramePtr frame) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return closed_ || entries_.size() < capacity_; });
    if (closed_)
        return false;
    entries_.push_back({time_ns, std::move(frame)});
    return true;
}

VideoFramePtr FrameQueue::take_due(int64_t time_ns) {
    VideoFramePtr due;
    {
        std::lock_guard lock(mutex_);
        while (!entries_.empty() && entries_.front().time_ns <= time_ns) {
            due = std::move(entries_.front().frame);
            entries_.pop_front();
        }
    }
    if (due)
        space_.notify_all();
    return due;  // the frames it replaced are freed here, outside the lock
}

int64_t FrameQueue::front_time() const {
    std::lock_guard lock(mutex_);
    return entries_.empty() ? -1 : entries_.front().time_ns;
}

void FrameQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    space_.notify_all();
}

AudioRing::AudioRing(int channels, int64_t capacity_samples)
    : channels_(channels),
      capacity_(capacity_samples),
      samples_(static_cast<size_t>(channels) * static_cast<size_t>(capacity_samples)) {}

bool AudioRing::write(int64_t position, const float* const* planes, int frames) {
    std::unique_lock lock(mutex_);
    if (!started_) {
        begin_ = end_ = position;
        started_ = true;
    }
    const int64_t last = position + frames;
    // The reader may move on while this waits, so what to write is worked out after the wait.
    space_.wait(lock, [&] {
        return closed_ || last <= begin_ || last - end_ > capacity_ || last - begin_ <= capacity_;
    });
    if (closed_)
        return false;
    if (last <= begin_)
        return true;  // all of it was due before what the reader has reached: too late
    // A write far ahead of what is held (a jump in the file's timestamps) restarts the ring
    // there instead of filling it with silence.
    if (last - end_ > capacity_)
        begin_ = end_ = std::max(position, last - capacity_);
    const int64_t first = std::max(position, begin_);
    for (int c = 0; c < channels_; ++c) {
        float* ring = samples_.data() + static_cast<size_t>(c) * capacity_;
        for (int64_t p = end_; p < first; ++p)  // a gap in the timestamps: silence
            ring[slot(p)] = 0.0f;
        // Samples already held but not yet read are replaced: the newest decode of a moment
        // wins (a loop's start over the padding at the end of the previous loop).
        const float* source = planes[std::min(c, channels_ - 1)] + (first - position);
        for (int64_t p = first; p < last; ++p)
            ring[slot(p)] = *source++;
    }
    end_ = std::max(end_, last);
    return true;
}

int AudioRing::read(int64_t position, float* out, int out_stride, int frames) {
    int found = 0;
    {
        std::lock_guard lock(mutex_);
        const int64_t from = std::max(position, begin_);
        const int64_t to = std::min(position + frames, end_);
        for (int c = 0; c < channels_; ++c) {
            float* dest = out + static_cast<size_t>(c) * out_stride;
            const float* ring = samples_.data() + static_cast<size_t>(c) * capacity_;
            std::fill(dest, dest + frames, 0.0f);
            for (int64_t p = from; p < to; ++p)
                dest[p - position] = ring[slot(p)];
        }
        found = int(std::max<int64_t>(0, to - from));
        if (started_)
            begin_ = std::min(std::max(begin_, position + frames), std::max(end_, begin_));
        // A reader ahead of the writer moves the writer on: late samples are not played.
        if (started_ && position + frames > end_)
            begin_ = end_ = std::max(end_, position + frames);
    }
    space_.notify_all();
    return found;
}

int64_t AudioRing::front_position() const {
    std::lock_guard lock(mutex_);
    return started_ && end_ > begin_ ? begin_ : -1;
}

void AudioRing::skip_to(int64_t position) {
    {
        std::lock_guard lock(mutex_);
        if (!started_)
            return;
        begin_ = std::max(begin_, std::min(position, end_));
        if (position > end_)
            begin_ = end_ = position;  // as a read: what arrives late is not kept
    }
    space_.notify_all();
}

void AudioRing::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    space_.notify_all();
}

}  // namespace lm
