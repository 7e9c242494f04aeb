// The transform edits the preview makes: resizing and cropping by a handle, rotating, and the
// Transform menu's fit / stretch / centre. Plain functions from one ItemTransform to the next,
// in canvas pixels, so they are tested without a widget.
#pragma once

#include <QPointF>
#include <QSizeF>

#include "core/scene/scene_item.hpp"
#include "ui/preview/preview_geometry.hpp"

namespace lm::ui {

/// The item resized by dragging `handle` (a corner or an edge) to `canvas_px`, the opposite
/// corner or edge staying where it is. Corners keep the box's aspect when `keep_aspect`;
/// edges change one axis. Changes `scale`, or `bounds` when the item uses bounds. The box
/// never gets smaller than one canvas pixel and never flips.
ItemTransform resized(const ItemTransform& start, int source_width, int source_height,
                      Handle handle, QPointF canvas_px, bool keep_aspect);

/// The item cropped by dragging `handle`'s side(s) to `canvas_px` (crop in source pixels; at
/// least one source pixel stays visible). Without bounds, the part still shown stays where it
/// was on the canvas.
ItemTransform cropped(const ItemTransform& start, int source_width, int source_height,
                      Handle handle, QPointF canvas_px);

/// The clockwise angle (degrees, [0, 360)) that points the item's "up" from `centre` at
/// `canvas_px`; rounded to 15 degrees when `snap`.
double rotation_towards(QPointF centre, QPointF canvas_px, bool snap);
/// `rotation_deg` wrapped into [0, 360) (0 for an angle that is not finite).
double normalised_rotation(double rotation_deg);

/// Scaled, keeping its aspect and rotation, to the largest size that fits inside the canvas,
/// and centred.
ItemTransform fitted_to_canvas(const ItemTransform& start, int source_width, int source_height,
                               QSizeF canvas);
/// Stretched over the whole canvas (bounds_type stretch, bounds = canvas).
ItemTransform stretched_to_canvas(const ItemTransform& start, QSizeF canvas);
/// Moved so that its centre is the canvas's centre.
ItemTransform centred_on_canvas(const ItemTransform& start, int source_width, int source_height,
                                QSizeF canvas);

}  // namespace lm::ui
