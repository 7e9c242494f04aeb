#include "ui/window/program_view.hpp"

#include <QPainter>

#include "core/media/video_frame.hpp"

namespace lm::ui {

ProgramView::ProgramView(FrameSource frames, QWidget* parent)
    : QWidget(parent), frames_(std::move(frames)) {
    setObjectName("programView");
    setMinimumSize(160, 90);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ProgramView::refresh() {
    std::shared_ptr<const VideoFrame> frame = frames_ ? frames_() : nullptr;
    if (!frame || frame == frame_)
        return;
    frame_ = std::move(frame);
    image_ = QImage(frame_->data(0), frame_->width(), frame_->height(), frame_->stride(0),
                    QImage::Format_RGBA8888);
    update();
}

void ProgramView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x18, 0x19, 0x1f));
    if (image_.isNull())
        return;
    QSizeF size = QSizeF(image_.size()).scaled(QSizeF(this->size()) * 0.98, Qt::KeepAspectRatio);
    const QRectF target(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2),
                        size);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, image_);
}

}  // namespace lm::ui
