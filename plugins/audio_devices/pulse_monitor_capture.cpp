#include "plugins/audio_devices/pulse_monitor_capture.hpp"

#include <fmt/format.h>

#include "core/media/clock.hpp"
#include "plugins/audio_devices/pulse_connection.hpp"

namespace lm {
namespace {

constexpr const char* kRetrying = "retrying every 2 s";
constexpr std::chrono::milliseconds kConnectTimeout{2000};
constexpr int kChannels = 2;
constexpr size_t kFrameBytes = kChannels * sizeof(float);
// A server that hangs without closing the connection sends nothing, and neither does a silent
// output's monitor on some servers: a round trip every second tells the two apart.
constexpr int64_t kPingIntervalNs = clock::kNsPerSecond;
constexpr int64_t kAnswerTimeoutNs = 2 * clock::kNsPerSecond;

/// Drains what the server has sent into the sink (capture thread, from the main loop).
void on_readable(pa_stream* stream, size_t /*bytes*/, void* userdata) {
    auto& sink = *static_cast<CaptureSink*>(userdata);
    while (pa_stream_readable_size(stream) > 0) {
        const void* data = nullptr;
        size_t bytes = 0;
        if (pa_stream_peek(stream, &data, &bytes) < 0 || bytes == 0)
            return;
        // A hole (data == null) is a gap the server could not fill: nothing to keep.
        if (data)
            sink.write_interleaved(static_cast<const float*>(data),
                                   static_cast<int>(bytes / kFrameBytes), kChannels,
                                   clock::now_ns());
        pa_stream_drop(stream);
    }
}

bool stream_ended(pa_stream* stream) {
    const pa_stream_state_t state = pa_stream_get_state(stream);
    return state == PA_STREAM_FAILED || state == PA_STREAM_TERMINATED;
}

/// A request in flight; cancelled and released on destruction.
struct PendingOperation {
    pa_operation* operation = nullptr;
    int64_t sent_ns = 0;
    void reset() {
        if (!operation)
            return;
        pa_operation_cancel(operation);
        pa_operation_unref(operation);
        operation = nullptr;
    }
    bool answered() const { return pa_operation_get_state(operation) != PA_OPERATION_RUNNING; }
    ~PendingOperation() { reset(); }
};

/// A record stream, disconnected and released on destruction.
struct RecordStream {
    pa_stream* stream = nullptr;
    ~RecordStream() {
        if (!stream)
            return;
        pa_stream_set_read_callback(stream, nullptr, nullptr);
        pa_stream_disconnect(stream);
        pa_stream_unref(stream);
    }
};

}  // namespace

PulseMonitorCapture::PulseMonitorCapture(std::string device_name)
    : device_name_(std::move(device_name)) {}

std::string PulseMonitorCapture::monitor_source_name(const std::string& device_name) {
    if (device_name == "default")
        return "@DEFAULT_MONITOR@";
    const std::string suffix = ".monitor";
    if (device_name.ends_with(suffix))
        return device_name;
    return device_name + suffix;
}

std::string PulseMonitorCapture::capture(CaptureSink& sink, const StopSignal& stop) {
    PulseConnection connection("Live Machine desktop audio");
    if (std::string error = connection.connect(kConnectTimeout, &stop); !error.empty()) {
        if (stop.requested())
            return {};
        return fmt::format(
            "desktop audio: cannot reach the sound server ({}); start PulseAudio or PipeWire; {}",
            error, kRetrying);
    }

    const pa_sample_spec spec{PA_SAMPLE_FLOAT32NE, kAudioSampleRate, kChannels};
    RecordStream record;
    record.stream = pa_stream_new(connection.context(), "Desktop audio", &spec, nullptr);
    if (!record.stream)
        return fmt::format("desktop audio: cannot create a record stream ({}); {}",
                           connection.last_error(), kRetrying);
    pa_stream_set_read_callback(record.stream, on_readable, &sink);
    // Small fragments keep latency low: the server sends every 10 ms.
    pa_buffer_attr attributes{};
    attributes.maxlength = static_cast<uint32_t>(-1);
    attributes.fragsize = static_cast<uint32_t>(kAudioSampleRate / 100 * kFrameBytes);
    // A named device must not be swapped silently for another when it goes away: the creator
    // is told instead. "default" may follow whatever the server picks.
    auto flags = static_cast<pa_stream_flags_t>(PA_STREAM_ADJUST_LATENCY);
    if (device_name_ != "default")
        flags = static_cast<pa_stream_flags_t>(flags | PA_STREAM_DONT_MOVE);
    const std::string source = monitor_source_name(device_name_);
    if (pa_stream_connect_record(record.stream, source.c_str(), &attributes, flags) < 0)
        return fmt::format("desktop audio: cannot record '{}' ({}); {}", source,
                           connection.last_error(), kRetrying);

    const bool ready = connection.run_until(
        [&] {
            return pa_stream_get_state(record.stream) == PA_STREAM_READY ||
                   stream_ended(record.stream);
        },
        kConnectTimeout, &stop);
    if (stop.requested())
        return {};
    if (!ready || pa_stream_get_state(record.stream) != PA_STREAM_READY) {
        if (connection.last_error_code() == PA_ERR_NOENTITY && device_name_ != "default")
            return fmt::format(
                "desktop audio: no output device named '{}'; choose another in the source's "
                "properties",
                device_name_);
        if (connection.last_error_code() == PA_ERR_NOENTITY)
            return fmt::format(
                "desktop audio: the sound server has no output device to record; add one or "
                "choose a device in the source's properties ({})",
                kRetrying);
        return fmt::format("desktop audio: cannot record '{}' ({}); {}", source,
                           connection.alive() ? connection.last_error() : "sound server went away",
                           kRetrying);
    }

    sink.mark_started();
    PendingOperation ping;
    while (!stop.requested()) {
        sink.heartbeat();
        connection.iterate(std::chrono::milliseconds(50));
        if (!connection.alive())
            return fmt::format("desktop audio: lost the sound server ({}); {}",
                               connection.last_error(), kRetrying);
        if (stream_ended(record.stream))
            return fmt::format("desktop audio: output device '{}' went away; {}", device_name_,
                               kRetrying);
        const int64_t now_ns = clock::now_ns();
        if (ping.operation && ping.answered()) {
            ping.reset();
        } else if (ping.operation && now_ns - ping.sent_ns > kAnswerTimeoutNs) {
            return fmt::format("desktop audio: the sound server stopped answering; {}", kRetrying);
        }
        if (!ping.operation && now_ns - ping.sent_ns > kPingIntervalNs) {
            ping.operation = pa_stream_update_timing_info(
                record.stream, [](pa_stream*, int, void*) {}, nullptr);
            ping.sent_ns = now_ns;
        }
    }
    return {};
}

}  // namespace lm
