// Compressed packets from the demuxer to one decoder thread, with the markers that tell the
// decoder a loop of the file ended (drain, then go on with the next loop's time offset) or
// the file ended for good.
#pragma once

extern "C" {
#include <libavcodec/packet.h>
}

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

namespace lm {

struct QueuedPacket {
    enum class Kind { data, loop, end };
    Kind kind = Kind::data;
    AVPacket* packet = nullptr;  ///< owned; data only
    int64_t offset_ns = 0;       ///< play-time offset of the loop the packet belongs to
};

class PacketQueue {
public:
    /// Bounded by packet count and by bytes (the demuxer waits when either is reached).
    PacketQueue(size_t max_packets, size_t max_bytes)
        : max_packets_(max_packets), max_bytes_(max_bytes) {}
    ~PacketQueue();
    PacketQueue(const PacketQueue&) = delete;
    PacketQueue& operator=(const PacketQueue&) = delete;

    /// Takes ownership of entry.packet. Waits while full; returns false (and frees the packet)
    /// once closed.
    bool push(QueuedPacket entry);
    /// Waits for the next entry; returns false once closed.
    bool pop(QueuedPacket& entry);
    void close();

private:
    const size_t max_packets_;
    const size_t max_bytes_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<QueuedPacket> entries_;  // guarded by mutex_
    size_t bytes_ = 0;                  // guarded by mutex_
    bool closed_ = false;               // guarded by mutex_
};

}  // namespace lm
