// What program should show, as both mixers receive it: the newest scene, how to get there
// (an edit of the current content, a cut, a fade), numbered so a mixer thread sees each
// request once. Written by any thread, read by the mixer threads; MT safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "core/scene/scene.hpp"
#include "core/scene/transition.hpp"

namespace lm {

struct ProgramRequest {
    std::shared_ptr<const Scene> scene;
    Transition transition;
    bool edit = false;  ///< new content for the current scene, not a scene change
    uint64_t serial = 0;
};

class ProgramRequestBox {
public:
    /// New content: a cut, or during a transition the incoming scene's new content.
    void set_scene(std::shared_ptr<const Scene> scene) {
        post(std::move(scene), Transition{Transition::Kind::cut, 0}, true);
    }
    void transition_to(std::shared_ptr<const Scene> scene, Transition transition) {
        post(std::move(scene), transition, false);
    }
    /// The newest request. One reader per box (each mixer owns its own).
    ProgramRequest get() const {
        std::lock_guard lock(mutex_);
        taken_serial_ = request_.serial;
        return request_;
    }

private:
    void post(std::shared_ptr<const Scene> scene, Transition transition, bool edit) {
        std::lock_guard lock(mutex_);
        if (edit && !request_.edit && request_.serial != taken_serial_) {
            // New content right after a scene change the mixer has not taken yet (the window
            // switches scene, then refreshes program's content): the change keeps its
            // transition, with the new content, rather than becoming a cut.
            request_.scene = std::move(scene);
            ++request_.serial;
            return;
        }
        request_.scene = std::move(scene);
        request_.transition = transition;
        request_.edit = edit;
        ++request_.serial;
    }

    mutable std::mutex mutex_;
    ProgramRequest request_;             // guarded by mutex_
    mutable uint64_t taken_serial_ = 0;  // the serial get() last returned; guarded by mutex_
};

}  // namespace lm
