// A real StudioController (no Studio attached) over a registry holding two small test source
// types, loaded with a two-scene collection: "Scene" shows Card A, B, C (bottom first) and
// "Live" shows Card A.
#pragma once

#include <QListWidget>
#include <QTest>
#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/scene_collection.hpp"
#include "test_sources.hpp"
#include "ui/model/studio_controller.hpp"

namespace Catch {
template <>
struct StringMaker<QString> {
    static std::string convert(const QString& value) { return '"' + value.toStdString() + '"'; }
};
template <>
struct StringMaker<QStringList> {
    static std::string convert(const QStringList& value) {
        return ("{ \"" + value.join("\", \"") + "\" }").toStdString();
    }
};
}  // namespace Catch

namespace lm::ui::test {

class BeepSource final : public lm::Source {
public:
    unsigned capabilities() const override { return kAudio; }
};

/// Wider test colour cards are refused at creation, as a real source refuses what its
/// device cannot do.
inline constexpr int kMaxWidth = 2000;

inline lm::Property property(const char* key, lm::PropertyType type, nlohmann::json value) {
    lm::Property p;
    p.key = key;
    p.label = key;
    p.type = type;
    p.default_value = std::move(value);
    return p;
}

inline void register_test_types(lm::PluginRegistry& registry) {
    lm::Property width = property("width", lm::PropertyType::integer, 320);
    width.min = 16;
    width.max = 4096;
    registry.add(lm::SourceType{"test_colour",
                                "Test Colour",
                                lm::Source::kVideo,
                                {property("color", lm::PropertyType::color, 0xFF000000u), width},
                                [](const nlohmann::json& s) -> std::shared_ptr<lm::Source> {
                                    const int w = s["width"].get<int>();
                                    if (w > kMaxWidth)
                                        throw std::invalid_argument(
                                            "a test card is at most 2000 pixels wide");
                                    return std::make_shared<SizedSource>(w, 240);
                                }});
    registry.add(lm::SourceType{"test_tone",
                                "Test Tone",
                                lm::Source::kAudio,
                                {property("frequency_hz", lm::PropertyType::number, 440.0)},
                                [](const nlohmann::json&) -> std::shared_ptr<lm::Source> {
                                    return std::make_shared<BeepSource>();
                                }});
}

inline lm::SceneCollectionDescription two_scene_collection() {
    lm::SceneCollectionDescription d;
    d.name = "Test show";
    for (const char* name : {"Card A", "Card B", "Card C"})
        d.sources.push_back({name, "test_colour", {{"width", 320}}, {}});
    lm::SceneDescription scene{"Scene", {}};
    for (const char* name : {"Card A", "Card B", "Card C"}) {
        lm::ItemDescription item;
        item.source = name;
        scene.items.push_back(item);
    }
    lm::ItemDescription live_item;
    live_item.source = "Card A";
    d.scenes = {scene, lm::SceneDescription{"Live", {live_item}}};
    d.current_scene = "Scene";
    return d;
}

struct ShowFixture {
    ShowFixture() {
        register_test_types(registry);
        controller.load(two_scene_collection());
    }

    /// The current scene's source names, bottom first (the controller's order).
    std::vector<std::string> names_bottom_first() const {
        std::vector<std::string> names;
        for (const ItemView& item : controller.items())
            names.push_back(item.source_name);
        return names;
    }

    int id_of(const std::string& source_name) const {
        for (const ItemView& item : controller.items()) {
            if (item.source_name == source_name)
                return item.id;
        }
        FAIL("no item shows " << source_name);
        return 0;
    }

    lm::PluginRegistry registry;
    StudioController controller{registry};
};

/// The texts of the list's rows, top to bottom.
inline QStringList row_texts(const QListWidget& list) {
    QStringList texts;
    for (int row = 0; row < list.count(); ++row)
        texts << list.item(row)->text();
    return texts;
}

inline void click_row(QListWidget& list, int row, Qt::MouseButton button = Qt::LeftButton) {
    QTest::mouseClick(list.viewport(), button, {}, list.visualItemRect(list.item(row)).center());
}

}  // namespace lm::ui::test
