// Tests the device lists the properties dialog shows, against a PulseAudio server the test
// starts (one null output "vsink", whose monitor is the default input).
#include <catch2/catch.hpp>

#include <algorithm>

#include "plugins/audio_devices/device_list.hpp"
#include "pulse_test_server.hpp"

using namespace lm;
using namespace lm::test;

namespace {

const AudioDevice* find(const std::vector<AudioDevice>& list, const std::string& name) {
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& d) { return d.name == name; });
    return it == list.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("desktop audio lists default first, then the output monitors of the server",
          "[audio_devices][pulse]") {
    PulseTestServer server;
    const std::vector<AudioDevice> list = list_desktop_audio_devices();
    REQUIRE(!list.empty());
    CHECK(list.front().name == "default");
    const AudioDevice* monitor = find(list, "vsink.monitor");
    REQUIRE(monitor != nullptr);
    CHECK(monitor->description == "Monitor of Null Output");
    // Only monitors: an input such as a microphone is not something the speakers play.
    CHECK(find(list, PulseTestServer::kMicrophoneName) == nullptr);
    CHECK(std::count_if(list.begin(), list.end(),
                        [](const auto& d) { return d.name == "default"; }) == 1);

    server.stop(SIGTERM);
    const std::vector<AudioDevice> without_server = list_desktop_audio_devices();
    REQUIRE(without_server.size() == 1);
    CHECK(without_server.front().name == "default");
}

TEST_CASE("microphones list default first, once, and the sound server's ALSA device",
          "[audio_devices][portaudio]") {
    PulseTestServer server;
    const std::vector<AudioDevice> list = list_audio_input_devices();
    REQUIRE(!list.empty());
    CHECK(list.front().name == "default");
    CHECK(std::count_if(list.begin(), list.end(),
                        [](const auto& d) { return d.name == "default"; }) == 1);
    const AudioDevice* pulse = find(list, "pulse");
    REQUIRE(pulse != nullptr);
    CHECK(pulse->description.find("ALSA") != std::string::npos);
}
