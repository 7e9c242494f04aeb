// The one clock of the process: CLOCK_MONOTONIC in nanoseconds. Every timestamp in the engine
// (frame deadlines, audio ticks, capture times, stats) is read from here, so they compare.
#pragma once

#include <cstdint>

namespace lm::clock {

/// Monotonic time in nanoseconds since an arbitrary origin. Thread-safe.
int64_t now_ns();

/// Sleeps until `deadline_ns` (an absolute now_ns() value); returns at once if it has passed.
/// Absolute deadlines keep a ticking thread from drifting, whatever each tick cost.
void sleep_until_ns(int64_t deadline_ns);

inline constexpr int64_t kNsPerSecond = 1'000'000'000;
inline constexpr int64_t kNsPerMs = 1'000'000;

}  // namespace lm::clock
