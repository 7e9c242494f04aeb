#include "plugins/audio_devices/portaudio_session.hpp"

#include <dlfcn.h>

#ifdef LM_HAVE_ALSA
#include <alsa/asoundlib.h>
#endif

namespace lm {
namespace {

#ifdef LM_HAVE_ALSA
// Without a sound server, probing ALSA's devices prints dozens of lines ("unable to open slave",
// "Connection refused") to stderr at every retry. PortAudio reports failures through its own
// return codes, which the source turns into its status.
void ignore_alsa_error(const char*, int, const char*, int, const char*, ...) {}
#endif

void ignore_jack_message(const char*) {}

// ALSA's "jack" device (libasound2-plugins) loads libjack while PortAudio probes it, and
// libjack prints five lines to stderr per probe when no JACK server runs. Its printer is
// replaced with a silent one through the same shared library the plugin will use; libjack
// stays loaded for the life of the process so the setting sticks.
void quieten_jack() {
    void* jack = dlopen("libjack.so.0", RTLD_LAZY | RTLD_LOCAL);
    if (!jack)
        return;  // no JACK on this system: nothing will print
    using SetPrinter = void (*)(void (*)(const char*));
    for (const char* setter : {"jack_set_error_function", "jack_set_info_function"}) {
        if (auto set = reinterpret_cast<SetPrinter>(dlsym(jack, setter)))
            set(ignore_jack_message);
    }
}

std::optional<PortAudioInput> describe_input(PaDeviceIndex index) {
    const PaDeviceInfo* info = index == paNoDevice ? nullptr : Pa_GetDeviceInfo(index);
    if (!info || info->maxInputChannels <= 0)
        return std::nullopt;
    const PaHostApiInfo* host = Pa_GetHostApiInfo(info->hostApi);
    return PortAudioInput{index, info->name, host ? host->name : "", info->maxInputChannels,
                          info->defaultSampleRate};
}

}  // namespace

std::mutex& PortAudioSession::library_mutex() {
    // PortAudio's device tables are one per process, so their lock is too.
    static std::mutex mutex;
    return mutex;
}

PortAudioSession::PortAudioSession() {
    std::lock_guard lock(library_mutex());
    static std::once_flag quietened;
    std::call_once(quietened, [] {
#ifdef LM_HAVE_ALSA
        snd_lib_error_set_handler(ignore_alsa_error);
#endif
        quieten_jack();
    });
    const PaError error = Pa_Initialize();
    if (error != paNoError)
        error_ = Pa_GetErrorText(error);
}

PortAudioSession::~PortAudioSession() {
    if (!error_.empty())
        return;
    std::lock_guard lock(library_mutex());
    Pa_Terminate();
}

std::vector<PortAudioInput> PortAudioSession::inputs() const {
    std::vector<PortAudioInput> inputs;
    if (!error_.empty())
        return inputs;
    std::lock_guard lock(library_mutex());
    const PaDeviceIndex count = Pa_GetDeviceCount();
    for (PaDeviceIndex index = 0; index < count; ++index) {
        if (auto input = describe_input(index))
            inputs.push_back(std::move(*input));
    }
    return inputs;
}

std::optional<PortAudioInput> PortAudioSession::default_input() const {
    if (!error_.empty())
        return std::nullopt;
    std::lock_guard lock(library_mutex());
    return describe_input(Pa_GetDefaultInputDevice());
}

std::optional<PortAudioInput> PortAudioSession::find_input(const std::string& name) const {
    for (PortAudioInput& input : inputs()) {
        if (input.name == name)
            return std::move(input);
    }
    return std::nullopt;
}

}  // namespace lm
