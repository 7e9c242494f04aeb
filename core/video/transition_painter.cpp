#include "core/video/transition_painter.hpp"

namespace lm {
namespace {

struct Offset {
    float x = 0;
    float y = 0;
};

/// Where a picture that has moved `share` of the way (0..1) towards `direction` sits.
Offset moved(Transition::Direction direction, double share, float width, float height) {
    const auto s = float(share);
    switch (direction) {
        case Transition::Direction::left:
            return {-s * width, 0};
        case Transition::Direction::right:
            return {s * width, 0};
        case Transition::Direction::up:
            return {0, -s * height};
        case Transition::Direction::down:
            return {0, s * height};
    }
    return {};
}

}  // namespace

void draw_stinger(QuadPainter& painter, TransitionOverlay& stinger, int64_t index, int64_t play_ns,
                  Rational frame_rate) {
    const int source_width = stinger.width();
    const int source_height = stinger.height();
    if (source_width <= 0 || source_height <= 0)
        return;
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    QuadGeometry geometry;
    geometry.canvas_width = float(viewport[2]);
    geometry.canvas_height = float(viewport[3]);
    geometry.source_width = float(source_width);
    geometry.source_height = float(source_height);
    geometry.source_rect = {0, 0, geometry.source_width, geometry.source_height};
    // Stretched over the whole canvas: a stinger is made for the canvas's shape.
    geometry.source_to_canvas = {geometry.canvas_width / geometry.source_width,
                                 0,
                                 0,
                                 0,
                                 geometry.canvas_height / geometry.source_height,
                                 0,
                                 0,
                                 0,
                                 1};
    VideoRenderContext context{painter, geometry, index, play_ns, frame_rate};
    stinger.render_video(context);
}

void paint_transition(QuadPainter& painter, const Transition& transition, double progress,
                      const GlTexture& from, const GlTexture& to) {
    GLint viewport[4] = {0, 0, 0, 0};
    glGetIntegerv(GL_VIEWPORT, viewport);
    const auto width = float(viewport[2]);
    const auto height = float(viewport[3]);
    // The incoming picture starts one canvas away, against the direction of travel.
    const Offset incoming = moved(transition.direction, progress - 1.0, width, height);
    switch (transition.kind) {
        case Transition::Kind::cut:
            painter.blit(to);
            return;
        case Transition::Kind::fade:
            painter.blit(to);
            painter.blit(from, float(1.0 - progress));
            return;
        case Transition::Kind::slide: {
            glClearColor(0, 0, 0, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            const Offset outgoing = moved(transition.direction, progress, width, height);
            painter.blit(from, 1.0f, outgoing.x, outgoing.y);
            painter.blit(to, 1.0f, incoming.x, incoming.y);
            return;
        }
        case Transition::Kind::swipe:
            painter.blit(from);
            painter.blit(to, 1.0f, incoming.x, incoming.y);
            return;
        case Transition::Kind::stinger:
            // The scenes switch at the transition point; the video goes over them afterwards
            // (draw_stinger), hiding the moment.
            painter.blit(transition.duration_ms > 0 &&
                                 progress * transition.duration_ms < transition.stinger_point_ms
                             ? from
                             : to);
            return;
        case Transition::Kind::fade_to_color: {
            const uint32_t c = transition.color;
            const float r = float((c >> 16) & 0xff) / 255.0f;
            const float g = float((c >> 8) & 0xff) / 255.0f;
            const float b = float(c & 0xff) / 255.0f;
            // First half: the old scene under a growing colour; second half: the colour lifts
            // off the new one.
            if (progress < 0.5) {
                painter.blit(from);
                painter.fill(r, g, b, float(progress * 2.0));
            } else {
                painter.blit(to);
                painter.fill(r, g, b, float((1.0 - progress) * 2.0));
            }
            return;
        }
    }
}

}  // namespace lm
