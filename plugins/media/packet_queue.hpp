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

// Not "QueuedPacket": core/output/send_queue.hpp has an lm::QueuedPacket, and two classes of
// one name break the one-definition rule (the linker keeps one std::deque<QueuedPacket> for
// both, which ASan caught freeing encoded packets still being written).
struct DemuxedPacket {
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
    bool push(DemuxedPacket entry);
    /// Waits for the next entry; returns false once closed.
    bool pop(DemuxedPacket& entry);
    void close();

private:
    const size_t max_packets_;
    const size_t max_bytes_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<DemuxedPacket> entries_;  // guarded by mutex_
    size_t bytes_ = 0;                   // guarded by mutex_
    bool closed_ = false;                // guarded by mutex_
};

}  // namespace lm
