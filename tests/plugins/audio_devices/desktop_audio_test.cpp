// Tests the "desktop_audio" source against a real PulseAudio server the test starts: it hears
// what plays into the null output at the right pitch and level, reports a missing output, and
// survives the server dying and coming back.
#include <catch2/catch.hpp>

#include "capture_test_support.hpp"
#include "plugins/audio_devices/audio_devices_types.hpp"

using namespace lm;
using namespace lm::test;
using Catch::Matchers::Contains;
using namespace std::chrono_literals;

TEST_CASE("desktop audio hears the default output at 440 Hz and the level played",
          "[audio_devices][pulse]") {
    PulseTestServer server;
    TonePlayer tone;
    auto source = make_desktop_audio_source("default");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 5s));
    check_hears_tone(*source);
}

TEST_CASE("desktop audio records a named output and reports an unknown one",
          "[audio_devices][pulse]") {
    PulseTestServer server;
    TonePlayer tone;
    auto named = make_desktop_audio_source(PulseTestServer::kSinkName);
    REQUIRE(wait_for_status(*named, SourceStatus::Level::ok, 5s));
    check_hears_tone(*named);

    auto missing = make_desktop_audio_source("no-such-output");
    REQUIRE(wait_for_status(*missing, SourceStatus::Level::error, 5s));
    CHECK(missing->status().message ==
          "desktop audio: no output device named 'no-such-output'; choose another in the "
          "source's properties");
    const Captured captured = pull_like_the_mixer(*missing, 0.2);
    CHECK(rms_dbfs(captured.left) == kSilenceDbfs);
}

TEST_CASE("desktop audio goes silent with an error when the server dies, and recovers",
          "[audio_devices][pulse]") {
    PulseTestServer server;
    auto tone = std::make_unique<TonePlayer>();
    auto source = make_desktop_audio_source("default");
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 5s));
    check_hears_tone(*source);

    server.stop(SIGKILL);
    tone.reset();
    // The show goes on: the mixer keeps pulling while the source notices.
    const Captured after_crash = pull_like_the_mixer(*source, 1.0);
    CHECK(source->status().level == SourceStatus::Level::error);
    CHECK_THAT(source->status().message, Contains("sound server"));
    const std::span<const float> last_half(after_crash.left.data() + after_crash.left.size() / 2,
                                           after_crash.left.size() / 2);
    CHECK(rms_dbfs(last_half) == kSilenceDbfs);

    server.start();
    tone = std::make_unique<TonePlayer>();
    REQUIRE(wait_for_status(*source, SourceStatus::Level::ok, 6s));
    check_hears_tone(*source);
}
