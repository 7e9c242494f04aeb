// Writing scene collections: the JSON that parse_scene_collection reads back unchanged, laid
// out for people who open it in an editor.
#include <fmt/format.h>

#include <cmath>

#include "core/scene/scene_collection.hpp"
#include "core/scene/transition_names.hpp"

namespace lm {

namespace {

using Json = nlohmann::ordered_json;  // keeps keys in the documented order

// Whole numbers are written without ".0" ([0, 0] rather than [0.0, 0.0]); both read back as
// the same double, so the round trip stays exact.
Json number(double value, const std::string& what) {
    if (!std::isfinite(value)) {
        // JSON has no NaN or infinity; nlohmann would write null and the file would not load.
        throw SceneCollectionError(
            fmt::format("cannot save the scene collection: {} is {}", what, value));
    }
    if (value == std::floor(value) && std::abs(value) < 9.0e15) {
        return static_cast<int64_t>(value);
    }
    return value;
}

Json pair(Vec2 value, const std::string& what) {
    return Json::array({number(value.x, what), number(value.y, what)});
}

const char* bounds_name(BoundsType type) {
    switch (type) {
        case BoundsType::stretch:
            return "stretch";
        case BoundsType::scale_inner:
            return "scale_inner";
        case BoundsType::scale_outer:
            return "scale_outer";
        case BoundsType::none:
            break;
    }
    return "none";
}

Json item_json(const ItemDescription& item, const std::string& what) {
    const ItemTransform& t = item.transform;
    Json bounds = {{"type", bounds_name(t.bounds_type)}};
    // The size of "none" bounds is kept only when set, so a plain item stays short.
    if (t.bounds_type != BoundsType::none || t.bounds != Vec2{}) {
        bounds["size"] = pair(t.bounds, what + " bounds");
    }
    Json json{
        {"source", item.source},
        {"position", pair(t.position, what + " position")},
        {"scale", pair(t.scale, what + " scale")},
        {"rotation", number(t.rotation_deg, what + " rotation")},
        {"crop",
         {{"left", t.crop.left},
          {"top", t.crop.top},
          {"right", t.crop.right},
          {"bottom", t.crop.bottom}}},
        {"bounds", std::move(bounds)},
        {"visible", item.visible},
        {"locked", item.locked},
        {"gain_db", number(item.gain_db, what + " gain_db")},
        {"muted", item.muted},
        {"sync_offset_ms", item.sync_offset_ms},
    };
    // Written only when on, so files of shows that monitor nothing stay as they were.
    if (item.monitoring != MonitoringMode::off)
        json["monitoring"] = to_string(item.monitoring);
    return json;
}

bool is_short_scalar_array(const Json& value) {
    if (!value.is_array() || value.empty() || value.size() > 8)
        return false;
    for (const Json& element : value) {
        if (element.is_structured())
            return false;
    }
    return true;
}

// nlohmann's pretty printer puts every array element on its own line; positions and sizes
// read better as [x, y].
void write(const Json& value, int indent, std::string& out) {
    const std::string pad(indent + 2, ' ');
    if (value.is_object() && !value.empty()) {
        out += "{\n";
        bool first = true;
        for (const auto& [key, member] : value.items()) {
            out += first ? "" : ",\n";
            first = false;
            out += pad + Json(key).dump() + ": ";
            write(member, indent + 2, out);
        }
        out += "\n" + std::string(indent, ' ') + "}";
    } else if (value.is_array() && !value.empty() && !is_short_scalar_array(value)) {
        out += "[\n";
        for (size_t i = 0; i < value.size(); ++i) {
            out += i == 0 ? "" : ",\n";
            out += pad;
            write(value[i], indent + 2, out);
        }
        out += "\n" + std::string(indent, ' ') + "]";
    } else if (value.is_array() && !value.empty()) {
        out += "[";
        for (size_t i = 0; i < value.size(); ++i) {
            out += (i == 0 ? "" : ", ") + value[i].dump();
        }
        out += "]";
    } else {
        out += value.dump();  // scalars, {} and []
    }
}

Json transition_json(const Transition& t) {
    namespace names = transition_names;
    return Json{
        {"kind", names::name_of(names::kKinds, t.kind)},
        {"duration_ms", t.duration_ms},
        {"direction", names::name_of(names::kDirections, t.direction)},
        {"color", fmt::format("#{:08X}", t.color)},
        {"stinger",
         {{"file", t.stinger_file},
          {"transition_point_ms", t.stinger_point_ms},
          {"audio", names::name_of(names::kStingerAudio, t.stinger_audio)}}},
    };
}

}  // namespace

std::string serialize(const SceneCollectionDescription& description) {
    Json root = {
        {"format", kSceneCollectionFormat},
        {"version", kSceneCollectionVersion},
        {"name", description.name},
    };
    Json sources = Json::array();
    for (const SourceDescription& source : description.sources) {
        // A null (never-set) settings value is written as the empty object it means.
        Json settings = source.settings.is_null() ? Json::object() : Json(source.settings);
        Json entry = {
            {"name", source.name}, {"type", source.type}, {"settings", std::move(settings)}};
        if (!source.filters.empty()) {
            Json filters = Json::array();
            for (const FilterDescription& filter : source.filters) {
                filters.push_back(
                    {{"name", filter.name},
                     {"type", filter.type},
                     {"enabled", filter.enabled},
                     {"settings",
                      filter.settings.is_null() ? Json::object() : Json(filter.settings)}});
            }
            entry["filters"] = std::move(filters);
        }
        sources.push_back(std::move(entry));
    }
    root["sources"] = std::move(sources);
    Json scenes = Json::array();
    for (const SceneDescription& scene : description.scenes) {
        Json items = Json::array();
        for (size_t i = 0; i < scene.items.size(); ++i) {
            items.push_back(
                item_json(scene.items[i], fmt::format("scene '{}' item {}", scene.name, i + 1)));
        }
        scenes.push_back({{"name", scene.name}, {"items", std::move(items)}});
    }
    root["scenes"] = std::move(scenes);
    root["current_scene"] = description.current_scene;
    // Written only when chosen, so a collection that never changed it stays as it was.
    Transition saved = description.transition;
    saved.stinger.reset();  // live state
    if (saved != Transition{Transition::Kind::fade, 300})
        root["transition"] = transition_json(saved);

    std::string out;
    try {
        write(root, 0, out);
    } catch (const nlohmann::json::exception& error) {
        // Strings that are not valid UTF-8 cannot be written as JSON.
        throw SceneCollectionError(
            fmt::format("cannot save the scene collection: {}", error.what()));
    }
    out += "\n";
    return out;
}

}  // namespace lm
