// The hand-off between a media file's decoder threads and the mixer threads: decoded video
// frames and audio samples, each stamped with its play time (stream time since the source
// started showing, speed already applied). Producers wait when a buffer is full; consumers
// (the mixers) never wait on anything but a short lock.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "core/media/video_frame.hpp"

namespace lm {

/// Decoded frames in play order, bounded.
class FrameQueue {
public:
    explicit FrameQueue(size_t capacity) : capacity_(capacity) {}

    /// Appends a frame due at `time_ns`; waits while the queue is full. Returns false (frame
    /// not queued) once close() was called.
    bool push(int64_t time_ns, VideoFramePtr frame);
    /// The newest frame due at or before `time_ns`, removing it and every older one; null when
    /// none is due yet (the caller keeps showing what it had). Never waits.
    VideoFramePtr take_due(int64_t time_ns);
    /// Play time of the oldest queued frame, or -1 when empty.
    int64_t front_time() const;
    /// Wakes and refuses producers from now on.
    void close();

private:
    struct Entry {
        int64_t time_ns;
        VideoFramePtr frame;
    };
    const size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable space_;
    std::deque<Entry> entries_;  // guarded by mutex_
    bool closed_ = false;        // guarded by mutex_
};

/// Planar float audio at 48 kHz addressed by absolute play position in samples. The writer
/// places each block where its timestamp says (gaps become silence, a block over samples not
/// yet read replaces them), so sync follows the file's timestamps, not a running count.
class AudioRing {
public:
    AudioRing(int channels, int64_t capacity_samples);

    /// Writes `frames` samples per channel starting at `position`. Waits while there is no
    /// room. Returns false once close() was called.
    bool write(int64_t position, const float* const* planes, int frames);
    /// Fills `frames` samples per channel of `out` (planar, `out_stride` floats apart) with
    /// the samples at [position, position + frames), zeros where there are none, and forgets
    /// everything before the end of that range. Never waits. Returns the samples found.
    int read(int64_t position, float* out, int out_stride, int frames);
    /// Position of the oldest sample held, or -1 when empty.
    int64_t front_position() const;
    /// Wakes and refuses writers from now on.
    void close();
    /// Forgets everything before `position`, as a read up to there would, without copying:
    /// when the picture is shown but the sound is not heard (studio mode's preview), the
    /// picture's clock moves the sound on, so the decoder neither stalls nor runs ahead.
    void skip_to(int64_t position);

private:
    /// Where position `p` lives in each channel's ring (positions may be negative: audio that
    /// starts before the video, an encoder's priming).
    size_t slot(int64_t p) const { return size_t(((p % capacity_) + capacity_) % capacity_); }

    const int channels_;
    const int64_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable space_;
    std::vector<float> samples_;  // channels_ x capacity_, each channel a ring; guarded
    int64_t begin_ = 0;           // oldest held position; guarded by mutex_
    int64_t end_ = 0;             // one past the newest; guarded by mutex_
    bool started_ = false;        // guarded by mutex_
    bool closed_ = false;         // guarded by mutex_
};

}  // namespace lm
