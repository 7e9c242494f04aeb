// Tests the "audio_input" (microphone) source through PortAudio and ALSA's `pulse` device,
// against a PulseAudio server the test starts whose default input is the monitor of the output
// a tone plays into: the microphone hears the tone at its pitch and level, a missing device is
// named in the status, and the source survives the server dying and coming back.
#include <catch2/catch.hpp>

#include "capture_test_support.hpp"
#include "core/plugin/plugin_registry.hpp"
#include "plugins/audio_devices/audio_devices_types.hpp"

using namespace lm;
using namespace lm::test;
using Catch::Matchers::Contains;
using namespace std::chrono_literals;

TEST_CASE("a microphone on ALSA's pulse device hears the tone at 440 Hz and its level",
          "[audio_devices][portaudio]") {
    PulseTestServer server;
    TonePlayer tone;
    auto source = make_audio_input_source("pulse");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 5s));
    check_hears_tone(*source);
}

TEST_CASE("the default microphone follows the system default input", "[audio_devices][portaudio]") {
    PulseTestServer server;  // its default input is the monitor the tone plays into
    TonePlayer tone;
    auto source = make_audio_input_source("default");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 5s));
    check_hears_tone(*source);
}

TEST_CASE("a microphone that does not exist says so and stays silent",
          "[audio_devices][portaudio]") {
    PulseTestServer server;
    TonePlayer tone;
    PluginRegistry registry;
    register_audio_devices_types(registry);
    // Created anyway: the device may be plugged in later, and the show must go on.
    auto source = registry.create_source("audio_input", {{"device", "USB Podcast Mic"}});
    REQUIRE(wait_for_status(*source, SourceStatus::Level::error, 5s));
    CHECK(source->status().message ==
          "microphone: no input device named 'USB Podcast Mic'; choose another in the source's "
          "properties");
    const Captured captured = pull_like_the_mixer(*source, 0.2);
    CHECK(rms_dbfs(captured.left) == kSilenceDbfs);
    CHECK(rms_dbfs(captured.right) == kSilenceDbfs);
}

TEST_CASE("a microphone goes silent with an error when the sound server dies, and recovers",
          "[audio_devices][portaudio]") {
    PulseTestServer server;
    auto tone = std::make_unique<TonePlayer>();
    auto source = make_audio_input_source("pulse");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 5s));
    check_hears_tone(*source);

    server.stop(SIGKILL);
    tone.reset();
    // The show goes on: the mixer keeps pulling while the source notices. ALSA's pulse plugin
    // usually reports the loss at once, but can also hang in it; the source then gives up on
    // that attempt after 5 s of silence. Either way it reports an error within 8 s.
    const Captured after_crash = pull_like_the_mixer(*source, 1.5);
    const std::span<const float> last_half(after_crash.left.data() + after_crash.left.size() / 2,
                                           after_crash.left.size() / 2);
    CHECK(rms_dbfs(last_half) == kSilenceDbfs);
    REQUIRE(wait_for_status(*source, SourceStatus::Level::error, 8s));
    CHECK_THAT(source->status().message, Contains("microphone"));

    server.start();
    tone = std::make_unique<TonePlayer>();
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 8s));
    check_hears_tone(*source);
}
