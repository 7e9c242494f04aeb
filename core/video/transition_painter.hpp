// Composes one frame of a scene transition from the two scenes, each already drawn into a
// texture the size of the canvas. Video thread, GL context current, target bound.
#pragma once

#include "core/gpu/gl_objects.hpp"
#include "core/gpu/quad_painter.hpp"
#include "core/scene/transition.hpp"

namespace lm {

/// `progress` runs from 0 (all `from`) to 1 (all `to`). Draws over the whole bound target.
void paint_transition(QuadPainter& painter, const Transition& transition, double progress,
                      const GlTexture& from, const GlTexture& to);

}  // namespace lm
