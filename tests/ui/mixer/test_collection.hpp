// A StudioController over a tiny in-test source type, so the mixer's tests need no plugins:
// "Camera" (video + audio), "Image" (video only), "Mic" and "Desktop Audio" (audio only).
#pragma once

#include <memory>
#include <string>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene_collection.hpp"
#include "core/scene/source.hpp"
#include "ui/model/studio_controller.hpp"

namespace mixer_test {

class TestSource : public lm::Source {
public:
    explicit TestSource(unsigned capabilities) : capabilities_(capabilities) {}
    unsigned capabilities() const override { return capabilities_; }
    int width() const override { return capabilities_ & kVideo ? 320 : 0; }
    int height() const override { return capabilities_ & kVideo ? 240 : 0; }

private:
    unsigned capabilities_;
};

inline lm::SourceType test_type(const std::string& id, unsigned capabilities) {
    lm::SourceType type;
    type.id = id;
    type.display_name = id;
    type.capabilities = capabilities;
    type.create = [capabilities](const nlohmann::json&) {
        return std::make_shared<TestSource>(capabilities);
    };
    return type;
}

inline lm::ItemDescription item(const std::string& source, double gain_db = 0, bool muted = false) {
    lm::ItemDescription item;
    item.source = source;
    item.gain_db = gain_db;
    item.muted = muted;
    return item;
}

inline lm::SourceDescription source(const std::string& name, const std::string& type) {
    lm::SourceDescription source;
    source.name = name;
    source.type = type;
    return source;
}

/// Scene "Main" (bottom first): Camera, Image, Mic (-3.2 dB), Desktop Audio (muted).
/// Scene "Pictures": Image only. Scene "Voice": Mic.
inline lm::SceneCollectionDescription test_collection() {
    lm::SceneCollectionDescription description;
    description.name = "Test show";
    description.sources = {source("Camera", "test_av"), source("Image", "test_video"),
                           source("Mic", "test_audio"), source("Desktop Audio", "test_audio")};
    description.scenes = {
        {"Main",
         {item("Camera"), item("Image"), item("Mic", -3.2), item("Desktop Audio", 0, true)}},
        {"Pictures", {item("Image")}},
        {"Voice", {item("Mic")}},
    };
    description.current_scene = "Main";
    return description;
}

/// A registry with the three test types and a controller loaded with test_collection().
struct Studio {
    Studio() {
        registry.add(test_type("test_av", lm::Source::kVideo | lm::Source::kAudio));
        registry.add(test_type("test_video", lm::Source::kVideo));
        registry.add(test_type("test_audio", lm::Source::kAudio));
        controller.load(test_collection());
    }

    /// The id of the current scene's item showing `source`, or 0.
    int item_id(const std::string& source) const {
        for (const lm::ui::ItemView& view : controller.items()) {
            if (view.source_name == source)
                return view.id;
        }
        return 0;
    }

    lm::ui::ItemView view(const std::string& source) const {
        return *controller.item(item_id(source));
    }

    lm::PluginRegistry registry;
    lm::ui::StudioController controller{registry};
};

}  // namespace mixer_test
