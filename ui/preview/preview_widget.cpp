#include "ui/preview/preview_widget.hpp"

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QUrl>

#include <cmath>
#include <numbers>

#include "ui/model/studio_controller.hpp"
#include "ui/preview/preview_actions.hpp"
#include "ui/preview/preview_overlay.hpp"

namespace lm::ui {
namespace {

/// The resize cursor closest to the direction from the item's centre to the handle.
Qt::CursorShape resize_cursor(QPointF from_centre) {
    // Angle folded into [0, 180): 0 is horizontal, 90 vertical (y down).
    double degrees = std::atan2(from_centre.y(), from_centre.x()) * 180.0 / std::numbers::pi;
    degrees = std::fmod(degrees + 360.0, 180.0);
    if (degrees < 22.5 || degrees >= 157.5)
        return Qt::SizeHorCursor;
    if (degrees < 67.5)
        return Qt::SizeFDiagCursor;
    if (degrees < 112.5)
        return Qt::SizeVerCursor;
    return Qt::SizeBDiagCursor;
}

}  // namespace

PreviewWidget::PreviewWidget(StudioController& controller, FrameSource frame_source,
                             QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      frame_source_(std::move(frame_source)),
      actions_(new PreviewActions(controller, this)) {
    setObjectName("preview");
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    // Every pixel is painted each time: Qt need not clear the background first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 90);
    connect(actions_, &PreviewActions::propertiesRequested, this,
            &PreviewWidget::propertiesRequested);
    connect(actions_, &PreviewActions::filtersRequested, this, &PreviewWidget::filtersRequested);
    connect(&controller_, &StudioController::itemsChanged, this, &PreviewWidget::items_changed);
    connect(&controller_, &StudioController::currentSceneChanged, this, [this] {
        drag_.reset();
        select_item(0);
    });
}

PreviewWidget::~PreviewWidget() = default;

void PreviewWidget::refresh() {
    std::shared_ptr<const VideoFrame> frame = frame_source_ ? frame_source_() : nullptr;
    if (frame && (frame->format() != PixelFormat::rgba || frame->width() <= 0))
        frame = nullptr;  // only RGBA can be shown without converting
    if (frame == frame_ && (!frame || frame->index == frame_index_))
        return;
    // The image only points at the frame's pixels; frame_ keeps them alive.
    image_ = frame ? QImage(frame->data(0), frame->width(), frame->height(), frame->stride(0),
                            QImage::Format_RGBA8888)
                   : QImage();
    frame_ = std::move(frame);
    frame_index_ = frame_ ? frame_->index : -1;
    update();
}

void PreviewWidget::select_item(int id) {
    if (id != 0 && !controller_.item(id))
        id = 0;
    actions_->set_item(id);
    if (id == selected_)
        return;
    selected_ = id;
    update();
    emit itemSelected(id);
}

QSizeF PreviewWidget::canvas_size() const {
    return QSizeF(controller_.canvas_width(), controller_.canvas_height());
}

Letterbox PreviewWidget::letterbox() const {
    return Letterbox::fit(QSizeF(size()), canvas_size(), kMarginPx);
}

QRectF PreviewWidget::picture_rect() const {
    return letterbox().picture;
}

QPointF PreviewWidget::to_widget(QPointF canvas_px) const {
    return letterbox().to_widget(canvas_px);
}

QPointF PreviewWidget::to_canvas(QPointF widget_px) const {
    return letterbox().to_canvas(widget_px);
}

QSize PreviewWidget::sizeHint() const {
    return QSize(640, 360);
}

std::optional<Quad> PreviewWidget::widget_quad(int id) const {
    const std::optional<ItemView> view = id != 0 ? controller_.item(id) : std::nullopt;
    if (!view || !view->visible || view->width <= 0 || view->height <= 0)
        return std::nullopt;
    return letterbox().to_widget(item_quad(view->transform, view->width, view->height));
}

void PreviewWidget::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), background_colour());
    const QRectF picture = picture_rect();
    if (image_.isNull())
        painter.fillRect(picture, Qt::black);  // the empty canvas, before the first frame
    else
        painter.drawImage(picture, image_);

    if (hovered_ != 0 && hovered_ != selected_) {
        if (const auto quad = widget_quad(hovered_))
            PreviewOverlay::paint_hover(painter, *quad);
    }
    if (const auto quad = widget_quad(selected_)) {
        const auto view = controller_.item(selected_);
        PreviewOverlay::paint_selection(painter, *quad, view && !view->locked);
    }
}

Handle PreviewWidget::handle_under(QPointF widget_px) const {
    const auto view = controller_.item(selected_);
    const auto quad = widget_quad(selected_);
    if (!view || view->locked || !quad)
        return Handle::none;
    return handle_at(*quad, widget_px, PreviewOverlay::kGrabRadiusPx,
                     PreviewOverlay::kRotateOffsetPx);
}

void PreviewWidget::begin_drag(QPointF widget_px, Qt::KeyboardModifiers modifiers) {
    const QPointF canvas_px = to_canvas(widget_px);
    if (const Handle handle = handle_under(widget_px); handle != Handle::none) {
        const PreviewDrag::Kind kind = handle == Handle::rotate      ? PreviewDrag::Kind::rotate
                                       : modifiers & Qt::AltModifier ? PreviewDrag::Kind::crop
                                                                     : PreviewDrag::Kind::resize;
        drag_.emplace(kind, *controller_.item(selected_), handle, canvas_px);
        return;
    }
    select_item(item_at(controller_.items(), canvas_px));
    const auto view = controller_.item(selected_);
    if (view && !view->locked)
        drag_.emplace(PreviewDrag::Kind::move, *view, Handle::none, canvas_px);
}

void PreviewWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    begin_drag(event->position(), event->modifiers());
    event->accept();
}

void PreviewWidget::mouseMoveEvent(QMouseEvent* event) {
    const QPointF at = event->position();
    if (!drag_) {
        update_hover(at);
        update_cursor(at);
        return;
    }
    const Letterbox box = letterbox();
    if (box.scale <= 0)
        return;
    const ItemTransform next = drag_->transform_at(box.to_canvas(at), event->modifiers(),
                                                   canvas_size(), kSnapDistancePx / box.scale);
    controller_.set_item_transform(drag_->item_id(), next);
    event->accept();
}

void PreviewWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && drag_) {
        drag_.reset();
        update_cursor(event->position());
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void PreviewWidget::leaveEvent(QEvent* event) {
    if (hovered_ != 0) {
        hovered_ = 0;
        update();
    }
    QWidget::leaveEvent(event);
}

void PreviewWidget::update_hover(QPointF widget_px) {
    const int under = item_at(controller_.items(), to_canvas(widget_px));
    if (under != hovered_) {
        hovered_ = under;
        update();
    }
}

void PreviewWidget::update_cursor(QPointF widget_px) {
    const Handle handle = handle_under(widget_px);
    if (handle == Handle::none) {
        unsetCursor();
    } else if (handle == Handle::rotate) {
        setCursor(Qt::CrossCursor);
    } else if (const auto quad = widget_quad(selected_)) {
        const QPointF at = handle_position(*quad, handle, PreviewOverlay::kRotateOffsetPx);
        setCursor(resize_cursor(at - quad_centre(*quad)));
    }
}

void PreviewWidget::keyPressEvent(QKeyEvent* event) {
    const double step = event->modifiers() & Qt::ShiftModifier ? 10 : 1;
    switch (event->key()) {
        case Qt::Key_Left:
            nudge(-step, 0);
            break;
        case Qt::Key_Right:
            nudge(step, 0);
            break;
        case Qt::Key_Up:
            nudge(0, -step);
            break;
        case Qt::Key_Down:
            nudge(0, step);
            break;
        case Qt::Key_Delete:
            if (selected_ != 0)
                controller_.remove_item(selected_);
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

void PreviewWidget::nudge(double dx, double dy) {
    std::optional<ItemView> view = controller_.item(selected_);
    if (!view || view->locked || drag_)
        return;
    view->transform.position.x += dx;
    view->transform.position.y += dy;
    controller_.set_item_transform(view->id, view->transform);
}

void PreviewWidget::contextMenuEvent(QContextMenuEvent* event) {
    drag_.reset();
    select_item(item_at(controller_.items(), to_canvas(event->pos())));
    if (QMenu* menu = actions_->create_menu(this)) {
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(event->globalPos());
    }
    event->accept();
}

void PreviewWidget::dragEnterEvent(QDragEnterEvent* event) {
    const QMimeData* data = event->mimeData();
    if (data && data->hasUrls()) {
        for (const QUrl& url : data->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
    event->ignore();
}

void PreviewWidget::dropEvent(QDropEvent* event) {
    QStringList paths;
    if (const QMimeData* data = event->mimeData()) {
        for (const QUrl& url : data->urls()) {
            if (url.isLocalFile())
                paths << url.toLocalFile();
        }
    }
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(paths, to_canvas(event->position()));
}

void PreviewWidget::items_changed() {
    // The selection goes with a removed item; a changed one may need new menu texts.
    if (selected_ != 0 && !controller_.item(selected_)) {
        drag_.reset();
        select_item(0);
    } else {
        actions_->set_item(selected_);
    }
    if (hovered_ != 0 && !controller_.item(hovered_))
        hovered_ = 0;
    update();
}

}  // namespace lm::ui
