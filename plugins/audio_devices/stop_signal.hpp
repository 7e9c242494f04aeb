// A stop request a capture thread can both poll between reads and sleep on, so that a source
// being destroyed never waits out a whole retry interval.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace lm {

class StopSignal {
public:
    /// Any thread. Wakes every wait_for at once.
    void request() {
        {
            std::lock_guard lock(mutex_);
            requested_.store(true);
        }
        wake_.notify_all();
    }
    /// Any thread; cheap enough to call between device reads.
    bool requested() const { return requested_.load(); }
    /// Sleeps up to `duration`; returns true when a stop was requested (before or meanwhile).
    bool wait_for(std::chrono::milliseconds duration) const {
        std::unique_lock lock(mutex_);
        return wake_.wait_for(lock, duration, [this] { return requested_.load(); });
    }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable wake_;
    std::atomic<bool> requested_{false};  // written under mutex_ so a waiter cannot miss it
};

}  // namespace lm
