// One mouse drag on the preview: what it edits (move, resize, crop or rotate an item), the
// item's transform when it began, and the transform for wherever the pointer is now. Always
// computed from the start, so a long drag never accumulates rounding.
#pragma once

#include <QPointF>
#include <QSizeF>
#include <Qt>

#include "core/scene/scene_item.hpp"
#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_geometry.hpp"

namespace lm::ui {

class PreviewDrag {
public:
    enum class Kind {
        move = 1,
        resize,  ///< a corner or edge handle
        crop,    ///< a corner or edge handle with Alt held
        rotate,  ///< the rotation handle
    };

    /// A drag of `item` that began at `press_canvas_px`; `handle` is the grip for resize, crop
    /// and rotate.
    PreviewDrag(Kind kind, const ItemView& item, Handle handle, QPointF press_canvas_px);

    Kind kind() const { return kind_; }
    int item_id() const { return item_.id; }
    Handle handle() const { return handle_; }

    /// The item's transform with the pointer at `canvas_px`. Moving snaps to the canvas's
    /// edges and centre lines within `snap_threshold_px` canvas pixels unless Ctrl is held;
    /// corners keep the aspect unless Shift is held; rotating snaps to 15 degrees with Shift.
    ItemTransform transform_at(QPointF canvas_px, Qt::KeyboardModifiers modifiers, QSizeF canvas,
                               double snap_threshold_px) const;

private:
    ItemTransform moved_to(QPointF canvas_px, bool snap, QSizeF canvas, double threshold) const;

    Kind kind_;
    ItemView item_;
    Handle handle_;
    QPointF press_canvas_px_;
};

}  // namespace lm::ui
