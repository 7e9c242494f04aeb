// A connection to the PulseAudio server (or PipeWire's pulse server) driven by a main loop that
// the owning thread iterates itself, with timeouts, so it can stop at any moment and never
// depends on another thread. Not thread-safe: one thread uses it from start to end.
#pragma once

#include <pulse/pulseaudio.h>

#include <chrono>
#include <functional>
#include <string>

#include "plugins/audio_devices/stop_signal.hpp"

namespace lm {

class PulseConnection {
public:
    /// Creates the main loop and context; connect() reaches the server.
    explicit PulseConnection(const std::string& application_name);
    ~PulseConnection();
    PulseConnection(const PulseConnection&) = delete;
    PulseConnection& operator=(const PulseConnection&) = delete;

    /// Connects to the default server (PULSE_SERVER or the user's runtime dir), waiting up to
    /// `timeout` (or until `stop`). Returns "" once ready, else why not ("Connection refused").
    std::string connect(std::chrono::milliseconds timeout, const StopSignal* stop);

    /// Runs the main loop until `done()` is true, the connection fails, `stop` is requested or
    /// `timeout` passes; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                   const StopSignal* stop);
    /// Dispatches what is pending, waiting at most `max_wait` for something to happen.
    void iterate(std::chrono::milliseconds max_wait);

    /// False once the server went away or refused us.
    bool alive() const;
    /// The server's last error, as text.
    std::string last_error() const;
    int last_error_code() const;
    pa_context* context() const { return context_; }

private:
    pa_mainloop* mainloop_ = nullptr;
    pa_context* context_ = nullptr;
};

}  // namespace lm
