// ReplayBuffer: the last N seconds of an encode (video and audio packets) kept in memory, so a
// moment that just happened can be saved to a file ("save replay"). docs/recording.md says what
// a saved replay holds.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "core/media/packet.hpp"

namespace lm {

/// The packets to write for one replay: video in decode order from a keyframe, audio in
/// presentation order from that keyframe's time to the end of the last whole video frame.
struct ReplaySnapshot {
    std::vector<PacketPtr> video;
    std::vector<PacketPtr> audio;
    /// The keyframe's presentation time, in seconds, exactly: subtract it so the file starts
    /// at 0.
    Rational start_s{0, 1};
    double duration_s = 0;  ///< from the keyframe to the end of the last video frame
    bool empty() const { return video.empty() && audio.empty(); }
};

/// Keeps whole groups of pictures: the oldest kept keyframe is the newest one at least
/// `window_s` before the newest video packet, so a replay is at least `window_s` long once
/// that much has been encoded (and at most a keyframe interval longer). Memory is what the
/// window holds: packets are evicted by media time as new ones come. A stream without
/// keyframes for a long time is cut at twice the window plus 10 s anyway (the replay then
/// starts at the next keyframe it holds).
///
/// Audio-only streams keep `window_s` of audio. MT safe: add() on the output thread,
/// snapshot() and the counters from any thread.
class ReplayBuffer {
public:
    /// `frame_duration` is one video frame in the video packets' time base (for the length of
    /// the last frame); 0 when unknown.
    explicit ReplayBuffer(double window_s, Rational frame_duration_s = {0, 1});

    /// Takes a packet of either stream, in the order its encoder produced it (video in decode
    /// order, audio in presentation order), and evicts what fell out of the window.
    void add(PacketPtr packet);
    /// The packets of a replay (see ReplaySnapshot); empty when no keyframe is held yet.
    /// Shares the packets: cheap, and add() goes on meanwhile.
    ReplaySnapshot snapshot() const;

    double window_s() const { return window_s_; }
    /// Media time held, from the oldest packet (a keyframe) to the newest.
    double held_s() const;
    /// Payload bytes held.
    uint64_t bytes() const;
    size_t packet_count() const;

private:
    void evict_locked();
    void pop_video_locked();
    void pop_audio_locked();

    const double window_s_;
    const double frame_duration_s_;
    mutable std::mutex mutex_;
    std::deque<PacketPtr> video_;         // guarded by mutex_: decode order
    std::deque<PacketPtr> audio_;         // guarded by mutex_: presentation order
    std::deque<double> keyframes_s_;      // guarded by mutex_: pts of the keyframes in video_
    double newest_video_s_ = -1e300;      // guarded by mutex_: largest video pts
    double newest_video_dts_s_ = -1e300;  // guarded by mutex_
    double newest_audio_s_ = -1e300;      // guarded by mutex_
    uint64_t bytes_ = 0;                  // guarded by mutex_
};

}  // namespace lm
