#include "core/audio/monitor_playback.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "core/audio/audio_mixer.hpp"
#include "core/plugin/plugin_registry.hpp"

namespace lm {

std::vector<std::pair<std::string, std::string>> monitoring_devices(
    const PluginRegistry& registry) {
    std::vector<std::pair<std::string, std::string>> devices;
    const auto types = registry.audio_monitors();
    if (!types.empty()) {
        for (const Property& property : types.front()->properties) {
            if (property.key != "device" || !property.current_options)
                continue;
            for (const PropertyOption& option : property.current_options()) {
                if (option.value.is_string())
                    devices.emplace_back(option.value.get<std::string>(), option.label);
            }
        }
    }
    if (devices.empty())
        devices.emplace_back("default", "Default");
    return devices;
}

namespace {

std::string or_default(std::string device) {
    return device.empty() ? "default" : device;
}

}  // namespace

MonitorPlayback::MonitorPlayback(const PluginRegistry& registry, int channels, std::string device)
    : registry_(registry), channels_(channels), device_(or_default(std::move(device))) {}

MonitorPlayback::~MonitorPlayback() {
    std::lock_guard lock(mutex_);
    if (mixer_)
        mixer_->set_monitor_queue(nullptr);
    if (queue_)
        queue_->close();
    monitor_.reset();
}

void MonitorPlayback::start(AudioMixer& mixer) {
    std::lock_guard lock(mutex_);
    if (mixer_)
        return;
    mixer_ = &mixer;
    restart_locked();
}

void MonitorPlayback::set_device(const std::string& device) {
    std::lock_guard lock(mutex_);
    if (or_default(device) == device_)
        return;
    device_ = or_default(device);
    spdlog::info("audio monitoring plays on '{}'", device_);
    if (mixer_)
        restart_locked();
}

std::string MonitorPlayback::device() const {
    std::lock_guard lock(mutex_);
    return device_;
}

bool MonitorPlayback::device_open() const {
    std::lock_guard lock(mutex_);
    return monitor_ && monitor_->device_open();
}

void MonitorPlayback::restart_locked() {
    // The old monitor stops (its device closes) before the new one opens another.
    if (queue_)
        queue_->close();
    monitor_.reset();
    queue_ = std::make_shared<AudioBlockQueue>(kMonitorQueueBlocks);
    const auto types = registry_.audio_monitors();
    if (types.empty()) {
        if (!warned_)
            spdlog::warn("audio monitoring is off: no audio monitor plugin is loaded");
        warned_ = true;
        mixer_->set_monitor_queue(nullptr);
        return;
    }
    const AudioMonitorType& type = *types.front();
    try {
        monitor_ =
            type.create(apply_schema(type.properties, {{"device", device_}}), channels_, queue_);
        mixer_->set_monitor_queue(queue_);
    } catch (const std::invalid_argument& e) {
        spdlog::warn("audio monitoring is off: {}", e.what());
        mixer_->set_monitor_queue(nullptr);
    }
}

}  // namespace lm
