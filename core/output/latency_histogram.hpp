// LatencyHistogram: how many frames took how long, in 1 ms steps up to a second, so that an
// output can report the latency most frames stay under (the 99th percentile) besides the
// average and the single worst frame, which one stall on a busy machine decides alone.
// One writer thread adds; any thread reads. No allocation after construction.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace lm {

class LatencyHistogram {
public:
    static constexpr int kBuckets = 1000;  ///< [0,1) ms ... [999,1000) ms; later ones in the last

    void add(int64_t latency_ns) {
        const int64_t ms = latency_ns < 0 ? 0 : latency_ns / 1'000'000;
        const size_t bucket = ms >= kBuckets ? kBuckets - 1 : size_t(ms);
        counts_[bucket].fetch_add(1, std::memory_order_relaxed);
        total_.fetch_add(1, std::memory_order_relaxed);
    }

    /// The latency in ms that `share` (0..1) of the frames added took at most, rounded up to
    /// the next whole ms (a frame of 10.4 ms counts as 11); 1000 when they took a second or
    /// more; 0 when nothing was added.
    double percentile_ms(double share) const {
        const uint64_t total = total_.load(std::memory_order_relaxed);
        if (total == 0)
            return 0;
        // Frames added while this reads may land in either count: off by a frame at most.
        const double wanted = share * double(total);
        uint64_t seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += counts_[i].load(std::memory_order_relaxed);
            if (double(seen) >= wanted)
                return i + 1;
        }
        return kBuckets;
    }

private:
    std::array<std::atomic<uint32_t>, kBuckets> counts_{};
    std::atomic<uint64_t> total_{0};
};

}  // namespace lm
