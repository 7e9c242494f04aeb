#include <catch2/catch.hpp>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene_collection.hpp"

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// A rectangle sized by its settings; counts how many were made.
class RectSource final : public lm::Source {
public:
    RectSource(int width, int height) : width_(width), height_(height) {}
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return width_; }
    int height() const override { return height_; }

private:
    int width_;
    int height_;
};

lm::PluginRegistry make_registry(int& created) {
    lm::PluginRegistry registry;
    for (const char* id : {"rect", "other"}) {
        lm::SourceType type;
        type.id = id;
        type.display_name = id;
        type.capabilities = lm::Source::kVideo;
        type.properties = {
            {"width", "Width", lm::PropertyType::integer, 1280, 1, 8192, {}, "", false, {}},
            {"height", "Height", lm::PropertyType::integer, 720, 1, 8192, {}, "", false, {}},
        };
        type.create = [&created](const json& settings) -> std::shared_ptr<lm::Source> {
            if (settings.at("width").get<int>() == 13) {
                throw std::invalid_argument("width 13 is unlucky");
            }
            ++created;
            return std::make_shared<RectSource>(settings.at("width").get<int>(),
                                                settings.at("height").get<int>());
        };
        registry.add(std::move(type));
    }
    return registry;
}

constexpr const char* kShow = R"({
  "format": "livemachine-scene-collection",
  "version": 1,
  "name": "Show",
  "sources": [
    {"name": "Big", "type": "rect", "settings": {"width": 1920, "height": 1080}},
    {"name": "Small", "type": "rect", "settings": {"width": 64}},
    {"name": "Unused", "type": "other"}
  ],
  "scenes": [
    {"name": "Main", "items": [
      {"source": "Big", "position": [10, 20], "locked": true},
      {"source": "Small", "visible": false, "gain_db": -6, "muted": true, "sync_offset_ms": 80}
    ]},
    {"name": "Again", "items": [{"source": "Small"}, {"source": "Big"}, {"source": "Small"}]}
  ],
  "current_scene": "Again"
})";

std::string error_of(const std::string& text) {
    int created = 0;
    const lm::PluginRegistry registry = make_registry(created);
    try {
        lm::instantiate(lm::parse_scene_collection(text, "show.json"), registry);
    } catch (const lm::SceneCollectionError& error) {
        return error.what();
    }
    return "(instantiated)";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("instantiate creates each source once and shares it between items", "[scene]") {
    int created = 0;
    const lm::PluginRegistry registry = make_registry(created);
    const lm::SceneCollection show =
        lm::instantiate(lm::parse_scene_collection(kShow, "show.json"), registry);

    CHECK(created == 3);  // Big, Small and Unused: not one per item
    CHECK(show.name == "Show");
    CHECK(show.current_scene == "Again");
    REQUIRE(show.sources.size() == 3);
    CHECK(show.sources[2].name == "Unused");
    CHECK(show.sources[2].type == "other");
    REQUIRE(show.scenes.size() == 2);

    const lm::Scene& main = show.scenes[0];
    const lm::Scene& again = show.scenes[1];
    REQUIRE(main.items.size() == 2);
    REQUIRE(again.items.size() == 3);
    // One Small for three items in two scenes: changing it shows everywhere.
    CHECK(main.items[1].source == again.items[0].source);
    CHECK(again.items[0].source == again.items[2].source);
    CHECK(main.items[0].source == again.items[1].source);
    CHECK(main.items[0].source != main.items[1].source);
    CHECK(main.items[1].source == show.sources[1].source);
    // The settings reached the plugin, defaults filled in.
    CHECK(main.items[0].source->width() == 1920);
    CHECK(main.items[1].source->width() == 64);
    CHECK(main.items[1].source->height() == 720);
}

TEST_CASE("instantiated items carry their transform, flags and audio settings", "[scene]") {
    int created = 0;
    const lm::PluginRegistry registry = make_registry(created);
    const auto show = lm::instantiate(lm::parse_scene_collection(kShow, "show.json"), registry);
    const lm::SceneItem& big = show.scenes[0].items[0];
    const lm::SceneItem& small = show.scenes[0].items[1];
    CHECK(big.id == 1);
    CHECK(small.id == 2);
    CHECK(show.scenes[1].items[2].id == 3);  // ids are per scene
    CHECK(big.name == "Big");
    CHECK(big.transform.position == lm::Vec2{10, 20});
    CHECK(big.locked);
    CHECK(big.visible);
    CHECK_FALSE(small.visible);
    CHECK(small.gain_db == -6);
    CHECK(small.muted);
    CHECK(small.sync_offset_ms == 80);
}

TEST_CASE("an unknown source type is reported at its line with the known types", "[scene]") {
    CHECK(error_of(replaced(kShow, R"("type": "other")", R"("type": "camera")")) ==
          "show.json:8:32: source 'Unused' has unknown type 'camera'; known types: other, rect");
}

TEST_CASE("a setting the source type refuses is reported at the setting's line", "[scene]") {
    CHECK(error_of(replaced(kShow, R"("width": 64)", R"("width": 0)")) ==
          "show.json:7:61: source 'Small' (rect): setting 'width' is 0; allowed: an integer from "
          "1 to 8192");
    // A refusal only the plugin's code can make points at the settings object.
    CHECK(error_of(replaced(kShow, R"("width": 64)", R"("width": 13)")) ==
          "show.json:7:51: source 'Small' could not be created: width 13 is unlucky");
}

TEST_CASE("descriptions built in memory are checked too, without positions", "[scene]") {
    int created = 0;
    const lm::PluginRegistry registry = make_registry(created);
    lm::SceneCollectionDescription d;
    d.sources.push_back({"A", "rect", json::object(), {}});
    d.scenes.push_back({"Main", {}});
    d.scenes[0].items.push_back({});
    d.scenes[0].items[0].source = "B";
    CHECK_THROWS_WITH(lm::instantiate(d, registry),
                      "scene collection: scene 'Main' item 1 refers to source 'B' which is not "
                      "defined");
    d.scenes[0].items[0].source = "A";
    d.current_scene = "Elsewhere";
    CHECK_THROWS_WITH(lm::instantiate(d, registry), Contains("current_scene 'Elsewhere'"));
    d.current_scene.clear();  // empty means the first scene
    CHECK(lm::instantiate(d, registry).current_scene == "Main");
    d.scenes.clear();
    CHECK_THROWS_WITH(lm::instantiate(d, registry),
                      "scene collection: a scene collection needs at least one scene");
}
