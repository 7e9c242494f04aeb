#include "plugins/media/packet_queue.hpp"

namespace lm {

PacketQueue::~PacketQueue() {
    for (DemuxedPacket& entry : entries_)
        av_packet_free(&entry.packet);
}

bool PacketQueue::push(DemuxedPacket entry) {
    const size_t size = entry.packet ? size_t(entry.packet->size) : 0;
    std::unique_lock lock(mutex_);
    // Markers always fit: a full queue must still be able to say the file ended.
    changed_.wait(lock, [&] {
        return closed_ || entry.kind != DemuxedPacket::Kind::data || entries_.empty() ||
               (entries_.size() < max_packets_ && bytes_ + size <= max_bytes_);
    });
    if (closed_) {
        av_packet_free(&entry.packet);
        return false;
    }
    bytes_ += size;
    entries_.push_back(entry);
    changed_.notify_all();
    return true;
}

bool PacketQueue::pop(DemuxedPacket& entry) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !entries_.empty(); });
    if (closed_)
        return false;
    entry = entries_.front();
    entries_.pop_front();
    bytes_ -= entry.packet ? size_t(entry.packet->size) : 0;
    changed_.notify_all();
    return true;
}

void PacketQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

}  // namespace lm
