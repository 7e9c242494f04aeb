#include "ui/preview/preview_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lm::ui {
namespace {

double cross(QPointF a, QPointF b) {
    return a.x() * b.y() - a.y() * b.x();
}

double distance(QPointF a, QPointF b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

/// The shift (target - edge) of smallest size among `edges` x `targets` within `threshold`.
double nearest_snap(const std::array<double, 3>& edges, const std::array<double, 3>& targets,
                    double threshold) {
    double best = 0;
    double best_distance = std::numeric_limits<double>::infinity();
    for (double edge : edges) {
        for (double target : targets) {
            const double shift = target - edge;
            if (std::abs(shift) <= threshold && std::abs(shift) < best_distance) {
                best = shift;
                best_distance = std::abs(shift);
            }
        }
    }
    return best;
}

}  // namespace

Letterbox Letterbox::fit(QSizeF area, QSizeF canvas, double margin_px) {
    Letterbox box;
    if (canvas.width() <= 0 || canvas.height() <= 0 || area.isEmpty())
        return box;
    // Never let the margin eat more than a quarter of the smaller side.
    const double margin = std::clamp(margin_px, 0.0, std::min(area.width(), area.height()) / 4.0);
    const double free_w = area.width() - 2 * margin;
    const double free_h = area.height() - 2 * margin;
    box.scale = std::min(free_w / canvas.width(), free_h / canvas.height());
    const QSizeF size(canvas.width() * box.scale, canvas.height() * box.scale);
    box.picture = QRectF(
        QPointF((area.width() - size.width()) / 2, (area.height() - size.height()) / 2), size);
    return box;
}

QPointF Letterbox::to_widget(QPointF canvas_px) const {
    return picture.topLeft() + canvas_px * scale;
}

QPointF Letterbox::to_canvas(QPointF widget_px) const {
    return scale > 0 ? (widget_px - picture.topLeft()) / scale : QPointF();
}

QPointF rotated(QPointF vector, double rotation_deg) {
    // A one-pixel probe around the origin: its matrix's linear part is the rotation alone.
    ItemTransform probe;
    probe.rotation_deg = rotation_deg;
    const Mat3 m = place_item(probe, 1, 1).source_to_canvas;
    return {m[0] * vector.x() + m[3] * vector.y(), m[1] * vector.x() + m[4] * vector.y()};
}

Quad item_quad(const ItemTransform& transform, int source_width, int source_height) {
    const ItemPlacement placement = place_item(transform, source_width, source_height);
    const double half_w = placement.size.x / 2;
    const double half_h = placement.size.y / 2;
    // place_item rotates the box around its centre, which stays at position + size / 2.
    const QPointF centre(transform.position.x + half_w, transform.position.y + half_h);
    const double angle = transform.rotation_deg;
    return {centre + rotated({-half_w, -half_h}, angle), centre + rotated({half_w, -half_h}, angle),
            centre + rotated({half_w, half_h}, angle), centre + rotated({-half_w, half_h}, angle)};
}

QPointF quad_centre(const Quad& quad) {
    return (quad[0] + quad[2]) / 2;
}

Quad Letterbox::to_widget(const Quad& canvas_quad) const {
    Quad out;
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = to_widget(canvas_quad[i]);
    return out;
}

bool quad_contains(const Quad& quad, QPointF point) {
    // Inside a convex polygon the point is on the same side of every edge, whichever way
    // round the corners run.
    bool any_positive = false;
    bool any_negative = false;
    for (size_t i = 0; i < quad.size(); ++i) {
        const QPointF from = quad[i];
        const QPointF to = quad[(i + 1) % quad.size()];
        const double side = cross(to - from, point - from);
        any_positive |= side > 0;
        any_negative |= side < 0;
    }
    const QRectF bounds = bounding_rect(quad);
    if (bounds.width() <= 0 || bounds.height() <= 0)
        return false;  // an empty box covers nothing
    return !(any_positive && any_negative);
}

QRectF bounding_rect(const Quad& quad) {
    double left = quad[0].x();
    double right = left;
    double top = quad[0].y();
    double bottom = top;
    for (const QPointF& corner : quad) {
        left = std::min(left, corner.x());
        right = std::max(right, corner.x());
        top = std::min(top, corner.y());
        bottom = std::max(bottom, corner.y());
    }
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

int item_at(const std::vector<ItemView>& items, QPointF canvas_px) {
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        if (!it->visible || it->width <= 0 || it->height <= 0)
            continue;
        if (quad_contains(item_quad(it->transform, it->width, it->height), canvas_px))
            return it->id;
    }
    return 0;
}

HandleSides sides_of(Handle handle) {
    switch (handle) {
        case Handle::top_left:
            return {-1, -1};
        case Handle::top:
            return {0, -1};
        case Handle::top_right:
            return {1, -1};
        case Handle::right:
            return {1, 0};
        case Handle::bottom_right:
            return {1, 1};
        case Handle::bottom:
            return {0, 1};
        case Handle::bottom_left:
            return {-1, 1};
        case Handle::left:
            return {-1, 0};
        case Handle::none:
        case Handle::rotate:
            break;
    }
    return {};
}

QPointF handle_position(const Quad& quad, Handle handle, double rotate_offset) {
    const QPointF top_middle = (quad[0] + quad[1]) / 2;
    if (handle == Handle::rotate) {
        // Outwards is from the bottom edge towards the top edge.
        const QPointF up = top_middle - (quad[3] + quad[2]) / 2;
        const double length = std::hypot(up.x(), up.y());
        // A box with no height still needs its handle above it, in the unrotated "up".
        const QPointF unit = length > 0 ? up / length : QPointF(0, -1);
        return top_middle + unit * rotate_offset;
    }
    const HandleSides sides = sides_of(handle);
    // Bilinear position in the quad: sides -1/0/+1 map to 0, 0.5, 1 along each edge.
    const double u = (sides.x + 1) / 2.0;
    const double v = (sides.y + 1) / 2.0;
    const QPointF top = quad[0] + (quad[1] - quad[0]) * u;
    const QPointF bottom = quad[3] + (quad[2] - quad[3]) * u;
    return top + (bottom - top) * v;
}

Handle handle_at(const Quad& quad, QPointF point, double radius, double rotate_offset) {
    Handle best = Handle::none;
    double best_distance = radius;
    for (Handle handle :
         {Handle::top_left, Handle::top, Handle::top_right, Handle::right, Handle::bottom_right,
          Handle::bottom, Handle::bottom_left, Handle::left, Handle::rotate}) {
        const double d = distance(handle_position(quad, handle, rotate_offset), point);
        if (d <= best_distance) {
            best = handle;
            best_distance = d;
        }
    }
    return best;
}

QPointF snap_offset(const QRectF& item_bounds, QSizeF canvas, double threshold) {
    const double dx =
        nearest_snap({item_bounds.left(), item_bounds.center().x(), item_bounds.right()},
                     {0.0, canvas.width() / 2, canvas.width()}, threshold);
    const double dy =
        nearest_snap({item_bounds.top(), item_bounds.center().y(), item_bounds.bottom()},
                     {0.0, canvas.height() / 2, canvas.height()}, threshold);
    return {dx, dy};
}

}  // namespace lm::ui
