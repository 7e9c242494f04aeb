// The StudioController's chosen transition, what the Transitions dock changes: a stinger's
// video is checked when chosen and opened through the plugin registry, ahead of its first run.
#include "core/plugin/plugin_registry.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {
namespace {

constexpr const char* kStingerType = "stinger";
constexpr const char* kNoStingerPlugin =
    "Stinger transitions need the media plugin, which is not loaded.";

}  // namespace

std::string StudioController::set_transition(const Transition& transition) {
    Transition chosen = transition;
    chosen.stinger.reset();
    if (chosen.kind == Transition::Kind::stinger) {
        const TransitionType* type = registry_.transition(kStingerType);
        if (type == nullptr)
            return kNoStingerPlugin;
        if (std::string problem = type->check ? type->check(chosen) : std::string();
            !problem.empty())
            return problem;
        // The same file keeps its opened video (and the run prepared ahead); another opens.
        chosen.stinger = transition_.stinger && transition_.stinger_file == chosen.stinger_file
                             ? transition_.stinger
                             : type->create(chosen);
    }
    const Transition before = saved_transition();
    transition_ = std::move(chosen);
    const bool changed = saved_transition() != before;
    restored_problem_.clear();
    emit transitionChanged();
    if (changed)
        emit modified();
    return {};
}

std::string StudioController::transition_problem() const {
    return restored_problem_;
}

void StudioController::restore_transition(const Transition& saved) {
    transition_ = saved;
    transition_.stinger.reset();
    restored_problem_.clear();
    if (saved.kind == Transition::Kind::stinger) {
        if (const TransitionType* type = registry_.transition(kStingerType)) {
            restored_problem_ = type->check ? type->check(saved) : std::string();
            transition_.stinger = type->create(saved);
        } else {
            restored_problem_ = kNoStingerPlugin;
        }
    }
    emit transitionChanged();
}

Transition StudioController::saved_transition() const {
    Transition saved = transition_;
    saved.stinger.reset();
    return saved;
}

}  // namespace lm::ui
