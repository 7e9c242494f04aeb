#include <catch2/catch.hpp>

#include <cmath>

#include "core/audio/audio_mixer.hpp"
#include "core/media/clock.hpp"

using namespace lm;

namespace {

/// An audio source whose sample at stream position p is p / 1e6 (a ramp), so a test can read
/// back exactly which samples the mixer asked for.
class RampSource final : public Source {
public:
    unsigned capabilities() const override { return kAudio; }
    void render_audio(AudioRenderContext& context) override {
        for (int i = 0; i < context.out.frames; ++i) {
            for (int c = 0; c < context.out.channels; ++c) {
                context.out.channel(c)[i] = float(double(context.start_sample + i) / 1e6);
            }
        }
    }
};

Scene scene_with(std::shared_ptr<Source> source, double gain_db, bool muted, int64_t offset_ms) {
    Scene scene;
    SceneItem item;
    item.source = std::move(source);
    item.gain_db = gain_db;
    item.muted = muted;
    item.sync_offset_ms = offset_ms;
    scene.items.push_back(item);
    return scene;
}

}  // namespace

TEST_CASE("the mixer asks each source for the tick's samples, shifted by its sync offset",
          "[audio]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    auto ramp = std::make_shared<RampSource>();

    mixer.mix(scene_with(ramp, 0, false, 0), 48'000, out);
    CHECK(out.start_sample == 48'000);
    CHECK(out.channel(0)[0] == Approx(0.048));
    CHECK(out.channel(1)[10] == Approx(0.04801));

    // +100 ms delays the source: at stream sample 48000 we hear its sample 43200.
    mixer.mix(scene_with(ramp, 0, false, 100), 48'000, out);
    CHECK(out.channel(0)[0] == Approx(0.0432));
}

TEST_CASE("gain and mute apply per item; a source shown twice sounds once", "[audio]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    auto ramp = std::make_shared<RampSource>();

    mixer.mix(scene_with(ramp, -6.0206, false, 0), 100'000, out);
    CHECK(out.channel(0)[0] == Approx(0.05).epsilon(1e-3));

    mixer.mix(scene_with(ramp, 0, true, 0), 100'000, out);
    CHECK(out.channel(0)[0] == 0.0f);

    // As in OBS, audio belongs to the source, not to each item showing it (a microphone
    // must not be read twice per tick); different sources add up.
    Scene two = scene_with(ramp, 0, false, 0);
    two.items.push_back(two.items.front());
    mixer.mix(two, 100'000, out);
    CHECK(out.channel(0)[0] == Approx(0.1));
    two.items.back().source = std::make_shared<RampSource>();
    mixer.mix(two, 100'000, out);
    CHECK(out.channel(0)[0] == Approx(0.2));
}

TEST_CASE("a consumer gets the consecutive blocks of its range, then its queue is closed",
          "[audio]") {
    auto queue = std::make_shared<AudioBlockQueue>(64);
    AudioMixer mixer(2);
    // 0.1 s = 4800 samples -> 5 ticks (the last one completed with the following samples).
    mixer.add_consumer(queue, 0, 4800);
    mixer.set_scene(
        std::make_shared<Scene>(scene_with(std::make_shared<RampSource>(), 0, false, 0)));
    mixer.start(clock::now_ns());
    int64_t expected_start = 0;
    int blocks = 0;
    while (auto block = queue->pop()) {
        CHECK((*block)->start_sample == expected_start);
        CHECK((*block)->channel(0)[0] == Approx(double(expected_start) / 1e6));
        expected_start += kAudioTickFrames;
        ++blocks;
    }
    CHECK(blocks == 5);
    // The queue was closed when the sixth block was mixed; the mixer goes on for the others.
    CHECK(mixer.counters().ticks >= 5);
    CHECK_FALSE(mixer.finished());
    REQUIRE(mixer.levels());
    // The meters show the newest block: the ramp has passed the sixth block's last sample.
    CHECK(mixer.levels()->peak_dbfs[0] >= amplitude_to_dbfs(6143e-6) - 0.01);
    mixer.stop();
}

TEST_CASE("a fade mixes the incoming scene at the progress and the outgoing at the rest",
          "[audio]") {
    AudioMixer mixer(2);
    auto outgoing = std::make_shared<RampSource>();
    auto incoming = std::make_shared<RampSource>();
    const Scene from = scene_with(outgoing, 0, false, 0);
    const Scene to = scene_with(incoming, -6.0206, false, 0);  // half amplitude
    AudioBlock out(2, kAudioTickFrames);
    std::vector<ItemLevels> levels;
    mixer.mix_transition(&to, &from, 0.25, 100'000, out, &levels);
    // 0.25 x 0.5 x ramp + 0.75 x ramp.
    CHECK(out.channel(0)[0] == Approx(0.875 * 0.1).epsilon(1e-4));
    CHECK(levels.size() == 2);

    // A source shown by both scenes keeps its level through the fade and is read once.
    const Scene shared_to = scene_with(outgoing, 0, false, 0);
    mixer.mix_transition(&shared_to, &from, 0.5, 100'000, out, &levels);
    CHECK(out.channel(0)[0] == Approx(0.1).epsilon(1e-4));
}
