#include "plugins/audio_devices/portaudio_capture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "core/media/clock.hpp"
#include "plugins/audio_devices/capture_resampler.hpp"
#include "plugins/audio_devices/portaudio_session.hpp"

namespace lm {
namespace {

constexpr const char* kRetrying = "retrying every 2 s";

std::string went_away(const std::string& device, PaError error) {
    return fmt::format("microphone '{}' stopped ({}): the device or its sound server went away; {}",
                       device, Pa_GetErrorText(error), kRetrying);
}

/// An open, started PortAudio input stream; closed on destruction.
class InputStream {
public:
    InputStream() = default;
    ~InputStream() {
        if (!stream_)
            return;
        std::lock_guard lock(PortAudioSession::library_mutex());
        Pa_AbortStream(stream_);
        Pa_CloseStream(stream_);
    }
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Opens `input` with `channels` float32 channels at `rate_hz`; returns PortAudio's error.
    PaError open(const PortAudioInput& input, int channels, double rate_hz,
                 unsigned long frames_per_read) {
        std::lock_guard lock(PortAudioSession::library_mutex());
        PaStreamParameters parameters{};
        parameters.device = input.index;
        parameters.channelCount = channels;
        parameters.sampleFormat = paFloat32;
        parameters.suggestedLatency = Pa_GetDeviceInfo(input.index)->defaultLowInputLatency;
        PaError error = Pa_OpenStream(&stream_, &parameters, nullptr, rate_hz, frames_per_read,
                                      paClipOff, nullptr, nullptr);
        if (error != paNoError) {
            stream_ = nullptr;
            return error;
        }
        return Pa_StartStream(stream_);
    }
    PaStream* get() const { return stream_; }

private:
    PaStream* stream_ = nullptr;
};

/// 48 kHz when the device takes it (no resampling), else the device's own rate.
double choose_rate(const PortAudioInput& input, int channels) {
    std::lock_guard lock(PortAudioSession::library_mutex());
    PaStreamParameters parameters{};
    parameters.device = input.index;
    parameters.channelCount = channels;
    parameters.sampleFormat = paFloat32;
    parameters.suggestedLatency = Pa_GetDeviceInfo(input.index)->defaultLowInputLatency;
    if (Pa_IsFormatSupported(&parameters, nullptr, kAudioSampleRate) == paFormatIsSupported)
        return kAudioSampleRate;
    return input.default_rate_hz;
}

}  // namespace

PortAudioCapture::PortAudioCapture(std::string device_name)
    : device_name_(std::move(device_name)) {}

std::string PortAudioCapture::capture(CaptureSink& sink, const StopSignal& stop) {
    const PortAudioSession session;
    if (!session.error().empty())
        return fmt::format("microphone: PortAudio cannot start ({}); {}", session.error(),
                           kRetrying);
    const bool use_default = device_name_ == "default";
    const std::optional<PortAudioInput> input =
        use_default ? session.default_input() : session.find_input(device_name_);
    if (!input && use_default)
        return fmt::format(
            "microphone: the system has no default input device; connect one, start the "
            "sound server, or choose a device in the source's properties ({})",
            kRetrying);
    if (!input)
        return fmt::format(
            "microphone: no input device named '{}'; choose another in the source's properties",
            device_name_);

    const int channels = std::min(input->max_channels, 2);
    const double rate_hz = choose_rate(*input, channels);
    // 10 ms per read: short enough for low latency, long enough not to spin.
    const auto frames_per_read = static_cast<unsigned long>(rate_hz / 100);
    InputStream stream;
    if (const PaError error = stream.open(*input, channels, rate_hz, frames_per_read);
        error != paNoError)
        return fmt::format("microphone '{}': cannot open the device ({}); {}", input->name,
                           Pa_GetErrorText(error), kRetrying);

    std::optional<CaptureResampler> resampler;
    try {
        resampler.emplace(static_cast<int>(rate_hz), channels);
    } catch (const std::exception& error) {
        return fmt::format("microphone '{}': {}; choose another device", input->name, error.what());
    }
    std::vector<float> buffer(frames_per_read * channels);
    sink.mark_started();
    while (!stop.requested()) {
        sink.heartbeat();
        // A blocking read: PortAudio waits on the device itself. Should it never return (a
        // hung driver or sound server), the heartbeat stops and the source gives up on this
        // attempt.
        const PaError error = Pa_ReadStream(stream.get(), buffer.data(), frames_per_read);
        // An overflow means samples were lost before this read; the ones read are good.
        if (error != paNoError && error != paInputOverflowed)
            return went_away(input->name, error);
        resampler->write(buffer.data(), static_cast<int>(frames_per_read), clock::now_ns(), sink);
    }
    return {};
}

}  // namespace lm
