#include "ui/docks/dock_icons.hpp"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtMath>

#include <functional>

namespace lm::ui {
namespace {

// Every icon is drawn on a 16x16 grid and rendered at 1x and 2x, so it stays crisp on HiDPI.
constexpr int kGrid = 16;
constexpr int kScales[] = {1, 2};
// An "off" toggle is still drawn, faintly, so the column stays clickable and discoverable.
constexpr double kOffOpacity = 0.35;

using Drawing = std::function<void(QPainter&)>;

QPixmap render(const Drawing& draw, const QColor& ink, int scale, double opacity) {
    QPixmap pixmap(kGrid * scale, kGrid * scale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    painter.setOpacity(opacity);
    painter.setPen(QPen(ink, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    draw(painter);
    return pixmap;
}

QIcon plain_icon(const Drawing& draw, const QColor& ink) {
    QIcon icon;
    for (int scale : kScales)
        icon.addPixmap(render(draw, ink, scale, 1.0));
    return icon;
}

QIcon toggle_icon(const Drawing& on, const Drawing& off, const QColor& ink) {
    QIcon icon;
    for (int scale : kScales) {
        icon.addPixmap(render(on, ink, scale, 1.0), QIcon::Normal, QIcon::On);
        icon.addPixmap(render(off, ink, scale, kOffOpacity), QIcon::Normal, QIcon::Off);
    }
    return icon;
}

void draw_arrow(QPainter& p, bool up) {
    const double tip = up ? 3 : 13;
    const double wings = up ? 7 : 9;
    p.drawLine(QPointF(8, 3), QPointF(8, 13));
    p.drawPolyline(QPolygonF({QPointF(4, wings), QPointF(8, tip), QPointF(12, wings)}));
}

QPainterPath eye_outline() {
    QPainterPath path;
    path.moveTo(1.5, 8);
    path.quadTo(8, 1, 14.5, 8);
    path.quadTo(8, 15, 1.5, 8);
    return path;
}

void draw_open_eye(QPainter& p) {
    p.drawPath(eye_outline());
    p.setBrush(p.pen().color());
    p.drawEllipse(QPointF(8, 8), 2.2, 2.2);
}

void draw_closed_eye(QPainter& p) {
    QPainterPath lid;
    lid.moveTo(1.5, 7);
    lid.quadTo(8, 13, 14.5, 7);
    p.drawPath(lid);
    for (double x : {4.0, 8.0, 12.0})
        p.drawLine(QPointF(x, x == 8.0 ? 10.2 : 9.2), QPointF(x + (x - 8) * 0.15, 12.5));
}

void draw_padlock(QPainter& p, bool closed) {
    p.drawRoundedRect(QRectF(3, 8, 10, 6.5), 1.5, 1.5);
    // An open lock bow is lifted, its right leg out of the body.
    const double lift = closed ? 0 : 1.5;
    QPainterPath bow;
    bow.moveTo(5.5, 8 - lift);
    bow.lineTo(5.5, 5 - lift);
    bow.arcTo(QRectF(5.5, 2.5 - lift, 5, 5), 180, -180);
    bow.lineTo(10.5, closed ? 8 : 6 - lift);
    p.drawPath(bow);
}

void draw_gear(QPainter& p) {
    constexpr int kTeeth = 8;
    QPainterPath path;
    for (int i = 0; i < kTeeth * 2; ++i) {
        // Alternate outer (tooth) and inner radii, two points per step to square the teeth.
        const double radius = (i % 2 == 0) ? 6.5 : 4.8;
        for (double half : {-0.28, 0.28}) {
            const double angle = (i + half + 0.5) * M_PI / kTeeth;
            const QPointF point(8 + radius * std::cos(angle), 8 + radius * std::sin(angle));
            if (path.elementCount() == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
    }
    path.closeSubpath();
    p.drawPath(path);
    p.drawEllipse(QPointF(8, 8), 1.8, 1.8);
}

}  // namespace

QIcon add_icon(const QColor& ink) {
    return plain_icon(
        [](QPainter& p) {
            p.drawLine(QPointF(8, 3), QPointF(8, 13));
            p.drawLine(QPointF(3, 8), QPointF(13, 8));
        },
        ink);
}

QIcon remove_icon(const QColor& ink) {
    return plain_icon([](QPainter& p) { p.drawLine(QPointF(3, 8), QPointF(13, 8)); }, ink);
}

QIcon up_icon(const QColor& ink) {
    return plain_icon([](QPainter& p) { draw_arrow(p, true); }, ink);
}

QIcon down_icon(const QColor& ink) {
    return plain_icon([](QPainter& p) { draw_arrow(p, false); }, ink);
}

QIcon properties_icon(const QColor& ink) {
    return plain_icon(draw_gear, ink);
}

QIcon filters_icon(const QColor& ink) {
    // A funnel: what goes through comes out changed.
    return plain_icon(
        [](QPainter& p) {
            p.drawPolygon(QPolygonF({QPointF(2, 3), QPointF(14, 3), QPointF(9.5, 8.5),
                                     QPointF(9.5, 13.5), QPointF(6.5, 12), QPointF(6.5, 8.5)}));
        },
        ink);
}

QIcon visibility_icon(const QColor& ink) {
    return toggle_icon(draw_open_eye, draw_closed_eye, ink);
}

QIcon lock_icon(const QColor& ink) {
    return toggle_icon([](QPainter& p) { draw_padlock(p, true); },
                       [](QPainter& p) { draw_padlock(p, false); }, ink);
}

}  // namespace lm::ui
