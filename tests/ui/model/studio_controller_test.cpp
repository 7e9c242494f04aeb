#include <catch2/catch.hpp>

#include <QSignalSpy>

#include "core/plugin/plugin_registry.hpp"
#include "test_sources.hpp"
#include "ui/model/studio_controller.hpp"

using namespace lm;
using lm::ui::StudioController;

namespace {

PluginRegistry make_registry() {
    return lm::ui::test::sized_registry(320);
}

SceneCollectionDescription two_scenes() {
    SceneCollectionDescription description;
    description.name = "Show";
    description.sources = {{"Logo", "sized", {{"width", 100}, {"height", 50}}, {}}};
    ItemDescription logo;
    logo.source = "Logo";
    description.scenes = {{"Main", {logo}}, {"Break", {}}};
    description.current_scene = "Main";
    return description;
}

}  // namespace

TEST_CASE("the controller edits scenes and round-trips the collection", "[ui][model]") {
    const PluginRegistry registry = make_registry();
    StudioController controller(registry);
    controller.load(two_scenes());
    CHECK(controller.scene_names() == QStringList{"Main", "Break"});
    CHECK(controller.current_scene() == "Main");
    REQUIRE(controller.items().size() == 1);
    CHECK(controller.items()[0].width == 100);

    QSignalSpy switched(&controller, &StudioController::currentSceneChanged);
    controller.set_current_scene("Break");
    CHECK(switched.count() == 1);
    CHECK(controller.items().empty());

    CHECK(controller.add_scene("Main") == "Main 2");
    CHECK(controller.scene_names() == QStringList{"Main", "Break", "Main 2"});
    CHECK_FALSE(controller.rename_scene("Main 2", "Break"));
    CHECK(controller.rename_scene("Main 2", "Outro"));
    CHECK(controller.current_scene() == "Outro");
    controller.move_scene("Outro", 0);
    CHECK(controller.scene_names() == QStringList{"Outro", "Main", "Break"});
    CHECK(controller.duplicate_scene("Main") == "Main 2");
    CHECK(controller.remove_scene("Outro"));
    CHECK(controller.scene_names() == QStringList{"Main", "Main 2", "Break"});

    const SceneCollectionDescription saved = controller.description();
    CHECK(saved.scenes.size() == 3);
    CHECK(saved.scenes[1].items.size() == 1);  // the duplicate shows the same source
    CHECK(saved.sources.size() == 1);
}

TEST_CASE("the controller adds, changes, reorders and removes items", "[ui][model]") {
    const PluginRegistry registry = make_registry();
    StudioController controller(registry);
    controller.load(two_scenes());
    QSignalSpy changed(&controller, &StudioController::itemsChanged);

    // Larger than the 1280x720 canvas: fitted.
    const int big = controller.add_source("sized", "Logo", {{"width", 2560}, {"height", 1440}});
    CHECK(changed.count() == 1);
    auto items = controller.items();
    REQUIRE(items.size() == 2);
    CHECK(items[1].id == big);
    CHECK(items[1].source_name == "Logo 2");
    CHECK(items[1].transform.scale.x == Approx(0.5));

    controller.move_item(big, 0);
    CHECK(controller.items()[0].id == big);
    controller.set_item_visible(big, false);
    controller.set_item_locked(big, true);
    CHECK_FALSE(controller.item(big)->visible);
    CHECK(controller.item(big)->locked);

    controller.set_source_settings(big, {{"width", 640}, {"height", 360}});
    CHECK(controller.item(big)->width == 640);
    CHECK(controller.source_settings(big)["width"] == 640);
    CHECK_THROWS_AS(controller.set_source_settings(big, {{"width", -5}}), std::invalid_argument);
    CHECK(controller.item(big)->width == 640);

    CHECK_FALSE(controller.rename_source(big, "Logo"));
    CHECK(controller.rename_source(big, "Backdrop"));
    CHECK(controller.item(big)->source_name == "Backdrop");

    controller.remove_item(big);
    CHECK(controller.items().size() == 1);
    CHECK(controller.description().sources.size() == 1);  // unused source removed
}

TEST_CASE("a collection that cannot be instantiated leaves the current one", "[ui][model]") {
    const PluginRegistry registry = make_registry();
    StudioController controller(registry);
    controller.load(two_scenes());
    SceneCollectionDescription bad = two_scenes();
    bad.sources[0].type = "camera_that_does_not_exist";
    CHECK_THROWS_AS(controller.load(bad), SceneCollectionError);
    CHECK(controller.scene_names() == QStringList{"Main", "Break"});
    CHECK(controller.items().size() == 1);
}

namespace {

/// A source that, like the PipeWire capture, finds out a setting worth keeping while it runs
/// (set by the test through `learned`).
class LearningSource final : public Source {
public:
    explicit LearningSource(std::shared_ptr<nlohmann::json> learned)
        : learned_(std::move(learned)) {}
    unsigned capabilities() const override { return kVideo; }
    nlohmann::json learned_settings() const override { return *learned_; }

private:
    std::shared_ptr<nlohmann::json> learned_;
};

}  // namespace

TEST_CASE("what a running source learns is kept in its saved settings, without re-creating it",
          "[ui][model]") {
    auto learned = std::make_shared<nlohmann::json>(nlohmann::json::object());
    int created = 0;
    SourceType type;
    type.id = "learner";
    type.display_name = "Learner";
    type.capabilities = Source::kVideo;
    Property token;
    token.key = "restore_token";
    token.label = "Restore token";
    token.type = PropertyType::text;
    token.default_value = "";
    type.properties = {token};
    type.create = [&](const nlohmann::json&) {
        ++created;
        return std::make_shared<LearningSource>(learned);
    };
    PluginRegistry registry;
    registry.add(type);

    SceneCollectionDescription description;
    description.name = "Show";
    description.sources = {{"Desktop", "learner", nlohmann::json::object(), {}}};
    ItemDescription item;
    item.source = "Desktop";
    description.scenes = {{"Main", {item}}};
    description.current_scene = "Main";
    StudioController controller(registry);
    controller.load(description);
    REQUIRE(created == 1);
    QSignalSpy modified(&controller, &StudioController::modified);

    CHECK_FALSE(controller.keep_learned_settings());  // nothing learned yet
    CHECK(modified.count() == 0);

    *learned = {{"restore_token", "abc"}};
    CHECK(controller.keep_learned_settings());
    CHECK(modified.count() == 1);  // the window saves on modified()
    CHECK(controller.description().sources[0].settings["restore_token"] == "abc");
    CHECK(created == 1);  // the running source goes on; it is not asked again

    CHECK_FALSE(controller.keep_learned_settings());  // the same again: nothing to save
    CHECK(modified.count() == 1);

    *learned = {{"restore_token", "def"}};  // a new choice replaces the old one
    CHECK(controller.keep_learned_settings());
    CHECK(controller.description().sources[0].settings["restore_token"] == "def");

    *learned = {{"no_such_setting", 1}};  // refused by the type's schema: not saved
    CHECK_FALSE(controller.keep_learned_settings());
    CHECK_FALSE(controller.description().sources[0].settings.contains("no_such_setting"));
    CHECK(controller.description().sources[0].settings["restore_token"] == "def");
}
