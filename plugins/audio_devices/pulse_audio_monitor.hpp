// Plays the studio's monitor mix on a PulseAudio (or PipeWire-pulse) output, through the
// "simple" client API on a thread of its own. The device is opened when monitor blocks
// arrive and closed after kIdleClose without any (nothing monitored), so an idle monitor holds
// no stream on the server.
//
// Latency stays bounded instead of drifting: the server keeps about kTargetLatency buffered;
// when the device falls behind, blocks pile up in the mixer's queue (kMonitorQueueBlocks at
// most: the mixer drops the newest beyond that) and this thread drops all but the newest to
// catch up; when the device runs ahead, the server plays silence until the next block (pad).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/audio/audio_monitor.hpp"

namespace lm {

class PulseAudioMonitor final : public AudioMonitor {
public:
    static constexpr std::chrono::milliseconds kTargetLatency{40};
    static constexpr std::chrono::milliseconds kIdleClose{1000};

    /// `device`: a sink name, or "default" (the server's default output, followed when it
    /// changes). Starts the thread; nothing is opened before the first block.
    PulseAudioMonitor(std::string device, int channels, std::shared_ptr<AudioBlockQueue> blocks);
    ~PulseAudioMonitor() override;  ///< closes the queue, joins the thread
    PulseAudioMonitor(const PulseAudioMonitor&) = delete;
    PulseAudioMonitor& operator=(const PulseAudioMonitor&) = delete;

    uint64_t blocks_played() const override { return blocks_played_.load(); }
    bool device_open() const override { return device_open_.load(); }
    /// Blocks dropped here to catch up with a device that fell behind.
    uint64_t blocks_dropped() const { return blocks_dropped_.load(); }

private:
    void run();

    const std::string device_;
    const int channels_;
    const std::shared_ptr<AudioBlockQueue> blocks_;
    std::atomic<uint64_t> blocks_played_{0};
    std::atomic<uint64_t> blocks_dropped_{0};
    std::atomic<bool> device_open_{false};
    std::thread thread_;
};

}  // namespace lm
