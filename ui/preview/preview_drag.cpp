#include "ui/preview/preview_drag.hpp"

#include "ui/preview/preview_edits.hpp"

namespace lm::ui {

PreviewDrag::PreviewDrag(Kind kind, const ItemView& item, Handle handle, QPointF press_canvas_px)
    : kind_(kind), item_(item), handle_(handle), press_canvas_px_(press_canvas_px) {}

ItemTransform PreviewDrag::transform_at(QPointF canvas_px, Qt::KeyboardModifiers modifiers,
                                        QSizeF canvas, double snap_threshold_px) const {
    const ItemTransform& start = item_.transform;
    switch (kind_) {
        case Kind::move:
            return moved_to(canvas_px, !(modifiers & Qt::ControlModifier), canvas,
                            snap_threshold_px);
        case Kind::resize:
            return resized(start, item_.width, item_.height, handle_, canvas_px,
                           !(modifiers & Qt::ShiftModifier));
        case Kind::crop:
            return cropped(start, item_.width, item_.height, handle_, canvas_px);
        case Kind::rotate: {
            ItemTransform next = start;
            const Quad quad = item_quad(start, item_.width, item_.height);
            next.rotation_deg =
                rotation_towards(quad_centre(quad), canvas_px, modifiers & Qt::ShiftModifier);
            return next;
        }
    }
    return start;
}

ItemTransform PreviewDrag::moved_to(QPointF canvas_px, bool snap, QSizeF canvas,
                                    double threshold) const {
    ItemTransform next = item_.transform;
    const QPointF delta = canvas_px - press_canvas_px_;
    next.position.x += delta.x();
    next.position.y += delta.y();
    if (snap) {
        const QPointF shift = snap_offset(bounding_rect(item_quad(next, item_.width, item_.height)),
                                          canvas, threshold);
        next.position.x += shift.x();
        next.position.y += shift.y();
    }
    return next;
}

}  // namespace lm::ui
