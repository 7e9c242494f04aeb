#include "core/media/clock.hpp"

#include <cerrno>
#include <ctime>

namespace lm::clock {

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * kNsPerSecond + ts.tv_nsec;
}

void sleep_until_ns(int64_t deadline_ns) {
    timespec ts{};
    ts.tv_sec = deadline_ns / kNsPerSecond;
    ts.tv_nsec = deadline_ns % kNsPerSecond;
    // TIMER_ABSTIME: an absolute wake-up does not accumulate the error of relative sleeps.
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

}  // namespace lm::clock
