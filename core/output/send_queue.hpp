// SendQueue: the packets waiting for one destination (a socket or a file), with the network
// drop policy and what reconnecting needs.
//
// When the destination falls behind, the queue holds more and more media time. Past a first
// threshold the queue sheds disposable video (B frames, which nothing else references); past a
// second one every queued video frame but the keyframes, and then every incoming frame up to
// the next keyframe, so a viewer never gets a picture built on a missing reference. Audio is
// never shed by time: a stream that stutters is bad, one that goes silent is worse. As in OBS,
// the thresholds are in media time, not packets, so they mean the same at any bitrate.
//
// For reconnecting, the queue keeps the current group of pictures (every packet since the
// newest keyframe, sent or not): a new connection starts with that keyframe at once rather
// than waiting up to a keyframe interval for the next one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "core/media/packet.hpp"

namespace lm {

struct SendQueueLimits {
    /// Queued media time beyond which disposable video (B frames nothing refers to) is shed.
    std::chrono::milliseconds shed_disposable{700};
    /// Queued media time beyond which every non-key video frame is shed.
    std::chrono::milliseconds shed_video{900};
    /// A hard bound on queued packets whatever their time span (a destination that takes
    /// nothing at all); beyond it new packets are refused.
    size_t max_packets = 4096;
    /// Keep the current group of pictures for a reconnect.
    bool keep_gop = false;
};

/// One packet as the writer sees it: `sequence` counts every packet offered, so a packet sent
/// once and sent again after a reconnect is recognised.
struct QueuedPacket {
    PacketPtr packet;
    uint64_t sequence = 0;
};

/// Multi-producer, one consumer; MT safe.
class SendQueue {
public:
    explicit SendQueue(SendQueueLimits limits);
    SendQueue(const SendQueue&) = delete;
    SendQueue& operator=(const SendQueue&) = delete;

    /// Offers a packet; never blocks. Applies the drop policy (see the file comment).
    void push(const PacketPtr& packet);
    /// Waits for the next packet; empty once closed and drained, or when `outage()` began.
    std::optional<QueuedPacket> pop();
    /// The writer has delivered `sequence` (and everything before it).
    void mark_written(uint64_t sequence);
    /// No more packets will come; pop() drains what is queued. Wakes every waiter.
    void close();
    bool closed() const;
    /// Waits up to `timeout` for close(); returns whether the queue is closed.
    bool wait_closed_for(std::chrono::nanoseconds timeout);

    /// The destination is gone: drops what is queued; until `resume()`, incoming packets only
    /// refresh the kept group of pictures. Video frames that will never be sent are counted.
    void begin_outage();
    /// A new connection: queues the kept group of pictures (keyframe first), then live packets
    /// as they come. Without a kept keyframe, waits for the next one.
    void resume();

    /// Video frames shed or never sent, since construction.
    uint64_t video_frames_dropped() const;
    /// Audio packets refused (only at the hard bound, or during an outage).
    uint64_t audio_packets_dropped() const;
    /// Media time waiting to be sent, in seconds (newest minus oldest decode time).
    double buffered_seconds() const;
    /// How close the destination is to shedding video: buffered time over the second
    /// threshold, 0 (keeping up) to 1 (shedding).
    double congestion() const;

private:
    double buffered_seconds_locked() const;
    void shed_locked();
    /// Counts `item` as dropped if it is video never written.
    void count_unsent_locked(const QueuedPacket& item);
    void remember_locked(const QueuedPacket& item);

    const SendQueueLimits limits_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<QueuedPacket> items_;     // guarded by mutex_
    std::deque<QueuedPacket> gop_;       // guarded by mutex_: since the newest keyframe
    uint64_t next_sequence_ = 1;         // guarded by mutex_
    uint64_t written_through_ = 0;       // guarded by mutex_
    bool closed_ = false;                // guarded by mutex_
    bool in_outage_ = false;             // guarded by mutex_
    bool waiting_for_keyframe_ = false;  // guarded by mutex_
    double resent_until_s_ = -1e300;     // guarded by mutex_: see buffered_seconds_locked
    uint64_t video_dropped_ = 0;         // guarded by mutex_
    uint64_t audio_dropped_ = 0;         // guarded by mutex_
};

}  // namespace lm
