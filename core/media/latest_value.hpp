// A latest-value mailbox: the writer replaces, readers take the newest. Never grows; used for
// stats snapshots, meters and preview frames flowing out to the UI.
#pragma once

#include <memory>
#include <mutex>

namespace lm {

template <typename T>
class LatestValue {
public:
    /// Publishes `value`, replacing the previous one. MT safe.
    void publish(T value) {
        auto next = std::make_shared<const T>(std::move(value));
        std::lock_guard lock(mutex_);
        value_ = std::move(next);
    }
    /// The newest published value, or null before the first. MT safe.
    std::shared_ptr<const T> get() const {
        std::lock_guard lock(mutex_);
        return value_;
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;  // guarded by mutex_
};

}  // namespace lm
