// The queues a mixer feeds, each for a range of the mixer's timeline. Encoders join and leave
// while the mixer runs (streaming starts after the preview has been running for an hour,
// recording stops while streaming goes on): each one gets exactly the items of its range, and
// its queue is closed by the producer once the range is over, so it never sees a push after
// close and its drop count means only "could not keep up".
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "core/media/bounded_queue.hpp"

namespace lm {

template <typename Item>
class ConsumerSet {
public:
    using Queue = BoundedQueue<Item>;
    static constexpr int64_t kOpenEnd = std::numeric_limits<int64_t>::max();

    /// `queue` receives the items at positions [first, end) (frame indexes or sample numbers).
    void add(std::shared_ptr<Queue> queue, int64_t first, int64_t end = kOpenEnd) {
        std::lock_guard lock(mutex_);
        consumers_.push_back({std::move(queue), first, end, {}});
    }

    /// Moves `queue`'s end to `end` if that is earlier (kEndNow: at the next item).
    void end_at(const Queue* queue, int64_t end) {
        std::lock_guard lock(mutex_);
        for (auto& consumer : consumers_) {
            if (consumer.queue.get() == queue)
                consumer.end = std::min(consumer.end, end);
        }
    }
    static constexpr int64_t kEndNow = std::numeric_limits<int64_t>::min();

    /// Leaves `queue` without the items at positions [from, to) (a paused recording); a later
    /// call with the same `from` moves the end (kOpenEnd until the resume is known).
    void skip(const Queue* queue, int64_t from, int64_t to) {
        std::lock_guard lock(mutex_);
        for (auto& consumer : consumers_) {
            if (consumer.queue.get() != queue)
                continue;
            auto same = std::find_if(consumer.skips.begin(), consumer.skips.end(),
                                     [&](const Skip& skip) { return skip.from == from; });
            if (same != consumer.skips.end())
                same->to = to;
            else
                consumer.skips.push_back({from, to});
        }
    }

    /// True when no queue is registered (nothing needs the converted frames).
    bool empty() const {
        std::lock_guard lock(mutex_);
        return consumers_.empty();
    }

    /// Producer side: offers `item` at `position` to every consumer whose range holds it and
    /// closes (and forgets) those whose range ended before it. Never blocks.
    void deliver(const Item& item, int64_t position) {
        std::lock_guard lock(mutex_);
        std::erase_if(consumers_, [&](Consumer& consumer) {
            if (position >= consumer.end) {
                consumer.queue->close();
                return true;
            }
            std::erase_if(consumer.skips, [&](const Skip& skip) { return skip.to <= position; });
            const bool skipped =
                std::any_of(consumer.skips.begin(), consumer.skips.end(),
                            [&](const Skip& skip) { return position >= skip.from; });
            if (position >= consumer.first && !skipped)
                consumer.queue->try_push(item);
            return false;
        });
    }

    /// Closes every queue: the producer is stopping.
    void close_all() {
        std::lock_guard lock(mutex_);
        for (auto& consumer : consumers_)
            consumer.queue->close();
        consumers_.clear();
    }

private:
    struct Skip {
        int64_t from;
        int64_t to;
    };
    struct Consumer {
        std::shared_ptr<Queue> queue;
        int64_t first;
        int64_t end;
        std::vector<Skip> skips;  ///< ranges not delivered, ending after the last position
    };
    mutable std::mutex mutex_;
    std::vector<Consumer> consumers_;  // guarded by mutex_
};

}  // namespace lm
