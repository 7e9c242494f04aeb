// The studio's end of audio monitoring: the bounded queue the audio mixer fills with monitor
// mixes, and the plugin's AudioMonitor playing it on the chosen output device.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/audio/audio_monitor.hpp"

namespace lm {

class AudioMixer;
class PluginRegistry;

/// The output devices monitoring can play on, as {value, label}, "default" (the system's
/// default output) first; only "default" when no audio monitor plugin is loaded. Asks the
/// sound server (up to ~2 s when it does not answer).
std::vector<std::pair<std::string, std::string>> monitoring_devices(const PluginRegistry& registry);

class MonitorPlayback {
public:
    /// `registry` must outlive this; `device` as StudioSettings::monitoring_device.
    MonitorPlayback(const PluginRegistry& registry, int channels, std::string device);
    ~MonitorPlayback();  ///< stops the monitor (closing its device)
    MonitorPlayback(const MonitorPlayback&) = delete;
    MonitorPlayback& operator=(const MonitorPlayback&) = delete;

    /// Starts playing what `mixer` monitors (idempotent). `mixer` must outlive this or be
    /// given another queue first. MT safe.
    void start(AudioMixer& mixer);
    /// Moves the monitor to `device` ("" means "default"); restarts it when started. MT safe.
    void set_device(const std::string& device);
    std::string device() const;
    bool device_open() const;

private:
    /// Replaces the queue and the monitor; mutex_ held.
    void restart_locked();

    const PluginRegistry& registry_;
    const int channels_;
    mutable std::mutex mutex_;
    std::string device_;                      // guarded by mutex_
    AudioMixer* mixer_ = nullptr;             // guarded by mutex_; set by start()
    std::shared_ptr<AudioBlockQueue> queue_;  // guarded by mutex_
    std::unique_ptr<AudioMonitor> monitor_;   // guarded by mutex_
    bool warned_ = false;                     // guarded by mutex_
};

}  // namespace lm
