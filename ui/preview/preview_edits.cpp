#include "ui/preview/preview_edits.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace lm::ui {
namespace {

constexpr double kMinimumSizePx = 1.0;

QPointF centre_of(const ItemTransform& transform, const ItemPlacement& placement) {
    return {transform.position.x + placement.size.x / 2,
            transform.position.y + placement.size.y / 2};
}

/// `transform` with its position changed so that the point on side(s) `anchor` of its box
/// (-1/0/+1 per axis, from the centre) lands on `anchor_canvas`.
ItemTransform anchored(ItemTransform transform, int source_width, int source_height,
                       HandleSides anchor, QPointF anchor_canvas) {
    const Vec2 size = place_item(transform, source_width, source_height).size;
    const QPointF from_centre =
        rotated({anchor.x * size.x / 2, anchor.y * size.y / 2}, transform.rotation_deg);
    const QPointF centre = anchor_canvas - from_centre;
    transform.position = {centre.x() - size.x / 2, centre.y() - size.y / 2};
    return transform;
}

/// Where the point on side(s) `anchor` of the item's box is on the canvas.
QPointF anchor_point(const ItemTransform& transform, const ItemPlacement& placement,
                     HandleSides anchor) {
    return centre_of(transform, placement) +
           rotated({anchor.x * placement.size.x / 2, anchor.y * placement.size.y / 2},
                   transform.rotation_deg);
}

/// `canvas_px` in the box's own unrotated axes, relative to the box's top-left corner.
QPointF in_box(const ItemTransform& transform, const ItemPlacement& placement, QPointF canvas_px) {
    const QPointF local =
        rotated(canvas_px - centre_of(transform, placement), -transform.rotation_deg);
    return local + QPointF(placement.size.x / 2, placement.size.y / 2);
}

double sign_of(double value) {
    return value < 0 ? -1.0 : 1.0;
}

}  // namespace

ItemTransform resized(const ItemTransform& start, int source_width, int source_height,
                      Handle handle, QPointF canvas_px, bool keep_aspect) {
    const HandleSides sides = sides_of(handle);
    if (sides.x == 0 && sides.y == 0)
        return start;
    const ItemPlacement placement = place_item(start, source_width, source_height);
    const auto& rect = placement.source_rect;
    const double cropped_w = rect[2] - rect[0];
    const double cropped_h = rect[3] - rect[1];
    if (cropped_w <= 0 || cropped_h <= 0)
        return start;  // nothing visible to size

    const HandleSides anchor{-sides.x, -sides.y};
    const QPointF anchor_canvas = anchor_point(start, placement, anchor);
    // The pointer measured from the anchor, along the box's own axes.
    const QPointF pull = rotated(canvas_px - anchor_canvas, -start.rotation_deg);
    const double old_w = placement.size.x;
    const double old_h = placement.size.y;
    double width = sides.x != 0 ? std::max(sides.x * pull.x(), kMinimumSizePx) : old_w;
    double height = sides.y != 0 ? std::max(sides.y * pull.y(), kMinimumSizePx) : old_h;
    if (keep_aspect && sides.x != 0 && sides.y != 0 && old_w > 0 && old_h > 0) {
        // Projecting the pointer on the box's diagonal makes the corner follow it smoothly
        // whichever way the pointer strays.
        const double along = (sides.x * pull.x() * old_w + sides.y * pull.y() * old_h) /
                             (old_w * old_w + old_h * old_h);
        const double factor = std::max(along, kMinimumSizePx / std::min(old_w, old_h));
        width = old_w * factor;
        height = old_h * factor;
    }

    ItemTransform next = start;
    if (start.bounds_type == BoundsType::none) {
        next.scale = {sign_of(start.scale.x) * width / cropped_w,
                      sign_of(start.scale.y) * height / cropped_h};
    } else {
        next.bounds = {width, height};
    }
    return anchored(next, source_width, source_height, anchor, anchor_canvas);
}

ItemTransform cropped(const ItemTransform& start, int source_width, int source_height,
                      Handle handle, QPointF canvas_px) {
    const HandleSides sides = sides_of(handle);
    if ((sides.x == 0 && sides.y == 0) || source_width <= 0 || source_height <= 0)
        return start;
    const ItemPlacement placement = place_item(start, source_width, source_height);
    const Mat3& m = placement.source_to_canvas;
    // The content's scale (source to canvas pixels) is the length of the matrix's columns,
    // whatever the rotation; the content sits centred in the box (letterbox of scale_inner).
    const double scale_x = std::hypot(m[0], m[1]);
    const double scale_y = std::hypot(m[3], m[4]);
    if (scale_x <= 0 || scale_y <= 0)
        return start;
    const auto& rect = placement.source_rect;
    const double content_w = (rect[2] - rect[0]) * scale_x;
    const double content_h = (rect[3] - rect[1]) * scale_y;
    const double margin_x = (placement.size.x - content_w) / 2;
    const double margin_y = (placement.size.y - content_h) / 2;
    const QPointF pointer = in_box(start, placement, canvas_px);

    // A mirrored item shows the source's right side on its left.
    const bool mirrored_x = start.bounds_type == BoundsType::none && start.scale.x < 0;
    const bool mirrored_y = start.bounds_type == BoundsType::none && start.scale.y < 0;
    Crop crop = start.crop;
    auto cut = [](int& near_side, int far_side, int size, double by_px) {
        near_side = std::clamp(near_side + static_cast<int>(std::lround(by_px)), 0,
                               std::max(size - far_side - 1, 0));
    };
    if (sides.x != 0) {
        // Source pixels the box edge moved inwards.
        const double inwards = sides.x < 0 ? (pointer.x() - margin_x) / scale_x
                                           : (margin_x + content_w - pointer.x()) / scale_x;
        const bool cuts_left = (sides.x < 0) != mirrored_x;
        if (cuts_left)
            cut(crop.left, crop.right, source_width, inwards);
        else
            cut(crop.right, crop.left, source_width, inwards);
    }
    if (sides.y != 0) {
        const double inwards = sides.y < 0 ? (pointer.y() - margin_y) / scale_y
                                           : (margin_y + content_h - pointer.y()) / scale_y;
        const bool cuts_top = (sides.y < 0) != mirrored_y;
        if (cuts_top)
            cut(crop.top, crop.bottom, source_height, inwards);
        else
            cut(crop.bottom, crop.top, source_height, inwards);
    }

    ItemTransform next = start;
    next.crop = crop;
    const HandleSides anchor{-sides.x, -sides.y};
    return anchored(next, source_width, source_height, anchor,
                    anchor_point(start, placement, anchor));
}

double normalised_rotation(double rotation_deg) {
    if (!std::isfinite(rotation_deg))
        return 0;
    const double wrapped = std::fmod(rotation_deg, 360.0);
    return wrapped < 0 ? wrapped + 360.0 : wrapped;
}

double rotation_towards(QPointF centre, QPointF canvas_px, bool snap) {
    const QPointF d = canvas_px - centre;
    if (d.isNull())
        return 0;
    // 0 degrees points up; clockwise on a y-down canvas.
    double degrees = std::atan2(d.x(), -d.y()) * 180.0 / std::numbers::pi;
    if (snap)
        degrees = std::round(degrees / 15.0) * 15.0;
    return normalised_rotation(degrees);
}

ItemTransform fitted_to_canvas(const ItemTransform& start, int source_width, int source_height,
                               QSizeF canvas) {
    const ItemPlacement placement = place_item(start, source_width, source_height);
    const auto& rect = placement.source_rect;
    // The unscaled box: the cropped source, or the bounds' shape.
    const bool bounded = start.bounds_type != BoundsType::none;
    const double base_w = bounded ? placement.size.x : rect[2] - rect[0];
    const double base_h = bounded ? placement.size.y : rect[3] - rect[1];
    if (base_w <= 0 || base_h <= 0 || canvas.isEmpty())
        return start;
    // What the rotated box covers, per unit of scale.
    const QPointF across = rotated({base_w, 0}, start.rotation_deg);
    const QPointF down = rotated({0, base_h}, start.rotation_deg);
    const double cover_w = std::abs(across.x()) + std::abs(down.x());
    const double cover_h = std::abs(across.y()) + std::abs(down.y());
    const double factor = std::min(canvas.width() / cover_w, canvas.height() / cover_h);

    ItemTransform next = start;
    if (bounded)
        next.bounds = {base_w * factor, base_h * factor};
    else
        next.scale = {sign_of(start.scale.x) * factor, sign_of(start.scale.y) * factor};
    return centred_on_canvas(next, source_width, source_height, canvas);
}

ItemTransform stretched_to_canvas(const ItemTransform& start, QSizeF canvas) {
    ItemTransform next = start;
    next.bounds_type = BoundsType::stretch;
    next.bounds = {canvas.width(), canvas.height()};
    next.position = {0, 0};
    return next;
}

ItemTransform centred_on_canvas(const ItemTransform& start, int source_width, int source_height,
                                QSizeF canvas) {
    const Vec2 size = place_item(start, source_width, source_height).size;
    ItemTransform next = start;
    // Rotation turns the box around its centre, so centring the unrotated box is enough.
    next.position = {(canvas.width() - size.x) / 2, (canvas.height() - size.y) / 2};
    return next;
}

}  // namespace lm::ui
