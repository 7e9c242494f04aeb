// A video source of a fixed size and a "sized" source type making it, shared by the UI tests
// that need items with real dimensions but no plugins.
#pragma once

#include <memory>
#include <utility>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/source.hpp"

namespace lm::ui::test {

/// A video source of the size it was made with; it draws nothing.
class SizedSource final : public lm::Source {
public:
    SizedSource(int width, int height) : width_(width), height_(height) {}
    unsigned capabilities() const override { return kVideo; }
    int width() const override { return width_; }
    int height() const override { return height_; }

private:
    int width_;
    int height_;
};

/// Type "sized" ("Sized"): integer settings "width" and "height" (1..8000, both
/// `default_size` by default) give the SizedSource's size.
inline lm::SourceType sized_source_type(int default_size) {
    lm::SourceType type;
    type.id = "sized";
    type.display_name = "Sized";
    type.capabilities = lm::Source::kVideo;
    for (const char* key : {"width", "height"}) {
        lm::Property size;
        size.key = key;
        size.label = key;
        size.type = lm::PropertyType::integer;
        size.default_value = default_size;
        size.min = 1;
        size.max = 8000;
        type.properties.push_back(size);
    }
    type.create = [](const nlohmann::json& settings) {
        return std::make_shared<SizedSource>(settings["width"].get<int>(),
                                             settings["height"].get<int>());
    };
    return type;
}

/// A registry holding only sized_source_type(`default_size`).
inline lm::PluginRegistry sized_registry(int default_size) {
    lm::PluginRegistry registry;
    registry.add(sized_source_type(default_size));
    return registry;
}

}  // namespace lm::ui::test
