#include "plugins/x11capture/capture_worker.hpp"

#include <pthread.h>

namespace lm {
namespace {

using Clock = std::chrono::steady_clock;

int64_t steady_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// Until the first draw says otherwise, capture at the most common output rate.
constexpr int64_t kDefaultPeriodNs = 1'000'000'000 / 30;

}  // namespace

CaptureWorker::CaptureWorker(std::unique_ptr<Capturer> capturer)
    : capturer_(std::move(capturer)), frame_period_ns_(kDefaultPeriodNs) {
    thread_ = std::thread([this] { run(); });
}

CaptureWorker::~CaptureWorker() {
    {
        std::lock_guard lock(wake_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void CaptureWorker::note_drawn(Rational frame_rate) {
    if (frame_rate.num > 0 && frame_rate.den > 0)
        frame_period_ns_.store(int64_t(frame_rate.den) * 1'000'000'000 / frame_rate.num);
    last_drawn_ns_.store(steady_now_ns());
    // The capture thread sets sleeping_ before it checks last_drawn_ns_ under the lock, so
    // either it sees this draw, or this sees it sleeping and wakes it: no wake-up is lost.
    if (sleeping_.load()) {
        std::lock_guard lock(wake_mutex_);
        wake_.notify_all();
    }
}

VideoFramePtr CaptureWorker::latest() const {
    std::lock_guard lock(slot_mutex_);
    return slot_;
}

bool CaptureWorker::drawn_recently() const {
    const int64_t last = last_drawn_ns_.load();
    return last != 0 && steady_now_ns() - last < std::chrono::nanoseconds(kIdleAfter).count();
}

void CaptureWorker::publish(const CaptureResult& result) {
    if (result.frame || result.unchanged)
        looks_.fetch_add(1);
    if (result.frame) {
        captured_frames_.fetch_add(1);
    } else if (result.keep_previous) {
        return;
    }
    std::lock_guard lock(slot_mutex_);
    slot_ = result.frame;
}

void CaptureWorker::run() {
    pthread_setname_np(pthread_self(), "lm-x11capture");
    Clock::time_point next = Clock::now();
    while (true) {
        const CaptureResult result = capturer_->capture();
        publish(result);

        const auto now = Clock::now();
        const bool looked = result.frame || result.unchanged;
        if (looked) {
            // Absolute deadlines keep the rate even; after a slow grab, start afresh rather
            // than firing a burst to catch up.
            next += std::chrono::nanoseconds(frame_period_ns_.load());
            if (next < now)
                next = now;
        } else {
            next = now + result.retry_after;
        }

        std::unique_lock lock(wake_mutex_);
        if (wake_.wait_until(lock, next, [this] { return stopping_; }))
            return;
        // With nothing to show the source has no size, so the mixer does not draw it and
        // cannot wake it: a missing window or display is looked for again even when hidden.
        if (looked && !drawn_recently()) {
            sleeping_.store(true);
            wake_.wait(lock, [this] { return stopping_ || drawn_recently(); });
            sleeping_.store(false);
            if (stopping_)
                return;
            next = Clock::now();
        }
    }
}

}  // namespace lm
