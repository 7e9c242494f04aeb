#include "plugins/audio_devices/device_list.hpp"

#include <fmt/format.h>

#include "plugins/audio_devices/portaudio_session.hpp"
#include "plugins/audio_devices/pulse_connection.hpp"

namespace lm {
namespace {

constexpr std::chrono::milliseconds kServerTimeout{2000};

void add_monitor(pa_context*, const pa_source_info* info, int end_of_list, void* userdata) {
    auto& list = *static_cast<std::vector<AudioDevice>*>(userdata);
    if (end_of_list || !info || info->monitor_of_sink == PA_INVALID_INDEX)
        return;
    list.push_back({info->name, info->description ? info->description : info->name});
}

void add_sink(pa_context*, const pa_sink_info* info, int end_of_list, void* userdata) {
    auto& list = *static_cast<std::vector<AudioDevice>*>(userdata);
    if (end_of_list || !info)
        return;
    list.push_back({info->name, info->description ? info->description : info->name});
}

/// Appends to `list` what `start` asks the sound server for; `list` is left as it is when no
/// server answers.
void ask_server(std::vector<AudioDevice>& list,
                pa_operation* (*start)(pa_context*, std::vector<AudioDevice>&)) {
    try {
        PulseConnection connection("Live Machine device list");
        if (!connection.connect(kServerTimeout, nullptr).empty())
            return;
        pa_operation* operation = start(connection.context(), list);
        if (!operation)
            return;
        connection.run_until(
            [&] { return pa_operation_get_state(operation) != PA_OPERATION_RUNNING; },
            kServerTimeout, nullptr);
        // Cancelled before the connection goes, so a late reply cannot touch `list`.
        pa_operation_cancel(operation);
        pa_operation_unref(operation);
    } catch (const std::runtime_error&) {
        // Out of memory in libpulse: the list stays as it was.
    }
}

}  // namespace

std::vector<AudioDevice> list_audio_input_devices() {
    const PortAudioSession session;
    const auto fallback = session.default_input();
    std::vector<AudioDevice> list{
        {"default", fallback ? fmt::format("System default ({})", fallback->name)
                             : std::string("System default (no input device found)")}};
    for (const PortAudioInput& input : session.inputs()) {
        if (input.name == "default")
            continue;
        list.push_back(
            {input.name, fmt::format("{} ({}, {} channel{})", input.name, input.host_api,
                                     input.max_channels, input.max_channels == 1 ? "" : "s")});
    }
    return list;
}

std::vector<AudioDevice> list_desktop_audio_devices() {
    std::vector<AudioDevice> list{{"default", "What the default output plays"}};
    ask_server(list, [](pa_context* context, std::vector<AudioDevice>& devices) {
        return pa_context_get_source_info_list(context, add_monitor, &devices);
    });
    return list;
}

std::vector<AudioDevice> list_monitoring_devices() {
    std::vector<AudioDevice> list{{"default", "System default output"}};
    ask_server(list, [](pa_context* context, std::vector<AudioDevice>& devices) {
        return pa_context_get_sink_info_list(context, add_sink, &devices);
    });
    return list;
}

}  // namespace lm
