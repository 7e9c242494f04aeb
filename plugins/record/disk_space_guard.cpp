#include "plugins/record/disk_space_guard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lm {
namespace {

std::string describe_duration(double seconds) {
    if (seconds < 90)
        return fmt::format("{} s", std::max(0, static_cast<int>(std::lround(seconds))));
    if (seconds < 90 * 60)
        return fmt::format("{} minutes", std::lround(seconds / 60));
    return fmt::format("{:.1f} hours", seconds / 3600);
}

std::string describe_bytes(int64_t bytes) {
    if (bytes >= 10'000'000'000)
        return fmt::format("{:.0f} GB", static_cast<double>(bytes) / 1e9);
    return fmt::format("{:.1f} MB", static_cast<double>(std::max<int64_t>(bytes, 0)) / 1e6);
}

}  // namespace

int64_t DiskSpaceGuard::reserve_bytes() const {
    return std::max<int64_t>(kReserveMinBytes, static_cast<int64_t>(rate_ * kReserveS));
}

DiskVerdict DiskSpaceGuard::update(int64_t free_bytes, int64_t written_bytes, double now_s) {
    if (free_bytes < 0)
        return warning_.empty() ? DiskVerdict::ok : DiskVerdict::low;
    last_free_ = free_bytes;
    if (last_s_ >= 0 && now_s > last_s_) {
        const double dt = now_s - last_s_;
        const double instant = static_cast<double>(written_bytes - last_written_) / dt;
        // Smoothed over ~2 s: muxers write in bursts (a cluster or fragment at a time).
        const double weight = std::min(1.0, dt / 2.0);
        rate_ = measured_s_ == 0 ? instant : rate_ + weight * (instant - rate_);
        measured_s_ += dt;
    }
    last_s_ = now_s;
    last_written_ = written_bytes;

    // The floor applies before the rate is known too: a disk with 1 MB left is full.
    if (free_bytes <= reserve_bytes())
        return DiskVerdict::full;
    if (measured_s_ < 1 || rate_ <= 0)
        return warning_.empty() ? DiskVerdict::ok : DiskVerdict::low;

    const double left_s = static_cast<double>(free_bytes - reserve_bytes()) / rate_;
    // Hysteresis, so a rate that wobbles around the threshold does not make it blink.
    const bool warn = warning_.empty() ? left_s < kWarnBelowS : left_s < kWarnBelowS * 1.2;
    if (!warn) {
        warning_.clear();
        return DiskVerdict::ok;
    }
    warning_ = fmt::format("the disk holding {} has room for about {} at this rate", folder_,
                           describe_duration(left_s));
    return DiskVerdict::low;
}

std::string DiskSpaceGuard::full_message() const {
    return fmt::format(
        "stopped: the disk is full ({} left on the disk holding {}; the recording was closed "
        "while its end still fit)",
        describe_bytes(last_free_), folder_);
}

}  // namespace lm
