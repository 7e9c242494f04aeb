// The StudioController's scene edits: which scene is current and which is on program,
// studio mode and sending the preview to program, and adding, removing, renaming, copying and
// ordering scenes.
#include <algorithm>

#include "core/studio.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/model/unique_name.hpp"

namespace lm::ui {

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
    const std::string unique =
        unique_scene_name(trimmed_name(name).empty() ? "Scene" : trimmed_name(name));
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
    const std::string name = trimmed_name(to);
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

std::string StudioController::unique_scene_name(const std::string& base) const {
    return first_free(base, [&](const std::string& candidate) { return find_scene(candidate); });
}

}  // namespace lm::ui
