// The transition a scene collection keeps: written when chosen, read back equal, absent from
// older files (which keep loading, with the default fade), checked like every other value.
#include <catch2/catch.hpp>

#include "core/scene/scene_collection.hpp"

using Catch::Matchers::Contains;

namespace {

lm::SceneCollectionDescription one_scene() {
    lm::SceneCollectionDescription d;
    d.name = "Show";
    d.scenes.push_back({"Main", {}});
    d.current_scene = "Main";
    return d;
}

std::string with_transition(const std::string& transition) {
    return R"({"format": "livemachine-scene-collection", "version": 1, "scenes": [{"name": "A"}],
"transition": )" +
           transition + "}";
}

}  // namespace

TEST_CASE("a stinger and its settings survive a save and a load", "[scene][transition]") {
    lm::SceneCollectionDescription d = one_scene();
    d.transition.kind = lm::Transition::Kind::stinger;
    d.transition.stinger_file = "/home/me/Stingers/wipe ☕.mov";
    d.transition.stinger_point_ms = 500;
    d.transition.stinger_audio = lm::Transition::StingerAudio::switch_at_point;
    d.transition.direction = lm::Transition::Direction::up;
    d.transition.color = 0xFF123456;
    const std::string text = lm::serialize(d);
    CHECK_THAT(text, Contains(R"("kind": "stinger")"));
    CHECK_THAT(text, Contains(R"("transition_point_ms": 500)"));
    CHECK_THAT(text, Contains(R"("audio": "switch_at_point")"));
    CHECK_THAT(text, Contains(R"("color": "#FF123456")"));
    CHECK(lm::parse_scene_collection(text, "show.json") == d);
}

TEST_CASE("the default transition is not written, so untouched files stay as they were",
          "[scene][transition]") {
    lm::SceneCollectionDescription d = one_scene();
    CHECK_THAT(lm::serialize(d), !Contains("transition"));
    d.transition.kind = lm::Transition::Kind::cut;
    CHECK_THAT(lm::serialize(d), Contains(R"("kind": "cut")"));
}

TEST_CASE("a file from before transitions were saved loads with a 300 ms fade",
          "[scene][transition]") {
    const auto d = lm::parse_scene_collection(
        R"({"format": "livemachine-scene-collection", "version": 1, "scenes": [{"name": "A"}]})",
        "old.json");
    CHECK(d.transition == lm::Transition{lm::Transition::Kind::fade, 300});
}

TEST_CASE("a transition that is not one is refused with where and why", "[scene][transition]") {
    CHECK_THROWS_WITH(lm::parse_scene_collection(with_transition(R"({"kind": "wipe"})"), "s.json"),
                      Contains("s.json:2:") && Contains("\"kind\" must be one of \"cut\"") &&
                          Contains("\"stinger\""));
    CHECK_THROWS_WITH(
        lm::parse_scene_collection(
            with_transition(R"({"kind": "stinger", "stinger": {"point": 5}})"), "s.json"),
        Contains("transition stinger: unknown key \"point\""));
    CHECK_THROWS_WITH(
        lm::parse_scene_collection(with_transition(R"({"stinger": {"transition_point_ms": -5}})"),
                                   "s.json"),
        Contains("\"transition_point_ms\" must be a whole number of milliseconds >= 0"));
    CHECK_THROWS_WITH(lm::parse_scene_collection(with_transition(R"({"color": "red"})"), "s.json"),
                      Contains("\"color\" must be a colour \"#AARRGGBB\""));
    CHECK_THROWS_WITH(
        lm::parse_scene_collection(with_transition(R"({"stinger": {"audio": "loud"}})"), "s.json"),
        Contains("\"audio\" must be one of \"crossfade\", \"switch_at_point\""));
}
