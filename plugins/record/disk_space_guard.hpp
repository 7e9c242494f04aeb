// Watches the free space under a recording and decides when to warn and when to stop, so a
// recording ends with its trailer written before the disk is full rather than with a failed
// write. Pure logic: the caller measures, so the decisions are testable without a disk.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace lm {

enum class DiskVerdict {
    ok = 1,
    low,   ///< warning(): about how long the space lasts at this rate
    full,  ///< stop now, while the trailer and what is buffered still fit
};

/// Threads: one (the output thread).
class DiskSpaceGuard {
public:
    /// Warn when the space left lasts less than this at the current rate.
    static constexpr double kWarnBelowS = 10 * 60;
    /// Stop while this much writing still fits: what the output queue, the open cluster or
    /// fragment and the next checks may add, plus the trailer.
    static constexpr double kReserveS = 3;
    static constexpr int64_t kReserveMinBytes = 2'000'000;

    /// `folder` only names the disk in messages.
    explicit DiskSpaceGuard(std::string folder) : folder_(std::move(folder)) {}

    /// One measurement: `free_bytes` on the disk (negative: unknown, nothing is decided) and
    /// `written_bytes` in total by this recording, at `now_s` (any monotonic origin).
    DiskVerdict update(int64_t free_bytes, int64_t written_bytes, double now_s);

    /// "the disk holding /x has room for about 4 minutes at this rate", or empty.
    const std::string& warning() const { return warning_; }
    /// Why the recording stopped, once update() said `full`.
    std::string full_message() const;
    /// The write rate the decisions use (bytes per second; 0 until measured).
    double rate_bytes_per_s() const { return rate_; }
    /// Bytes kept free at the current rate.
    int64_t reserve_bytes() const;

private:
    std::string folder_;
    std::string warning_;
    double rate_ = 0;
    double last_s_ = -1;
    int64_t last_written_ = 0;
    int64_t last_free_ = -1;
    double measured_s_ = 0;  ///< how long the rate has been measured for
};

}  // namespace lm
