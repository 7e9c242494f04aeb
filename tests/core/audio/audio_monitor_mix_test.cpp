// The monitor mix rules: which items the creator hears on the monitoring device, and which
// the program (stream, recordings) carries.
#include <catch2/catch.hpp>

#include "core/audio/audio_mixer.hpp"
#include "core/media/clock.hpp"

using namespace lm;

namespace {

/// Every sample is `level`.
class ConstantSource final : public Source {
public:
    explicit ConstantSource(float level) : level_(level) {}
    unsigned capabilities() const override { return kAudio; }
    void render_audio(AudioRenderContext& context) override {
        std::fill(context.out.samples.begin(), context.out.samples.end(), level_);
    }

private:
    float level_;
};

SceneItem item_of(float level, MonitoringMode mode) {
    SceneItem item;
    item.id = static_cast<int>(level * 1000);
    item.source = std::make_shared<ConstantSource>(level);
    item.monitoring = mode;
    return item;
}

}  // namespace

TEST_CASE("monitor only leaves the program; monitor and output goes to both; off to program",
          "[audio][monitoring]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    Scene scene;
    scene.items.push_back(item_of(0.1f, MonitoringMode::off));
    scene.items.push_back(item_of(0.02f, MonitoringMode::monitor_only));
    scene.items.push_back(item_of(0.004f, MonitoringMode::monitor_and_output));
    std::vector<ItemLevels> levels;

    mixer.mix(scene, 2048, out, &levels);
    CHECK(out.channel(0)[0] == Approx(0.104));
    CHECK(out.channel(1)[kAudioTickFrames - 1] == Approx(0.104));
    const AudioBlock* monitor = mixer.monitor_mix();
    REQUIRE(monitor != nullptr);
    CHECK(monitor->start_sample == 2048);
    CHECK(monitor->channel(0)[0] == Approx(0.024));
    CHECK(monitor->channel(1)[kAudioTickFrames - 1] == Approx(0.024));
    // A monitor-only item still shows on its meter.
    REQUIRE(levels.size() == 3);
    CHECK(levels[1].item_id == 20);
    CHECK(levels[1].levels.peak_dbfs[0] == Approx(amplitude_to_dbfs(0.02)));
}

TEST_CASE("the monitor hears an item after its gain; a muted item is silent there too",
          "[audio][monitoring]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    Scene scene;
    scene.items.push_back(item_of(0.5f, MonitoringMode::monitor_only));
    scene.items.front().gain_db = -6.0206;

    mixer.mix(scene, 0, out);
    REQUIRE(mixer.monitor_mix() != nullptr);
    CHECK(mixer.monitor_mix()->channel(0)[0] == Approx(0.25).epsilon(1e-3));
    CHECK(out.channel(0)[0] == 0.0f);

    scene.items.front().muted = true;
    mixer.mix(scene, 1024, out);
    CHECK(mixer.monitor_mix() == nullptr);  // nothing to hear: nothing handed off
    CHECK(out.channel(0)[0] == 0.0f);
}

TEST_CASE("with nothing monitored there is no monitor mix", "[audio][monitoring]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    Scene scene;
    scene.items.push_back(item_of(0.1f, MonitoringMode::off));
    mixer.mix(scene, 0, out);
    CHECK(mixer.monitor_mix() == nullptr);
    CHECK(out.channel(0)[0] == Approx(0.1));
}

TEST_CASE("a fade monitors each scene's items at their share", "[audio][monitoring]") {
    AudioMixer mixer(2);
    AudioBlock out(2, kAudioTickFrames);
    Scene incoming;
    incoming.items.push_back(item_of(0.2f, MonitoringMode::monitor_only));
    Scene outgoing;
    outgoing.items.push_back(item_of(0.4f, MonitoringMode::monitor_and_output));

    mixer.mix_transition(&incoming, &outgoing, 0.25, 0, out);
    REQUIRE(mixer.monitor_mix() != nullptr);
    CHECK(mixer.monitor_mix()->channel(0)[0] == Approx(0.2 * 0.25 + 0.4 * 0.75));
    CHECK(out.channel(0)[0] == Approx(0.4 * 0.75));
}

TEST_CASE("the running mixer hands monitor mixes to the monitor queue, dropping when it is full",
          "[audio][monitoring]") {
    auto monitor_queue = std::make_shared<AudioBlockQueue>(kMonitorQueueBlocks);
    auto program_queue = std::make_shared<AudioBlockQueue>(64);
    AudioMixer mixer(2);
    mixer.set_monitor_queue(monitor_queue);
    auto scene = std::make_shared<Scene>();
    scene->items.push_back(item_of(0.3f, MonitoringMode::monitor_only));
    mixer.set_scene(scene);
    mixer.add_consumer(program_queue, 0, 8 * kAudioTickFrames);
    mixer.start(clock::now_ns());

    // Nobody plays the monitor queue: it fills to its bound, the rest is dropped, so a
    // stalled device can never make the creator hear more than a few ticks late.
    std::vector<AudioBlockPtr> program;
    while (auto block = program_queue->pop())
        program.push_back(*block);
    mixer.stop();
    REQUIRE(program.size() == 8);
    for (const AudioBlockPtr& block : program)
        CHECK(block->channel(0)[0] == 0.0f);  // monitor only: the program never carries it
    CHECK(monitor_queue->size() == kMonitorQueueBlocks);
    CHECK(monitor_queue->dropped() >= 8 - kMonitorQueueBlocks);
    const auto first = monitor_queue->try_pop();
    REQUIRE(first);
    CHECK((*first)->start_sample == 0);
    CHECK((*first)->channel(1)[5] == Approx(0.3));
}
