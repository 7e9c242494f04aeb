// The StudioController's lifecycle and lookups: loading a collection and describing it for
// saving, the studio it drives, and the helpers every edit uses (finding scenes, items and
// sources, sending the edited scenes to the engine). The edits themselves are in
// studio_controller_scenes.cpp, _items.cpp and _filters.cpp.
#include "ui/model/studio_controller.hpp"

#include <algorithm>

#include "core/plugin/plugin_registry.hpp"
#include "core/studio.hpp"

namespace lm::ui {

StudioController::StudioController(const PluginRegistry& registry, QObject* parent)
    : QObject(parent), registry_(registry) {
    scenes_.push_back({"Scene", {}});
    current_ = "Scene";
    program_ = current_;
}

StudioController::~StudioController() = default;

void StudioController::load(const SceneCollectionDescription& description) {
    // instantiate() checks everything and creates every source; only then is anything kept.
    SceneCollection live = instantiate(description, registry_);
    name_ = description.name;
    sources_ = description.sources;
    live_.clear();
    for (NamedSource& source : live.sources)
        live_[source.name] = std::move(source.source);
    scenes_.clear();
    for (const SceneDescription& scene : description.scenes) {
        EditableScene editable{scene.name, {}};
        for (const ItemDescription& item : scene.items)
            editable.items.push_back({next_item_id_++, item});
        scenes_.push_back(std::move(editable));
    }
    current_ = live.current_scene;
    program_ = current_;
    restore_transition(description.transition);
    emit scenesChanged();
    emit currentSceneChanged();
    items_edited();
}

SceneCollectionDescription StudioController::description() const {
    SceneCollectionDescription description;
    description.name = name_;
    description.sources = sources_;
    for (const EditableScene& scene : scenes_) {
        SceneDescription out{scene.name, {}};
        for (const EditableItem& item : scene.items)
            out.items.push_back(item.description);
        description.scenes.push_back(std::move(out));
    }
    description.current_scene = current_;
    description.transition = saved_transition();
    return description;
}

void StudioController::attach(Studio* studio) {
    studio_ = studio;
    push_scene();
}

int StudioController::canvas_width() const {
    return studio_ ? studio_->settings().video.width : VideoFormat{}.width;
}

int StudioController::canvas_height() const {
    return studio_ ? studio_->settings().video.height : VideoFormat{}.height;
}

// Helpers -----------------------------------------------------------------------------------

StudioController::EditableScene* StudioController::find_scene(const std::string& name) {
    auto at = std::find_if(scenes_.begin(), scenes_.end(),
                           [&](const EditableScene& scene) { return scene.name == name; });
    return at == scenes_.end() ? nullptr : &*at;
}

const StudioController::EditableScene* StudioController::find_scene(const std::string& name) const {
    return const_cast<StudioController*>(this)->find_scene(name);
}

StudioController::EditableScene& StudioController::current() {
    EditableScene* scene = find_scene(current_);
    return scene ? *scene : scenes_.front();
}

const StudioController::EditableScene& StudioController::current() const {
    return const_cast<StudioController*>(this)->current();
}

StudioController::EditableItem* StudioController::find_item(int id) {
    for (EditableItem& item : current().items) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

const StudioController::EditableItem* StudioController::find_item(int id) const {
    return const_cast<StudioController*>(this)->find_item(id);
}

const SourceDescription* StudioController::find_source(const std::string& name) const {
    return const_cast<StudioController*>(this)->find_source(name);
}

SourceDescription* StudioController::find_source(const std::string& name) {
    auto at = std::find_if(sources_.begin(), sources_.end(),
                           [&](const SourceDescription& source) { return source.name == name; });
    return at == sources_.end() ? nullptr : &*at;
}

ItemView StudioController::view_of(const EditableItem& item) const {
    ItemView view;
    view.id = item.id;
    view.source_name = item.description.source;
    if (const SourceDescription* source = find_source(item.description.source))
        view.source_type = source->type;
    if (auto live = live_.find(item.description.source); live != live_.end() && live->second) {
        view.capabilities = live->second->capabilities();
        view.width = live->second->width();
        view.height = live->second->height();
    }
    view.transform = item.description.transform;
    view.visible = item.description.visible;
    view.locked = item.description.locked;
    view.gain_db = item.description.gain_db;
    view.muted = item.description.muted;
    view.sync_offset_ms = item.description.sync_offset_ms;
    view.monitoring = item.description.monitoring;
    return view;
}

void StudioController::items_edited() {
    push_scene();
    emit itemsChanged();
    emit modified();
}

void StudioController::push_scene() {
    if (!studio_)
        return;
    // Program always shows its scene as edited; in studio mode the edited scene is also
    // rendered as the preview beside it. Edits are cuts: no transition for moving an item.
    studio_->set_scene(live_scene(program_));
    studio_->set_studio_preview(studio_mode_ ? live_scene(current_) : nullptr);
}

std::shared_ptr<const Scene> StudioController::live_scene(const std::string& name) const {
    auto scene = std::make_shared<Scene>();
    const EditableScene* editable = find_scene(name);
    if (!editable)
        return scene;
    scene->name = editable->name;
    for (const EditableItem& item : editable->items) {
        SceneItem live;
        live.id = item.id;
        live.name = item.description.source;
        if (auto found = live_.find(item.description.source); found != live_.end())
            live.source = found->second;
        live.transform = item.description.transform;
        live.visible = item.description.visible;
        live.locked = item.description.locked;
        live.gain_db = item.description.gain_db;
        live.muted = item.description.muted;
        live.sync_offset_ms = item.description.sync_offset_ms;
        live.monitoring = item.description.monitoring;
        scene->items.push_back(std::move(live));
    }
    return scene;
}

}  // namespace lm::ui
