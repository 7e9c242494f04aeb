// How the preview marks items: the selected item's box outlined in red with eight square
// handles and a rotation handle above its top edge (OBS's look), a thin outline under the
// pointer. Sizes are widget pixels, so the marks look the same at any preview size.
#pragma once

#include <QColor>

#include "ui/preview/preview_geometry.hpp"

class QPainter;

namespace lm::ui {

struct PreviewOverlay {
    /// The selection red: a fixed colour because it means "selected" on any theme.
    static QColor colour() { return QColor(255, 48, 48); }
    static constexpr double kHandleSizePx = 8;
    /// How far the rotation handle sits above the middle of the top edge.
    static constexpr double kRotateOffsetPx = 24;
    /// How close the pointer must be to a handle to grab it.
    static constexpr double kGrabRadiusPx = 7;

    /// The selected item's box (`quad` in widget pixels), with handles unless it is locked.
    static void paint_selection(QPainter& painter, const Quad& quad, bool with_handles);
    /// The box of the item under the pointer.
    static void paint_hover(QPainter& painter, const Quad& quad);
};

}  // namespace lm::ui
