// Audio monitoring: the creator hears the items set to monitor on an output device
// (headphones). The audio mixer sums them into a monitor mix and hands each tick's block to a
// bounded queue; an AudioMonitor, made by a plugin, plays that queue on a device. The
// interface lives here so core never depends on the plugin that talks to the sound server.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

#include "core/media/audio_block.hpp"
#include "core/media/bounded_queue.hpp"
#include "core/scene/properties.hpp"

namespace lm {

using AudioBlockQueue = BoundedQueue<AudioBlockPtr>;

/// Monitor blocks waiting for the device: 3 ticks (64 ms). The mixer drops newer blocks when
/// the device falls behind, so the creator never hears more than this plus the device's own
/// buffer late.
inline constexpr size_t kMonitorQueueBlocks = 3;

/// Plays the monitor mix on an output device, on a thread of its own. It opens the device when
/// blocks arrive and closes it again when none came for a while (nothing is monitored), so an
/// idle monitor holds no device. Destroying it stops the thread and closes the device.
class AudioMonitor {
public:
    virtual ~AudioMonitor() = default;
    /// Blocks played since creation (for tests and stats). MT safe.
    virtual uint64_t blocks_played() const = 0;
    /// Whether the device is open right now. MT safe.
    virtual bool device_open() const = 0;
};

struct AudioMonitorType {
    std::string id;  ///< "pulse_monitor"
    std::string display_name;
    /// "device": "default" follows the system's default output; current_options lists the
    /// output devices.
    PropertySchema properties;
    /// Starts a monitor playing `blocks` (planar float, `channels` channels, 48 kHz) with
    /// `settings` checked by apply_schema. It reads until the queue is closed. Throws
    /// std::invalid_argument for settings it cannot use; a device that is missing or busy is
    /// not an error here (it is logged and retried: headphones get plugged in).
    std::function<std::unique_ptr<AudioMonitor>(const nlohmann::json& settings, int channels,
                                                std::shared_ptr<AudioBlockQueue> blocks)>
        create;
};

}  // namespace lm
