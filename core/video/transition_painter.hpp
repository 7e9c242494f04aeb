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

/// Draws a stinger's video at `play_ns` of its run, stretched over the whole bound target,
/// over what is there (with the video's alpha).
void draw_stinger(QuadPainter& painter, TransitionOverlay& stinger, int64_t index, int64_t play_ns,
                  Rational frame_rate);

}  // namespace lm
