#include "plugins/audio_devices/audio_devices_types.hpp"

#include "plugins/audio_devices/device_list.hpp"
#include "plugins/audio_devices/portaudio_capture.hpp"
#include "plugins/audio_devices/pulse_audio_monitor.hpp"
#include "plugins/audio_devices/pulse_monitor_capture.hpp"

namespace lm {
namespace {

std::vector<PropertyOption> as_options(const std::vector<AudioDevice>& devices) {
    std::vector<PropertyOption> options;
    for (const AudioDevice& device : devices)
        options.push_back({device.description, device.name});
    return options;
}

/// `list_devices` is asked each time a dialog opens, so a headset plugged in since shows up.
Property device_property(std::string description, std::vector<AudioDevice> (*list_devices)()) {
    Property p;
    p.key = "device";
    p.label = "Device";
    p.type = PropertyType::text;
    p.default_value = "default";
    p.description = std::move(description);
    p.current_options = [list_devices] { return as_options(list_devices()); };
    return p;
}

std::string or_default(const std::string& device) {
    return device.empty() ? "default" : device;
}

SourceType audio_input_type() {
    return {"audio_input",
            "Audio input (microphone)",
            Source::kAudio,
            {device_property("\"default\" follows the system's default input; otherwise the "
                             "input's name as the device list shows it",
                             list_audio_input_devices)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                return make_audio_input_source(s["device"].get<std::string>());
            }};
}

SourceType desktop_audio_type() {
    return {"desktop_audio",
            "Desktop audio",
            Source::kAudio,
            {device_property("\"default\" records what the default output plays; otherwise an "
                             "output's name or its monitor's name",
                             list_desktop_audio_devices)},
            [](const nlohmann::json& s) -> std::shared_ptr<Source> {
                return make_desktop_audio_source(s["device"].get<std::string>());
            }};
}

AudioMonitorType pulse_monitor_type() {
    return {"pulse_monitor",
            "Sound server output (PulseAudio, PipeWire)",
            {device_property("\"default\" follows the system's default output; otherwise an "
                             "output's name as the device list shows it",
                             list_monitoring_devices)},
            [](const nlohmann::json& s, int channels,
               std::shared_ptr<AudioBlockQueue> blocks) -> std::unique_ptr<AudioMonitor> {
                return std::make_unique<PulseAudioMonitor>(
                    or_default(s["device"].get<std::string>()), channels, std::move(blocks));
            }};
}

}  // namespace

std::shared_ptr<AudioCaptureSource> make_audio_input_source(const std::string& device) {
    return std::make_shared<AudioCaptureSource>(
        std::make_shared<PortAudioCapture>(or_default(device)), "microphone", "lm-audio-input");
}

std::shared_ptr<AudioCaptureSource> make_desktop_audio_source(const std::string& device) {
    return std::make_shared<AudioCaptureSource>(
        std::make_shared<PulseMonitorCapture>(or_default(device)), "desktop audio",
        "lm-desktop-aud");
}

void register_audio_devices_types(PluginRegistry& registry) {
    registry.add(audio_input_type());
    registry.add(desktop_audio_type());
    registry.add(pulse_monitor_type());
}

}  // namespace lm
