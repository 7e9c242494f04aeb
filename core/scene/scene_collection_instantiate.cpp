// From a description to live scenes: each source created once through the registry and shared
// by every item that shows it.
#include <fmt/format.h>

#include <set>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "core/scene/scene_collection.hpp"

namespace lm {

namespace {

// Descriptions read from a file carry origins, so errors found only now (an unknown type, a
// setting the plugin refuses) still point at the line to fix.
[[noreturn]] void fail(const TextOrigin& at, const std::string& message) {
    if (!at.known())
        throw SceneCollectionError("scene collection: " + message);
    throw SceneCollectionError(fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, message));
}

std::shared_ptr<Source> create(const SourceDescription& source, const PluginRegistry& registry) {
    const SourceType* type = registry.source(source.type);
    if (type == nullptr) {
        std::string known;
        for (const SourceType* each : registry.sources()) {
            known += known.empty() ? each->id : ", " + each->id;
        }
        fail(source.origin.type,
             fmt::format("source '{}' has unknown type '{}'; known types: {}", source.name,
                         source.type, known.empty() ? "none (no plugins loaded)" : known));
    }
    if (!source.settings.is_null() && !source.settings.is_object()) {
        fail(source.origin.settings,
             fmt::format("source '{}': \"settings\" must be a JSON object", source.name));
    }
    // Check one setting at a time, so the error points at the line of the value at fault.
    for (const Property& property : type->properties) {
        if (!source.settings.is_object() || !source.settings.contains(property.key))
            continue;
        try {
            apply_schema({property}, {{property.key, source.settings.at(property.key)}});
        } catch (const std::invalid_argument& error) {
            const auto origin = source.origin.setting_values.find(property.key);
            fail(origin != source.origin.setting_values.end() ? origin->second
                                                              : source.origin.settings,
                 fmt::format("source '{}' ({}): {}", source.name, source.type, error.what()));
        }
    }
    std::shared_ptr<Source> created;
    try {
        created = registry.create_source(source.type, source.settings);
    } catch (const std::exception& error) {
        fail(source.origin.settings,
             fmt::format("source '{}' could not be created: {}", source.name, error.what()));
    }
    try {
        return with_filters(std::move(created), source.filters, registry);
    } catch (const std::invalid_argument& error) {
        fail(source.origin.type, fmt::format("source '{}': {}", source.name, error.what()));
    }
}

}  // namespace

SceneCollection instantiate(const SceneCollectionDescription& description,
                            const PluginRegistry& registry) {
    SceneCollection collection;
    collection.name = description.name;
    std::map<std::string, std::shared_ptr<Source>> by_name;
    for (const SourceDescription& source : description.sources) {
        if (source.name.empty())
            fail(source.origin.type, "a source has an empty name");
        if (by_name.contains(source.name)) {
            fail(source.origin.type, fmt::format("source name '{}' is used twice", source.name));
        }
        std::shared_ptr<Source> created = create(source, registry);
        by_name.emplace(source.name, created);
        collection.sources.push_back(NamedSource{source.name, source.type, std::move(created)});
    }

    if (description.scenes.empty())
        fail({}, "a scene collection needs at least one scene");
    std::set<std::string> scene_names;
    for (const SceneDescription& scene_description : description.scenes) {
        if (!scene_names.insert(scene_description.name).second) {
            fail({}, fmt::format("scene name '{}' is used twice", scene_description.name));
        }
        Scene scene{scene_description.name, {}};
        for (const ItemDescription& item : scene_description.items) {
            const auto found = by_name.find(item.source);
            if (found == by_name.end()) {
                fail(item.source_origin,
                     fmt::format("scene '{}' item {} refers to source '{}' which is not defined",
                                 scene.name, scene.items.size() + 1, item.source));
            }
            SceneItem live;
            live.id = static_cast<int>(scene.items.size()) + 1;
            live.name = item.source;
            live.source = found->second;  // shared: one source, however many items show it
            live.transform = item.transform;
            live.visible = item.visible;
            live.locked = item.locked;
            live.gain_db = item.gain_db;
            live.muted = item.muted;
            live.sync_offset_ms = item.sync_offset_ms;
            live.monitoring = item.monitoring;
            scene.items.push_back(std::move(live));
        }
        collection.scenes.push_back(std::move(scene));
    }

    collection.current_scene = description.current_scene.empty() ? description.scenes.front().name
                                                                 : description.current_scene;
    if (!scene_names.contains(collection.current_scene)) {
        fail({},
             fmt::format("current_scene '{}' is not one of the scenes", collection.current_scene));
    }
    return collection;
}

}  // namespace lm
