// The one queue type between threads: bounded, with a stated drop policy and a drop counter.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

namespace lm {

/// A multi-producer, multi-consumer FIFO holding at most `capacity` items.
///
/// Drop policy: the producer never blocks. `try_push` on a full (or closed) queue refuses the
/// new item and counts it in `dropped()`; the caller decides what a drop means (a skipped
/// frame, a dropped packet). Consumers block in `pop`/`pop_for` until an item arrives or the
/// queue is closed and drained. MT safe.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}
    BoundedQueue(const BoundedQueue&) = delete;
    BoundedQueue& operator=(const BoundedQueue&) = delete;

    /// Appends `item` unless the queue is full or closed; returns whether it was queued.
    bool try_push(T item) {
        {
            std::lock_guard lock(mutex_);
            if (closed_ || items_.size() >= capacity_) {
                ++dropped_;
                return false;
            }
            items_.push_back(std::move(item));
            ++pushed_;
        }
        ready_.notify_one();
        return true;
    }

    /// Waits for the next item; empty once the queue is closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
        return take_locked();
    }

    /// Like pop(), but gives up after `timeout` (empty result, queue still open).
    template <typename Rep, typename Period>
    std::optional<T> pop_for(std::chrono::duration<Rep, Period> timeout) {
        std::unique_lock lock(mutex_);
        ready_.wait_for(lock, timeout, [&] { return closed_ || !items_.empty(); });
        return take_locked();
    }

    /// Returns the next item if one is waiting, without blocking.
    std::optional<T> try_pop() {
        std::lock_guard lock(mutex_);
        return take_locked();
    }

    /// Refuses further pushes and wakes every waiting consumer; queued items stay poppable.
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }

    /// Removes every queued item that `pred` selects, counting each as dropped; returns how
    /// many went. Used by outputs that shed load by priority.
    template <typename Pred>
    size_t drop_if(Pred pred) {
        std::lock_guard lock(mutex_);
        size_t removed = 0;
        for (auto it = items_.begin(); it != items_.end();) {
            if (pred(*it)) {
                it = items_.erase(it);
                ++removed;
            } else {
                ++it;
            }
        }
        dropped_ += removed;
        return removed;
    }

    size_t capacity() const { return capacity_; }
    size_t size() const {
        std::lock_guard lock(mutex_);
        return items_.size();
    }
    bool closed() const {
        std::lock_guard lock(mutex_);
        return closed_;
    }
    /// Items refused or removed since construction.
    uint64_t dropped() const {
        std::lock_guard lock(mutex_);
        return dropped_;
    }
    /// Items accepted since construction.
    uint64_t pushed() const {
        std::lock_guard lock(mutex_);
        return pushed_;
    }

private:
    std::optional<T> take_locked() {
        if (items_.empty())
            return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        return item;
    }

    const size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<T> items_;   // guarded by mutex_
    bool closed_ = false;   // guarded by mutex_
    uint64_t dropped_ = 0;  // guarded by mutex_
    uint64_t pushed_ = 0;   // guarded by mutex_
};

}  // namespace lm
