#include "ui/preview/preview_overlay.hpp"

#include <QPainter>
#include <QPolygonF>

namespace lm::ui {
namespace {

QPolygonF polygon_of(const Quad& quad) {
    return QPolygonF({quad[0], quad[1], quad[2], quad[3]});
}

}  // namespace

void PreviewOverlay::paint_selection(QPainter& painter, const Quad& quad, bool with_handles) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(colour(), 2));
    painter.drawPolygon(polygon_of(quad));
    if (with_handles) {
        const QPointF top_middle = handle_position(quad, Handle::top, kRotateOffsetPx);
        const QPointF rotate = handle_position(quad, Handle::rotate, kRotateOffsetPx);
        painter.drawLine(top_middle, rotate);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour());
        painter.drawEllipse(rotate, kHandleSizePx / 2 + 1, kHandleSizePx / 2 + 1);
        // Squares stay axis-aligned whatever the rotation, as in OBS: they are grips, not part
        // of the item.
        const QSizeF size(kHandleSizePx, kHandleSizePx);
        for (Handle handle :
             {Handle::top_left, Handle::top, Handle::top_right, Handle::right, Handle::bottom_right,
              Handle::bottom, Handle::bottom_left, Handle::left}) {
            const QPointF at = handle_position(quad, handle, kRotateOffsetPx);
            painter.drawRect(QRectF(at - QPointF(size.width() / 2, size.height() / 2), size));
        }
    }
    painter.restore();
}

void PreviewOverlay::paint_hover(QPainter& painter, const Quad& quad) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(colour(), 1));
    painter.drawPolygon(polygon_of(quad));
    painter.restore();
}

}  // namespace lm::ui
