// Geometry of the preview: where the canvas sits in the widget, where each item lies on the
// canvas, which handle is under the pointer and how a moved item snaps. Plain functions over
// canvas and widget coordinates, so they are tested without a widget.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <array>
#include <vector>

#include "core/scene/scene_item.hpp"
#include "ui/model/studio_controller.hpp"

namespace lm::ui {

/// The corners of an item's box in the order top-left, top-right, bottom-right, bottom-left
/// (as the item sees them before rotation).
using Quad = std::array<QPointF, 4>;

/// The canvas drawn letterboxed in a widget: the largest rectangle of the canvas's aspect
/// that fits the widget less a margin, centred.
struct Letterbox {
    QRectF picture;    ///< the canvas in widget pixels
    double scale = 1;  ///< widget pixels per canvas pixel

    /// `canvas` in canvas pixels, `area` the widget's size; `margin_px` is left free on every
    /// side (shrunk when the widget is too small for it) so handles at the canvas edge show.
    static Letterbox fit(QSizeF area, QSizeF canvas, double margin_px);
    QPointF to_widget(QPointF canvas_px) const;
    QPointF to_canvas(QPointF widget_px) const;
    /// Maps a canvas quad into widget pixels.
    Quad to_widget(const Quad& canvas_quad) const;
};

/// `vector` turned clockwise by `rotation_deg` with the very rotation the GPU uses
/// (place_item's), so quarter turns stay exact.
QPointF rotated(QPointF vector, double rotation_deg);

/// The item's box on the canvas, rotated: exactly where place_item puts it.
Quad item_quad(const ItemTransform& transform, int source_width, int source_height);
QPointF quad_centre(const Quad& quad);
/// Whether `point` lies inside (or on the edge of) the convex `quad`.
bool quad_contains(const Quad& quad, QPointF point);
/// The axis-aligned rectangle around the quad.
QRectF bounding_rect(const Quad& quad);

/// The top-most visible video item (`items` bottom first) whose box holds `canvas_px`; 0 when
/// none does.
int item_at(const std::vector<ItemView>& items, QPointF canvas_px);

/// The grips of a selected item. Corners scale both axes, edges one, `rotate` sits above the
/// top edge.
enum class Handle {
    none = 1,
    top_left,
    top,
    top_right,
    right,
    bottom_right,
    bottom,
    bottom_left,
    left,
    rotate,
};

/// Which side a handle moves: -1 (left/top), 0 (neither), +1 (right/bottom), per axis.
struct HandleSides {
    int x = 0;
    int y = 0;
};
HandleSides sides_of(Handle handle);

/// Where `handle` sits for a quad (in the quad's coordinates). The rotation handle is
/// `rotate_offset` away from the middle of the top edge, outwards.
QPointF handle_position(const Quad& quad, Handle handle, double rotate_offset);
/// The handle within `radius` of `point` (the nearest when several are), or Handle::none.
Handle handle_at(const Quad& quad, QPointF point, double radius, double rotate_offset);

/// How far to shift an item whose bounding rectangle is `item_bounds` so that its nearest edge
/// or centre line lands on a canvas edge or centre line, per axis, when within `threshold`
/// canvas pixels; zero on an axis where nothing is that close.
QPointF snap_offset(const QRectF& item_bounds, QSizeF canvas, double threshold);

}  // namespace lm::ui
