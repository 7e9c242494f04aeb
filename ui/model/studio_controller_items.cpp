// The StudioController's item and source edits on the current scene: adding sources,
// removing, renaming and ordering items, their visibility, lock, transform and audio, and the
// settings of the sources they show.
#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "core/studio.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/model/unique_name.hpp"

namespace lm::ui {

std::vector<const SourceType*> StudioController::source_types() const {
    return registry_.sources();
}

std::vector<ItemView> StudioController::items() const {
    std::vector<ItemView> views;
    for (const EditableItem& item : current().items)
        views.push_back(view_of(item));
    return views;
}

std::optional<ItemView> StudioController::item(int id) const {
    const EditableItem* found = find_item(id);
    if (!found)
        return std::nullopt;
    return view_of(*found);
}

int StudioController::add_source(const std::string& type, const QString& name,
                                 const nlohmann::json& settings) {
    const SourceType* source_type = registry_.source(type);
    if (!source_type)
        throw std::invalid_argument("no source type '" + type + "' is loaded");
    const std::string unique =
        unique_source_name(
            trimmed_name(name).empty() ? QString::fromStdString(source_type->display_name) : name)
            .toStdString();
    nlohmann::json checked = apply_schema(source_type->properties, settings);
    std::shared_ptr<Source> source = source_type->create(checked);
    sources_.push_back(SourceDescription{unique, type, checked, {}});
    live_[unique] = source;

    EditableItem item{next_item_id_++, {}};
    item.description.source = unique;
    // A source larger than the canvas is scaled down to fit, as a creator expects.
    const int width = source->width();
    const int height = source->height();
    if (width > 0 && height > 0 && (width > canvas_width() || height > canvas_height())) {
        const double scale =
            std::min(double(canvas_width()) / width, double(canvas_height()) / height);
        item.description.transform.scale = {scale, scale};
    }
    current().items.push_back(item);
    items_edited();
    return item.id;
}

void StudioController::remove_item(int id) {
    auto& items = current().items;
    const auto removed =
        std::erase_if(items, [&](const EditableItem& item) { return item.id == id; });
    if (removed == 0)
        return;
    // A source no scene shows any more goes, as in OBS.
    std::erase_if(sources_, [&](const SourceDescription& source) {
        const bool used = std::any_of(scenes_.begin(), scenes_.end(), [&](const EditableScene& s) {
            return std::any_of(s.items.begin(), s.items.end(), [&](const EditableItem& item) {
                return item.description.source == source.name;
            });
        });
        if (!used)
            live_.erase(source.name);
        return !used;
    });
    items_edited();
}

bool StudioController::rename_source(int id, const QString& name) {
    EditableItem* item = find_item(id);
    const std::string wanted = trimmed_name(name);
    if (!item || wanted.empty())
        return false;
    const std::string old_name = item->description.source;
    if (wanted == old_name)
        return true;
    if (find_source(wanted))
        return false;
    for (SourceDescription& source : sources_) {
        if (source.name == old_name)
            source.name = wanted;
    }
    live_[wanted] = live_[old_name];
    live_.erase(old_name);
    for (EditableScene& scene : scenes_) {
        for (EditableItem& each : scene.items) {
            if (each.description.source == old_name)
                each.description.source = wanted;
        }
    }
    items_edited();
    return true;
}

void StudioController::move_item(int id, int new_index) {
    auto& items = current().items;
    const auto at =
        std::find_if(items.begin(), items.end(), [&](const EditableItem& i) { return i.id == id; });
    if (at == items.end())
        return;
    const int to = std::clamp(new_index, 0, int(items.size()) - 1);
    if (to == int(at - items.begin()))
        return;
    EditableItem moved = *at;
    items.erase(at);
    items.insert(items.begin() + to, moved);
    items_edited();
}

void StudioController::set_item_visible(int id, bool visible) {
    if (EditableItem* item = find_item(id); item && item->description.visible != visible) {
        item->description.visible = visible;
        items_edited();
    }
}

void StudioController::set_item_locked(int id, bool locked) {
    if (EditableItem* item = find_item(id); item && item->description.locked != locked) {
        item->description.locked = locked;
        items_edited();
    }
}

void StudioController::set_item_transform(int id, const ItemTransform& transform) {
    if (EditableItem* item = find_item(id); item && !(item->description.transform == transform)) {
        item->description.transform = transform;
        items_edited();
    }
}

void StudioController::set_item_gain_db(int id, double gain_db) {
    if (EditableItem* item = find_item(id); item && item->description.gain_db != gain_db) {
        item->description.gain_db = gain_db;
        items_edited();
    }
}

void StudioController::set_item_muted(int id, bool muted) {
    if (EditableItem* item = find_item(id); item && item->description.muted != muted) {
        item->description.muted = muted;
        items_edited();
    }
}

void StudioController::set_item_sync_offset_ms(int id, int64_t offset_ms) {
    if (EditableItem* item = find_item(id); item && item->description.sync_offset_ms != offset_ms) {
        item->description.sync_offset_ms = offset_ms;
        items_edited();
    }
}

nlohmann::json StudioController::source_settings(int id) const {
    const EditableItem* item = find_item(id);
    const SourceDescription* source = item ? find_source(item->description.source) : nullptr;
    return source ? source->settings : nlohmann::json::object();
}

SourceStatus StudioController::source_status(int id) const {
    const EditableItem* item = find_item(id);
    if (!item)
        return {};
    const auto live = live_.find(item->description.source);
    return live != live_.end() && live->second ? live->second->status() : SourceStatus{};
}

void StudioController::set_source_settings(int id, const nlohmann::json& settings) {
    const EditableItem* item = find_item(id);
    if (!item)
        return;
    const std::string name = item->description.source;
    auto source = std::find_if(sources_.begin(), sources_.end(),
                               [&](const SourceDescription& s) { return s.name == name; });
    if (source == sources_.end())
        return;
    const SourceType* type = registry_.source(source->type);
    if (!type)
        throw std::invalid_argument("no source type '" + source->type + "' is loaded");
    nlohmann::json checked = apply_schema(type->properties, settings);
    // Throws before anything changed; the source keeps its filters.
    live_[name] = with_filters(type->create(checked), source->filters, registry_);
    source->settings = std::move(checked);
    items_edited();
}

bool StudioController::keep_learned_settings() {
    bool changed = false;
    for (SourceDescription& source : sources_) {
        const auto live = live_.find(source.name);
        const SourceType* type = registry_.source(source.type);
        if (live == live_.end() || !live->second || !type)
            continue;
        const nlohmann::json learned = live->second->learned_settings();
        if (!learned.is_object() || learned.empty())
            continue;
        nlohmann::json merged =
            source.settings.is_object() ? source.settings : nlohmann::json::object();
        bool differs = false;
        for (const auto& [key, value] : learned.items()) {
            // Only settings of the type: the saved file must stay readable by its schema.
            const bool known = std::any_of(type->properties.begin(), type->properties.end(),
                                           [&](const Property& p) { return p.key == key; });
            if (!known || merged.value(key, nlohmann::json()) == value)
                continue;
            merged[key] = value;
            differs = true;
        }
        if (!differs)
            continue;
        try {
            // The source is not re-created: it already runs with what it learned.
            source.settings = apply_schema(type->properties, merged);
            changed = true;
        } catch (const std::invalid_argument& error) {
            spdlog::warn("source '{}' offered settings its type refuses: {}", source.name,
                         error.what());
        }
    }
    if (changed)
        emit modified();
    return changed;
}

QString StudioController::unique_source_name(const QString& base) const {
    return QString::fromStdString(first_free(
        trimmed_name(base), [&](const std::string& candidate) { return find_source(candidate); }));
}

std::optional<AudioLevels> StudioController::item_levels(int id) const {
    if (!studio_)
        return std::nullopt;
    const auto levels = studio_->item_levels();
    if (!levels)
        return std::nullopt;
    for (const ItemLevels& item : *levels) {
        if (item.item_id == id)
            return item.levels;
    }
    return std::nullopt;
}

}  // namespace lm::ui
