#include "core/scene/scene_collection.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Every field away from its default, odd numbers and non-ASCII names included.
lm::SceneCollectionDescription rich_description() {
    lm::SceneCollectionDescription d;
    d.name = "Thursday stream ☕";
    d.sources.push_back({"Bars", "test_pattern", {{"width", 1280}, {"beep", false}}, {}});
    d.sources.push_back({"Caméra", "camera", {{"device", "/dev/video0"}, {"fps", 29.97}}, {}});
    d.sources.push_back({"Empty", "color_source", nlohmann::json::object(), {}});

    lm::ItemDescription bars;
    bars.source = "Bars";
    bars.transform.position = {12.25, -40};
    bars.transform.scale = {1.0 / 3.0, 2.5};
    bars.transform.rotation_deg = -12.5;
    bars.transform.crop = {1, 2, 3, 4};
    bars.visible = false;
    bars.locked = true;
    bars.gain_db = -3.5;
    bars.muted = true;
    bars.sync_offset_ms = -120;
    bars.monitoring = lm::MonitoringMode::monitor_only;

    lm::ItemDescription camera;
    camera.source = "Caméra";
    camera.transform.bounds_type = lm::BoundsType::scale_outer;
    camera.transform.bounds = {1920, 1080};

    lm::ItemDescription stretched = camera;
    stretched.transform.bounds_type = lm::BoundsType::stretch;
    stretched.transform.bounds = {0.5, 1e-3};

    d.scenes.push_back({"Main", {bars, camera}});
    d.scenes.push_back({"BRB", {stretched, bars}});
    d.scenes.push_back({"Nothing", {}});
    d.current_scene = "BRB";
    return d;
}

std::string error_of(std::string_view text) {
    try {
        lm::parse_scene_collection(text, "show.json");
    } catch (const lm::SceneCollectionError& error) {
        return error.what();
    }
    return "(parsed)";
}

// The start every valid test file shares.
constexpr const char* kHead = R"({
  "format": "livemachine-scene-collection",
  "version": 1,
)";

std::string with_head(const std::string& rest) {
    return kHead + rest;
}

}  // namespace

TEST_CASE("a description survives serialize and parse unchanged", "[scene]") {
    const lm::SceneCollectionDescription original = rich_description();
    const std::string text = lm::serialize(original);
    const lm::SceneCollectionDescription parsed = lm::parse_scene_collection(text, "x.json");
    CHECK(parsed == original);
    CHECK(parsed.scenes[0].items[0].transform.scale.x ==
          original.scenes[0].items[0].transform.scale.x);
    // Writing what was read gives the same bytes: saving an unchanged show changes nothing.
    CHECK(lm::serialize(parsed) == text);
}

TEST_CASE("descriptions that differ compare different", "[scene]") {
    // Guards the round-trip test: equality must not be vacuous.
    const lm::SceneCollectionDescription a = rich_description();
    lm::SceneCollectionDescription b = a;
    b.scenes[0].items[0].transform.crop.bottom = 5;
    CHECK_FALSE(a == b);
    b = a;
    b.sources[1].settings["fps"] = 30;
    CHECK_FALSE(a == b);
    b = a;
    b.scenes[1].items[0].transform.bounds_type = lm::BoundsType::scale_inner;
    CHECK_FALSE(a == b);
}

TEST_CASE("serialize writes the documented layout", "[scene]") {
    const std::string text = lm::serialize(rich_description());
    CHECK_THAT(text, StartsWith("{\n  \"format\": \"livemachine-scene-collection\",\n"
                                "  \"version\": 1,\n  \"name\": \"Thursday stream ☕\",\n"));
    CHECK_THAT(text, Contains("\"position\": [12.25, -40],"));  // short arrays on one line
    CHECK_THAT(text, Contains("\"position\": [0, 0],"));        // whole numbers without ".0"
    CHECK_THAT(text, Contains("\"type\": \"scale_outer\",\n"));
    CHECK_THAT(text, Contains("\"size\": [1920, 1080]"));
    CHECK_THAT(text, Contains("\"sync_offset_ms\": -120,\n"));
    CHECK_THAT(text, Contains("\"monitoring\": \"monitor_only\"\n"));
    CHECK_THAT(text, Contains("\"sync_offset_ms\": 0\n"));  // off is not written
    CHECK_THAT(text, Contains("\"current_scene\": \"BRB\"\n}\n"));
}

TEST_CASE("serialize refuses numbers JSON cannot hold", "[scene]") {
    lm::SceneCollectionDescription d = rich_description();
    d.scenes[0].items[1].transform.rotation_deg = std::nan("");
    CHECK_THROWS_WITH(lm::serialize(d), Contains("scene 'Main' item 2 rotation is nan"));
}

TEST_CASE("parse fills every omitted field with its default", "[scene]") {
    const auto d = lm::parse_scene_collection(with_head(R"(
  "sources": [{"name": "Bars", "type": "test_pattern"}],
  "scenes": [{"name": "Main", "items": [{"source": "Bars"}]}, {"name": "Other"}]
})"),
                                              "x.json");
    CHECK(d.name.empty());
    CHECK(d.sources[0].settings == nlohmann::json::object());
    CHECK(d.current_scene == "Main");  // the first scene
    CHECK(d.scenes[1].items.empty());
    const lm::ItemDescription& item = d.scenes[0].items[0];
    CHECK(item.transform == lm::ItemTransform{});
    CHECK(item.visible);
    CHECK_FALSE(item.locked);
    CHECK(item.gain_db == 0);
    CHECK_FALSE(item.muted);
    CHECK(item.sync_offset_ms == 0);
    CHECK(item.monitoring == lm::MonitoringMode::off);  // files from before monitoring
}

TEST_CASE("JSON syntax errors point at the offending character", "[scene]") {
    // Missing comma after "version": 1 -- found at the next key.
    CHECK(error_of("{\n  \"format\": \"livemachine-scene-collection\",\n  \"version\": 1\n"
                   "  \"scenes\": []\n}") ==
          "show.json:4:3: JSON syntax error: syntax error while parsing object - unexpected "
          "string literal; expected '}'");
    // Trailing comma in an array.
    CHECK_THAT(error_of(with_head("  \"scenes\": [1, ]\n}")),
               StartsWith("show.json:4:17: JSON syntax error: "));
    // A file cut short: the error is where the text ends.
    CHECK_THAT(error_of(with_head("  \"scenes\": [")),
               StartsWith("show.json:4:14: JSON syntax error: ") && Contains("end of input"));
    CHECK_THAT(error_of(""), StartsWith("show.json:1:1: JSON syntax error: "));
    // Columns count characters, not bytes: "é" is one column.
    CHECK_THAT(error_of("{\"é\": tru}"), StartsWith("show.json:1:10: JSON syntax error: "));
    // A number too large for a double is found by its text.
    CHECK_THAT(error_of(with_head("  \"scenes\": [\n    1e400]\n}")),
               StartsWith("show.json:5:5: JSON syntax error: ") && Contains("1e400"));
}

TEST_CASE("a file that is not a scene collection says so", "[scene]") {
    CHECK(error_of("[1, 2]") ==
          "show.json:1:1: a scene collection must be a JSON object {...}, got [1,2]");
    CHECK(error_of("  {\"version\": 1}") ==
          "show.json:1:3: not a Live Machine scene collection: it has no \"format\": "
          "\"livemachine-scene-collection\"");
    CHECK(error_of("{\n  \"format\": \"obs-scene-collection\"}") ==
          "show.json:2:13: not a Live Machine scene collection: \"format\" is "
          "\"obs-scene-collection\", expected \"livemachine-scene-collection\"");
}

TEST_CASE("a file from a newer Live Machine is refused by its version", "[scene]") {
    // Unknown keys too: the version is the useful thing to report, so it is checked first.
    CHECK(error_of("{\"format\": \"livemachine-scene-collection\",\n \"version\": 3,\n"
                   " \"transitions\": []}") ==
          "show.json:2:13: this file was written by a newer Live Machine (version 3); this one "
          "reads up to 1");
    CHECK(error_of("{\"format\": \"livemachine-scene-collection\", \"version\": \"1\"}") ==
          "show.json:1:55: \"version\" must be a whole number >= 1, got \"1\"");
    CHECK(error_of("{\"format\": \"livemachine-scene-collection\"}") ==
          "show.json:1:1: \"version\" is missing");
}

TEST_CASE("shape errors name the place, the value and what is allowed", "[scene]") {
    const std::string sources =
        "  \"sources\": [{\"name\": \"Bars\", \"type\": \"test_pattern\"}],\n";
    auto scene_with_item = [&](const std::string& item) {
        return with_head(sources + "  \"scenes\": [{\"name\": \"Main\", \"items\": [\n    " + item +
                         "\n  ]}]\n}");
    };
    // Item lines are line 6; the item starts at column 5.
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "positon": [0, 0]})")) ==
          "show.json:6:24: scene 'Main' item 1: unknown key \"positon\"; known keys: source, "
          "position, scale, rotation, crop, bounds, visible, locked, gain_db, muted, "
          "sync_offset_ms, monitoring");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "monitoring": "on"})")) ==
          "show.json:6:38: scene 'Main' item 1: \"monitoring\" must be one of \"off\", "
          "\"monitor_only\", \"monitor_and_output\", got \"on\"");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "position": [0]})")) ==
          "show.json:6:36: scene 'Main' item 1: \"position\" must be an array of two numbers "
          "[x, y], got [0]");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "visible": "yes"})")) ==
          "show.json:6:35: scene 'Main' item 1: \"visible\" must be true or false, got \"yes\"");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "crop": {"left": -4}})")) ==
          "show.json:6:41: scene 'Main' item 1 crop: \"left\" must be a whole number of pixels "
          ">= 0, got -4");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "bounds": {"type": "fit"}})")) ==
          "show.json:6:43: scene 'Main' item 1 bounds: \"type\" must be one of \"none\", "
          "\"stretch\", \"scale_inner\", \"scale_outer\", got \"fit\"");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "bounds": {"type": "stretch"}})")) ==
          "show.json:6:34: scene 'Main' item 1 bounds: type \"stretch\" needs a \"size\": "
          "[width, height]");
    CHECK(error_of(scene_with_item(
              R"({"source": "Bars", "bounds": {"type": "stretch", "size": [0, 720]}})")) ==
          "show.json:6:62: scene 'Main' item 1 bounds: \"size\" must be two numbers above 0 "
          "[width, height], got [0,720]");
    CHECK(error_of(scene_with_item(R"({"source": "Bars", "sync_offset_ms": 2.5})")) ==
          "show.json:6:42: scene 'Main' item 1: \"sync_offset_ms\" must be a whole number of "
          "milliseconds, got 2.5");
    CHECK(error_of(scene_with_item(R"({"position": [0, 0]})")) ==
          "show.json:6:5: scene 'Main' item 1: \"source\" is missing");
    CHECK(error_of(scene_with_item("42")) ==
          "show.json:6:5: scene 'Main' item 1 must be a JSON object {...}, got 42");
}

TEST_CASE("an item referring to an undefined source is refused at the reference", "[scene]") {
    const std::string text = with_head(R"(  "sources": [
    {"name": "Bars", "type": "test_pattern"}
  ],
  "scenes": [
    {"name": "Main", "items": [
      {"source": "Bars"},
      {"source": "Cam"}
    ]}
  ]
})");
    CHECK(error_of(text) ==
          "show.json:10:18: scene 'Main' item 2 refers to source 'Cam' which is not defined");
}

TEST_CASE("names must be unique and present", "[scene]") {
    CHECK(error_of(with_head(R"(  "sources": [
    {"name": "Bars", "type": "test_pattern"},
    {"name": "Bars", "type": "color_source"}
  ],
  "scenes": [{"name": "Main"}]
})")) == "show.json:6:14: source name 'Bars' is used twice");
    CHECK(error_of(with_head(R"(  "scenes": [{"name": "Main"},
             {"name": "Main"}]
})")) == "show.json:5:23: scene name 'Main' is used twice");
    CHECK(error_of(with_head(R"(  "sources": [{"type": "test_pattern"}],
  "scenes": [{"name": "Main"}]
})")) == "show.json:4:15: source 1: \"name\" is missing");
    CHECK(error_of(with_head(R"(  "scenes": [{"name": ""}]
})")) == "show.json:4:23: scene 1: \"name\" must be a non-empty string, got \"\"");
}

TEST_CASE("a collection needs a scene, and current_scene must be one of them", "[scene]") {
    CHECK(error_of(with_head("  \"scenes\": []\n}")) ==
          "show.json:4:13: \"scenes\" must be an array with at least one scene, got []");
    CHECK(error_of(with_head("  \"name\": \"x\"\n}")) == "show.json:1:1: \"scenes\" is missing");
    CHECK(error_of(with_head(R"(  "scenes": [{"name": "Main"}, {"name": "BRB"}],
  "current_scene": "Mian"
})")) == "show.json:5:20: current_scene 'Mian' is not one of the scenes ('Main', 'BRB')");
}

TEST_CASE("a key given twice in one object is refused", "[scene]") {
    CHECK(error_of(with_head(R"(  "scenes": [{"name": "Main", "name": "Other"}]
})")) == "show.json:4:31: key \"name\" appears twice in the same object");
}

TEST_CASE("settings keep whatever the file holds, for the source type to check", "[scene]") {
    const auto d = lm::parse_scene_collection(with_head(R"(  "sources": [
    {"name": "A", "type": "t", "settings": {"nested": {"x": [1, 2.5, "three"]}, "n": null}}
  ],
  "scenes": [{"name": "Main"}]
})"),
                                              "x.json");
    CHECK(d.sources[0].settings["nested"]["x"][2] == "three");
    CHECK(d.sources[0].settings["n"].is_null());
    CHECK(error_of(with_head(R"(  "sources": [{"name": "A", "type": "t", "settings": [1]}],
  "scenes": [{"name": "Main"}]
})")) == "show.json:4:54: source 'A': \"settings\" must be a JSON object {...}, got [1]");
}
