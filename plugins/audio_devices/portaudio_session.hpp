// PortAudio initialised for as long as this object lives. PortAudio is process-wide state whose
// Pa_Initialize/Pa_Terminate are not thread-safe, and it sees the devices that existed when it
// was first initialised: each capture attempt and each device listing takes a session of its
// own, so a device plugged in (or a sound server started) later is found by the next attempt
// once no other session holds PortAudio.
#pragma once

#include <portaudio.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lm {

struct PortAudioInput {
    PaDeviceIndex index = paNoDevice;
    std::string name;
    std::string host_api;  ///< "ALSA", "OSS"
    int max_channels = 0;
    double default_rate_hz = 0;
};

class PortAudioSession {
public:
    /// Initialises PortAudio (quietening ALSA's error printing first, where ALSA is built in).
    PortAudioSession();
    ~PortAudioSession();
    PortAudioSession(const PortAudioSession&) = delete;
    PortAudioSession& operator=(const PortAudioSession&) = delete;

    /// Empty when PortAudio started; otherwise its error text.
    const std::string& error() const { return error_; }

    /// Every device with input channels, in PortAudio's order.
    std::vector<PortAudioInput> inputs() const;
    /// The system's default input, if any.
    std::optional<PortAudioInput> default_input() const;
    /// The input whose PortAudio name is `name` exactly.
    std::optional<PortAudioInput> find_input(const std::string& name) const;

    /// Serialises everything that touches PortAudio's global device tables (initialise,
    /// terminate, open, close) across threads.
    static std::mutex& library_mutex();

private:
    std::string error_;
};

}  // namespace lm
