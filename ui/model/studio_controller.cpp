#include "ui/model/studio_controller.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/plugin/plugin_registry.hpp"
#include "core/scene/filtered_source.hpp"
#include "core/studio.hpp"

namespace lm::ui {
namespace {

std::string text(const QString& string) {
    return string.trimmed().toStdString();
}

/// `base`, then `base 2`, `base 3`... until `taken` says no.
template <typename Taken>
std::string first_free(const std::string& base, Taken taken) {
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        std::string candidate = base + " " + std::to_string(n);
        if (!taken(candidate))
            return candidate;
    }
}

}  // namespace

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

// Scenes ------------------------------------------------------------------------------------

QStringList StudioController::scene_names() const {
    QStringList names;
    for (const EditableScene& scene : scenes_)
        names << QString::fromStdString(scene.name);
    return names;
}

QString StudioController::current_scene() const {
    return QString::fromStdString(current_);
}

void StudioController::set_current_scene(const QString& name) {
    const std::string wanted = name.toStdString();
    if (wanted == current_ || !find_scene(wanted))
        return;
    current_ = wanted;
    if (!studio_mode_) {
        program_ = wanted;
        if (studio_)
            studio_->transition_to(live_scene(program_), transition_);
        emit programSceneChanged();
    }
    emit currentSceneChanged();
    items_edited();
}

QString StudioController::program_scene() const {
    return QString::fromStdString(program_);
}

void StudioController::set_studio_mode(bool on) {
    if (on == studio_mode_)
        return;
    studio_mode_ = on;
    if (!on && program_ != current_) {
        program_ = current_;
        if (studio_)
            studio_->transition_to(live_scene(program_), transition_);
        emit programSceneChanged();
    }
    push_scene();
    emit studioModeChanged(on);
}

void StudioController::transition_to_program() {
    if (!studio_mode_)
        return;
    program_ = current_;
    if (studio_)
        studio_->transition_to(live_scene(program_), transition_);
    emit programSceneChanged();
    emit modified();
}

QString StudioController::add_scene(const QString& name) {
    const std::string unique = unique_scene_name(text(name).empty() ? "Scene" : text(name));
    const auto at = std::find_if(scenes_.begin(), scenes_.end(), [&](const EditableScene& scene) {
        return scene.name == current_;
    });
    scenes_.insert(at == scenes_.end() ? at : at + 1, EditableScene{unique, {}});
    emit scenesChanged();
    set_current_scene(QString::fromStdString(unique));
    return QString::fromStdString(unique);
}

bool StudioController::remove_scene(const QString& name) {
    const std::string target = name.toStdString();
    if (scenes_.size() <= 1 || !find_scene(target))
        return false;
    const auto at = std::find_if(scenes_.begin(), scenes_.end(),
                                 [&](const EditableScene& scene) { return scene.name == target; });
    const size_t index = size_t(at - scenes_.begin());
    scenes_.erase(at);
    emit scenesChanged();
    const bool current_removed = current_ == target;
    if (current_removed)
        current_ = scenes_[std::min(index, scenes_.size() - 1)].name;
    if (program_ == target) {
        program_ = current_;
        emit programSceneChanged();
    }
    if (current_removed)
        emit currentSceneChanged();
    items_edited();
    return true;
}

bool StudioController::rename_scene(const QString& from, const QString& to) {
    EditableScene* scene = find_scene(from.toStdString());
    const std::string name = text(to);
    if (!scene || name.empty())
        return false;
    if (name == scene->name)
        return true;
    if (find_scene(name))
        return false;
    if (current_ == scene->name)
        current_ = name;
    if (program_ == scene->name)
        program_ = name;
    scene->name = name;
    emit scenesChanged();
    emit modified();
    return true;
}

QString StudioController::duplicate_scene(const QString& name) {
    const EditableScene* source = find_scene(name.toStdString());
    if (!source)
        return {};
    EditableScene copy{unique_scene_name(source->name), source->items};
    for (EditableItem& item : copy.items)
        item.id = next_item_id_++;
    const auto at = std::find_if(scenes_.begin(), scenes_.end(), [&](const EditableScene& scene) {
        return scene.name == source->name;
    });
    const std::string copy_name = copy.name;
    scenes_.insert(at + 1, std::move(copy));
    emit scenesChanged();
    emit modified();
    return QString::fromStdString(copy_name);
}

void StudioController::move_scene(const QString& name, int new_index) {
    const auto at = std::find_if(scenes_.begin(), scenes_.end(), [&](const EditableScene& scene) {
        return scene.name == name.toStdString();
    });
    if (at == scenes_.end())
        return;
    const int from = int(at - scenes_.begin());
    const int to = std::clamp(new_index, 0, int(scenes_.size()) - 1);
    if (from == to)
        return;
    EditableScene moved = std::move(*at);
    scenes_.erase(at);
    scenes_.insert(scenes_.begin() + to, std::move(moved));
    emit scenesChanged();
    emit modified();
}

// Items -------------------------------------------------------------------------------------

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
        unique_source_name(text(name).empty() ? QString::fromStdString(source_type->display_name)
                                              : name)
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
    const std::string wanted = text(name);
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

QString StudioController::unique_source_name(const QString& base) const {
    return QString::fromStdString(first_free(
        text(base), [&](const std::string& candidate) { return find_source(candidate); }));
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
    return view;
}

std::string StudioController::unique_scene_name(const std::string& base) const {
    return first_free(base, [&](const std::string& candidate) { return find_scene(candidate); });
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
        scene->items.push_back(std::move(live));
    }
    return scene;
}

}  // namespace lm::ui
