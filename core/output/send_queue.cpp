#include "core/output/send_queue.hpp"

#include <algorithm>

namespace lm {
namespace {

double decode_seconds(const Packet& packet) {
    return double(packet.dts) * packet.time_base.to_double();
}

bool is_video(const QueuedPacket& item) {
    return item.packet->kind == MediaKind::video;
}

bool is_keyframe(const QueuedPacket& item) {
    return is_video(item) && item.packet->keyframe;
}

}  // namespace

SendQueue::SendQueue(SendQueueLimits limits) : limits_(limits) {}

void SendQueue::push(const PacketPtr& packet) {
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        const QueuedPacket item{packet, next_sequence_++};
        if (in_outage_) {
            remember_locked(item);
            return;
        }
        if (is_video(item)) {
            if (waiting_for_keyframe_ && !packet->keyframe) {
                ++video_dropped_;
                return;
            }
            if (packet->keyframe)
                waiting_for_keyframe_ = false;
        }
        if (items_.size() >= limits_.max_packets) {
            if (is_video(item)) {
                ++video_dropped_;
                waiting_for_keyframe_ = true;
            } else {
                ++audio_dropped_;
            }
            return;
        }
        items_.push_back(item);
        remember_locked(item);
        shed_locked();
    }
    changed_.notify_all();
}

void SendQueue::remember_locked(const QueuedPacket& item) {
    if (!limits_.keep_gop) {
        if (in_outage_)
            count_unsent_locked(item);
        return;
    }
    if (is_keyframe(item)) {
        if (in_outage_) {
            for (const QueuedPacket& old : gop_)
                count_unsent_locked(old);
        }
        gop_.clear();
    }
    if (gop_.empty() && !is_keyframe(item)) {
        // Nothing to build on until the first keyframe.
        if (in_outage_)
            count_unsent_locked(item);
        return;
    }
    gop_.push_back(item);
    if (gop_.size() > limits_.max_packets) {
        // A keyframe interval longer than the bound: keep nothing rather than a broken group.
        if (in_outage_) {
            for (const QueuedPacket& old : gop_)
                count_unsent_locked(old);
        }
        gop_.clear();
    }
}

void SendQueue::shed_locked() {
    const auto remove_where = [&](auto predicate) {
        const auto shed = [&](const QueuedPacket& item) { return predicate(item); };
        for (const QueuedPacket& item : items_) {
            if (shed(item))
                ++video_dropped_;
        }
        std::erase_if(items_, shed);
        // A shed frame is never sent again after a reconnect either: the group kept for one
        // must not count it twice.
        std::erase_if(gop_, shed);
    };
    const double disposable_s = std::chrono::duration<double>(limits_.shed_disposable).count();
    if (buffered_seconds_locked() <= disposable_s)
        return;
    remove_where([](const QueuedPacket& item) {
        // Only B frames nothing refers to: a reference B frame (B-pyramid) is named by the
        // memory-management commands of the frames after it, which then fail to decode.
        return is_video(item) && item.packet->priority <= packet_priority::b_frame;
    });
    const double video_s = std::chrono::duration<double>(limits_.shed_video).count();
    if (buffered_seconds_locked() <= video_s)
        return;
    remove_where([](const QueuedPacket& item) { return is_video(item) && !item.packet->keyframe; });
    // Every incoming frame up to the next keyframe references one that is gone.
    waiting_for_keyframe_ = true;
}

void SendQueue::count_unsent_locked(const QueuedPacket& item) {
    if (item.sequence <= written_through_)
        return;
    if (is_video(item))
        ++video_dropped_;
    else
        ++audio_dropped_;
}

std::optional<QueuedPacket> SendQueue::pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty())
        return std::nullopt;
    QueuedPacket item = std::move(items_.front());
    items_.pop_front();
    return item;
}

void SendQueue::mark_written(uint64_t sequence) {
    std::lock_guard lock(mutex_);
    written_through_ = std::max(written_through_, sequence);
}

void SendQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

bool SendQueue::closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
}

bool SendQueue::wait_closed_for(std::chrono::nanoseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return closed_; });
}

void SendQueue::begin_outage() {
    std::lock_guard lock(mutex_);
    in_outage_ = true;
    // What the kept group holds will be sent again; the rest is lost for this destination.
    const uint64_t kept_from = gop_.empty() ? next_sequence_ : gop_.front().sequence;
    for (const QueuedPacket& item : items_) {
        if (item.sequence < kept_from)
            count_unsent_locked(item);
    }
    items_.clear();
}

void SendQueue::resume() {
    {
        std::lock_guard lock(mutex_);
        in_outage_ = false;
        items_.assign(gop_.begin(), gop_.end());
        resent_until_s_ = gop_.empty() ? -1e300 : decode_seconds(*gop_.back().packet);
        waiting_for_keyframe_ = items_.empty();
    }
    changed_.notify_all();
}

uint64_t SendQueue::video_frames_dropped() const {
    std::lock_guard lock(mutex_);
    return video_dropped_;
}

uint64_t SendQueue::audio_packets_dropped() const {
    std::lock_guard lock(mutex_);
    return audio_dropped_;
}

double SendQueue::buffered_seconds_locked() const {
    if (items_.size() < 2)
        return 0;
    // The group of pictures re-sent after a reconnect was due at once: it is not the link
    // falling behind, so time is counted from its newest packet until it has gone.
    const double oldest = std::max(decode_seconds(*items_.front().packet), resent_until_s_);
    return std::max(0.0, decode_seconds(*items_.back().packet) - oldest);
}

double SendQueue::buffered_seconds() const {
    std::lock_guard lock(mutex_);
    return buffered_seconds_locked();
}

double SendQueue::congestion() const {
    std::lock_guard lock(mutex_);
    const double limit_s = std::chrono::duration<double>(limits_.shed_video).count();
    return limit_s > 0 ? std::min(1.0, buffered_seconds_locked() / limit_s) : 0;
}

}  // namespace lm
