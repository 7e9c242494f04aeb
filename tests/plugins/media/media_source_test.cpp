// The media source on real files made by ffmpeg, through the real video mixer (llvmpipe) and
// with audio pulled at the audio mixer's pace.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <thread>

#include "plugins/media/media_source.hpp"
#include "tests/plugins/media/media_test_support.hpp"

using namespace lm;
using namespace lm::test;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<MediaSource> media(const std::filesystem::path& file, bool restart = true,
                                   double speed = 1.0, bool loop = true) {
    MediaSettings settings;
    settings.file = file.string();
    settings.restart_when_shown = restart;
    settings.speed = speed;
    settings.loop = loop;
    return std::make_shared<MediaSource>(settings);
}

std::vector<Shade> shades(const std::vector<VideoFramePtr>& frames) {
    std::vector<Shade> out;
    for (const auto& frame : frames)
        out.push_back(shade_at_centre(*frame));
    return out;
}

// Pulls `ticks` ticks of audio from `source` at real-time pace, like the audio mixer; returns
// the left channel.
std::vector<float> pull_audio(Source& source, int ticks) {
    std::vector<float> left;
    AudioBlock block(2, kAudioTickFrames);
    const int64_t start = clock::now_ns();
    for (int tick = 0; tick < ticks; ++tick) {
        clock::sleep_until_ns(start +
                              int64_t(tick) * kAudioTickFrames * 1'000'000'000 / kAudioSampleRate);
        std::fill(block.samples.begin(), block.samples.end(), 0.0f);
        AudioRenderContext context{int64_t(tick) * kAudioTickFrames, block};
        source.render_audio(context);
        const auto channel = block.channel(0);
        left.insert(left.end(), channel.begin(), channel.end());
    }
    return left;
}

// Sample indices where a beep starts: the 1 ms RMS goes above -30 dBFS after 200 ms of quiet.
std::vector<int64_t> beep_onsets(const std::vector<float>& samples) {
    std::vector<int64_t> onsets;
    const int window = kAudioSampleRate / 1000;
    int64_t quiet_since = -1'000'000;
    for (size_t w = 0; w + window <= samples.size(); w += window) {
        double power = 0;
        for (int i = 0; i < window; ++i)
            power += double(samples[w + i]) * samples[w + i];
        const bool loud = 10 * std::log10(power / window + 1e-12) > -30;
        if (loud && int64_t(w) - quiet_since >= kAudioSampleRate / 5)
            onsets.push_back(int64_t(w));
        if (loud)
            quiet_since = int64_t(w) + window;
    }
    return onsets;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

}  // namespace

TEST_CASE("a media file plays at its own timestamps and loops", "[media][gpu]") {
    TempDir dir;
    auto source = media(make_red_blue_clip(dir.path));
    REQUIRE(source->status().ok());
    CHECK(source->width() == 320);
    CHECK(source->height() == 180);
    CHECK(source->description().find("h264 320x180") != std::string::npos);
    CHECK(source->description().find("aac") != std::string::npos);

    const auto seen = shades(run_mixer_over(scene_showing(source), 100));
    REQUIRE(seen.size() == 100);
    // Red for the first second, blue for the next, red again when it loops (a frame of slack
    // at each change for the anchoring).
    for (int i = 0; i < 28; ++i)
        CHECK(seen[i] == Shade::red);
    for (int i = 32; i < 58; ++i)
        CHECK(seen[i] == Shade::blue);
    for (int i = 62; i < 88; ++i)
        CHECK(seen[i] == Shade::red);
    CHECK(seen[95] == Shade::blue);
}

TEST_CASE("a media file at 200 % speed changes colour after half a second", "[media][gpu]") {
    TempDir dir;
    const auto seen =
        shades(run_mixer_over(scene_showing(media(make_red_blue_clip(dir.path), true, 2.0)), 40));
    CHECK(seen[5] == Shade::red);
    CHECK(seen[12] == Shade::red);
    CHECK(seen[18] == Shade::blue);
    CHECK(seen[28] == Shade::blue);
    CHECK(seen[35] == Shade::red);  // looped at 1 s
}

TEST_CASE("a media file starts over when shown again, or resumes when told to", "[media][gpu]") {
    TempDir dir;
    const auto clip = make_red_blue_clip(dir.path);
    for (const bool restart : {true, false}) {
        auto source = media(clip, restart);
        // Shown for 1.3 s (into the blue second), hidden for 1 s, shown again.
        const auto seen = shades(run_mixer_over(scene_showing(source), 90,
                                                [&](int64_t index) -> std::shared_ptr<const Scene> {
                                                    if (index == 39)
                                                        return scene_showing(nullptr);
                                                    if (index == 69)
                                                        return scene_showing(source);
                                                    return nullptr;
                                                }));
        INFO("restart when shown: " << restart);
        CHECK(seen[36] == Shade::blue);
        CHECK(seen[55] == Shade::black);  // hidden
        // 0.5 s after it came back: from the start it is red; resumed (1.3 + 0.5 s) blue.
        CHECK(seen[86] == (restart ? Shade::red : Shade::blue));
    }
}

TEST_CASE("a media file's sound comes in time and loops without a gap or a jump", "[media]") {
    TempDir dir;
    const auto clip = make_red_blue_clip(dir.path);
    auto source = media(clip);
    REQUIRE(wait_until([&] { return !source->description().empty(); }, 2s));
    std::this_thread::sleep_for(200ms);  // let the decoders fill their buffers
    const auto left = pull_audio(*source, int(4.6 * kAudioSampleRate / kAudioTickFrames));
    const auto onsets = beep_onsets(left);
    // A beep every second of play: 0, 1, 2 (the loop), 3, 4 s, exactly one second apart.
    for (auto o : onsets)
        UNSCOPED_INFO("onset " << o);
    REQUIRE(onsets.size() == 5);
    CHECK(onsets[0] < kAudioSampleRate / 100);  // plays from the first pull
    for (size_t i = 1; i < onsets.size(); ++i)
        CHECK(std::abs(onsets[i] - onsets[i - 1] - kAudioSampleRate) <= kAudioSampleRate / 500);
    // The beep's level survives: -6 dBFS peak (amplitude 0.5) through AAC.
    const auto peak = *std::max_element(left.begin(), left.end());
    CHECK(peak == Approx(0.5).margin(0.05));
}

TEST_CASE("a missing media file is a status, and is picked up when it appears", "[media]") {
    TempDir dir;
    const auto path = dir.path / "later.mp4";
    auto source = media(path);
    const SourceStatus status = source->status();
    CHECK(status.level == SourceStatus::Level::error);
    CHECK(status.message.find(path.string()) != std::string::npos);
    CHECK(status.message.find("not found") != std::string::npos);
    CHECK(source->width() == 0);
    // Rendering it is harmless: nothing to draw, silence to hear.
    CHECK(pull_audio(*source, 3) == std::vector<float>(3 * kAudioTickFrames, 0.0f));

    make_red_blue_clip(dir.path, "later.mp4");
    REQUIRE(wait_until([&] { return source->opened_count() >= 1; }, 5s));
    CHECK(source->status().ok());
    CHECK(source->width() == 320);
}

TEST_CASE("a file that is not media, or is cut short, gives a specific status", "[media]") {
    TempDir dir;
    SECTION("text with a video extension") {
        const auto path = dir.path / "notes.mp4";
        std::ofstream(path) << "this is not a video\n";
        auto source = media(path);
        const SourceStatus status = source->status();
        CHECK(status.level == SourceStatus::Level::error);
        CHECK(status.message.find("notes.mp4") != std::string::npos);
        CHECK(source->width() == 0);
    }
    SECTION("an empty path") {
        auto source = media("");
        CHECK(source->status().level == SourceStatus::Level::warning);
        CHECK(source->status().message.find("no file chosen") != std::string::npos);
    }
    SECTION("a truncated file still plays what it has") {
        const auto clip = make_red_blue_clip(dir.path, "whole.mkv");
        const auto cut = dir.path / "cut.mkv";
        std::filesystem::copy_file(clip, cut);
        std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 2);
        auto source = media(cut);
        REQUIRE(source->width() == 320);
        const auto seen = shades(run_mixer_over(scene_showing(source), 15));
        CHECK(seen[10] == Shade::red);
    }
}

TEST_CASE("an audio-only file plays its sound and draws nothing", "[media]") {
    TempDir dir;
    const auto path = dir.path / "tone.wav";
    run_ffmpeg("-f lavfi -i sine=frequency=440:sample_rate=44100:d=1 -af volume=-6dB " +
               path.string());
    auto source = media(path);
    REQUIRE(source->status().ok());
    CHECK(source->width() == 0);
    REQUIRE(wait_until([&] { return !source->description().empty(); }, 2s));
    std::this_thread::sleep_for(100ms);
    const auto left = pull_audio(*source, 20);
    // Resampled from 44.1 kHz; the sine has amplitude 10^(-6/20)/... of full scale (lavfi's
    // sine is at 1/8 amplitude before the -6 dB).
    double power = 0;
    for (size_t i = 4800; i < left.size(); ++i)
        power += double(left[i]) * left[i];
    const double rms_db = 10 * std::log10(power / double(left.size() - 4800));
    CHECK(rms_db ==
          Approx(20 * std::log10(0.125 * std::pow(10, -6 / 20.0) / std::sqrt(2))).margin(1.0));
}
