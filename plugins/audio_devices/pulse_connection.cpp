#include "plugins/audio_devices/pulse_connection.hpp"

#include <stdexcept>
#include <thread>

#include "core/media/clock.hpp"

namespace lm {

PulseConnection::PulseConnection(const std::string& application_name) {
    mainloop_ = pa_mainloop_new();
    if (!mainloop_)
        throw std::runtime_error("PulseAudio: cannot create a main loop");
    context_ = pa_context_new(pa_mainloop_get_api(mainloop_), application_name.c_str());
    if (!context_) {
        pa_mainloop_free(mainloop_);
        throw std::runtime_error("PulseAudio: cannot create a context");
    }
}

PulseConnection::~PulseConnection() {
    pa_context_disconnect(context_);
    pa_context_unref(context_);
    pa_mainloop_free(mainloop_);
}

std::string PulseConnection::connect(std::chrono::milliseconds timeout, const StopSignal* stop) {
    // No autospawn: a studio should not start a sound server behind the user's back, and the
    // retry loop notices when one appears.
    if (pa_context_connect(context_, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0)
        return last_error();
    const bool ready = run_until(
        [this] { return pa_context_get_state(context_) == PA_CONTEXT_READY; }, timeout, stop);
    if (ready)
        return {};
    if (alive())
        return "the sound server did not answer in time";
    return last_error();
}

bool PulseConnection::run_until(const std::function<bool()>& done,
                                std::chrono::milliseconds timeout, const StopSignal* stop) {
    const int64_t deadline_ns = clock::now_ns() + timeout.count() * clock::kNsPerMs;
    while (!done()) {
        if (!alive() || (stop && stop->requested()) || clock::now_ns() >= deadline_ns)
            return false;
        iterate(std::chrono::milliseconds(50));
    }
    return true;
}

void PulseConnection::iterate(std::chrono::milliseconds max_wait) {
    // prepare/poll/dispatch rather than pa_mainloop_iterate(block): bounded waits keep the
    // owning thread responsive to its stop request without cross-thread wakeups.
    if (pa_mainloop_prepare(mainloop_, static_cast<int>(max_wait.count() * 1000)) < 0 ||
        pa_mainloop_poll(mainloop_) < 0 || pa_mainloop_dispatch(mainloop_) < 0) {
        // The loop only fails once told to quit, which this code never does; pausing keeps a
        // caller's loop from spinning anyway.
        std::this_thread::sleep_for(max_wait);
    }
}

bool PulseConnection::alive() const {
    const pa_context_state_t state = pa_context_get_state(context_);
    return state != PA_CONTEXT_FAILED && state != PA_CONTEXT_TERMINATED;
}

std::string PulseConnection::last_error() const {
    return pa_strerror(pa_context_errno(context_));
}

int PulseConnection::last_error_code() const {
    return pa_context_errno(context_);
}

}  // namespace lm
