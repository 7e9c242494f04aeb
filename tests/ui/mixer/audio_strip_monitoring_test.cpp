// The strip's Monitoring submenu: it shows the item's mode, sets it on the controller and so
// in the running engine (a monitor-only item leaves the program mix but keeps its meter), and
// a headphones cue marks a monitored strip.
#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QThread>
#include <catch2/catch.hpp>

#include "core/studio.hpp"
#include "test_collection.hpp"
#include "ui/mixer/audio_strip.hpp"

using lm::MonitoringMode;
using lm::ui::AudioStrip;

namespace {

/// Every sample at 0.1 (-20 dBFS), on every channel.
class SteadySource final : public lm::Source {
public:
    unsigned capabilities() const override { return kAudio; }
    void render_audio(lm::AudioRenderContext& context) override {
        std::fill(context.out.samples.begin(), context.out.samples.end(), 0.1f);
    }
};

QStringList texts_of(const QMenu* menu) {
    QStringList texts;
    for (QAction* action : menu->actions())
        texts << action->text();
    return texts;
}

/// Waits for the engine's next few ticks (it mixes every 21.3 ms).
void let_engine_mix() {
    QThread::msleep(250);
}

}  // namespace

TEST_CASE("The Monitoring submenu offers the three modes and shows the item's") {
    mixer_test::Studio studio;
    AudioStrip strip(studio.controller, studio.view("Mic"));
    QAction* monitoring = nullptr;
    for (QAction* action : strip.menu()->actions()) {
        if (action->text() == "Monitoring")
            monitoring = action;
    }
    REQUIRE(monitoring != nullptr);
    REQUIRE(monitoring->menu() != nullptr);
    CHECK(monitoring->isEnabled());
    CHECK(texts_of(monitoring->menu()) == QStringList{"Off", "Monitor only", "Monitor and output"});
    CHECK(strip.monitoring() == MonitoringMode::off);
    CHECK(strip.monitoring_label()->isHidden());

    lm::ui::ItemView view = studio.view("Mic");
    view.monitoring = MonitoringMode::monitor_and_output;
    strip.set_item(view);
    CHECK(strip.monitoring_action(MonitoringMode::monitor_and_output)->isChecked());
    CHECK_FALSE(strip.monitoring_label()->isHidden());
}

TEST_CASE("Choosing a monitoring mode sets it on the item, and the collection keeps it") {
    mixer_test::Studio studio;
    const int id = studio.item_id("Mic");
    AudioStrip strip(studio.controller, studio.view("Mic"));
    strip.monitoring_action(MonitoringMode::monitor_only)->trigger();
    CHECK(studio.controller.item(id)->monitoring == MonitoringMode::monitor_only);
    CHECK(strip.monitoring() == MonitoringMode::monitor_only);
    CHECK_FALSE(strip.monitoring_label()->isHidden());
    CHECK(studio.controller.description().scenes[0].items[2].monitoring ==
          MonitoringMode::monitor_only);

    strip.monitoring_action(MonitoringMode::off)->trigger();
    CHECK(studio.controller.item(id)->monitoring == MonitoringMode::off);
    CHECK(strip.monitoring_label()->isHidden());
}

TEST_CASE("Monitor only takes the source out of the running program mix but not its meter") {
    lm::PluginRegistry registry;
    lm::SourceType steady;
    steady.id = "steady";
    steady.display_name = "Steady";
    steady.capabilities = lm::Source::kAudio;
    steady.create = [](const nlohmann::json&) { return std::make_shared<SteadySource>(); };
    registry.add(steady);
    lm::ui::StudioController controller(registry);
    lm::SceneCollectionDescription collection;
    collection.sources = {mixer_test::source("Tone", "steady")};
    collection.scenes = {{"Main", {mixer_test::item("Tone")}}};
    collection.current_scene = "Main";
    controller.load(collection);

    lm::StudioSettings settings;
    settings.video = {64, 36, {10, 1}};
    lm::Studio engine(registry, settings);
    controller.attach(&engine);
    engine.start_mixing();
    const int id = controller.items().front().id;
    AudioStrip strip(controller, *controller.item(id));

    let_engine_mix();
    CHECK(engine.stats().audio_levels.peak_dbfs[0] == Approx(-20).margin(0.1));

    strip.monitoring_action(MonitoringMode::monitor_only)->trigger();
    let_engine_mix();
    CHECK(engine.stats().audio_levels.peak_dbfs[0] < -90);  // the stream hears nothing of it
    REQUIRE(controller.item_levels(id));
    CHECK(controller.item_levels(id)->peak_dbfs[0] == Approx(-20).margin(0.1));

    strip.monitoring_action(MonitoringMode::monitor_and_output)->trigger();
    let_engine_mix();
    CHECK(engine.stats().audio_levels.peak_dbfs[0] == Approx(-20).margin(0.1));
    controller.attach(nullptr);
}
