// Draws scenes into render targets (video thread, GL context current) and keeps track of the
// sources holding GPU state, so a source no scene on screen shows any more gives it back.
#pragma once

#include <initializer_list>
#include <memory>
#include <vector>

#include "core/encode/encoder.hpp"
#include "core/gpu/gl_objects.hpp"
#include "core/gpu/quad_painter.hpp"
#include "core/scene/scene.hpp"

namespace lm {

class SceneRenderer {
public:
    explicit SceneRenderer(VideoFormat format) : format_(format) {}
    ~SceneRenderer();  ///< releases every source's GPU state
    SceneRenderer(const SceneRenderer&) = delete;
    SceneRenderer& operator=(const SceneRenderer&) = delete;

    QuadPainter& painter() { return painter_; }

    /// Clears `target` to black and draws `scene`'s visible items, bottom first.
    void draw(RenderTarget& target, const Scene* scene, int64_t index, int64_t pts_ns);
    /// Frees the GPU state of every source none of `scenes` (nulls allowed) shows.
    void release_unused(std::initializer_list<const Scene*> scenes);

private:
    const VideoFormat format_;
    QuadPainter painter_;
    std::vector<std::shared_ptr<Source>> gpu_sources_;  // sources that may hold GL objects
};

}  // namespace lm
